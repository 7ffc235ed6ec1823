package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Golden JSON of {@code rtxen plan} and {@code rtxen analyze}, byte for byte, reviewed by hand once (the values are
 * derived below); a change to either layout must update the file on purpose.
 */
@Timeout(120)
class AnalysisGoldenTest {
    private static Path resource(String name) throws URISyntaxException {
        return Path.of(AnalysisGoldenTest.class.getResource("/golden/" + name).toURI());
    }

    private static String text(String name) throws IOException {
        try (InputStream in = AnalysisGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * plan-two-vcpus.yaml: t1 and t2 (10ms, 1ms) both go to vcpu0 (first fit decreasing onto the most loaded VCPU
     * that keeps a PRM interface), whose PRM at Π = 10ms needs Θ = 6ms (dbf(10ms) = 2ms ≤ 2Θ − 10ms), so its
     * budget is 6 000 000 ns (5 999 999 ns would give sbf(10ms) < 2ms); vcpu1 has no task and gets RTDS's minimum,
     * 10 000 ns. No overheads. The pool's VCPUs (10ms, 6ms) and (10ms, 10us) pass BCL on 2 pCPUs. The advice names
     * the saving: 60.0% instead of 60.1% of a pCPU.
     */
    @Test
    void planJson_matchesGolden() throws Exception {
        assertGolden("plan", "plan-two-vcpus.yaml", "plan-two-vcpus.json");
    }

    /**
     * late-taskset.yaml: one task (10ms, 6ms, deadline 5ms) on one CPU. EDF: dbf(5ms) = 6ms > 5ms; DM: the response
     * 6ms exceeds 5ms; GFB: total density 6/5 > 1, printed as the decimal 1.2 (the exact sum of a large set can run
     * to thousands of digits), and the task's own density is above 1; the other global tests refuse a WCET above
     * the deadline; partitioning finds no pCPU for it.
     */
    @Test
    void analyzeTaskSetJson_matchesGolden() throws Exception {
        assertGolden("analyze", "late-taskset.yaml", "late-taskset.analyze.json");
    }

    /** {@code rtxen COMMAND golden/INPUT --json} prints exactly golden/EXPECTED. */
    private static void assertGolden(String command, String input, String expected) throws Exception {
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen(command, resource(input).toString(), "--json");
        assertEquals(0, r.status(), r.err());
        assertEquals(text(expected), r.out().replace(System.lineSeparator(), "\n"));
    }
}
