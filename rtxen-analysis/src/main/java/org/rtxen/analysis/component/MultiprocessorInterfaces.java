package org.rtxen.analysis.component;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.SearchCancelled;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.ComponentInterface.Model;
import org.rtxen.analysis.component.ComponentInterface.Vcpu;
import org.rtxen.analysis.demand.Demand;
import org.rtxen.analysis.supply.Dmpr;
import org.rtxen.analysis.supply.Mpr;
import org.rtxen.analysis.supply.Prm;
import org.rtxen.analysis.supply.SupplyBound;
import org.rtxen.model.Time;

/**
 * Global EDF components on multiprocessor resources: Easwaran, Shin and Lee's gEDF test under MPR (RTS 2009,
 * Theorems 1–2; spec §3.3.3), the minimum MPR and DMPR interfaces for a period, and the MPR → VCPU transformation.
 *
 * <p>Integer time, exact: the test evaluates the condition only where DEM or the sbf changes its affine piece (see
 * {@link #gedfTest}), so its cost depends on ratios of the numbers, not their magnitude, and its verdict equals a
 * sweep of every integer interval extension A_k below the paper's bound (as CARTS does). The DMPR partial budget
 * is exact, found by jumps between failing intervals (the PRM sbf is non-decreasing in Θ_p and the A_k bound only
 * skips points the linear bound proves safe). The MPR budget is the least passing Θ for every m' in turn, found by
 * the same kind of jumps (the MPR sbf formulas are not monotone in Θ, e.g. Π = 2, m' = 3, t = 3: Θ = 2 gives 1,
 * Θ = 3 gives 0, so no bisection).
 */
public final class MultiprocessorInterfaces {
    /**
     * The most task evaluations (check points × tasks) the gEDF test of one task may spend without finding a failure
     * before it says "not analysed" (some seconds): its A_k bound grows as 1/(rate − U), so a supply barely above the
     * utilization, or a supply period of 1 beside task periods near 2^60, asked for some 10^18 check points.
     */
    public static final double WORK_LIMIT = 1e9;
    /**
     * Intervals of n tasks on m' VCPUs are checked up to this over n + m', so that DEM's sums (m'C_k plus n terms of
     * at most the interval each) stay within a long; beyond, the test says "not analysed" (before, a bound past 2^63
     * was an internal error and the window arithmetic overflowed into negative intervals).
     */
    static final long LONGEST_INTERVAL = 1L << 62;

    private MultiprocessorInterfaces() {}

    /** The outcome of the gEDF test: schedulable, or the first failing task and interval. */
    public record Verdict(boolean schedulable, Reason reason) {}

    /**
     * Whether the tasks are schedulable under global EDF on a supply with at most {@code cpus} VCPUs in parallel:
     * DEM(A_k + D_k, m') ≤ sbf(A_k + D_k) for every task k and integer A_k below the paper's bound, checked only at
     * {@link #checkPoints}; a failure is reported at the least failing A_k, exactly as a sweep of every integer would.
     *
     * <p>Why the check points suffice: between two consecutive check points every term of DEM is affine in A_k (the
     * job counts are constant, each carry-in min(C_i, max(0, ·)) is on one of its pieces, and each min(·, A_k + D_k −
     * C_k) or min(·, A_k) is on one side of its crossing), and so is sbf (its breakpoints are check points too). The
     * sum of the m' − 1 largest of affine functions is a maximum of affine functions, so DEM is convex there and
     * sbf − DEM is concave: its minimum on the piece is at an end, and the points where it is ≥ 0 form a prefix of
     * the piece, so the first failure inside a piece is found by bisection.
     */
    public static Verdict gedfTest(List<Task> tasks, SupplyBound supply, int cpus) {
        return firstFailure(tasks, supply, cpus).verdict();
    }

    /** A verdict with its first failing interval length and demand there (interval −1 when none). */
    private record Outcome(Verdict verdict, long interval, long demand) {
        Outcome(Verdict verdict) {
            this(verdict, -1, 0);
        }
    }

