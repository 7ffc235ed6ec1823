package org.rtxen.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.rtxen.engine.Simulation;
import org.rtxen.model.Scenario;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Schedulers;

/** Engine events processed by whole-simulation benchmarks, reported by JMH as a rate ({@code events}, events/s). */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class SimulatedEvents {
    /** Events processed in the current iteration. */
    public long events;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
        events = 0;
    }

    /** Runs one simulation of {@code scenario} and counts its events in {@code counter}. */
    static SimulationResult simulate(Scenario scenario, SimulatedEvents counter) {
        SimulationResult r = Simulation.of(scenario, Schedulers.factory()).run();
        counter.events += r.events();
        return r;
    }
}
