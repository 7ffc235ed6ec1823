package org.rtxen.analysis.component;

import java.math.BigInteger;
import java.util.List;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.SearchCancelled;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.ComponentInterface.Model;
import org.rtxen.analysis.component.ComponentInterface.Vcpu;
import org.rtxen.analysis.demand.DeadlinePoints;
import org.rtxen.analysis.demand.Demand;
import org.rtxen.analysis.supply.Edp;
import org.rtxen.analysis.supply.Prm;

/**
 * Minimum-bandwidth PRM and EDP interfaces of a uniprocessor component under EDF or fixed priority (spec §3.1–3.2).
 *
 * <p>The minimum budget is computed exactly, per test point, as the least Θ whose sbf covers the demand there
 * (θ(t, d), a closed form with at most four candidates), maximised over the points. The points are the deadlines for
 * EDF, cut by the linear bound (beyond t* = [(Θ/Π)·blackout + c]/(Θ/Π − U) the demand bound U·t + c lies under the
 * linear supply bound), and for fixed priority the multiples of higher-priority periods up to each deadline. The
 * work depends on ratios of the numbers, never on their magnitude; no hyperperiod is enumerated.
 */
public final class UniprocessorInterfaces {
    /**
     * Test points an EDF search visits while its running budget is still at or below the utilization (no linear cut
     * yet) before it closes the tail with the linear demand bound (the result is then flagged as not proven minimal).
     */
    static final long POINT_LIMIT = 1_000_000L;
    /**
     * Most fixed-priority test points of one task (multiples of its higher-priority periods below its deadline) a
     * search takes on: each costs a request bound and a budget solve, so more would run for minutes and a
     * far larger number (a deadline of hours over a period of microseconds) for hours or out of memory. Above it
     * the search is refused up front with the count as its reason ({@link #fpWorkTooLarge}).
     */
    public static final long FP_POINT_LIMIT = 2_000_000L;
    /** Resolution of a budget closed by the linear tail bound: a multiple of Π/2^24. */
    private static final long TAIL_GRID = 1L << 24;

    private UniprocessorInterfaces() {}

    /** How a model turns a point's demand into a budget, and its blackout for the linear cut. */
    private interface BudgetSolver {
        Rational minBudget(long t, long demand, long period);

        /** Whether budget num/den already covers the demand at t, in long arithmetic (ArithmeticException on overflow). */
        default boolean covers(long t, long demand, long period, long num, long den) {
            long q = t / period;
            return covers(q, t - q * period, demand, period, num, den);
        }

        /** {@link #covers(long, long, long, long, long)} at t = qΠ + r (0 ≤ r &lt; Π), for callers that track q, r. */
        boolean covers(long q, long r, long demand, long period, long num, long den);

        /** The candidate roots {num, den, num, den, ...} of θ(t, d) (see the supply classes), Π last. */
        long[] candidates(long t, long demand, long period);

        Rational blackout(Rational budget, long period);
    }

    private static final BudgetSolver PRM = new BudgetSolver() {
        @Override
        public Rational minBudget(long t, long demand, long period) {
            return Prm.minBudget(t, demand, period);
        }

        @Override
        public long[] candidates(long t, long demand, long period) {
            return Prm.budgetCandidates(t, demand, period);
        }

        @Override
        public boolean covers(long q, long r, long demand, long period, long num, long den) {
            // t = qΠ + r; n = q − 1 + [Θ ≥ Π − r] (none, sbf = 0, when q = 0 and Θ < Π − r);
            // den·sbf = n·num + max(0, den(r + (q − n − 2)Π) + 2num), compared with den·d in 128 bits.
            long n = num >= Math.multiplyExact(den, period - r) ? q : q - 1;
            if (n < 0) return demand <= 0;
            long ramp = Math.addExact(Math.multiplyExact(den, r + (q - n - 2) * period), 2 * num);
            return atLeast(n, num, Math.max(0, ramp), den, demand);
        }

        @Override
        public Rational blackout(Rational budget, long period) {
            return budget.negate().add(period).multiply(2);
        }
    };