    private static Outcome firstFailure(List<Task> tasks, SupplyBound supply, int cpus) {
        Rational u = Demand.utilization(tasks);
        Rational rate = supply.rate();
        if (rate.compareTo(u) <= 0) {
            return new Outcome(new Verdict(false, Reason.of("bandwidth ", rate, " does not exceed utilization ", u)));
        }
        long[] top = new long[tasks.size()];
        // check points are generated window by window, so that an early failure costs little and memory stays small:
        // 8 of the longest task periods, but at most 2^16 supply periods (a supply period of 1 beside a task period of
        // 2^60 emitted some 10^18 breakpoints into one window)
        long longest = tasks.stream().mapToLong(Task::period).max().orElse(1);
        long window = Math.min(longest > Time.MAX_INPUT / 8 ? Time.MAX_INPUT : 8 * longest,
                supply.period() > Time.MAX_INPUT >> 16 ? Time.MAX_INPUT : supply.period() << 16);
        ExtensionBound bound = ExtensionBound.of(tasks, supply, cpus);
        for (int k = 0; k < tasks.size(); k++) {
            Task tk = tasks.get(k);
            Reason untestable = untestable(tk);
            if (!untestable.isEmpty()) return new Outcome(new Verdict(false, untestable));
            long last = bound.last(tk);
            long safe = LONGEST_INTERVAL / (tasks.size() + cpus) - tk.deadline();
            long stop = Math.min(last, safe);
            long passed = -1;
            double evaluations = 0;
            for (long from = 0; from <= stop; from += window) {
                SearchCancelled.checkpoint();
                long[] points = checkPoints(tasks, k, supply, from, Math.min(stop, from + window - 1));
                evaluations += (double) points.length * tasks.size();
                for (long a : points) {
                    if (fails(tasks, k, a, supply, cpus, top)) {
                        return firstFailureAfter(tasks, k, passed, a, supply, cpus, top);
                    }
                    passed = a;
                }
                if (evaluations > WORK_LIMIT && from + window <= stop) {
                    return new Outcome(new Verdict(false, Reason.of("task ", tk.name(), ": not analysed: the gEDF test"
                            + " checked intervals up to ", Reason.span(passed + tk.deadline()), " without a failure in ",
                            String.format(Locale.ROOT, "%,d task evaluations, and must go on to ", (long) WORK_LIMIT),
                            last == Long.MAX_VALUE ? "beyond 2^63" : Reason.span(last + tk.deadline()), " (the supply's"
                            + " rate is close to the utilization, or its period far shorter than the tasks')")));
                }
            }
            if (last > stop) {
                return new Outcome(new Verdict(false, Reason.of("task ", tk.name(), ": not analysed: the gEDF test"
                        + " found no failure in intervals up to ", Reason.span(stop + tk.deadline()), " and must go on to ",
                        last == Long.MAX_VALUE ? "beyond 2^63" : Reason.span(last + tk.deadline()), ", past where its"
                        + " sums of ", tasks.size(), " tasks stay within 64 bits")));
            }
        }
        return new Outcome(new Verdict(true, Reason.NONE));
    }

    /**
     * Why the gEDF test cannot pass {@code t} whatever the supply, or {@link Reason#NONE}: {@link #hopeless}, or a
     * deadline beyond the period, which the test (Easwaran et al., for constrained deadlines) does not cover: its
     * A_k bound's U_D = Σ U_i(T_i − D_i) turns negative and skips intervals that fail (a (4, 1, 1) and an (8, 1, 1)
     * due together on one CPU passed beside a (4, 2, 13)), and earlier jobs of the task may still run after the
     * release (rtxen's guest runs them one at a time), which its own interference term does not count.
     */
    private static Reason untestable(Task t) {
        Reason hopeless = hopeless(t);
        if (!hopeless.isEmpty()) return hopeless;
        if (t.deadline() > t.period()) return Reason.of("task ", t.name(), ": the gEDF test needs deadline ≤ period");
        return Reason.NONE;
    }

