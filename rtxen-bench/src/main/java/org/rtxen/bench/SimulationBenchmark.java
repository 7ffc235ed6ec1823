package org.rtxen.bench;

import static org.rtxen.model.Time.S;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rtxen.engine.Simulation;
import org.rtxen.model.Scenario;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Schedulers;

/**
 * Whole simulations of the standard 4-pCPU host ({@link StandardScenarios#rtds4}, or the same workload under
 * Credit, {@link StandardScenarios#credit4}) over 60 s of simulated time, long enough that building the host is a
 * small part. One operation is one run; the {@code events} counter reports engine events per wall-clock second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimulationBenchmark {
    /** The pool's policy. */
    @Param({"rtds", "credit"})
    public String policy;

    private Scenario scenario;

    /** Engine events processed, reported by JMH as a rate (events/s). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        /** Events processed in the current iteration. */
        public long events;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    /** Builds the scenario for {@link #policy}. */
    @Setup
    public void setUp() {
        scenario = policy.equals("credit") ? StandardScenarios.credit4(60 * S) : StandardScenarios.rtds4(60 * S);
    }

    /** Runs one simulation of the standard host. */
    @Benchmark
    public SimulationResult simulate(Events counter) {
        SimulationResult r = Simulation.of(scenario, Schedulers.factory()).run();
        counter.events += r.events();
        return r;
    }
}