    private static final BudgetSolver EDP_BLOCK = new BudgetSolver() {
        @Override
        public Rational minBudget(long t, long demand, long period) {
            return Edp.minBlockBudget(t, demand, period);
        }

        @Override
        public long[] candidates(long t, long demand, long period) {
            return Edp.blockBudgetCandidates(t, demand, period);
        }

        @Override
        public boolean covers(long q, long r, long demand, long period, long num, long den) {
            // Δ = Θ, t = qΠ + r: den·sbf = q·num + max(0, den(r − Π) + num), compared with den·d in 128 bits.
            long ramp = Math.addExact(Math.multiplyExact(den, r - period), num);
            return atLeast(q, num, Math.max(0, ramp), den, demand);
        }

        @Override
        public Rational blackout(Rational budget, long period) {
            return budget.negate().add(period);
        }
    };

    /**
     * A minimum budget, or the reason none exists; or, when {@code lowerBound} is set, a sufficient budget with the
     * minimum known to lie in [lowerBound, budget].
     */
    private record Search(Rational budget, Reason reason, Rational lowerBound) {
        Search(Rational budget, Reason reason) {
            this(budget, reason, null);
        }

        boolean minimal() {
            return lowerBound == null;
        }

        static Search fail(Reason reason) {
            return new Search(null, reason);
        }
    }

    /** The minimum-budget PRM interface Γ(Π, Θ) for period Π. */
    public static ComponentInterface prm(List<Task> tasks, Policy policy, long period) {
        return prm(tasks, policy, period, POINT_LIMIT);
    }

    /**
     * The PRM interface with a smaller work limit: an EDF search that visits {@code pointLimit} points without a
     * linear cut closes the tail with the linear bound (sufficient, flagged not proven minimal). For planners that
     * round budgets up anyway and try many task sets.
     */
    public static ComponentInterface prm(List<Task> tasks, Policy policy, long period, long pointLimit) {
        Search s = minBudget(tasks, policy, period, PRM, pointLimit);
        if (s.budget == null) return ComponentInterface.infeasible(Model.PRM, period, s.reason);
        Rational full = Rational.of(period);
        return new ComponentInterface(Model.PRM, true, period, s.budget, null, 1,
                List.of(new Vcpu(period, s.budget, full)), Reason.NONE, s.minimal(), s.lowerBound);
    }

    /**
     * The minimum-budget EDP interface Ω(Π, Θ, Δ) for period Π: the least Θ (reached with Δ = Θ), then the largest Δ
     * that keeps the component schedulable with that Θ, which lightens the demand on the parent (spec §3.2).
     */
    public static ComponentInterface edp(List<Task> tasks, Policy policy, long period) {
        Search s = minBudget(tasks, policy, period, EDP_BLOCK);
        if (s.budget == null) return ComponentInterface.infeasible(Model.EDP, period, s.reason);
        // A budget closed by the linear tail bound is only known to cover Δ = Θ: keep it.
        Rational deadline = s.minimal() ? maxDeadline(tasks, policy, period, s.budget) : s.budget;
        return new ComponentInterface(Model.EDP, true, period, s.budget, deadline, 1,
                List.of(new Vcpu(period, s.budget, deadline)), Reason.NONE, s.minimal(), s.lowerBound);
    }

    /**
     * The least-bandwidth interface over every integer period in [minPeriod, maxPeriod] (the bandwidth is not monotone
     * in Π, so each period is tried; ties go to the shorter period).
     */
    public static ComponentInterface overPeriods(List<Task> tasks, Policy policy, Model model, long minPeriod,
                                                 long maxPeriod) {
        ComponentInterface best = null;
        ComponentInterface first = null;
        for (long p = minPeriod; p <= maxPeriod; p++) {
            ComponentInterface c = model == Model.EDP ? edp(tasks, policy, p) : prm(tasks, policy, p);
            if (first == null) first = c;
            if (c.feasible() && (best == null || c.bandwidth().compareTo(best.bandwidth()) < 0)) best = c;
        }
        if (best != null) return best;
        return ComponentInterface.infeasible(model, minPeriod, minPeriod == maxPeriod
                ? first.reason() : Reason.of(first.reason(), " (and no period in [", Reason.span(minPeriod), ", ",
                Reason.span(maxPeriod), "] helps)"));
    }

