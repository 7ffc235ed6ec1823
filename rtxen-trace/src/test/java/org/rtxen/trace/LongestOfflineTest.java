package org.rtxen.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.trace.TraceBuilder.OFFLINE;
import static org.rtxen.trace.TraceBuilder.RUNNABLE;
import static org.rtxen.trace.TraceBuilder.RUNNING;
import static org.rtxen.trace.TraceBuilder.runstate;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Offline intervals from runstate changes (spec/xentrace.md 2.1): the longest complete one per VCPU. */
class LongestOfflineTest {
    @Test
    void longestNs_completeIntervalsOnly_theLongestPerVcpu() throws Exception {
        LongestOffline l = new LongestOffline(TscRate.parse("1G"));
        XentraceReader.read(new TraceBuilder().window(1, List.of(
                runstate(1_000, 1, 0, RUNNING, OFFLINE),     // d1v0 parked at 1 us ...
                runstate(11_000, 1, 0, OFFLINE, RUNNABLE),   // ... unparked at 11 us: 10 us
                runstate(12_000, 1, 0, RUNNABLE, RUNNING),
                runstate(20_000, 1, 0, RUNNING, OFFLINE),    // parked at 20 us ...
                runstate(24_000, 1, 0, OFFLINE, RUNNABLE),   // ... 4 us: shorter, the longest stays 10 us
                runstate(30_000, 1, 1, RUNNABLE, OFFLINE),   // d1v1 parked from the queue, never unparked: cut by
                runstate(31_000, 2, 0, OFFLINE, RUNNABLE)))  // the end; d2v0 offline since before the trace: cut
                .buffer(), "t", l, new TraceWarnings());
        // At 1 GHz one cycle per ns.
        assertEquals(10_000, l.longestNs(1, 0));
        assertEquals(0, l.longestNs(1, 1));
        assertEquals(0, l.longestNs(2, 0));
    }
}
