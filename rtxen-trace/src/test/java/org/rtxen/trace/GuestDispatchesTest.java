package org.rtxen.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.rtxen.trace.TraceBuilder.BLOCKED;
import static org.rtxen.trace.TraceBuilder.IDLE;
import static org.rtxen.trace.TraceBuilder.RUNNABLE;
import static org.rtxen.trace.TraceBuilder.RUNNING;
import static org.rtxen.trace.TraceBuilder.record;
import static org.rtxen.trace.TraceBuilder.runstate;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Guest dispatches decoded from runstate changes (spec/xentrace.md 2.1), in the trace's time base. */
class GuestDispatchesTest {
    private static final long BASE = 5_000L;

    @Test
    void collector_keepsGuestChangesIntoAndOutOfRunning() throws Exception {
        GuestDispatches.Collector c = new GuestDispatches.Collector(TscRate.parse("1G"));
        XentraceReader.read(new TraceBuilder().window(0, List.of(
                record(0x0002_2802, BASE, 1 << 16),              // an RTDS pick: opens the time base, not a change
                runstate(BASE + 100, 1, 0, RUNNABLE, RUNNING),    // d1v0 dispatched at 100 ns
                runstate(BASE + 200, 0, 0, RUNNABLE, RUNNING),    // dom0: left out
                runstate(BASE + 300, IDLE, 0, RUNNING, RUNNABLE), // the idle VCPU: left out
                runstate(BASE + 400, 2, 3, RUNNABLE, BLOCKED),    // neither into nor out of running: left out
                runstate(BASE + 500, 1, 0, RUNNING, BLOCKED),     // d1v0 descheduled at 500 ns
                runstate(BASE + 600, 2, 3, BLOCKED, RUNNING)))    // d2v3 dispatched at 600 ns
                .buffer(), "t", c, new TraceWarnings());
        GuestDispatches d = c.result();
        // Times from the first record with a TSC (BASE), at 1 GHz one cycle per ns.
        assertArrayEquals(new long[] {100, 500, 600}, d.timeNs());
        assertArrayEquals(new int[] {1, 1, 2}, d.domains());
        assertArrayEquals(new int[] {0, 0, 3}, d.vcpus());
        assertArrayEquals(new boolean[] {true, false, true}, d.running());
    }
}