    /** Whether the tasks are schedulable on PRM Γ(Π, Θ), by direct check of dbf/rbf against the PRM sbf. */
    public static boolean prmSchedulable(List<Task> tasks, Policy policy, long period, Rational budget) {
        if (policy == Policy.EDF) {
            Rational u = Demand.utilization(tasks);
            Rational rate = budget.divide(period);
            if (rate.compareTo(u) <= 0) {
                // Θ/Π = U < 1 always fails at the hyperperiod (sbf(t) < (Θ/Π)t); Θ = Π is the plain EDF test.
                if (rate.compareTo(u) < 0 || budget.compareTo(period) < 0) return u.signum() == 0;
                return minBudget(tasks, policy, period, PRM).budget != null;
            }
            Rational horizon = horizon(budget, period, u, Demand.linearDemandOffset(tasks), PRM);
            long last = floorOrMax(horizon);
            LongFraction fast = LongFraction.of(budget);
            DeadlinePoints points = new DeadlinePoints(tasks);
            while (points.hasNext()) {
                long t = points.next();
                if (t > last) return true;
                if (fast.fits() && coveredFast(PRM, t, points.demand(), period, fast.num, fast.den)) continue;
                if (Prm.sbf(t, period, budget).compareTo(points.demand()) < 0) return false;
            }
            return true;
        }
        List<Task> sorted = policy.byPriority(tasks);
        for (int i = 0; i < sorted.size(); i++) {
            Task task = sorted.get(i);
            List<Task> hp = sorted.subList(0, i);
            if (!fpWorkTooLarge(task, hp).isEmpty()) return false;
            boolean ok = false;
            for (long t : fpPoints(task, hp)) {
                if (Prm.sbf(t, period, budget).compareTo(Demand.rbf(task, hp, t)) >= 0) {
                    ok = true;
                    break;
                }
            }
            if (!ok) return false;
        }
        return true;
    }

    private static Search minBudget(List<Task> tasks, Policy policy, long period, BudgetSolver solver) {
        return minBudget(tasks, policy, period, solver, POINT_LIMIT);
    }

    private static Search minBudget(List<Task> tasks, Policy policy, long period, BudgetSolver solver,
                                    long pointLimit) {
        if (period <= 0) throw new IllegalArgumentException("period must be positive");
        if (policy == Policy.EDF) return minBudgetEdf(tasks, period, solver, pointLimit);
        if (policy == Policy.GEDF) throw new IllegalArgumentException("gEDF needs a multiprocessor model (MPR, DMPR)");
        return minBudgetFp(tasks, policy, period, solver);
    }

    private static Search minBudgetEdf(List<Task> tasks, long period, BudgetSolver solver, long pointLimit) {
        Rational u = Demand.utilization(tasks);
        if (u.compareTo(Rational.ONE) > 0) return Search.fail(Reason.of("utilization ", u, " exceeds 1"));
        if (u.signum() == 0) return new Search(Rational.ZERO, Reason.NONE);
        Rational c = Demand.linearDemandOffset(tasks);
        Rational theta = Rational.ZERO;
        Rational horizon = null;
        long patternEnd = -1;
        DeadlinePoints points = new DeadlinePoints(tasks);
        long horizonFloor = Long.MAX_VALUE;
        LongFraction fast = LongFraction.of(theta);
        PeriodPosition at = new PeriodPosition(period);
        for (long visited = 0; ; visited++) {
            long t = points.next();
            if (t > horizonFloor) break;
            if (horizon == null && patternEnd >= 0 && t > patternEnd) break;
            at.moveTo(t);
            if (fast.fits() && coveredFast(solver, at, points.demand(), fast.num, fast.den)) continue;
            Rational need = fast.fits() ? minBudgetFast(solver, t, points.demand(), period) : null;
            if (need == null) need = solver.minBudget(t, points.demand(), period);
            if (need == null) {
                return Search.fail(Reason.of("demand ", Reason.span(points.demand()), " in an interval of length ",
                        Reason.span(t), " exceeds its length"));
            }
            if (need.compareTo(theta) > 0) {
                theta = need;
                fast = LongFraction.of(theta);
                int vsUtilization = theta.divide(period).compareTo(u);
                if (vsUtilization > 0) {
                    horizon = horizon(theta, period, u, c, solver);
                    horizonFloor = floorOrMax(horizon);
                }
                if (vsUtilization == 0 && c.signum() == 0 && theta.compareTo(period) == 0) break;
                if (vsUtilization == 0 && patternEnd < 0) {
                    // Θ/Π = U: no linear cut. Past the largest deadline, dbf(t + L) = dbf(t) + U·L and
                    // sbf(t + L) = sbf(t) + (L/Π)Θ = sbf(t) + U·L for L = lcm(periods, Π): check up to max D + L.
                    patternEnd = Demand.patternEnd(tasks, period);
                }
            }
            if (horizon == null && visited > pointLimit) {
                if (u.compareTo(Rational.ONE) < 0) {
                    // Close the tail with the linear bound: every later point is covered by the least Θ whose lsbf
                    // is above U·t + c from t on. Sufficient, but possibly above the minimum, which is at least UΠ
                    // (here ≥ the running Θ): per hyperperiod L of the tasks dbf grows by U·L, sbf by only (Θ/Π)·L.
                    Rational tail = tailBudget(t, period, u, c, solver == PRM ? 2 : 1).max(theta);
                    return new Search(tail, Reason.NONE, u.multiply(period));
                }
                return Search.fail(Reason.of("undecided: utilization is exactly 1 with deadlines below periods and the"
                        + " demand pattern is too long to check (", pointLimit, " test points)"));
            }
        }
        return new Search(theta, Reason.NONE);
    }

