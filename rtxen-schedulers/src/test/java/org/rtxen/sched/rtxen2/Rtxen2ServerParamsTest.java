package org.rtxen.sched.rtxen2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.model.params.VcpuServer;

/** Rtxen2Params as the planner's ServerParams: servers read and written in RT-Xen 2.0's whole milliseconds (G3). */
class Rtxen2ServerParamsTest {
    private static final long MS = Rtxen2Params.MS;

    @Test
    void allocationDefaultsServeTheGuestDefaults() {
        // G3: a guest without parameters runs 10 ms / 4 ms.
        assertEquals(new VcpuServer(10 * MS, 4 * MS), Rtxen2Params.ALLOCATION_DEFAULTS.server(0));
        assertEquals(MS, Rtxen2Params.ALLOCATION_DEFAULTS.minBudgetNs());
    }

    @Test
    void plannedServersAreRoundedToWholeMillisecondsNeverSupplyingLess() {
        // Budget 3.2 ms rounds up to 4 ms, 0.3 ms to the 1 ms minimum; a 10.5 ms period rounds down to 10 ms; a 9.9 ms
        // budget in that period becomes 10 ms, capped at the period.
        Rtxen2Params p = Rtxen2Params.GUEST_DEFAULTS.withServers(List.of(
                new VcpuServer(10 * MS, 3_200_000), new VcpuServer(10 * MS, 300_000), new VcpuServer(10_500_000, 9_900_000)));
        assertEquals(new VcpuServer(10 * MS, 4 * MS), p.server(0));
        assertEquals(new VcpuServer(10 * MS, MS), p.server(1));
        assertEquals(new VcpuServer(10 * MS, 10 * MS), p.server(2));
        // VCPU 0's server is also the domain-wide one.
        assertEquals(10 * MS, p.periodNs());
        assertEquals(4 * MS, p.budgetNs());
    }

    @Test
    void poolParamsSayHowServersAreScheduled() {
        Rtxen2PoolParams dmPs = new Rtxen2PoolParams(Priority.DM, ServerKind.PERIODIC, Quirks.FULL_FEATURE);
        assertEquals(true, dmPs.fixedPriority());
        assertEquals(true, dmPs.periodicServers());
        assertEquals(false, Rtxen2PoolParams.DEFAULTS.fixedPriority());
        assertEquals(false, Rtxen2PoolParams.DEFAULTS.periodicServers());
    }
}
