package org.rtxen.sched.rtxen2;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rtxen.sched.ScenarioBuilder.MS;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.guest;
import static org.rtxen.sched.ScenarioBuilder.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.model.Overheads;
import org.rtxen.model.Scenario;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Runs;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;

/**
 * RT-Xen 2.0 invariants (checked after every event) for both schedulers under every priority scheme, server type and
 * branch, with overheads, pauses, affinity changes and run-time switches of the priority scheme and server.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Rtxen2PropertiesTest {

    record Config(String policy, Rtxen2PoolParams params) {
        @Override
        public String toString() {
            return policy + " " + params.priority() + " " + params.server() + (params.quirks() == Quirks.XISISU ? " xisisu" : "");
        }
    }

    static Stream<Config> configs() {
        List<Config> all = new ArrayList<>();
        for (Priority p : Priority.values()) {
            for (ServerKind s : ServerKind.values()) {
                for (Quirks q : List.of(Quirks.FULL_FEATURE, Quirks.XISISU)) {
                    Rtxen2PoolParams params = new Rtxen2PoolParams(p, s, q);
                    all.add(new Config("rtglobal", params));
                    all.add(new Config("rtpartition", params));
                }
            }
        }
        return all.stream();
    }

    static Scenario mixed(Config c, Overheads overheads) {
        return ScenarioBuilder.host(3, 300 * MS).overheads(overheads).scheduler(c.policy(), c.params())
                .domain("hog", null, 1, new Rtxen2Params(10 * MS, 4 * MS, List.of()), List.of(), busy())
                .domain("pinned", null, 1, new Rtxen2Params(7 * MS, 3 * MS, List.of()), List.of(2), busy())
                .domain("tasks", null, 2, new Rtxen2Params(5 * MS, 2 * MS, List.of(new Rtxen2VcpuParams(1, 6 * MS, 3 * MS))),
                        List.of(), guest(GuestScheduler.EDF, task("a", 6, 1), task("b", 9, 2), task("c", 13, 3)))
                .domain("rm", null, guest(GuestScheduler.FP, task("d", 15, 3)))
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void run_mixedLoad_keepsInvariantsUnderChanges(Config c) {
        Simulation sim = Simulation.of(mixed(c, new Overheads(3_000, 5_000, 20_000)), Schedulers.factory())
                .observe(new InvariantChecker());
        Vcpu moving = sim.host().domains().get(2).vcpus().get(0);
        Vcpu hog = sim.host().domains().get(0).vcpus().get(0);
        Priority other = c.params().priority() == Priority.EDF ? Priority.DM : Priority.EDF;
        ServerKind otherServer = c.params().server() == ServerKind.DEFERRABLE ? ServerKind.PERIODIC : ServerKind.DEFERRABLE;
        sim.at(40 * MS, () -> sim.framework().setAffinity(moving, CpuMask.of(List.of(1))))
                .at(60 * MS, () -> sim.framework().pause(hog))
                .at(70 * MS, () -> sim.host().pools().get(0).scheduler()
                        .adjustGlobal(new Rtxen2PoolParams(other, c.params().server(), c.params().quirks())))
                .at(90 * MS, () -> sim.framework().unpause(hog))
                .at(120 * MS, () -> sim.host().pools().get(0).scheduler()
                        .adjustGlobal(new Rtxen2PoolParams(other, otherServer, c.params().quirks())))
                .at(150 * MS, () -> sim.framework().setAffinity(moving, CpuMask.of(List.of(0, 1, 2))))
                .at(200 * MS, () -> sim.host().pools().get(0).scheduler().adjustGlobal(c.params()));
        SimulationResult r = sim.run();
        for (var d : r.domains()) assertTrue(d.runNs() > 0, d.name() + " never ran");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void run_sameScenarioTwice_identicalResults(Config c) {
        Runs.assertDeterministic(mixed(c, Overheads.NONE));
    }
}