    private static Search minBudgetFp(List<Task> tasks, Policy policy, long period, BudgetSolver solver) {
        List<Task> sorted = policy.byPriority(tasks);
        Rational theta = Rational.ZERO;
        for (int i = 0; i < sorted.size(); i++) {
            Task task = sorted.get(i);
            if (task.deadline() > task.period()) {
                return Search.fail(Reason.of("task ", task.name(), ": fixed-priority analysis needs deadline ≤ period"));
            }
            List<Task> hp = sorted.subList(0, i);
            String tooLarge = fpWorkTooLarge(task, hp);
            if (!tooLarge.isEmpty()) return Search.fail(Reason.of(tooLarge));
            Rational best = null;
            for (long t : fpPoints(task, hp)) {
                long request = Demand.rbf(task, hp, t);
                Rational need = minBudgetFast(solver, t, request, period);
                if (need == null) need = solver.minBudget(t, request, period);
                if (need != null && (best == null || need.compareTo(best) < 0)) best = need;
            }
            if (best == null) {
                return Search.fail(Reason.of("task ", task.name(), ": its request bound exceeds t at every point up to"
                        + " its deadline ", Reason.span(task.deadline())));
            }
            theta = theta.max(best);
        }
        return new Search(theta, Reason.NONE);
    }

    private static Rational maxDeadline(List<Task> tasks, Policy policy, long period, Rational budget) {
        Rational full = Rational.of(period);
        if (budget.compareTo(period) >= 0 || budget.signum() == 0) return budget.signum() == 0 ? full : budget;
        if (policy == Policy.EDF) {
            Rational u = Demand.utilization(tasks);
            // Any Δ ≤ Π has a blackout of at most the PRM one, so the PRM cut is sound for every candidate Δ; at
            // Θ/Π = U the demand/supply pattern repeats after max D + lcm(periods, Π) instead.
            Rational horizon = budget.divide(period).compareTo(u) > 0
                    ? horizon(budget, period, u, Demand.linearDemandOffset(tasks), PRM)
                    : Rational.of(Demand.patternEnd(tasks, period));
            Rational delta = full;
            // Δ·den at each point in longs while they suffice (the budget's den is shared): most points, no fractions.
            LongFraction fast = LongFraction.of(budget);
            long leastTimesDen = Long.MAX_VALUE;
            DeadlinePoints points = new DeadlinePoints(tasks);
            for (long visited = 0; points.hasNext(); visited++) {
                long t = points.next();
                if (horizon.compareTo(t) < 0) break;
                // Past the work limit keep Δ = Θ, for which the budget search has already covered every point.
                if (visited > POINT_LIMIT) return budget;
                if (fast.fits() && points.demand() > 0) {
                    try {
                        long d = Edp.maxDeadlineTimesDen(t, points.demand(), period, fast.num, fast.den);
                        leastTimesDen = Math.min(leastTimesDen, d);
                        continue;
                    } catch (ArithmeticException overflow) {
                        // the exact path below decides this point
                    }
                }
                delta = delta.min(Edp.maxDeadline(t, points.demand(), period, budget));
            }
            if (leastTimesDen != Long.MAX_VALUE) delta = delta.min(Rational.of(leastTimesDen, fast.den));
            return delta.max(budget);
        }
        List<Task> sorted = policy.byPriority(tasks);
        Rational delta = full;
        for (int i = 0; i < sorted.size(); i++) {
            Task task = sorted.get(i);
            List<Task> hp = sorted.subList(0, i);
            Rational best = null;
            for (long t : fpPoints(task, hp)) {
                Rational d = Edp.maxDeadline(t, Demand.rbf(task, hp, t), period, budget);
                if (best == null || d.compareTo(best) > 0) best = d;
            }
            delta = delta.min(best);
        }
        return delta.max(budget);
    }

