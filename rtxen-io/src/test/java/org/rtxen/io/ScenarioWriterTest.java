package org.rtxen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.rtxen.model.Scenario;

/**
 * Scenarios written as YAML read back equal, every example scenario and names holding any character a YAML reader would
 * change, and a name with a lone surrogate is refused on reading, naming its field.
 */
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

    /**
     * Names with every kind of character a YAML reader would change (C0, DEL, C1, NEL, the line and paragraph
     * separators with spaces around them, the byte-order mark), quotes, backslashes and an emoji:
     * each written in the input as a YAML escape, read, written back and read again.
     */
    @Test
    void yaml_namesWithAnyCharacter_readBackEqual() {
        String[][] names = {{"a\\u0001b", "a\u0001b"}, {"a\\u007fb", "a\u007fb"}, {"a\\u0085b", "a\u0085b"},
            {"a\\u009fb", "a\u009fb"}, {"a \\u2028 b", "a \u2028 b"}, {"a \\u2029 b", "a \u2029 b"},
            {"\\ufeffa", "\ufeffa"}, {"q\\\"uo\\\\te", "q\"uo\\te"},
            {"\\U0001F600", "\ud83d\ude00"}, {" lead and trail ", " lead and trail "}, {"tab\\tnew\\nline", "tab\tnew\nline"}};
        for (String[] name : names) {
            Scenario read = ScenarioReader.parse("""
                    duration: 20ms
                    host: {pcpus: 1}
                    domains:
                      - name: "%s"
                        rtds: {period: 10ms, budget: 3ms}
                        guest: {tasks: [{name: t, period: 10ms, wcet: 1ms}]}
                    """.formatted(name[0]), "s.yaml");
            assertEquals(name[1], read.domains().get(0).name(), name[0]);
            Scenario again = ScenarioReader.parse(ScenarioWriter.yaml(read), "written back");
            assertEquals(name[1], again.domains().get(0).name(), name[0]);
        }
    }

    /** A lone surrogate cannot be written as UTF-8 by any output: the reader refuses it, naming the field. */
    @Test
    void read_aNameWithALoneSurrogate_isRefused() {
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () -> ScenarioReader.parse("""
                duration: 20ms
                host: {pcpus: 1}
                domains:
                  - name: "a\\ud800b"
                    rtds: {period: 10ms, budget: 3ms}
                """, "s.yaml"));
        assertEquals("s.yaml:4: domains[0].name: holds a lone UTF-16 surrogate (\\ud800), which no UTF-8 output can give"
                + " back", e.getMessage());
    }
}
