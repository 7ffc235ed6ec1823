package org.rtxen.trace.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.rtxen.trace.Accounting;
import org.rtxen.trace.TraceFormatException;
import org.rtxen.trace.TraceSummary;
import org.rtxen.trace.TscRate;

/**
 * Fuzzes {@code rtxen trace summary} on raw bytes, at xenalyze's default 2.4 GHz and at {@code --cpu-hz 1}, in both
 * accountings (corpus in {@code XentraceFuzzTestInputs/xentrace}: small valid traces and damaged ones). Any input gives
 * a summary, which {@link TraceSummary} has already checked for consistency (no VCPU's states nor pCPU's time add up
 * to more than the span), or a {@link TraceFormatException} with a one-line message naming the input; any other
 * exception or a hang is a finding.
 */
class XentraceFuzzTest {
    private static final String SOURCE = "fuzz-trace";
    private static final TscRate[] RATES = {TscRate.XENALYZE_DEFAULT, new TscRate(1)};

    @FuzzTest(maxDuration = "2m")
    void xentrace(byte[] input) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (TscRate rate : RATES) {
                for (Accounting accounting : Accounting.values()) {
                    try {
                        TraceSummary.read(ByteBuffer.wrap(input), SOURCE, rate, accounting);
                    } catch (TraceFormatException e) {
                        String m = e.getMessage();
                        assertFalse(m.contains("\n"), () -> "message of more than one line: " + m);
                        assertTrue(m.startsWith(SOURCE), () -> "message that does not name the input: " + m);
                    }
                }
            }
        });
    }
}
