package org.rtxen.analysis.host;

import java.util.List;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.RationalSum;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.SearchCancelled;
import org.rtxen.analysis.Task;

/**
 * Sufficient schedulability tests for global EDF on m identical processors (spec §3.5), in exact arithmetic. Tasks
 * have constrained deadlines (D ≤ T); a test given other deadlines says so in its reason.
 */
public final class GlobalEdfTests {
    private static final String SPORADIC = "sporadic tasks (VCPUs as periodic servers)";
    private static final String DEFERRED = "deferrable servers: each job runs inside [release, release + Π)";
    /**
     * Slack rounds of iterative BCL and RTA. Slacks only grow and are bounded by the deadlines, so the rounds end,
     * but they may creep by a few time units a round; stopping early only loses precision (the verdict stays "not
     * shown schedulable"), never soundness.
     */
    static final int MAX_SLACK_ROUNDS = 100;
    /**
     * Interference terms one task's response-time iteration may evaluate (a few seconds): each linear stretch below
     * its deadline costs one term per other task, and a deadline 10^13 times another task's period has that many
     * stretches. Past it the test says so instead of running for days.
     */
    static final long RTA_TERM_LIMIT = 300_000_000L;
    /** The unit roundoff of a double, 2^-53: a conversion or an operation errs by at most this, relative. */
    private static final double ROUNDOFF = 0x1p-53;

    private GlobalEdfTests() {}

    /** GFB (Goossens, Funk, Baruah 2003), density form: Σ δ_i ≤ m − (m − 1)·δ_max. */
    public static TestResult gfb(List<Task> tasks, int m) {
        RationalSum sum = new RationalSum();
        Rational max = Rational.ZERO;
        for (Task t : tasks) {
            sum.add(t.density());
            max = max.max(t.density());
        }
        Rational bound = max.negate().multiply(m - 1).add(m);
        boolean ok = max.compareTo(1) <= 0 && sum.compareTo(bound) <= 0;
        return new TestResult("gfb", ok, SPORADIC, ok ? Reason.NONE : Reason.of("total density ", sum.approximate(),
                " exceeds ", bound, max.compareTo(1) > 0 ? " (a task's density is above 1)" : ""));
    }

    /**
     * BAK (Baker 2003, in Bertogna et al.'s simplified form): ∀k Σ_i min(1, β_i) ≤ m(1 − λ_k) + λ_k. Each k is first
     * checked in floating point with a bound on its rounding error ({@link #bakClearlyHolds}), which settles the
     * sets far from a tie in O(n) cheap steps; every other k, and every failing one (for its message), is decided in
     * exact rationals ({@link #bakExceeded}).
     */
    public static TestResult bak(List<Task> tasks, int m) {
        Reason bad = constrained(tasks);
        if (bad != null) return new TestResult("bak", false, SPORADIC, bad);
        for (Task k : tasks) {
            if (bakClearlyHolds(tasks, k, m)) continue;
            Reason exceeded = bakExceeded(tasks, k, m);
            if (exceeded != null) return new TestResult("bak", false, SPORADIC, exceeded);
        }
        return new TestResult("bak", true, SPORADIC, Reason.NONE);
    }

    /** BAK's condition for task {@code k} in exact rationals: why it fails, or null when it holds. */
    static Reason bakExceeded(List<Task> tasks, Task k, int m) {
        Rational lambda = Rational.of(k.wcet(), k.deadline());
        RationalSum sum = new RationalSum();
        for (Task i : tasks) {
            Rational ui = i.utilization();
            Rational beta = ui.multiply(Rational.of(i.period() - i.deadline(), k.deadline()).add(1));
            if (lambda.compareTo(ui) < 0) {
                beta = beta.add(Rational.of(i.wcet()).subtract(lambda.multiply(i.period())).divide(k.deadline()));
            }
            sum.add(beta.min(Rational.ONE));
        }
        Rational bound = Rational.ONE.subtract(lambda).multiply(m).add(lambda);
        if (sum.compareTo(bound) <= 0) return null;
        return Reason.of("task ", k.name(), ": Σ min(1, β) = ", sum.approximate(), " exceeds ", bound);
    }

