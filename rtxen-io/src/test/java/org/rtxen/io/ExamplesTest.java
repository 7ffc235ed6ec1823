package org.rtxen.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtxen.model.Scenario;
import org.rtxen.sched.Schedulers;

/** Every scenario in the repository's examples/ directory is valid, and together they cover every scheduler. */
class ExamplesTest {
    /** The examples directory, seen from this module's directory where the tests run. */
    static final Path EXAMPLES = Path.of("..", "examples");

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void read_example_valid(Path file) {
        Scenario s = ScenarioReader.read(file);
        assertFalse(s.domains().isEmpty());
    }

    @Test
    void read_allExamples_coverEverySchedulerAndTheReadmeHeadline() throws IOException {
        Set<String> kinds = examples().stream().map(ScenarioReader::read)
                .flatMap(s -> s.pools().stream()).map(p -> p.scheduler()).collect(Collectors.toSet());
        assertTrue(kinds.containsAll(Schedulers.names()), "kinds covered: " + kinds);
        assertTrue(Files.exists(EXAMPLES.resolve("rtds-two-vms.yaml")), "the README runs this one");
    }
}
