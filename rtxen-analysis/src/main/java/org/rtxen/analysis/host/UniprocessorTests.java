package org.rtxen.analysis.host;

import java.util.List;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.RationalSum;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.SearchCancelled;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.Policy;
import org.rtxen.analysis.component.UniprocessorInterfaces;
import org.rtxen.analysis.demand.DeadlinePoints;
import org.rtxen.analysis.demand.Demand;
import org.rtxen.analysis.demand.DescendingDeadlines;

/** Exact tests for one processor: the EDF processor-demand test and fixed-priority response-time analysis. */
public final class UniprocessorTests {
    /**
     * Deadlines the exact EDF test at utilization 1 (deadlines below periods) may need to visit, counted before it
     * starts; above it the test answers "not decided" with the count instead of running for minutes.
     */
    public static final long EDF_POINT_LIMIT = 5_000_000L;
    /**
     * Task visits one EDF demand check may make (one per task and downward jump, one per deadline walked forwards):
     * a few seconds. With U within about 10^-12 of 1 and unrelated periods the jumps skip few deadlines up to an end
     * of 10^18 or more; past the limit the test answers "not decided" with the count instead of running for hours.
     */
    public static final long EDF_WORK_LIMIT = 300_000_000L;
    /**
     * Interference terms the fixed-priority response-time iteration of one task may evaluate (one per higher-priority
     * task and step, about 3 s): each step adds at least one higher-priority job, and with their utilization within
     * 2^-30 of 1 a response time near 2^62 is reached after some 10^9 steps. Past it the test says "not decided".
     */
    public static final long FP_TERM_LIMIT = 300_000_000L;
    /** {@link #excessAt}: no deadline's demand exceeds it. */
    private static final long FITS = -1;
    /** {@link #excessAt}: not found out within {@link #EDF_WORK_LIMIT}. */
    private static final long UNDECIDED = -2;

    private UniprocessorTests() {}

    /**
     * The exact EDF demand test dbf(t) ≤ t at every deadline up to c/(1 − U) (past it U·t + c ≤ t); U = 1
     * with every deadline at or past its period is schedulable outright, other U = 1 sets are checked up to max D plus
     * the hyperperiod, where the demand pattern repeats. For deferrable servers the demand is that of deadlines Θ.
     * "Not decided" (not schedulable, saying why) where that end lies at or past 2^63 − 1 and no deadline below it
     * fails, or where the check would exceed {@link #EDF_POINT_LIMIT} or {@link #EDF_WORK_LIMIT}.
     */
    public static TestResult edf(List<Task> tasks, ServerKind kind) {
        String assumption = kind == ServerKind.DEFERRABLE ? "deferrable servers (demand of deadlines Θ)" : "sporadic tasks";
        Reason failure = edfFailure(kind.edfDemandTasks(tasks), true);
        return new TestResult("edf", failure == null, assumption, failure == null ? Reason.NONE : failure);
    }

    /**
     * {@link #edf}'s verdict without its reason, for the many trial placements of a partitioning: a failure by
     * utilization is decided without summing the utilization exactly, whose denominator grows with the lcm of the
     * periods (hundreds of digits for a pCPU of 50 tasks with unrelated periods).
     */
    public static boolean edfSchedulable(List<Task> tasks, ServerKind kind) {
        return edfFailure(kind.edfDemandTasks(tasks), false) == null;
    }

