package org.rtxen.bench;

import static org.rtxen.model.Time.S;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rtxen.model.Scenario;
import org.rtxen.model.result.SimulationResult;

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

    /** Builds the scenario for {@link #policy}. */
    @Setup
    public void setUp() {
        scenario = policy.equals("credit") ? StandardScenarios.credit4(60 * S) : StandardScenarios.rtds4(60 * S);
    }

    /** Runs one simulation of the standard host. */
    @Benchmark
    public SimulationResult simulate(SimulatedEvents counter) {
        return SimulatedEvents.simulate(scenario, counter);
    }
}
