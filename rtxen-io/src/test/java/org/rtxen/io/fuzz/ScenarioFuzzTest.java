package org.rtxen.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.rtxen.io.ScenarioReader;

/**
 * Fuzzes the scenario reader (YAML, and so the input of {@code rtxen plan}); corpus in
 * {@code ScenarioFuzzTestInputs/scenario}.
 */
class ScenarioFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void scenario(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        ReaderContract.check(() -> ScenarioReader.parse(text, ReaderContract.SOURCE));
    }
}
