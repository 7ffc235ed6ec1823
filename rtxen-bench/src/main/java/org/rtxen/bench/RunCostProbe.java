package org.rtxen.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.rtxen.experiments.run.RunOne;
import org.rtxen.experiments.run.RunResult;
import org.rtxen.experiments.sweep.RunSpec;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.experiments.sweep.SweepReader;

/**
 * The cost of a sweep's runs alone (docs/performance.md, "Per-run cost"): every run of the sweep in this thread,
 * in the sweep's order, for a number of rounds (the first warms the JIT), with the thread's CPU time and the bytes it
 * allocated per run in each round. No store, no workers: what one run costs a worker, measurable under load.
 * <p>Usage: {@code RunCostProbe SWEEP.yaml [ROUNDS]} (default 3 rounds).
 */
public final class RunCostProbe {
    private RunCostProbe() {}

    /** Runs the probe; prints one line per round. */
    public static void main(String[] args) {
        Sweep sweep = SweepReader.read(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<RunSpec> runs = sweep.runs();
        long id = Thread.currentThread().getId();
        for (int round = 1; round <= rounds; round++) {
            long bytes = mx.getThreadAllocatedBytes(id);
            long cpu = mx.getCurrentThreadCpuTime();
            long failed = 0;
            for (RunSpec r : runs) {
                RunResult result = RunOne.run(sweep, r);
                if (result.error() != null) failed++;
            }
            double n = runs.size();
            System.out.printf(Locale.ROOT, "round %d: %d runs, %.2f ms CPU and %.0f KB allocated per run, %d failed%n",
                    round, runs.size(), (mx.getCurrentThreadCpuTime() - cpu) / 1e6 / n,
                    (mx.getThreadAllocatedBytes(id) - bytes) / 1024.0 / n, failed);
        }
        System.out.println("load average at the end: " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