    /**
     * The least Θ on the grid Π·k/2^24 in (UΠ, Π] with (Θ/Π − U)·t ≥ (Θ/Π)·blackout + c, i.e. a·Θ² + (t − aΠ)Θ −
     * Π(Ut + c) ≥ 0 with blackout a(Π − Θ): from t on, U·t + c ≤ lsbf. The root is irrational in general; it is
     * bracketed by bisection over k and the upper end returned, a fraction with denominator 2^24 (whatever U's
     * denominator), so later checks of the budget stay in long arithmetic and it scales with Π exactly.
     */
    private static Rational tailBudget(long t, long period, Rational u, Rational c, int a) {
        long lo = u.multiply(TAIL_GRID).floor().longValueExact();
        long hi = TAIL_GRID;
        // With rate k/G (G = 2^24), u = un/ud and c = cn/cd, (rate − U)·t ≥ rate(1 − rate)Πa + c times G²·ud·cd reads
        // (k·ud − un·G)·t·G·cd ≥ k(G − k)·Πa·ud·cd + cn·G²·ud: integers only, no fraction reduced per step.
        BigInteger g = BigInteger.valueOf(TAIL_GRID);
        BigInteger ud = u.denominator();
        BigInteger cd = c.denominator();
        BigInteger unG = u.numerator().multiply(g);
        BigInteger tGcd = BigInteger.valueOf(t).multiply(g).multiply(cd);
        BigInteger paUdCd = BigInteger.valueOf(period).multiply(BigInteger.valueOf(a)).multiply(ud).multiply(cd);
        BigInteger cnG2Ud = c.numerator().multiply(g).multiply(g).multiply(ud);
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            BigInteger k = BigInteger.valueOf(mid);
            BigInteger lhs = k.multiply(ud).subtract(unG).multiply(tGcd);
            BigInteger rhs = k.multiply(BigInteger.valueOf(TAIL_GRID - mid)).multiply(paUdCd).add(cnG2Ud);
            if (lhs.compareTo(rhs) >= 0) hi = mid;
            else lo = mid;
        }
        return Rational.of(hi, TAIL_GRID).multiply(period);
    }

    /**
     * θ(t, d) in long arithmetic: the least candidate root that covers the demand (the same candidates and rule as
     * {@link Prm#minBudget} and {@link Edp#minBlockBudget}); null when d &gt; t or on overflow, where the exact
     * rational path decides.
     */
    private static Rational minBudgetFast(BudgetSolver solver, long t, long demand, long period) {
        if (demand <= 0 || demand > t) return null;
        try {
            long[] c = solver.candidates(t, demand, period);
            long bestNum = -1;
            long bestDen = 1;
            for (int i = 0; i < c.length; i += 2) {
                long num = c[i];
                long den = c[i + 1];
                if (den <= 0 || num < 0 || compareProducts(num, 1, period, den) > 0) continue;
                boolean better = bestNum < 0 || compareProducts(num, bestDen, bestNum, den) < 0;
                if (better && solver.covers(t, demand, period, num, den)) {
                    bestNum = num;
                    bestDen = den;
                }
            }
            return bestNum < 0 ? null : Rational.of(bestNum, bestDen);
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    /** Whether x·y + add ≥ u·v for non-negative longs, exactly (128-bit products). */
    private static boolean atLeast(long x, long y, long add, long u, long v) {
        long hi = Math.multiplyHigh(x, y);
        long lo = x * y;
        long sum = lo + add;
        if (Long.compareUnsigned(sum, lo) < 0) hi++;
        long hi2 = Math.multiplyHigh(u, v);
        if (hi != hi2) return hi > hi2;
        return Long.compareUnsigned(sum, u * v) >= 0;
    }

    /** Compares a·b with c·d for non-negative longs, exactly (128-bit products). */
    private static int compareProducts(long a, long b, long c, long d) {
        long hi1 = Math.multiplyHigh(a, b);
        long hi2 = Math.multiplyHigh(c, d);
        if (hi1 != hi2) return Long.compare(hi1, hi2);
        return Long.compareUnsigned(a * b, c * d);
    }

    /** Whether budget num/den covers the demand at t, decided in long arithmetic; false when that would overflow. */
    private static boolean coveredFast(BudgetSolver solver, long t, long demand, long period, long num, long den) {
        try {
            return solver.covers(t, demand, period, num, den);
        } catch (ArithmeticException overflow) {
            return false; // the exact rational path decides instead
        }
    }

    /** {@link #coveredFast(BudgetSolver, long, long, long, long, long)} at a tracked position t = qΠ + r. */
    private static boolean coveredFast(BudgetSolver solver, PeriodPosition at, long demand, long num, long den) {
        try {
            return solver.covers(at.q, at.r, demand, at.period, num, den);
        } catch (ArithmeticException overflow) {
            return false; // the exact rational path decides instead
        }
    }

    /**
     * An increasing time t kept as t = qΠ + r (0 ≤ r &lt; Π): deadline points are mostly less than Π apart, so moving
     * costs a comparison or two instead of a 64-bit division per point (a quarter of the fast check's time).
     */
    private static final class PeriodPosition {
        final long period;
        long q;
        long r;
        private long t;

        PeriodPosition(long period) {
            this.period = period;
        }

        /** Moves to {@code next} ≥ the current time. */
        void moveTo(long next) {
            long step = next - t;
            t = next;
            r += step;
            if (r < period) return;
            if (r - period < period) {
                r -= period;
                q++;
            } else {
                q += r / period;
                r %= period;
            }
        }
    }

    /** A budget as num/den in longs for the fast checks; den = 0 when it does not fit (the rational path decides). */
    private record LongFraction(long num, long den) {
        static LongFraction of(Rational r) {
            boolean fits = r.numerator().bitLength() < 63 && r.denominator().bitLength() < 63;
            return fits ? new LongFraction(r.numerator().longValue(), r.denominator().longValue()) : new LongFraction(0, 0);
        }

        boolean fits() {
            return den > 0;
        }
    }

    /** ⌊x⌋, saturated at Long.MAX_VALUE. */
    public static long floorOrMax(Rational x) {
        BigInteger floor = x.floor();
        return floor.bitLength() < 63 ? floor.longValue() : Long.MAX_VALUE;
    }

    /** t* beyond which U·t + c ≤ (Θ/Π)(t − blackout); requires Θ/Π &gt; U. */
    private static Rational horizon(Rational budget, long period, Rational u, Rational c, BudgetSolver solver) {
        Rational rate = budget.divide(period);
        return rate.multiply(solver.blackout(budget, period)).add(c).divide(rate.subtract(u));
    }

    /** How many {@link #fpPoints} the task has: 1 + Σ_j ⌊(D − 1)/T_j⌋, saturated at Long.MAX_VALUE. */
    public static long fpPointCount(Task task, List<Task> hp) {
        long count = 1;
        for (Task j : hp) {
            count += (task.deadline() - 1) / j.period();
            if (count < 0) return Long.MAX_VALUE;
        }
        return count;
    }

    /**
     * Empty when the fixed-priority search for {@code task} stays within {@link #FP_POINT_LIMIT} points; else the
     * one-line reason it is not attempted, naming the count and where it comes from.
     */
    public static String fpWorkTooLarge(Task task, List<Task> hp) {
        long count = fpPointCount(task, hp);
        if (count <= FP_POINT_LIMIT) return "";
        long shortest = Long.MAX_VALUE;
        for (Task j : hp) shortest = Math.min(shortest, j.period());
        return "task " + task.name() + ": not analysed: its fixed-priority test would check "
                + (count == Long.MAX_VALUE ? "more than 2^63" : String.format(java.util.Locale.ROOT, "%,d", count))
                + " points (its deadline " + task.deadline() + " over its higher-priority periods, the shortest "
                + shortest + "), above the limit of " + String.format(java.util.Locale.ROOT, "%,d", FP_POINT_LIMIT);
    }

    /**
     * The fixed-priority test points of a task: its deadline and every k·T_j &lt; D of a higher-priority task, at
     * most {@link #FP_POINT_LIMIT} of them (callers check {@link #fpWorkTooLarge} first).
     */
    public static long[] fpPoints(Task task, List<Task> hp) {
        long count = fpPointCount(task, hp);
        if (count > FP_POINT_LIMIT) throw new IllegalArgumentException(fpWorkTooLarge(task, hp));
        long[] points = new long[(int) count];
        int n = 0;
        points[n++] = task.deadline();
        for (Task j : hp) {
            SearchCancelled.checkpoint();
            for (long t = j.period(); t < task.deadline(); t += j.period()) points[n++] = t;
        }
        java.util.Arrays.sort(points);
        return points;
    }
}