    /** Why no supply lets any task of {@code tasks} meet its deadlines (the first such task's reason), or none. */
    private static Reason hopeless(List<Task> tasks) {
        for (Task t : tasks) {
            Reason r = hopeless(t);
            if (!r.isEmpty()) return r;
        }
        return Reason.NONE;
    }

    /**
     * Why no supply lets {@code t} meet its deadlines, or {@link Reason#NONE}: its WCET exceeds its deadline, or its
     * period (a guest task's jobs run one at a time, so job n, released at (n − 1)T, completes at nC at the earliest,
     * past its deadline (n − 1)T + D once n(C − T) &gt; D − T).
     */
    private static Reason hopeless(Task t) {
        if (t.wcet() > t.deadline()) return Reason.of("task ", t.name(), ": wcet exceeds deadline");
        if (t.wcet() > t.period()) {
            return Reason.of("task ", t.name(), ": wcet ", Reason.span(t.wcet()), " exceeds period ",
                    Reason.span(t.period()), " (its jobs run one at a time, so it falls further behind with every period)");
        }
        return Reason.NONE;
    }

    /**
     * The failure at the least failing A_k in (passed, failing]: the slack is concave there, so the failing points
     * form a suffix and bisection finds its start ({@code passed} −1: failing is 0, the first point).
     */
    private static Outcome firstFailureAfter(List<Task> tasks, int k, long passed, long failing, SupplyBound supply,
            int cpus, long[] top) {
        long first = failing;
        if (passed >= 0) {
            long lo = passed;
            while (first - lo > 1) {
                long mid = lo + (first - lo) / 2;
                if (fails(tasks, k, mid, supply, cpus, top)) first = mid;
                else lo = mid;
            }
        }
        Task tk = tasks.get(k);
        long t = first + tk.deadline();
        long dem = demand(tasks, k, first, cpus, top);
        return new Outcome(new Verdict(false, Reason.of("task ", tk.name(), ": demand ", Reason.span(dem),
                " exceeds supply ", Reason.span(supply.sbf(t)), " in an interval of length ", Reason.span(t))), t, dem);
    }

    /**
     * The largest A_k the test must check (−1 for none), from Easwaran et al.'s bound (spec §3.3.3):
     * A_k &lt; [C_Σ + m'C_k − D_k(rate − U) + U_D + B] / (rate − U), with C_Σ the m' − 1 largest WCETs and
     * U_D = Σ U_i(T_i − D_i); needs rate &gt; U.
     */
    static long lastExtension(List<Task> tasks, int k, SupplyBound supply, int cpus) {
        return ExtensionBound.of(tasks, supply, cpus).last(tasks.get(k));
    }

    /**
     * {@link #lastExtension}'s bound with its task-independent parts computed once per test: the bound is
     * (C_Σ + U_D + B)/(rate − U) + m'C_k/(rate − U) − D_k, and the first two terms' denominators are the lcm of all
     * periods (thousands of bits for 200 tasks), so recomputing and reducing them for every task k made this bound
     * 97 % of a 200-task MPR interface's time. Per task only a product and one division of integers remain.
     *
     * @param fixed    (C_Σ + U_D + B)/(rate − U)
     * @param perWcet  m'/(rate − U)
     */
    private record ExtensionBound(Rational fixed, Rational perWcet) {
        static ExtensionBound of(List<Task> tasks, SupplyBound supply, int cpus) {
            int n = tasks.size();
            long[] sortedC = new long[n];
            List<Rational> uD = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Task t = tasks.get(i);
                sortedC[i] = t.wcet();
                uD.add(t.utilization().multiply(t.period() - t.deadline()));
            }
            Arrays.sort(sortedC);
            long cSigma = 0;
            for (int i = 0; i < cpus - 1 && i < n; i++) cSigma += sortedC[n - 1 - i];
            Rational slope = supply.rate().subtract(Demand.utilization(tasks));
            Rational fixed = Rational.sum(uD).add(cSigma).add(supply.lsbfOffset()).divide(slope);
            return new ExtensionBound(fixed, Rational.of(cpus).divide(slope));
        }

