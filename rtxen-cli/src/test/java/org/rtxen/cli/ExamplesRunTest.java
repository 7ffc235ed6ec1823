package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.PoolSpec;
import org.rtxen.sched.Schedulers;

/** Every scenario in examples/ runs through {@code rtxen simulate} (shortened to 200 ms to keep the build quick). */
class ExamplesRunTest {
    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void simulate_example_exit0(Path example) {
        // A branch built without one of the example's policies skips it; the merged build has them all.
        assumeTrue(ScenarioReader.read(example).pools().stream().map(PoolSpec::scheduler)
                .allMatch(k -> Arrays.stream(Schedulers.values()).anyMatch(s -> s.kind() == k)),
                "a scheduler of " + example + " is not built in on this branch");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", example.toString(), "--duration", "200ms");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
    }
}
