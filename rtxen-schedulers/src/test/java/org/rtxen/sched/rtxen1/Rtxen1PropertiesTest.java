package org.rtxen.sched.rtxen1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rtxen.sched.ScenarioBuilder.MS;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.guest;
import static org.rtxen.sched.ScenarioBuilder.task;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.model.Overheads;
import org.rtxen.model.Scenario;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;

/** RT-Xen 1.0 invariants (checked after every event) under mixed load, migrations and server switches. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Rtxen1PropertiesTest {

    /** Two pCPUs: hogs pinned to each, a 2-VCPU task guest spread over both, a lone guest with its own priority. */
    static Scenario mixed(Server server, Overheads overheads) {
        return ScenarioBuilder.host(2, 400 * MS).overheads(overheads)
                .scheduler("rtxen1", new Rtxen1PoolParams(server))
                .domain("hog0", null, 1, new Rtxen1Params(10 * MS, 4 * MS, 3), List.of(0), busy())
                .domain("hog1", null, 1, new Rtxen1Params(7 * MS, 3 * MS, 3), List.of(1), busy())
                .domain("tasks", null, 2, new Rtxen1Params(5 * MS, 2 * MS, Rtxen1Params.DEFAULT_PRIORITY), List.of(),
                        guest(GuestScheduler.EDF, task("a", 6, 1), task("b", 9, 2), task("c", 13, 3)))
                .domain("rm", new Rtxen1Params(20 * MS, 5 * MS, 1), guest(GuestScheduler.FP, task("d", 15, 3)))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void run_mixedLoadWithOverheads_keepsInvariants(Server server) {
        SimulationResult r = Simulation.of(mixed(server, new Overheads(3_000, 5_000, 20_000)), Schedulers.factory())
                .observe(new InvariantChecker()).run();
        for (var d : r.domains()) assertTrue(d.runNs() > 0, d.name() + " never ran");
    }

    /**
     * Every 7 ms the pool switches to the next server (S9), while VCPUs are paused and moved between pCPUs: the
     * invariant checker (including the Sporadic Server's budget conservation) holds after every event.
     */
    @Test
    void adjustGlobal_switchesUnderLoad_keepInvariants() {
        Simulation sim = Simulation.of(mixed(Server.SPORADIC, Overheads.NONE), Schedulers.factory())
                .observe(new InvariantChecker());
        Server[] servers = Server.values();
        for (int k = 1; k * 7 * MS < 400 * MS; k++) {
            Server to = servers[k % servers.length];
            sim.at(k * 7 * MS, () -> sim.host().pools().get(0).scheduler().adjustGlobal(new Rtxen1PoolParams(to)));
        }
        Vcpu moving = sim.host().domains().get(2).vcpus().get(0);
        sim.at(50 * MS, () -> sim.framework().setAffinity(moving, CpuMask.of(List.of(1))))
                .at(90 * MS, () -> sim.framework().pause(moving))
                .at(95 * MS, () -> sim.framework().setAffinity(moving, CpuMask.of(List.of(0))))
                .at(120 * MS, () -> sim.framework().unpause(moving))
                .at(200 * MS, () -> sim.framework().setAffinity(moving, CpuMask.of(List.of(0, 1))));
        SimulationResult r = sim.run();
        assertTrue(r.domains().get(2).vcpus().get(0).offlineNs() >= 30 * MS);
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void run_sameScenarioTwice_identicalResults(Server server) {
        SimulationResult a = Simulation.of(mixed(server, Overheads.NONE), Schedulers.factory()).run();
        SimulationResult b = Simulation.of(mixed(server, Overheads.NONE), Schedulers.factory()).run();
        assertEquals(a.domains(), b.domains());
        assertEquals(a.events(), b.events());
    }
}
