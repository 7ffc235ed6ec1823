package org.rtxen.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.SchedulerFactory;
import org.rtxen.model.Scenario;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;

/** Test helpers: run a scenario with the invariant checker or twice for determinism, and look results up by name. */
public final class Runs {
    private Runs() {}

    /** Runs {@code s} with the production policies and the invariant checker attached. */
    public static SimulationResult checked(Scenario s) {
        return Simulation.of(s, Schedulers.factory()).observe(new InvariantChecker()).run();
    }

    /** Runs {@code s} twice and asserts both runs measured the same (everything but the wall time). */
    public static void assertDeterministic(Scenario s) {
        assertDeterministic(s, Schedulers.factory());
    }

    /** Runs {@code s} twice with policies from {@code factory} and asserts both runs measured the same. */
    public static void assertDeterministic(Scenario s, SchedulerFactory factory) {
        SimulationResult a = Simulation.of(s, factory).run();
        SimulationResult b = Simulation.of(s, factory).run();
        assertEquals(a.domains(), b.domains());
        assertEquals(a.pcpus(), b.pcpus());
        assertEquals(a.events(), b.events());
    }

    /** The result of the domain called {@code name}. */
    public static DomainResult domain(SimulationResult r, String name) {
        return r.domains().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    /** The result of task {@code task} of domain {@code dom}. */
    public static TaskResult task(SimulationResult r, String dom, String task) {
        return domain(r, dom).tasks().stream().filter(t -> t.name().equals(task)).findFirst().orElseThrow();
    }
}