    /** Why {@code demand} fails the EDF demand test ({@link Reason#NONE} unless {@code explain}), or null if it passes. */
    private static Reason edfFailure(List<Task> demand, boolean explain) {
        RationalSum sum = new RationalSum();
        for (Task t : demand) sum.add(t.utilization());
        int vsOne = sum.compareTo(Rational.ONE);
        if (vsOne > 0) return explain ? Reason.of("utilization ", Demand.utilization(demand), " exceeds 1") : Reason.NONE;
        // With D ≥ T every task's dbf_i(t) = C_i(⌊(t − D_i)/T_i⌋ + 1) ≤ C_i·t/T_i, so dbf(t) ≤ U·t ≤ t everywhere.
        if (demand.stream().allMatch(t -> t.deadline() >= t.period())) return null;
        long last;
        if (vsOne == 0) {
            // Past max D, dbf(t + H) = dbf(t) + U·H = dbf(t) + H for H = lcm(periods): dbf(t) ≤ t at every deadline
            // up to max D + H decides every later one. The count of those deadlines is known before the walk.
            last = Demand.patternEnd(demand, 1);
            long count = Demand.deadlinesUpTo(demand, last);
            if (count > EDF_POINT_LIMIT) {
                return Reason.of("not decided: at utilization 1 with"
                        + " deadlines below periods the demand must be checked up to max D + lcm(periods) = ",
                        last == Long.MAX_VALUE ? "more than 2^63 ns" : Reason.span(last), ", ",
                        count == Long.MAX_VALUE ? "more than 2^63" : String.format(java.util.Locale.ROOT, "%,d", count),
                        String.format(java.util.Locale.ROOT, " deadlines, above the limit of %,d", EDF_POINT_LIMIT));
            }
        } else {
            last = linearEnd(sum, demand);
        }
        long excess = excessAt(demand, last);
        // An end of Long.MAX_VALUE stands for one at or past it: the deadlines after it were not checked.
        if (excess == FITS && last < Long.MAX_VALUE) return null;
        if (!explain) return Reason.NONE;
        if (excess == FITS) {
            return Reason.of("not decided: no deadline up to ", Reason.span(Long.MAX_VALUE), " has more demand than its"
                    + " length, but the check must go on to ", vsOne == 0 ? "max D + lcm(periods)" : "c/(1 − U)",
                    ", beyond that");
        }
        if (excess == UNDECIDED) {
            return Reason.of("not decided: the demand must be checked at the ",
                    String.format(java.util.Locale.ROOT, "%,d", Demand.deadlinesUpTo(demand, last)), " deadlines up to ",
                    Reason.span(last), ", and the downward jumps skip too few of them (utilization very close to 1) to"
                    + " do it within ", String.format(java.util.Locale.ROOT, "%,d", EDF_WORK_LIMIT), " task visits");
        }
        // The message names the first deadline at which the demand exceeds it, where walking to it forwards is affordable.
        long first = Demand.deadlinesUpTo(demand, excess) <= EDF_WORK_LIMIT ? firstExcess(demand, excess) : excess;
        if (first == FITS) throw new IllegalStateException("the EDF demand test failed, yet no deadline exceeds it");
        return excessReason(demand, first);
    }

    /**
     * The last instant at which dbf(t) may exceed t when U &lt; 1: past c/(1 − U), c = Σ_{D&lt;T} U_i·(T_i − D_i),
     * dbf(t) ≤ U·t + c &lt; t. From fixed-point sums, an upper bound (at most a few more points to check, never fewer),
     * since the exact sums' denominators grow with the lcm of the periods; exact where 1 − U is so small that the
     * bound would not be tight, or where the bound reaches Long.MAX_VALUE (which then stands for an end at or past it).
     */
    private static long linearEnd(RationalSum utilization, List<Task> demand) {
        RationalSum offset = new RationalSum();
        for (Task k : demand) {
            if (k.period() > k.deadline()) offset.add(k.utilization().multiply(k.period() - k.deadline()));
        }
        long bound = offset.floorOverSlackBound(utilization);
        return bound >= 0 && bound < Long.MAX_VALUE ? bound : UniprocessorInterfaces.floorOrMax(
                Demand.linearDemandOffset(demand).divide(Rational.ONE.subtract(Demand.utilization(demand))));
    }

