package org.rtxen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.rtxen.model.Scenario;

class ScenarioWriterTest {
    @Test
    void yaml_everyExampleScenario_readsBackEqual() throws IOException {
        Path examples = Path.of("..", "examples");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(examples, "*.yaml")) {
            for (Path f : files) {
                Scenario s = ScenarioReader.read(f);
                assertEquals(s, ScenarioReader.parse(ScenarioWriter.yaml(s), f + " (written back)"), f.toString());
            }
        }
    }
}
