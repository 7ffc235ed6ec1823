package org.rtxen.bench;

import java.util.List;
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
import org.rtxen.analysis.component.MultiprocessorInterfaces;
import org.rtxen.analysis.supply.Mpr;

/**
 * Global EDF under MPR/DMPR by component size and magnitude: {@link AnalysisBenchmark}'s seeded task sets (10, 50 and
 * 200 tasks) as written, × 1000 and × 10^6, interface period 5 000 × the magnitude, two VCPUs. The test and the
 * interface searches must cost the same at every magnitude (issue 9: MPR of 50 tasks ≤ 100 ms, of 200 tasks ≤ 2 s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MultiprocessorBenchmark {
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
        set = AnalysisBenchmark.taskSet(tasks, 0.6, 7, magnitude);
        period = 5_000 * magnitude;
    }

    /** The gEDF test under the MPR μ(Π, Π, 2) (bandwidth 1, two VCPUs), evaluated at its check points. */
    @Benchmark
    public MultiprocessorInterfaces.Verdict gedfUnderMpr() {
        return MultiprocessorInterfaces.gedfTest(set, new Mpr(period, period, 2, Mpr.Variant.XU), 2);
    }

    /** The minimum DMPR interface with two VCPUs. */
    @Benchmark
    public ComponentInterface dmprTwoCpus() {
        return MultiprocessorInterfaces.dmpr(set, period, 2);
    }

    /** The minimum MPR interface (Xu's sbf) with two VCPUs. */
    @Benchmark
    public ComponentInterface mprTwoCpus() {
        return MultiprocessorInterfaces.mpr(set, period, Mpr.Variant.XU, 2);
    }
}
