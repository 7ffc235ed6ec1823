package org.rtxen.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.ComponentInterface;
import org.rtxen.analysis.component.Policy;
import org.rtxen.analysis.component.UniprocessorInterfaces;

/**
 * Prints the EDF PRM, EDP and planner-limit PRM interfaces of 480 seeded task sets, one line each, to compare the
 * results of two builds (docs/performance.md, "Issue 9"): 3 to 50 tasks, utilization 0.3 to 0.99, periods 100 to
 * 1 000 or 10 000 to 100 000, deadlines 60 to 120 % of the period, interface periods 500, 5 000 and 20 000.
 */
public final class UniprocessorResultsProbe {
    private UniprocessorResultsProbe() {}

    /** One line per set and interface: the set's key, the model, then the budget and minimality or the reason. */
    public static void main(String[] args) {
        for (int n : new int[] {3, 5, 10, 20, 50}) {
            for (double u : new double[] {0.3, 0.6, 0.9, 0.99}) {
                for (long seed = 1; seed <= 8; seed++) {
                    List<Task> set = taskSet(n, u, seed);
                    for (long period : new long[] {500, 5_000, 20_000}) {
                        String key = n + " " + u + " " + seed + " " + period;
                        System.out.println(key + " prm " + format(UniprocessorInterfaces.prm(set, Policy.EDF, period)));
                        System.out.println(key + " edp " + format(UniprocessorInterfaces.edp(set, Policy.EDF, period)));
                        System.out.println(key + " plan " + format(UniprocessorInterfaces.prm(set, Policy.EDF, period,
                                20_000)));
                    }
                }
            }
        }
    }

    /** Alternately short periods (100 to 1 000) and long ones (10 000 to 100 000). */
    private static List<Task> taskSet(int n, double utilization, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 1000 + n);
        boolean shortPeriods = seed % 2 == 0;
        List<Task> set = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long p = shortPeriods ? 100 + random.nextInt(901) : 10_000 + random.nextInt(90_001);
            long c = Math.max(1, Math.round(p * utilization / n * (0.5 + random.nextDouble())));
            long d = Math.max(c, p * (60 + random.nextInt(61)) / 100);
            set.add(new Task("t" + i, p, c, d));
        }
        return set;
    }

    private static String format(ComponentInterface c) {
        if (!c.feasible()) return "infeasible " + c.reason().format(Reason.NANOSECONDS);
        return c.budget() + " " + (c.minimal() ? "min" : "lb " + c.lowerBound()) + " " + c.deadline();
    }
}
