package org.rtxen.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.Supplier;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.ComponentInterface;
import org.rtxen.analysis.component.MultiprocessorInterfaces;
import org.rtxen.analysis.component.Policy;
import org.rtxen.analysis.component.UniprocessorInterfaces;
import org.rtxen.analysis.supply.Mpr;

/**
 * The size and magnitude check of the interface analyses (not JMH, robust on a loaded machine): the benchmark's
 * seeded task sets at × 1, × 1000 and × 10^6, each operation timed by thread CPU time, minimum of {@code runs} runs,
 * with the result printed so that the magnitudes can be compared. Usage: {@code AnalysisScaleProbe [runs [sizes]]},
 * sizes comma-separated from 4 (the example below), 10, 50 and 200 (default all).
 */
public final class AnalysisScaleProbe {
    private AnalysisScaleProbe() {}

    /** Prints one line per task-set size, operation and magnitude. */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String sizes = args.length > 1 ? args[1] : "4,10,50,200";
        for (String size : sizes.split(",")) {
            int n = Integer.parseInt(size);
            for (long magnitude : new long[] {1, 1_000, 1_000_000}) {
                List<Task> set = n == 4 ? fourTasks(magnitude) : AnalysisBenchmark.taskSet(n, 0.6, 7, magnitude);
                long period = (n == 4 ? 10 : 5_000) * magnitude;
                time(n, magnitude, "PRM interface, EDF", runs, () -> budget(UniprocessorInterfaces.prm(set,
                        Policy.EDF, period)));
                time(n, magnitude, "EDP interface, EDF", runs, () -> budget(UniprocessorInterfaces.edp(set,
                        Policy.EDF, period)));
                time(n, magnitude, "gEDF test, MPR(Π, Π, 2)", runs, () -> MultiprocessorInterfaces.gedfTest(set,
                        new Mpr(period, period, 2, Mpr.Variant.XU), 2).schedulable());
                time(n, magnitude, "DMPR interface", runs, () -> MultiprocessorInterfaces.dmpr(set, period, 2).budget());
                time(n, magnitude, "MPR interface", runs, () -> MultiprocessorInterfaces.mpr(set, period,
                        Mpr.Variant.XU, 2).budget());
            }
        }
    }

    /** The budget, or "infeasible" with the reason. */
    private static Object budget(ComponentInterface i) {
        return i.feasible() ? i.budget() : "infeasible: " + i.reason();
    }

    /** The 4-task example of docs/performance.md: (100, 49), (100, 49), (50, 10), (80, 12, D 70) at Π = 10. */
    private static List<Task> fourTasks(long x) {
        return List.of(new Task("a", 100 * x, 49 * x, 100 * x), new Task("b", 100 * x, 49 * x, 100 * x),
                new Task("c", 50 * x, 10 * x, 50 * x), new Task("d", 80 * x, 12 * x, 70 * x));
    }

    private static void time(int n, long magnitude, String what, int runs, Supplier<Object> op) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        Object result = null;
        for (int i = 0; i < runs; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            result = op.get();
            best = Math.min(best, mx.getCurrentThreadCpuTime() - t0);
        }
        System.out.printf("%3d tasks  x%-8d %-26s %10.3f ms CPU  -> %s%n", n, magnitude, what, best / 1e6, result);
    }
}