    /**
     * A deadline t ≤ {@code end} with dbf(t) &gt; t (or {@code end} itself when dbf there exceeds 2^63), {@link #FITS}
     * when there is none, or {@link #UNDECIDED} when finding out would take more than {@link #EDF_WORK_LIMIT} task
     * visits. Checked downwards from {@code end} in the jumps of QPA (Zhang and Burns 2009): where the demand d at a
     * point t is at most t, every deadline in [d, t] has a demand of at most d, so the next one to check is the last
     * deadline below d. A jump costs a pass over the tasks and usually skips many deadlines; where it skips few (the
     * demand close to t at deadline after deadline), the forward walk, about one step per deadline, checks what is
     * left once the jumps have cost as much as it would.
     */
    private static long excessAt(List<Task> demand, long end) {
        DescendingDeadlines points;
        try {
            points = new DescendingDeadlines(demand, end);
        } catch (ArithmeticException overflow) {
            return end; // dbf(end) exceeds 2^63, hence end
        }
        long walk = Demand.deadlinesUpTo(demand, end);
        long spent = 0;
        int steps = 0;
        for (long t = points.time(); t > 0; t = points.time()) {
            if ((++steps & 0xFFF) == 0) SearchCancelled.checkpoint();
            long d = points.demand();
            if (d > t) return t;
            spent += demand.size();
            if (spent > walk) return firstExcess(demand, d - 1); // walk < spent ≤ the limit: affordable
            if (spent > EDF_WORK_LIMIT) return UNDECIDED;
            points.moveTo(d - 1);
        }
        return FITS;
    }

    /** The first deadline t ≤ {@code last} with dbf(t) &gt; t, walking forwards; {@link #FITS} if there is none. */
    private static long firstExcess(List<Task> demand, long last) {
        DeadlinePoints points = new DeadlinePoints(demand);
        int steps = 0;
        while (points.hasNext()) {
            if ((++steps & 0xFFF) == 0) SearchCancelled.checkpoint();
            long t = points.next();
            if (t > last) break;
            if (points.demand() > t) return t;
        }
        return FITS;
    }

    /** The demand over an interval of length t exceeds its length, as a reason. */
    private static Reason excessReason(List<Task> demand, long t) {
        Object amount;
        try {
            amount = Reason.span(Demand.dbf(demand, t));
        } catch (ArithmeticException overflow) {
            amount = Reason.of("more than ", Reason.span(Long.MAX_VALUE));
        }
        return Reason.of("demand ", amount, " in an interval of length ", Reason.span(t), " exceeds its length");
    }

    /**
     * Fixed-priority response-time analysis (D ≤ T): R_i = C_i + Σ_{j ∈ hp(i)} ⌈(R_i + J_j)/T_j⌉·C_j with jitter
     * J_j = Π_j − Θ_j for deferrable servers (back-to-back execution), 0 otherwise.
     */
    public static TestResult fp(List<Task> tasks, Policy policy, ServerKind kind) {
        return fp(tasks, policy, kind, FP_TERM_LIMIT);
    }

    /** {@link #fp(List, Policy, ServerKind)} with at most {@code termLimit} interference terms per task. */
    static TestResult fp(List<Task> tasks, Policy policy, ServerKind kind, long termLimit) {
        String assumption = kind == ServerKind.DEFERRABLE ? "deferrable servers (jitter Π − Θ)" : "sporadic tasks";
        List<Task> sorted = policy.byPriority(tasks);
        for (int i = 0; i < sorted.size(); i++) {
            Task ti = sorted.get(i);
            if (ti.deadline() > ti.period()) {
                return new TestResult("fp", false, assumption, Reason.of("task ", ti.name(),
                        ": needs deadline ≤ period"));
            }
            long r = ti.wcet();
            for (long terms = 0; r <= ti.deadline(); terms += i) {
                if (terms > termLimit) {
                    return new TestResult("fp", false, assumption, Reason.of("not decided: the response time of task ",
                            ti.name(), " (deadline ", Reason.span(ti.deadline()), ") needs more than ",
                            String.format(java.util.Locale.ROOT, "%,d", termLimit), " interference terms: its"
                            + " higher-priority tasks' utilization is close to 1, and each step adds few of their jobs"));
                }
                SearchCancelled.checkpoint();
                long next = ti.wcet();
                for (int j = 0; j < i; j++) {
                    Task tj = sorted.get(j);
                    next = Math.addExact(next, Math.multiplyExact(
                            Math.floorDiv(r + kind.jitter(tj) + tj.period() - 1, tj.period()), tj.wcet()));
                }
                if (next == r) break;
                r = next;
            }
            if (r > ti.deadline()) {
                return new TestResult("fp", false, assumption, Reason.of("task ", ti.name(),
                        ": response time exceeds deadline ", Reason.span(ti.deadline())));
            }
        }
        return new TestResult("fp", true, assumption, Reason.NONE);
    }
}
