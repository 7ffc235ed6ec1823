package org.rtxen.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.ComponentInterface;
import org.rtxen.analysis.component.Policy;
import org.rtxen.analysis.component.UniprocessorInterfaces;
import org.rtxen.analysis.host.GlobalEdfTests;
import org.rtxen.analysis.host.ServerKind;
import org.rtxen.analysis.host.TestResult;

/**
 * Analysis cost by component size and by the magnitude of the numbers: the same seeded task set (utilization 0.6,
 * periods 10 000..100 000 units, constrained deadlines 80..100 % of the period, interface period 5 000) as written
 * ({@code magnitude=1}, e.g. µs) and with every number × 1000 or × 10^6 ({@code magnitude=1000000}, e.g. µs → ps,
 * or ms as ns at × 1 000). The PRM/EDP searches and the global tests must cost the same at every magnitude.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class AnalysisBenchmark {
    /** Tasks in the component. */
    @Param({"10", "50", "200"})
    public int tasks;

    /** Factor applied to every number of the task set. */
    @Param({"1", "1000", "1000000"})
    public long magnitude;

    private List<Task> set;
    private long period;

    /** Draws the task set from seed 7. */
    @Setup
    public void setup() {
        set = taskSet(tasks, 0.6, 7, magnitude);
        period = 5_000 * magnitude;
    }

    /** A task set with the given total utilization, every number multiplied by {@code unit}. */
    static List<Task> taskSet(int n, double utilization, long seed, long unit) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Task> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long p = 10_000 + random.nextInt(90_001);
            long c = Math.max(1, Math.round(p * utilization / n * (0.5 + random.nextDouble())));
            long d = Math.max(c, p * (80 + random.nextInt(21)) / 100);
            out.add(new Task("t" + i, p * unit, c * unit, d * unit));
        }
        return out;
    }

    /** The exact minimum PRM budget under EDF at period 5 000. */
    @Benchmark
    public ComponentInterface prmEdf() {
        return UniprocessorInterfaces.prm(set, Policy.EDF, period);
    }

    /** The minimum EDP budget (and then the largest deadline) under EDF at period 5 000. */
    @Benchmark
    public ComponentInterface edpEdf() {
        return UniprocessorInterfaces.edp(set, Policy.EDF, period);
    }

    /** The exact minimum PRM budget under deadline-monotonic FP at period 5 000. */
    @Benchmark
    public ComponentInterface prmDm() {
        return UniprocessorInterfaces.prm(set, Policy.DM, period);
    }

    /** Bertogna–Cirinei RTA for global EDF on 2 processors. */
    @Benchmark
    public TestResult rtaTwoCpus() {
        return GlobalEdfTests.rta(set, 2, ServerKind.PERIODIC);
    }
}
