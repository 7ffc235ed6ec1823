package org.rtxen.bench;

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
 * The size family ({@link StandardScenarios#sized}, sizes of {@link ScalingProbe#SIZES}) under JMH: one operation is
 * one run of about 300 000 events (the simulated span is chosen per size), and the {@code events} counter reports
 * engine events per wall-clock second, so the scores of all sizes compare directly. {@link ScalingProbe} measures
 * the same by thread CPU time, which a loaded machine disturbs less.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ScalingBenchmark {
    /** The pools' policy, by Xen name. */
    @Param({"rtds", "credit", "arinc653"})
    public String policy;

    /** The size: {@code pN} for N pCPUs (2 domains each, 5 tasks per guest), {@code tN} for N tasks per guest. */
    @Param({"p4", "p16", "p64", "p256", "t50", "t500"})
    public String size;

    private Scenario scenario;

    /** Builds the scenario of {@link #size} under {@link #policy}, sized to about 300 000 events. */
    @Setup
    public void setUp() {
        ScalingProbe.Size s = ScalingProbe.SIZES.stream().filter(z -> z.name().equals(size)).findFirst().orElseThrow();
        scenario = s.scenario(policy, ScalingProbe.durationFor(s, policy, 300_000));
    }

    /** Runs one simulation of the scenario. */
    @Benchmark
    public SimulationResult simulate(SimulatedEvents counter) {
        return SimulatedEvents.simulate(scenario, counter);
    }
}