    /**
     * Whether BAK's condition for task {@code k} surely holds: an upper end of the sum below a lower end of the bound,
     * both computed in doubles with a bound on their rounding error four times a careful count of the operations (a
     * long converted, a quotient, a product or a sum each err by at most one roundoff, relative). The term is
     * min(1, β_i) with β_i = U_i(1 + (T_i − D_i)/D_k) + max(0, (C_i − λ_k·T_i)/D_k): the second part is positive
     * exactly when λ_k &lt; U_i, so the max is the exact test's condition and moves the value by no more than its
     * error; a term computed at 1 or more counts as 1, an upper end whatever its error. False means "decide exactly",
     * never "fails".
     */
    static boolean bakClearlyHolds(List<Task> tasks, Task k, int m) {
        double ck = k.wcet();
        double dk = k.deadline();
        double sum = 0;
        double error = 0;
        for (Task i : tasks) {
            double ci = i.wcet();
            double ti = i.period();
            double base = ci / ti * ((double) (i.period() - i.deadline()) / dk + 1); // 8 roundings
            double lambdaTi = ck * ti / dk; // 5 roundings
            double extra = (ci - lambdaTi) / dk; // 9 roundings of ci + lambdaTi, absolute
            double beta = base + Math.max(0, extra);
            double betaError = 4 * ROUNDOFF * (8 * base + 9 * (ci + lambdaTi) / dk + beta);
            if (beta >= 1) {
                sum += 1; // min(1, β) is at most 1 whatever β's error
            } else {
                sum += beta;
                error += betaError;
            }
        }
        error += 4 * ROUNDOFF * tasks.size() * sum; // the n − 1 additions
        double lambdaM = (m - 1) * (ck / dk);
        double bound = m - lambdaM;
        double boundError = 4 * ROUNDOFF * (4 * lambdaM + bound);
        return sum + error < bound - boundError;
    }

    /**
     * BCL (Bertogna, Cirinei, Lipari), integer-time form: ∀k Σ_{i≠k} min(I_i, D_k − C_k + 1) &lt; m(D_k − C_k + 1)
     * with I_i the work of i's jobs due in a window of length D_k.
     */
    public static TestResult bcl(List<Task> tasks, int m, ServerKind kind) {
        Reason bad = constrained(tasks);
        if (bad != null) return new TestResult("bcl", false, assumption(kind), bad);
        long[] noSlack = new long[tasks.size()];
        for (int k = 0; k < tasks.size(); k++) {
            Task tk = tasks.get(k);
            if (slack(tasks, k, m, noSlack) < 0) {
                return new TestResult("bcl", false, assumption(kind), Reason.of("task ", tk.name(),
                        ": interference can reach ", Reason.span(tk.deadline() - tk.wcet() + 1), " on all ", m, " cpus"));
            }
        }
        return new TestResult("bcl", true, assumption(kind), Reason.NONE);
    }

    /**
     * Iterative BCL (Bertogna, Cirinei, Lipari TPDS 2009): slacks S_k = D_k − C_k − ⌊Σ_{i≠k} min(I_i(S_i),
     * D_k − C_k + 1)/m⌋, grown from 0 until every slack is non-negative or none grows. Deferrable servers start
     * jobs late, which voids the slack refinement: for them this is plain BCL.
     */
    public static TestResult bclIterative(List<Task> tasks, int m, ServerKind kind) {
        if (kind == ServerKind.DEFERRABLE) {
            TestResult plain = bcl(tasks, m, kind);
            return new TestResult("bcl-iter", plain.schedulable(), plain.assumption() + "; no slack refinement",
                    plain.reason());
        }
        Reason bad = constrained(tasks);
        if (bad != null) return new TestResult("bcl-iter", false, SPORADIC, bad);
        int n = tasks.size();
        long[] slack = new long[n];
        boolean updated = true;
        Reason failing = Reason.NONE;
        for (int round = 0; updated && round < MAX_SLACK_ROUNDS; round++) {
            updated = false;
            failing = Reason.NONE;
            for (int k = 0; k < n; k++) {
                long s = slack(tasks, k, m, slack);
                if (s < 0 && failing.isEmpty()) failing = Reason.of("task ", tasks.get(k).name(), ": slack stays negative");
                if (s > slack[k]) {
                    slack[k] = s;
                    updated = true;
                }
            }
            if (failing.isEmpty()) return new TestResult("bcl-iter", true, SPORADIC, Reason.NONE);
        }
        return new TestResult("bcl-iter", false, SPORADIC, failing);
    }

