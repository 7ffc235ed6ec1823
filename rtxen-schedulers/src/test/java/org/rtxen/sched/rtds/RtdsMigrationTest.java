package org.rtxen.sched.rtds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.sched.ScenarioBuilder.MS;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.rtds;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.model.Overheads;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.VcpuResult;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;

/** Migration by affinity change (F14) under RTDS, with overheads, worked out by hand. */
class RtdsMigrationTest {

    /**
     * Two pCPUs; X is a hog with a 10ms/10ms server pinned to cpu1. At 5 ms its affinity becomes {cpu0}: the
     * framework marks it migrating and calls sleep, which tickles cpu1 (R29); cpu1 switches X out at 5 ms
     * (X -> OFFLINE); its context is saved 5 us later (context-switch cost), which finishes the migration:
     * pickCpu gives cpu0, wake queues X before its deadline with its remaining budget (R28) and tickles idle
     * cpu0, which switches X in at 5.005 ms (RUNNING again; one migration onto cpu0). Budget never runs out
     * (budget == period, replenished in place at 10 ms, R16). Over 20 ms: X runs 20 ms - 5 us, offline 5 us;
     * cpu1 switched twice (idle->X, X->idle), cpu0 once.
     */
    @Test
    void setAffinity_runningVcpu_migratesAfterItsContextIsSaved() {
        Simulation sim = Simulation.of(ScenarioBuilder.host(2, 20 * MS).overheads(new Overheads(2_000, 5_000, 20_000))
                .domain("X", null, 1, rtds(10, 10, false), List.of(1), busy()).build(), Schedulers.factory());
        Vcpu x = sim.host().domains().get(0).vcpus().get(0);
        sim.at(5 * MS, () -> sim.framework().setAffinity(x, CpuMask.of(List.of(0))));
        SimulationResult r = sim.observe(new InvariantChecker()).run();
        VcpuResult v = r.domains().get(0).vcpus().get(0);
        assertEquals(20 * MS - 5_000, v.runNs());
        assertEquals(5_000, v.offlineNs());
        assertEquals(1, r.pcpus().get(0).migrations());
        assertEquals(0, r.pcpus().get(1).migrations());
        assertEquals(1, r.pcpus().get(0).contextSwitches());
        assertEquals(2, r.pcpus().get(1).contextSwitches());
        assertEquals(sim.host().pcpu(0), x.processor());
    }
}
