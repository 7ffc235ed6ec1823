package org.rtxen.analysis.host;

import org.rtxen.analysis.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.rtxen.analysis.RationalSum;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.Policy;

/**
 * Partitioned scheduling: tasks (or VCPUs) bin-packed onto pCPUs, each pCPU checked with an exact uniprocessor test
 * (which for deferrable servers accounts for back-to-back execution). Items are sized by utilization C/T.
 */
public final class Partitioning {
    private Partitioning() {}

    /** A bin-packing heuristic. */
    public enum Heuristic {
        /** The first pCPU the item fits on. */
        FIRST_FIT,
        /** The fitting pCPU with the least spare utilization (packs tight). */
        BEST_FIT,
        /** The fitting pCPU with the most spare utilization (spreads load). */
        WORST_FIT;

        /** The name used on the command line and in reports, e.g. {@code worst-fit}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * An assignment of tasks to pCPUs, or why none was found.
     *
     * @param feasible whether every task was placed
     * @param cpuOf    the pCPU index of each task in input order (−1 where unplaced)
     * @param reason   the first task that fit nowhere; empty when feasible
     */
    public record Assignment(boolean feasible, int[] cpuOf, Reason reason) {
        /** Copies the array. */
        public Assignment {
            cpuOf = cpuOf.clone();
        }

        /** Copy of the pCPU index of each task. */
        @Override
        public int[] cpuOf() {
            return cpuOf.clone();
        }
    }

    /** Packs the tasks onto {@code cpus} pCPUs in input order, or by decreasing utilization when asked. */
    public static Assignment pack(List<Task> tasks, int cpus, Heuristic heuristic, boolean decreasing,
                                  Predicate<List<Task>> fits) {
        Integer[] order = new Integer[tasks.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        if (decreasing) {
            Arrays.sort(order, Comparator.comparing((Integer i) -> tasks.get(i).utilization()).reversed());
        }
        List<List<Task>> bins = new ArrayList<>();
        RationalSum[] load = new RationalSum[cpus]; // compared without forming lcm-sized exact sums
        for (int c = 0; c < cpus; c++) {
            bins.add(new ArrayList<>());
            load[c] = new RationalSum();
        }
        int[] cpuOf = new int[tasks.size()];
        Arrays.fill(cpuOf, -1);
        for (int i : order) {
            Task t = tasks.get(i);
            int chosen = -1;
            for (int c = 0; c < cpus; c++) {
                if (chosen >= 0 && heuristic == Heuristic.FIRST_FIT) break;
                boolean better = chosen < 0
                        || (heuristic == Heuristic.BEST_FIT && load[c].compareTo(load[chosen]) > 0)
                        || (heuristic == Heuristic.WORST_FIT && load[c].compareTo(load[chosen]) < 0);
                if (!better) continue;
                List<Task> trial = new ArrayList<>(bins.get(c));
                trial.add(t);
                if (fits.test(trial)) chosen = c;
            }
            if (chosen < 0) {
                return new Assignment(false, cpuOf, Reason.of(t.name(), " (utilization ",
                        t.utilization(), ") fits on no pCPU"));
            }
            bins.get(chosen).add(t);
            load[chosen].add(t.utilization());
            cpuOf[i] = chosen;
        }
        return new Assignment(true, cpuOf, Reason.NONE);
    }

    /**
     * Partitioned EDF ({@code partitioned-edf-…}) or fixed priority ({@code partitioned-fp-…}, deadline-monotonic
     * per pCPU): {@link #pack} with the exact per-pCPU test, as a test result.
     */
    public static TestResult test(List<Task> tasks, int cpus, Heuristic heuristic, boolean decreasing, boolean edf,
                                  ServerKind kind) {
        Predicate<List<Task>> fits = edf ? core -> UniprocessorTests.edfSchedulable(core, kind)
                : core -> UniprocessorTests.fp(core, Policy.DM, kind).schedulable();
        Assignment a = pack(tasks, cpus, heuristic, decreasing, fits);
        String name = "partitioned-" + (edf ? "edf-" : "fp-") + heuristic.label() + (decreasing ? "-decreasing" : "");
        String assumption = (kind == ServerKind.DEFERRABLE ? "deferrable servers" : "sporadic tasks")
                + ", one pCPU each (exact " + (edf ? "EDF demand" : "DM response-time") + " test per pCPU)";
        return new TestResult(name, a.feasible(), assumption, a.reason());
    }
}
