package org.rtxen.workload;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rtxen.model.Quoted;
import org.rtxen.model.Time;

/**
 * Draws task sets with a given total utilisation. Every method turns per-task utilisations u into tasks the same way:
 * a period from {@link Periods}, WCET = ⌊period·u⌋ to the unit (at least one unit), deadline = period. The rounding
 * moves each task's utilisation by less than unit / min period, down (the floor) or up (the one-unit minimum), so a
 * set's total differs from the target by less than tasks × unit / min period, either way.
 *
 * @param method      how per-task utilisations are drawn
 * @param tasks       the number of tasks (UUniFast, UUniFast-Discard, RandFixedSum); ignored, and 0, for RT-Xen's
 * @param periods     the period distribution
 * @param maxTaskUtil the largest utilisation of one task (UUniFast-Discard and RandFixedSum; 1 by default)
 * @param perTask     RT-Xen's per-task distribution (only for {@link Method#RTXEN})
 */
public record TaskSetGenerator(Method method, int tasks, Periods periods, double maxTaskUtil, TaskUtilization perTask)
        implements Serializable {
    /**
     * The most tasks one set may have: printed, such a set is a few MB, well within what the task-set readers accept
     * (16 MiB).
     */
    public static final int MAX_TASKS = 100_000;
    /** The most tasks of a RandFixedSum set: its tables hold 2n² doubles, 64 MB at 2,000 tasks. */
    public static final int MAX_RANDFIXEDSUM_TASKS = 2_000;

    /**
     * The rtxen method gives up after this many draws in a row whose rounded utilisation leaves the distribution's
     * range: periods too short for the unit (a 1 ms period in whole ms has u 0 or 1) would otherwise redraw forever.
     */
    public static final int MAX_REDRAWS = 100_000;

    /** The rtxen method's refusal when its periods, in whole units, give no task of its distribution. */
    public static final class PeriodsTooShort extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        PeriodsTooShort(String message) {
            super(message);
        }
    }

    /** The generation methods. */
    public enum Method {
        /** UUniFast, total at most 1. */
        UUNIFAST("uunifast"),
        /** UUniFast with vectors redrawn until every task is at most {@code maxTaskUtil}. */
        UUNIFAST_DISCARD("uunifast-discard"),
        /** RandFixedSum with every task in [0, maxTaskUtil]. */
        RANDFIXEDSUM("randfixedsum"),
        /** RT-Xen's generator: tasks drawn from a per-task distribution until the target is reached (section 2.6). */
        RTXEN("rtxen");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** The name in files and options. */
        public String label() {
            return label;
        }

        /** Whether the method takes a largest utilisation of one task (the others ignore it). */
        public boolean boundsTaskUtilization() {
            return this == UUNIFAST_DISCARD || this == RANDFIXEDSUM;
        }

        /** The method with this label. */
        public static Method byLabel(String s) {
            for (Method m : values()) if (m.label.equals(s)) return m;
            throw new IllegalArgumentException("unknown method " + Quoted.of(s) + " (known: uunifast, uunifast-discard, randfixedsum, rtxen)");
        }
    }

    /** Checks the combination. */
    public TaskSetGenerator {
        if (method == Method.RTXEN) {
            if (perTask == null) throw new IllegalArgumentException("the rtxen method needs a per-task distribution");
            if (tasks != 0) throw new IllegalArgumentException("the rtxen method draws tasks until the target is reached: give no task count");
        } else if (tasks < 1 || tasks > maxTasks(method)) {
            throw new IllegalArgumentException("the number of tasks must be from 1 to " + maxTasks(method) + " for "
                    + method.label() + ", not " + tasks);
        }
        if (!(maxTaskUtil > 0) || maxTaskUtil > 1) throw new IllegalArgumentException("the largest task utilisation must be in (0, 1]");
    }

    /** The most tasks {@code method} may be asked for: {@link #MAX_RANDFIXEDSUM_TASKS} or {@link #MAX_TASKS}. */
    public static int maxTasks(Method method) {
        return method == Method.RANDFIXEDSUM ? MAX_RANDFIXEDSUM_TASKS : MAX_TASKS;
    }

    /** Draws one task set with total utilisation {@code total} from {@code seed}. */
    public List<PeriodicTask> generate(double total, long seed) {
        checkTotal(total);
        SplittableRandom rng = new SplittableRandom(seed);
        if (method == Method.RTXEN) return rtxen(total, rng);
        double[] u = switch (method) {
            case UUNIFAST -> Utilizations.uunifast(tasks, total, rng);
            case UUNIFAST_DISCARD -> Utilizations.uunifastDiscard(tasks, total, maxTaskUtil, rng);
            case RANDFIXEDSUM -> Utilizations.randFixedSum(tasks, total, 0, maxTaskUtil, rng);
            case RTXEN -> throw new AssertionError();
        };
        List<PeriodicTask> out = new ArrayList<>(tasks);
        for (double x : u) out.add(task(periods.draw(rng), x));
        return out;
    }

    /**
     * Throws what {@link #generate} throws for {@code total} whatever the seed (a total the method's bounds do not
     * admit), without drawing.
     */
    public void checkTotal(double total) {
        if (!(total > 0)) throw new IllegalArgumentException("the total utilisation must be positive, not " + total);
        switch (method) {
            case UUNIFAST -> Utilizations.checkUunifast(tasks, total);
            case UUNIFAST_DISCARD -> Utilizations.checkUunifastDiscard(tasks, total, maxTaskUtil);
            case RANDFIXEDSUM -> Utilizations.checkRandFixedSum(tasks, total, 0, maxTaskUtil);
            case RTXEN -> { } // no bound: tasks are drawn until the total is reached
        }
    }

    /**
     * Whether only drawing tells, once {@link #checkTotal} passed, whether {@link #generate} succeeds at {@code total}
     * and how many tasks it draws: UUniFast-Discard can reject {@link Utilizations#MAX_DISCARDS} vectors where the
     * total is above the largest task utilisation, and the rtxen method draws as many tasks as the total takes and can
     * give up after {@link #MAX_REDRAWS} redraws; otherwise every seed gives {@link #tasks()} tasks.
     */
    public boolean onlyDrawingTells(double total) {
        return switch (method) {
            case UUNIFAST, RANDFIXEDSUM -> false;
            case UUNIFAST_DISCARD -> total > maxTaskUtil; // at most the bound, every task is: the first vector is kept
            case RTXEN -> true;
        };
    }

    private PeriodicTask task(long period, double u) {
        long unit = periods.unit();
        long wcet = Math.max(unit, (long) Math.floor(period * u / unit) * unit);
        return new PeriodicTask(period, Math.min(wcet, period), period);
    }

    /**
     * RT-Xen's loop: while the total is below target − u_max, draw u and a period, WCET = ⌊period·u⌋ to the unit,
     * redrawing when the rounded utilisation leaves the distribution's range (at most {@link #MAX_REDRAWS} times in a
     * row); then one filler task takes the rest.
     */
    private List<PeriodicTask> rtxen(double target, SplittableRandom rng) {
        List<PeriodicTask> out = new ArrayList<>();
        long unit = periods.unit();
        double sum = 0;
        int redraws = 0;
        while (sum < target - perTask.max()) {
            long period = periods.draw(rng);
            long wcet = (long) Math.floor(period * perTask.draw(rng) / unit) * unit;
            double u = (double) wcet / period;
            if (wcet <= 0 || !perTask.admits(u)) {
                if (++redraws == MAX_REDRAWS) {
                    throw new PeriodsTooShort("the rtxen method redrew " + MAX_REDRAWS + " tasks in a row: at"
                            + " periods of " + Time.format(periods.min()) + " to " + Time.format(periods.max())
                            + " a WCET in whole units of " + Time.format(unit) + " hardly ever or never has a"
                            + " utilisation in [" + perTask.min() + ", " + perTask.max() + "] (" + perTask.label()
                            + "); use a finer unit or longer periods");
                }
                continue;
            }
            redraws = 0;
            out.add(new PeriodicTask(period, wcet, period));
            sum += u;
        }
        double rest = target - sum;
        long period = periods.draw(rng);
        long wcet = Math.min(period, (long) Math.floor(period * rest / unit) * unit);
        if (wcet > 0) out.add(new PeriodicTask(period, wcet, period));
        return out;
    }

    /** The tasks dealt round-robin to {@code groups} domains: task i goes to domain i mod groups (RT-Xen's rule). */
    public static List<List<PeriodicTask>> deal(List<PeriodicTask> tasks, int groups) {
        if (groups < 1) throw new IllegalArgumentException("needs at least one domain");
        List<List<PeriodicTask>> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) out.add(new ArrayList<>());
        for (int i = 0; i < tasks.size(); i++) out.get(i % groups).add(tasks.get(i));
        return out;
    }

    /** The sum of the tasks' utilisations. */
    public static double utilization(List<PeriodicTask> tasks) {
        double s = 0;
        for (PeriodicTask t : tasks) s += t.utilization();
        return s;
    }
}