    /**
     * Response-time analysis for global EDF (Bertogna &amp; Cirinei RTSS 2007): R_k = C_k + ⌊Σ_{i≠k} min(W_i(R_k),
     * I_i(D_k), R_k − C_k + 1)/m⌋, with slacks S_i = D_i − R_i fed back in rounds while they grow. Deferrable servers
     * keep S_i = 0 (jobs may run as late as their deadline). At most {@link #MAX_SLACK_ROUNDS} rounds run.
     */
    public static TestResult rta(List<Task> tasks, int m, ServerKind kind) {
        return rta(tasks, m, kind, RTA_TERM_LIMIT);
    }

    /** {@link #rta(List, int, ServerKind)} with at most {@code termLimit} interference terms per task and round. */
    static TestResult rta(List<Task> tasks, int m, ServerKind kind, long termLimit) {
        Reason bad = constrained(tasks);
        if (bad != null) return new TestResult("rta", false, assumption(kind), bad);
        int n = tasks.size();
        long[] slack = new long[n];
        long[] response = new long[n];
        Reason failing = Reason.NONE;
        for (int round = 0; round < MAX_SLACK_ROUNDS; round++) {
            boolean all = true;
            boolean grew = false;
            failing = Reason.NONE;
            for (int k = 0; k < n; k++) {
                long r = responseTime(tasks, k, m, slack, termLimit);
                if (r < 0) {
                    Task tk = tasks.get(k);
                    return new TestResult("rta", false, assumption(kind), Reason.of("not decided: the response time of"
                            + " task ", tk.name(), " (deadline ", Reason.span(tk.deadline()), ") needs more than ",
                            String.format(java.util.Locale.ROOT, "%,d", termLimit), " interference terms: other periods are"
                            + " far shorter than its deadline; bcl decides without iterating"));
                }
                response[k] = r;
                if (r > tasks.get(k).deadline()) {
                    all = false;
                    if (failing.isEmpty()) failing = Reason.of("task ", tasks.get(k).name(),
                            ": response time exceeds deadline ", Reason.span(tasks.get(k).deadline()));
                }
            }
            if (all) return new TestResult("rta", true, assumption(kind), Reason.NONE);
            if (kind == ServerKind.DEFERRABLE) return new TestResult("rta", false, assumption(kind), failing);
            for (int k = 0; k < n; k++) {
                long s = tasks.get(k).deadline() - response[k];
                if (response[k] <= tasks.get(k).deadline() && s > slack[k]) {
                    slack[k] = s;
                    grew = true;
                }
            }
            if (!grew) return new TestResult("rta", false, SPORADIC, failing);
        }
        return new TestResult("rta", false, SPORADIC, Reason.of(failing, " after ", MAX_SLACK_ROUNDS,
                " slack rounds"));
    }