        /** ⌈fixed + C_k·perWcet⌉ − D_k − 1, the largest A_k below the bound, or Long.MAX_VALUE beyond a long. */
        long last(Task tk) {
            BigInteger num = fixed.numerator().multiply(perWcet.denominator())
                    .add(perWcet.numerator().multiply(BigInteger.valueOf(tk.wcet())).multiply(fixed.denominator()));
            BigInteger den = fixed.denominator().multiply(perWcet.denominator());
            BigInteger[] qr = num.divideAndRemainder(den);
            BigInteger ceil = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
            BigInteger last = ceil.subtract(BigInteger.valueOf(tk.deadline())).subtract(BigInteger.ONE);
            return last.bitLength() < 63 ? last.longValue() : last.signum() < 0 ? -1 : Long.MAX_VALUE;
        }
    }

    /**
     * The sorted, distinct A_k ∈ [from, to] at which the test is evaluated: from, to, and t − D_k and t − 1 − D_k for
     * every t where a term of DEM or the sbf may change its affine piece (t = A_k + D_k). Per task i and job count j:
     * the count step D_i + (j − 1)T_i, the carry-in corners jT_i and jT_i + C_i, and the crossing of the
     * non-carry-in work jC_i with the cap t − C_k + 1 (i ≠ k) or of (j − 1)C_k with A_k (i = k); with the carry-in flat at 0 or
     * C_i the with-carry-in mins cross there or one job later, and with slope 1 they never cross. Their number is
     * about 4Σ(to − from)/T_i plus the supply's few per period: a function of ratios, not magnitudes.
     */
    static long[] checkPoints(List<Task> tasks, int k, SupplyBound supply, long from, long to) {
        Task tk = tasks.get(k);
        long dk = tk.deadline();
        long t0 = from + dk;
        long t1 = to + dk;
        LongStream.Builder points = LongStream.builder();
        points.add(from).add(to);
        LongConsumer atTime = t -> {
            if (t >= t0 && t <= t1) points.add(t - dk);
        };
        supply.breakpoints(t0, t1, atTime);
        for (int i = 0; i < tasks.size(); i++) {
            Task ti = tasks.get(i);
            long period = ti.period();
            for (long j = Math.max(0, Math.floorDiv(t0 - 1 - ti.deadline(), period)); j <= (t1 + 1) / period + 1; j++) {
                acceptWithLeft(atTime, ti.deadline() + (j - 1) * period);
                acceptWithLeft(atTime, j * period);
                acceptWithLeft(atTime, j * period + ti.wcet());
            }
            for (long j = jobs(ti, t0); j <= jobs(ti, t1) + 2; j++) {
                acceptWithLeft(atTime, i != k ? j * ti.wcet() + tk.wcet() - 1 : (j - 1) * tk.wcet() + dk);
            }
        }
        long[] sorted = points.build().toArray();
        Arrays.sort(sorted);
        int distinct = 0;
        for (long p : sorted) if (distinct == 0 || sorted[distinct - 1] != p) sorted[distinct++] = p;
        return Arrays.copyOf(sorted, distinct);
    }

    /** The job count of DEM's interference term: max(0, ⌊(t + T_i − D_i)/T_i⌋). */
    private static long jobs(Task ti, long t) {
        return Math.max(0, Math.floorDiv(t + ti.period() - ti.deadline(), ti.period()));
    }

    /** A step between t − 1 and t is a piece boundary on both sides. */
    private static void acceptWithLeft(LongConsumer sink, long t) {
        sink.accept(t - 1);
        sink.accept(t);
    }

    private static boolean fails(List<Task> tasks, int k, long a, SupplyBound supply, int cpus, long[] top) {
        return supply.sbf(a + tasks.get(k).deadline()).compareTo(demand(tasks, k, a, cpus, top)) < 0;
    }

    /**
     * DEM(A_k + D_k, m') in integer time, the least supply over [t_0, t) that rules out a miss: m'(C_k − 1) + 1, the
     * non-carry-in interference and the m' − 1 largest carry-in increments, each task's interference capped at
     * y = t − C_k + 1 (0 for C_k = 0: such a job cannot miss). Why not the paper's m'C_k with caps t − C_k: a job of
     * k that misses runs at most C_k − 1 units in [t_0, t), so in at least y units of [t_0, t) every supplied
     * processor runs other jobs of at least its priority; take y of them: the supply outside them is at most
     * m'(C_k − 1), and inside them each task i did at most min(W_i, y) (own earlier jobs: before the release, at most
     * A_k), so sbf(t) ≤ m'(C_k − 1) + Σ min(W_i, y) = DEM − 1 (Bertogna, Cirinei and Lipari's "+1" with a supply).
     * The paper's form passes a (10, 1, 1) and a (10, 5, 5) on one dedicated CPU (DEM 5 = sbf(5)), where the two jobs
     * released together need 6 units by 5. {@code top} is scratch space of one slot per task (it keeps the largest
     * increments, in descending order).
     */
    static long demand(List<Task> tasks, int k, long a, int cpus, long[] top) {
        Task tk = tasks.get(k);
        if (tk.wcet() == 0) return 0;
        long t = a + tk.deadline();
        long cap = t - tk.wcet() + 1;
        long sum = (long) cpus * (tk.wcet() - 1) + 1;
        int wanted = Math.min(cpus - 1, tasks.size());
        int kept = 0;
        for (int i = 0; i < tasks.size(); i++) {
            Task ti = tasks.get(i);
            long count = Math.max(0, Math.floorDiv(t + ti.period() - ti.deadline(), ti.period()));
            long carry = Math.min(ti.wcet(), Math.max(0, t - count * ti.period()));
            long work = count * ti.wcet() + carry;
            long without;
            long with;
            if (i != k) {
                without = Math.min(work - carry, cap);
                with = Math.min(work, cap);
            } else {
                without = Math.min(work - tk.wcet() - carry, a);
                with = Math.min(work - tk.wcet(), a);
            }
            sum += without;
            long increment = with - without;
            if (wanted == 0 || (kept == wanted && increment <= top[wanted - 1])) continue;
            int slot = kept < wanted ? kept++ : wanted - 1;
            for (; slot > 0 && top[slot - 1] < increment; slot--) top[slot] = top[slot - 1];
            top[slot] = increment;
        }
        for (int i = 0; i < kept; i++) sum += top[i];
        return sum;
    }

    /**
     * The minimum MPR interface μ(Π, Θ, m') for period Π: the smallest m' (from ⌈U⌉ up to 10n + 1, CARTS's bound) for
     * which some Θ ∈ ((m' − 1)Π, m'Π] passes, and the least such Θ. The ranges of consecutive m' are disjoint and
     * increasing, so the first m' that admits any Θ also gives the least bandwidth overall.
     */
    public static ComponentInterface mpr(List<Task> tasks, long period, Mpr.Variant variant) {
        return mpr(tasks, period, variant, 0);
    }

    /**
     * The minimum MPR interface with exactly {@code cpus} VCPUs (a domain's VCPU count), or with the smallest m' when
     * {@code cpus} is 0.
     */
    public static ComponentInterface mpr(List<Task> tasks, long period, Mpr.Variant variant, int cpus) {
        Rational u = Demand.utilization(tasks);
        if (tasks.isEmpty() || u.signum() == 0) {
            return new ComponentInterface(Model.MPR, true, period, Rational.ZERO, null, 0, List.of(), Reason.NONE);
        }
        Reason hopeless = hopeless(tasks);
        if (!hopeless.isEmpty()) return ComponentInterface.infeasible(Model.MPR, period, hopeless);
        int maxCpus = cpus > 0 ? cpus : 10 * tasks.size() + 1;
        Reason reason = Reason.of("utilization ", u, " exceeds ", maxCpus, " VCPUs");
        for (int m = cpus > 0 ? cpus : Math.max(1, u.ceil().intValueExact()); m <= maxCpus; m++) {
            long hi = (long) m * period;
            long lo = Math.max((long) (m - 1) * period + 1, u.multiply(period).floor().longValueExact() + 1);
            if (u.compareTo(m) == 0 && dedicatedSuffices(tasks, m)) {
                return new ComponentInterface(Model.MPR, true, period, Rational.of(hi), null, m,
                        toVcpus(period, hi, m), Reason.NONE);
            }
            if (lo > hi) continue;
            Found found = leastPassingBudget(tasks, period, variant, m, lo, hi);
            if (found == null) {
                reason = gedfTest(tasks, new Mpr(period, hi, m, variant), m).reason();
                continue;
            }
            return new ComponentInterface(Model.MPR, true, period, Rational.of(found.budget()), null, m,
                    toVcpus(period, found.budget(), m), Reason.NONE, found.minimal(), null);
        }
        return ComponentInterface.infeasible(Model.MPR, period, Reason.of("no MPR interface with up to ", maxCpus,
                " VCPUs: ", reason));
    }

    /**
     * Whether m' dedicated processors (supply exactly m't in every window of length t) schedule the tasks under
     * global EDF when their utilization is exactly m', where the gEDF test (which needs a rate above U) cannot
     * decide: on one processor EDF meets every deadline when U ≤ 1 and no deadline is below its period (Liu &amp;
     * Layland 1973; dbf(t) ≤ U·t ≤ t); on several, when there are no more tasks than processors and C ≤ min(D, T)
     * (every job runs from its release and is done by its deadline and before the next job's release).
     */
    private static boolean dedicatedSuffices(List<Task> tasks, int cpus) {
        if (tasks.size() <= cpus) return tasks.stream().allMatch(t -> hopeless(t).isEmpty());
        return cpus == 1 && tasks.stream().allMatch(t -> t.deadline() >= t.period());
    }

    /**
     * The least Θ ∈ [lo, hi] that passes the gEDF test with m' VCPUs, or null if none; the sbf is not monotone in Θ
     * (Easwaran's is at its worst at Θ = m'Π), so this does not bisect. It jumps from failure to failure: when Θ
     * fails at interval t with demand d (DEM does not depend on Θ), every passing Θ' has sbf(t; Θ') ≥ d (t is
     * checked for Θ', or beyond its A_k bound where DEM ≤ lsbf ≤ sbf), so the next candidate is the least Θ' &gt; Θ
     * with sbf(t; Θ') ≥ d, found by evaluating the closed-form sbf at t alone, from the least Θ' whose
     * {@link Mpr#idealSupply} (an upper bound of both sbfs that is monotone in Θ) reaches d, found by bisection. No
     * passing Θ is skipped, so the first that passes is the least, unless a test was too large to run
     * ({@link #WORK_LIMIT}): then the search halves its way up to m'Π and the Θ it finds is not proven least.
     */
    private static Found leastPassingBudget(List<Task> tasks, long period, Mpr.Variant variant, int cpus, long lo,
            long hi) {
        long theta = lo;
        boolean minimal = true;
        while (theta <= hi) {
            SearchCancelled.checkpoint();
            Outcome o = firstFailure(tasks, new Mpr(period, theta, cpus, variant), cpus);
            if (o.verdict().schedulable()) return new Found(theta, minimal);
            if (o.interval() < 0) { // Θ ≥ lo keeps the rate above U: a task no Θ helps, or a test too large to run
                if (theta == hi || tasks.stream().anyMatch(t -> !untestable(t).isEmpty())) return null;
                minimal = false; // the A_k bound shrinks as Θ grows: halve the way to m'Π (at most 63 steps)
                theta += (hi - theta + 1) / 2;
                continue;
            }
            long t = o.interval();
            long d = o.demand();
            long next = theta + 1;
            long top = hi;
            while (next < top) { // the least Θ' with ideal(t; Θ') ≥ d: ideal bounds sbf from above and is monotone
                long mid = next + (top - next) / 2;
                if (Mpr.idealSupply(t, period, mid, cpus) >= d) top = mid;
                else next = mid + 1;
            }
            while (next <= hi && sbfAt(t, period, next, cpus, variant) < d) next++;
            theta = next;
        }
        return null;
    }

    private static long sbfAt(long t, long period, long budget, int cpus, Mpr.Variant variant) {
        return variant == Mpr.Variant.XU ? Mpr.sbfXu(t, period, budget, cpus) : Mpr.sbfEaswaran(t, period, budget, cpus);
    }

    /** The minimum DMPR interface for period Π: the smallest m' and the least partial budget Θ_p ∈ [1, Π]. */
    public static ComponentInterface dmpr(List<Task> tasks, long period) {
        return dmpr(tasks, period, 0);
    }

    /**
     * The minimum DMPR interface with exactly {@code cpus} VCPUs, or with the smallest m' when {@code cpus} is 0. A
     * task that needs a whole processor (C = T ≤ D, such as a child's full VCPU) gets one of the full VCPUs to itself
     * (DMPR's full VCPUs are dedicated processors: one supplies exactly t in every window of length t, which is all
     * such a task can use), and only the other tasks are analysed globally on the remaining VCPUs.
     */
    public static ComponentInterface dmpr(List<Task> tasks, long period, int cpus) {
        List<Task> shared = tasks.stream().filter(t -> !needsWholeCpu(t)).toList();
        int dedicated = tasks.size() - shared.size();
        boolean sharedIdle = Demand.utilization(shared).signum() == 0;
        if (dedicated == 0 || (cpus > 0 && (cpus < dedicated || (cpus == dedicated && !sharedIdle)))) {
            return globalDmpr(tasks, period, cpus); // no whole-CPU task, or too few VCPUs for the others
        }
        ComponentInterface rest = globalDmpr(shared, period, cpus == 0 ? 0 : cpus - dedicated);
        if (!rest.feasible()) return globalDmpr(tasks, period, cpus);
        List<Vcpu> vcpus = new ArrayList<>(fullVcpus(period, dedicated));
        vcpus.addAll(rest.vcpus());
        return new ComponentInterface(Model.DMPR, true, period, rest.budget().add((long) dedicated * period), null,
                dedicated + rest.cpus(), vcpus, Reason.NONE);
    }

    /** m' full VCPUs (budget = period). */
    private static List<Vcpu> fullVcpus(long period, int cpus) {
        Rational full = Rational.of(period);
        return java.util.Collections.nCopies(cpus, new Vcpu(period, full, full));
    }

    /** A task that keeps a processor busy all the time: C = T and D ≥ T. */
    private static boolean needsWholeCpu(Task t) {
        return t.wcet() == t.period() && t.deadline() >= t.period();
    }

    /** DMPR with every task scheduled globally on all m' VCPUs (Xu et al.'s test as CARTS applies it). */
    private static ComponentInterface globalDmpr(List<Task> tasks, long period, int cpus) {
        Rational u = Demand.utilization(tasks);
        if (tasks.isEmpty() || u.signum() == 0) {
            return new ComponentInterface(Model.DMPR, true, period, Rational.ZERO, null, 0, List.of(), Reason.NONE);
        }
        Reason hopeless = hopeless(tasks);
        if (!hopeless.isEmpty()) return ComponentInterface.infeasible(Model.DMPR, period, hopeless);
        int maxCpus = cpus > 0 ? cpus : 10 * tasks.size() + 1;
        Reason reason = Reason.of("utilization ", u, " exceeds ", maxCpus, " VCPUs");
        for (int m = cpus > 0 ? cpus : Math.max(1, u.ceil().intValueExact()); m <= maxCpus; m++) {
            if (u.compareTo(m) == 0 && dedicatedSuffices(tasks, m)) {
                return new ComponentInterface(Model.DMPR, true, period, Rational.of((long) m * period), null, m,
                        fullVcpus(period, m), Reason.NONE);
            }
            Verdict full = gedfTest(tasks, new Dmpr(period, period, m), m);
            if (!full.schedulable()) {
                reason = full.reason();
                continue;
            }
            Found partial = leastPartialBudget(tasks, period, m);
            List<Vcpu> vcpus = new ArrayList<>();
            Rational full1 = Rational.of(period);
            for (int i = 0; i < m - 1; i++) vcpus.add(new Vcpu(period, full1, full1));
            vcpus.add(new Vcpu(period, Rational.of(partial.budget()), full1));
            return new ComponentInterface(Model.DMPR, true, period, Rational.of((long) (m - 1) * period
                    + partial.budget()), null, m, vcpus, Reason.NONE, partial.minimal(), null);
        }
        return ComponentInterface.infeasible(Model.DMPR, period, Reason.of("no DMPR interface with up to ", maxCpus,
                " VCPUs: ", reason));
    }

    /**
     * The least Θ_p ∈ [1, Π] that passes with m' VCPUs, given that Π passes, by jumping from failure to failure: at
     * a failing interval t with demand d, every passing Θ_p has (m' − 1)t + sbf_PRM(t; Π, Θ_p) ≥ d (t is either
     * checked or beyond the A_k bound, where the linear bound proves it), so Θ_p ≥ ⌈θ(t, d − (m' − 1)t)⌉ (Prm's
     * closed form; sbf_PRM is non-decreasing in Θ_p). Each jump is a lower bound of the answer and strictly above the
     * failing Θ_p, so the first passing one is the least; the number of jumps does not grow with the magnitude the
     * way a bisection over [1, Π] does. A test too large to run ({@link #WORK_LIMIT}) ends it at Θ_p = Π, not
     * proven least.
     */
    private static Found leastPartialBudget(List<Task> tasks, long period, int cpus) {
        long full = (long) (cpus - 1) * period;
        long partial = Math.max(1, Demand.utilization(tasks).multiply(period).floor().longValueExact() - full + 1);
        while (true) {
            Outcome o = firstFailure(tasks, new Dmpr(period, partial, cpus), cpus);
            if (o.verdict().schedulable()) return new Found(partial, true);
            if (o.interval() < 0) return new Found(period, false); // a test too large to run: Θ_p = Π passed
            Rational needed = Prm.minBudget(o.interval(), o.demand() - (cpus - 1) * o.interval(), period);
            partial = Math.max(partial + 1, needed.ceil().longValueExact());
        }
    }

    /** A budget that passes the test, and whether the search proved it the least (false past a work limit). */
    private record Found(long budget, boolean minimal) {}

    /**
     * Easwaran et al.'s transformation of μ(Π, Θ, m') into m' periodic VCPUs (spec §3.3.4, integer Θ): with
     * a = Θ mod m', a VCPUs get ⌊Θ/m'⌋ + 1 and m' − a get ⌊Θ/m'⌋; the budgets sum to Θ.
     */
    public static List<Vcpu> toVcpus(long period, long budget, int cpus) {
        long base = budget / cpus;
        long extra = budget - base * cpus;
        List<Vcpu> out = new ArrayList<>(cpus);
        Rational p = Rational.of(period);
        for (int i = 0; i < cpus; i++) out.add(new Vcpu(period, Rational.of(base + (i < extra ? 1 : 0)), p));
        return out;
    }
}
