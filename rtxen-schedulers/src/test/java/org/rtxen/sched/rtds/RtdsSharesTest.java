package org.rtxen.sched.rtds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.sched.ScenarioBuilder.MS;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.rtds;
import static org.rtxen.sched.Runs.checked;
import static org.rtxen.sched.Runs.domain;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.ScenarioBuilder;

/** CPU shares of always-runnable RTDS VCPUs, computed by hand from the R rules. */
class RtdsSharesTest {

    /**
     * One pCPU, two CPU hogs: A 10ms/4ms, B 10ms/3ms, no extratime. Both deadlines sit on the 10 ms grid (R13);
     * each period A runs 4 ms, B 3 ms, both deplete (R9) and the pCPU idles 3 ms until the common replenishment
     * (R15). Over 1 s = 100 periods: A 400 ms, B 300 ms, the rest of each VCPU's time runnable.
     */
    @Test
    void schedule_hogsWithoutExtratime_getExactlyTheirBudgets() {
        SimulationResult r = checked(ScenarioBuilder.host(1, 1000 * MS)
                .domain("A", rtds(10, 4, false), busy())
                .domain("B", rtds(10, 3, false), busy()).build());
        assertEquals(400 * MS, domain(r, "A").runNs());
        assertEquals(300 * MS, domain(r, "B").runNs());
        assertEquals(600 * MS, domain(r, "A").vcpus().get(0).runnableNs());
        assertEquals(700 * MS, r.pcpus().get(0).busyNs());
    }

    /**
     * One pCPU: A 10ms/4ms with extratime, B 10ms/2ms without. Per period A uses its 4 ms at level 0, drops
     * to level 1 (R42), B (level 0) runs its 2 ms and depletes, then A takes the 4 unreserved ms at level 1.
     * Over 1 s: A 800 ms, B 200 ms, the pCPU never idles.
     */
    @Test
    void schedule_extratime_takesTheUnreservedTime() {
        SimulationResult r = checked(ScenarioBuilder.host(1, 1000 * MS)
                .domain("A", rtds(10, 4, true), busy())
                .domain("B", rtds(10, 2, false), busy()).build());
        assertEquals(800 * MS, domain(r, "A").runNs());
        assertEquals(200 * MS, domain(r, "B").runNs());
        assertEquals(1000 * MS, r.pcpus().get(0).busyNs());
    }

    /**
     * Two pCPUs, three hogs 10ms/5ms without extratime, all deadlines on one grid. Global EDF runs two at a
     * time for 5 ms, then the third for 5 ms on one pCPU; each gets exactly its budget per period: 500 ms in
     * 1 s. Busy time over both pCPUs: 1500 ms.
     */
    @Test
    void schedule_globalEdf_spreadsThreeServersOverTwoPcpus() {
        SimulationResult r = checked(ScenarioBuilder.host(2, 1000 * MS)
                .domain("A", rtds(10, 5, false), busy())
                .domain("B", rtds(10, 5, false), busy())
                .domain("C", rtds(10, 5, false), busy()).build());
        for (String d : List.of("A", "B", "C")) assertEquals(500 * MS, domain(r, d).runNs(), d);
        assertEquals(1500 * MS, r.pcpus().get(0).busyNs() + r.pcpus().get(1).busyNs());
    }

    /**
     * Two pCPUs, hogs A 4ms/2ms, B 6ms/3ms, C 12ms/6ms (utilisation 1.5). Traced by hand over the first 12 ms
     * hyperperiod: A runs 0-2 (cpu0), 4-6 (cpu1), 8-10 (cpu0); B 0-3 and 6-9 (cpu1); C 2-8 (cpu0); every VCPU
     * gets its full budget in every period, and the state at 12 ms repeats the one at 0. Over 1.2 s (100
     * hyperperiods) each runs 600 ms; cpu1 took A at 4 ms, a pull migration (R25.7).
     */
    @Test
    void schedule_globalEdf_meetsEveryBudgetAtUtilisationOnePointFive() {
        SimulationResult r = checked(ScenarioBuilder.host(2, 1200 * MS)
                .domain("A", rtds(4, 2, false), busy())
                .domain("B", rtds(6, 3, false), busy())
                .domain("C", rtds(12, 6, false), busy()).build());
        for (String d : List.of("A", "B", "C")) assertEquals(600 * MS, domain(r, d).runNs(), d);
    }

    /**
     * Partitioned by pinning: A 10ms/6ms and C 10ms/4ms pinned to cpu0, B 10ms/6ms pinned to cpu1. cpu0 is
     * full (6 + 4 ms per period), cpu1 busy 6 ms per period; nobody ever migrates.
     */
    @Test
    void schedule_pinnedVcpus_behavePartitioned() {
        SimulationResult r = checked(ScenarioBuilder.host(2, 1000 * MS)
                .domain("A", null, 1, rtds(10, 6, false), List.of(0), busy())
                .domain("B", null, 1, rtds(10, 6, false), List.of(1), busy())
                .domain("C", null, 1, rtds(10, 4, false), List.of(0), busy()).build());
        assertEquals(600 * MS, domain(r, "A").runNs());
        assertEquals(600 * MS, domain(r, "B").runNs());
        assertEquals(400 * MS, domain(r, "C").runNs());
        assertEquals(1000 * MS, r.pcpus().get(0).busyNs());
        assertEquals(600 * MS, r.pcpus().get(1).busyNs());
        assertEquals(0, r.pcpus().get(0).migrations() + r.pcpus().get(1).migrations());
    }

    /**
     * Xen's defaults (R34: 10 ms period, 4 ms budget, extratime on) for a domain without parameters, next to a
     * 10ms/6ms hog without extratime on one pCPU: the default VCPU runs its 4 ms at level 0 and drops to level 1
     * (R42), the other runs its 6 ms, which fills the period, so nothing is left for extratime: 400 ms and
     * 600 ms in 1 s, and the pCPU never idles.
     */
    @Test
    void adjust_noParameters_usesXenDefaults() {
        SimulationResult r = checked(ScenarioBuilder.host(1, 1000 * MS)
                .domain("D", null, busy())
                .domain("B", rtds(10, 6, false), busy()).build());
        assertEquals(400 * MS, domain(r, "D").runNs());
        assertEquals(600 * MS, domain(r, "B").runNs());
    }

    /**
     * Per-VCPU parameters (xl sched-rtds -v 1): a 2-VCPU hog domain at 10ms/3ms with VCPU 1 overridden to
     * 10ms/6ms, no extratime, on 2 pCPUs: each VCPU gets exactly its own budget per period, 300 ms and 600 ms.
     */
    @Test
    void adjust_perVcpuOverride_appliesToThatVcpuOnly() {
        RtdsParams p = new RtdsParams(10 * MS, 3 * MS, false, List.of(new RtdsVcpuParams(1, 10 * MS, 6 * MS, false)));
        SimulationResult r = checked(ScenarioBuilder.host(2, 1000 * MS).domain("V", null, 2, p, List.of(), busy()).build());
        assertEquals(300 * MS, domain(r, "V").vcpus().get(0).runNs());
        assertEquals(600 * MS, domain(r, "V").vcpus().get(1).runNs());
    }
}