    /**
     * The response-time fixed point of task k, or D_k + 1 once it passes D_k. The plain iteration R ← f(R) can creep
     * one time unit per step (when m interference terms grow with slope 1) or converge geometrically, which would tie
     * the run time to the magnitude of the numbers; so on each stretch where every term is linear, the least X with
     * f(X) ≤ X is solved in closed form, or the stretch is skipped when it holds none. f is non-decreasing, so the
     * least X with f(X) ≤ X is the least fixed point, and it is never jumped over. Hence every step moves R up by at
     * least one (at most one step per linear stretch below D_k), and a step that would move R down is a broken
     * invariant, reported rather than looped on. -1 when that takes more than {@code termLimit} interference terms.
     */
    static long responseTime(List<Task> tasks, int k, int m, long[] slack, long termLimit) {
        Task tk = tasks.get(k);
        long r = tk.wcet();
        for (long terms = 0; ; terms += tasks.size() - 1) {
            if (terms > termLimit) return -1;
            SearchCancelled.checkpoint();
            long sum = 0;
            long slope = 0;
            long stretch = Long.MAX_VALUE;
            long cap = r - tk.wcet() + 1;
            for (int i = 0; i < tasks.size(); i++) {
                if (i == k) continue;
                Task ti = tasks.get(i);
                long interference = edfInterference(ti, tk.deadline(), slack[i]);
                // W_i(r), its slope (0 or 1) and the distance to its next slope change.
                long span = r + ti.deadline() - ti.wcet() - slack[i];
                long w;
                long wSlope;
                long wNext;
                if (span < 0) {
                    w = 0;
                    wSlope = 0;
                    wNext = -span;
                } else {
                    long count = span / ti.period();
                    long into = span - count * ti.period();
                    w = count * ti.wcet() + Math.min(ti.wcet(), into);
                    wSlope = into < ti.wcet() ? 1 : 0;
                    wNext = into < ti.wcet() ? ti.wcet() - into : ti.period() - into;
                }
                long a = Math.min(w, interference);
                long aSlope = w < interference ? wSlope : 0;
                long next = wNext;
                if (w < interference && wSlope == 1) next = Math.min(next, interference - w);
                long term;
                long termSlope;
                // The slopes are right-hand slopes on [r, r + stretch]: at a tie cap = a the minimum follows the
                // flatter of the two, so the cap (slope 1) is taken only while strictly below a.
                if (cap < a) {
                    term = cap;
                    termSlope = 1;
                    if (aSlope == 0) next = Math.min(next, a - cap);
                } else {
                    term = a;
                    termSlope = aSlope;
                }
                sum += term;
                slope += termSlope;
                stretch = Math.min(stretch, Math.max(1, next));
            }
            long next = tk.wcet() + Math.floorDiv(sum, m);
            if (next == r) return r;
            if (next < r) throw new IllegalStateException("RTA iteration of task " + tk.name() + " overshot to " + r);
            if (stretch != Long.MAX_VALUE) {
                // On [r, r + stretch] f(r + x) = C_k + ⌊(sum + slope·x)/m⌋. With slope ≥ m, f(X) − X never falls:
                // no fixed point on the stretch. Otherwise the least x with f(r + x) ≤ r + x is
                // ⌈(sum − m(r − C_k) − (m − 1))/(m − slope)⌉, the fixed point if it lies on the stretch.
                long jump = stretch;
                if (slope < m) {
                    long need = sum - (long) m * (r - tk.wcet()) - (m - 1);
                    jump = Math.min(stretch, -Math.floorDiv(-need, m - slope));
                }
                next = Math.max(next, r + jump);
            }
            if (next > tk.deadline()) return tk.deadline() + 1;
            r = next;
        }
    }

    /** I_i(D_k) = N·C_i + min(C_i, max(0, D_k − N·T_i − S_i)), N = ⌊(D_k − D_i)/T_i⌋ + 1 (jobs due in the window). */
    private static long edfInterference(Task t, long window, long slack) {
        long count = Math.max(0, Math.floorDiv(window - t.deadline(), t.period()) + 1);
        return count * t.wcet() + Math.min(t.wcet(), Math.max(0, window - count * t.period() - slack));
    }

    /** D_k − C_k − ⌊Σ_{i≠k} min(I_i(D_k), D_k − C_k + 1)/m⌋. */
    private static long slack(List<Task> tasks, int k, int m, long[] slack) {
        Task tk = tasks.get(k);
        long cap = tk.deadline() - tk.wcet() + 1;
        long sum = 0;
        for (int i = 0; i < tasks.size(); i++) {
            if (i != k) sum += Math.min(edfInterference(tasks.get(i), tk.deadline(), slack[i]), cap);
        }
        return tk.deadline() - tk.wcet() - Math.floorDiv(sum, m);
    }

    private static Reason constrained(List<Task> tasks) {
        for (Task t : tasks) {
            if (t.deadline() > t.period()) return Reason.of("task ", t.name(), ": the test needs deadline ≤ period");
            if (t.wcet() > t.deadline()) return Reason.of("task ", t.name(), ": wcet exceeds deadline");
        }
        return null;
    }

    private static String assumption(ServerKind kind) {
        return kind == ServerKind.DEFERRABLE ? DEFERRED : SPORADIC;
    }
}
