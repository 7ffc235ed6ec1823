package org.rtxen.experiments.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.rtxen.experiments.sweep.SweepReader;
import org.rtxen.io.InputException;

/**
 * Fuzzes the sweep reader ({@code rtxen sweep SWEEP.yaml}), which also builds the first scenario of every
 * configuration and point (corpus in {@code SweepFuzzTestInputs/sweep}). Any input gives a sweep or an
 * {@link InputException} whose one-line message names the input; any other exception or a hang is a finding. A
 * relative {@code scenario:} path resolves against a directory that does not exist, so no file is read.
 */
class SweepFuzzTest {
    private static final String SOURCE = "fuzz-sweep.yaml";

    @FuzzTest(maxDuration = "2m")
    void sweep(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                SweepReader.parse(text, SOURCE, "fuzz", Path.of("/nonexistent-fuzz-dir"), SweepReader.Checking.NONE);
            } catch (InputException e) {
                String m = e.getMessage();
                assertFalse(m.contains("\n") || m.contains("\r"), () -> "message of more than one line: " + m);
                assertTrue(m.startsWith(SOURCE), () -> "message that does not name the input: " + m);
            }
        });
    }
}
