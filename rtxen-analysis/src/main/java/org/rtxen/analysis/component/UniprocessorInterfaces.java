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
import org.rtxen.analysis.demand.DescendingDeadlines;
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
 *
 * <p>EDF walks the first deadlines forward, then checks the rest backwards in blocks of doubling length, jumping
 * from each point to the largest one the supply may not cover (QPA, generalised to a supply bound; see
 * {@link EdfSearch}), so the number of points it evaluates depends on the slack between supply and demand, not on
 * how many deadlines lie below the cut.
 */
public final class UniprocessorInterfaces {
    /**
     * Deadline points an EDF search spans, while its budget is still at or below the utilization (no linear cut yet),
     * before it closes the tail with the linear demand bound (the result is then flagged as not proven minimal): the
     * search covers every deadline up to the closing horizon, where the tasks have {@value #CLOSING_PERCENT} % of
     * this many deadlines counted with multiplicity, and on to the first one past it that raises the budget.
     */
    static final long POINT_LIMIT = 1_000_000L;
    /**
     * The closing horizon's deadlines (with multiplicity) in percent of the point limit: a margin over the distinct
     * deadline instants the forward walk used to count, for sets where a few coincide.
     */
    static final long CLOSING_PERCENT = 105;
    /** Deadline points the EDF search walks forward, one by one, before it checks the rest backwards in jumps. */
    static final long FORWARD_POINTS = 4_096L;
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

    /** How a model turns a point's demand into a budget, and the shape of its blackout. */
    private interface BudgetSolver {
        /** The least budget per period {@code period} whose supply by t covers {@code demand}. */
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

        /**
         * a in the blackout a·(Π − Θ): the supply's longest gap is a idle stretches of Π − Θ, and the least window
         * with supply d &gt; 0 is (k + a)(Π − Θ) + d, k = ⌈d/Θ⌉ − 1 (k full budgets, each after a gap).
         */
        int gaps();
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
            return Wide.atLeast(n, num, Math.max(0, ramp), den, demand);
        }

        @Override
        public int gaps() {
            return 2;
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
            return Wide.atLeast(q, num, Math.max(0, ramp), den, demand);
        }

        @Override
        public int gaps() {
            return 1;
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
     * The PRM interface with a smaller work limit: an EDF search that spans {@code pointLimit} points (times the
     * closing factor) without a linear cut closes the tail with the linear bound (sufficient, flagged not proven
     * minimal). For planners that round budgets up anyway and try many task sets.
     */
    public static ComponentInterface prm(List<Task> tasks, Policy policy, long period, long pointLimit) {
        return prm(tasks, policy, period, pointLimit, FORWARD_POINTS);
    }

    /**
     * The PRM interface with the EDF search's forward walk limited to {@code forwardPoints} (0: every point is checked
     * backwards), for tests of the backward check.
     */
    static ComponentInterface prm(List<Task> tasks, Policy policy, long period, long pointLimit, long forwardPoints) {
        Search s = minBudget(tasks, policy, period, PRM, pointLimit, forwardPoints);
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
        return edp(tasks, policy, period, FORWARD_POINTS);
    }

    /** The EDP interface with the EDF search's forward walk limited to {@code forwardPoints}, for tests. */
    static ComponentInterface edp(List<Task> tasks, Policy policy, long period, long forwardPoints) {
        Search s = minBudget(tasks, policy, period, EDP_BLOCK, POINT_LIMIT, forwardPoints);
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

    /**
     * Whether the tasks are schedulable on PRM Γ(Π, Θ), by direct check of dbf/rbf against the PRM sbf.
     *
     * @throws ArithmeticException under EDF when the deadlines to check reach past 2^63 ns
     */
    public static boolean prmSchedulable(List<Task> tasks, Policy policy, long period, Rational budget) {
        if (policy == Policy.EDF) {
            Rational u = Demand.utilization(tasks);
            Rational rate = budget.divide(period);
            int vsUtilization = rate.compareTo(u);
            // Below U the supply falls behind the demand over enough hyperperiods; Θ = Π is the plain EDF test.
            if (vsUtilization < 0) return u.signum() == 0;
            if (budget.compareTo(period) >= 0) {
                return minBudget(tasks, policy, period, PRM, POINT_LIMIT, FORWARD_POINTS).budget != null;
            }
            // Every deadline up to the cut (above U), or, at Θ/Π = U, where supply and demand grow alike, up to the
            // end of the pattern's first repetition plus a period (deadlines beyond the period can make that pass),
            // checked backwards in jumps at the fixed budget.
            long pattern = Demand.patternEnd(tasks, period);
            long end = vsUtilization > 0 ? floorOrMax(horizon(budget, period, u, Demand.linearDemandOffset(tasks), PRM))
                    : pattern > Long.MAX_VALUE - period ? Long.MAX_VALUE : pattern + period;
            if (end == Long.MAX_VALUE) throw new ArithmeticException("the deadlines to check reach past 2^63 ns");
            return new EdfSearch(tasks, period, PRM, u, budget).descend(0, end);
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

    private static Search minBudget(List<Task> tasks, Policy policy, long period, BudgetSolver solver,
                                    long pointLimit, long forwardPoints) {
        if (period <= 0) throw new IllegalArgumentException("period must be positive");
        if (policy == Policy.EDF) return minBudgetEdf(tasks, period, solver, pointLimit, forwardPoints);
        if (policy == Policy.GEDF) throw new IllegalArgumentException("gEDF needs a multiprocessor model (MPR, DMPR)");
        return minBudgetFp(tasks, policy, period, solver);
    }

    /**
     * The EDF minimum: the first {@code forwardPoints} deadlines walked forward one by one (cheap per point: most
     * sets with a near cut end here), the rest checked backwards in blocks of doubling length up to the end the
     * running budget needs ({@link EdfSearch#end()}). Without a cut in reach (Θ ≤ U·Π) the search goes on past the
     * closing horizon, in blocks of 1/16 of it, until a block raises Θ (as the forward walk did, which closed at the
     * first raise past its limit), and closes the tail from there; at Θ = U·Π, where no raise need ever come, it
     * closes at the horizon.
     */
    private static Search minBudgetEdf(List<Task> tasks, long period, BudgetSolver solver, long pointLimit,
                                       long forwardPoints) {
        Rational u = Demand.utilization(tasks);
        if (u.compareTo(Rational.ONE) > 0) return Search.fail(Reason.of("utilization ", u, " exceeds 1"));
        if (u.signum() == 0) return new Search(Rational.ZERO, Reason.NONE);
        long unit = commonUnit(tasks, period);
        if (unit > 1) {
            // Every time a multiple of the unit: the same search on the numbers divided by it (dbf and sbf scale
            // alike, and so do the points, the cut and the closing horizon) visits the same points with smaller
            // numbers, so that its jumps stay in 64-bit products, and its budget times the unit is the answer.
            List<Task> scaled = new java.util.ArrayList<>(tasks.size());
            for (Task t : tasks) {
                scaled.add(new Task(t.name(), t.period() / unit, t.wcet() / unit, t.deadline() / unit));
            }
            Search s = minBudgetEdf(scaled, period / unit, solver, pointLimit, forwardPoints, u, unit);
            if (s.budget == null) return s;
            return new Search(s.budget.multiply(unit), s.reason,
                    s.lowerBound == null ? null : s.lowerBound.multiply(unit));
        }
        return minBudgetEdf(tasks, period, solver, pointLimit, forwardPoints, u, 1);
    }

    /** The greatest common divisor of every period, WCET and deadline and the interface period. */
    private static long commonUnit(List<Task> tasks, long period) {
        long g = period;
        for (Task t : tasks) {
            g = Rational.gcd(Rational.gcd(Rational.gcd(g, t.period()), t.deadline()), t.wcet());
            if (g == 1) break;
        }
        return g;
    }

    /** {@link #minBudgetEdf(List, long, BudgetSolver, long, long)} in time units of {@code unit} (for reasons). */
    private static Search minBudgetEdf(List<Task> tasks, long period, BudgetSolver solver, long pointLimit,
                                       long forwardPoints, Rational u, long unit) {
        EdfSearch search = new EdfSearch(tasks, period, solver, u, pointLimit, unit);
        DeadlinePoints points = new DeadlinePoints(tasks);
        PeriodPosition at = new PeriodPosition(period);
        long low = 0;
        for (long visited = 0; visited < forwardPoints && points.hasNext(); visited++) {
            long t = points.next();
            if (t > search.end() && !search.closing()) return search.result(low);
            at.moveTo(t);
            LongFraction fast = search.fast;
            if (!fast.fits() || !coveredFast(solver, at, points.demand(), fast.num, fast.den)) {
                long raises = search.raises;
                if (!search.cover(t, points.demand())) return Search.fail(search.failure);
                if (search.fullSupplySuffices()) return search.result(t);
                if (search.closing() && t > search.end() && search.raises > raises) return search.result(t);
            }
            low = t;
        }
        while (true) {
            long end = search.end();
            boolean past = low >= end;
            // Past the closing horizon only a budget below U·Π is sure to be raised by a later point; at U·Π (or at
            // Θ = Π with U = 1) the demand may never outgrow the supply, so waiting for a raise could never end.
            if (past && (!search.closing() || !search.belowUtilization())) return search.result(low);
            // Up to a cut, blocks of doubling length: a budget raised in a near block moves the cut closer before a
            // far one is checked. Up to the closing horizon, one block: descending from its top, Θ is at once near
            // its largest, so the jumps below are long. Past it, short blocks until one raises Θ.
            long step = past ? Math.max(search.span, end / 16) : search.closing() ? end - low : Math.max(low, search.span);
            long high = low + step < 0 ? Long.MAX_VALUE : low + step;
            if (!past) high = Math.min(high, end);
            long raises = search.raises;
            if (!search.descend(low, high)) return Search.fail(search.failure);
            if (search.fullSupplySuffices()) return search.result(high);
            boolean raised = search.raises > raises;
            if (past && search.closing() && (raised || high == Long.MAX_VALUE)) return search.result(high);
            low = high;
        }
    }

    /**
     * The state of one EDF budget search (or of one check of a fixed budget): Θ, the least budget it has shown to be
     * needed (the largest θ(t) of the points checked so far), which is also the level it checks points at.
     *
     * <p>The backward check ({@link #descend}) is Zhang and Burns' Quick Processor-demand Analysis (IEEE Trans.
     * Computers 58(9), 2009) with a supply bound in place of t: from a deadline t with demand d = dbf(t) covered at
     * the level, every t' ∈ [x, t) with x the least window of supply d has sbf(t') ≥ sbf(x) = d ≥ dbf(t') (sbf
     * non-decreasing in t, dbf a non-decreasing step function), so the next point to check is the largest deadline
     * below x. A point not covered raises Θ to θ(t) (a lower bound of the answer) and the walk goes on at the higher
     * level: the points above were covered by less, so they stay covered (sbf is non-decreasing in Θ). So after a
     * block Θ is max θ(t) over every deadline checked so far, exactly as a walk over all of them would give.
     */
    private static final class EdfSearch {
        final List<Task> tasks;
        final long period;
        final BudgetSolver solver;
        final Rational u;
        final Rational c;
        /** The first block's length: the longest period or deadline. */
        final long span;
        private final long pointLimit;
        /** Whether a point found short raises Θ (a search) or ends the check (a fixed budget). */
        private final boolean raising;
        /** The time unit of the search's numbers, in the caller's. */
        private final long unit;
        Rational theta;
        LongFraction fast;
        Reason failure;
        /** How many times Θ was raised. */
        long raises;
        private long end = -1;
        private boolean closing;
        private long closeAt = -1;

        /**
         * A budget search; its times are in units of {@code unit} (for the reasons it prints). At U = 1 it starts at
         * Θ = Π, the only budget that can keep up with the demand (every θ(t) may lie below it, and a search from 0
         * would then end below U·Π with nothing decided).
         */
        EdfSearch(List<Task> tasks, long period, BudgetSolver solver, Rational u, long pointLimit, long unit) {
            this(tasks, period, solver, u, pointLimit, true, u.equals(Rational.ONE) ? Rational.of(period) : Rational.ZERO,
                    unit);
        }

        /** A check of the fixed budget {@code level}. */
        EdfSearch(List<Task> tasks, long period, BudgetSolver solver, Rational u, Rational level) {
            this(tasks, period, solver, u, POINT_LIMIT, false, level, 1);
        }

        private EdfSearch(List<Task> tasks, long period, BudgetSolver solver, Rational u, long pointLimit,
                          boolean raising, Rational level, long unit) {
            this.unit = unit;
            this.tasks = tasks;
            this.period = period;
            this.solver = solver;
            this.u = u;
            this.c = Demand.linearDemandOffset(tasks);
            this.pointLimit = pointLimit;
            this.raising = raising;
            this.theta = level;
            this.fast = LongFraction.of(level);
            long widest = 1;
            for (Task t : tasks) widest = Math.max(widest, Math.max(t.period(), t.deadline()));
            this.span = widest;
        }

        /**
         * The last point this search must cover for its Θ: the cut t* once Θ/Π &gt; U; with Θ/Π = U the end of the
         * first repetition of the demand/supply pattern, max D + lcm(periods, Π) (dbf and sbf then grow alike), or
         * the closing horizon if that is nearer; below U the closing horizon ({@link #closeAt}).
         */
        long end() {
            if (end >= 0) return end;
            int vsUtilization = theta.divide(period).compareTo(u);
            if (vsUtilization > 0) {
                end = floorOrMax(horizon(theta, period, u, c, solver));
                closing = false;
            } else if (vsUtilization == 0 && Demand.patternEnd(tasks, period) <= closeAt()) {
                end = Demand.patternEnd(tasks, period);
                closing = false;
            } else {
                end = closeAt();
                closing = true;
            }
            return end;
        }

        /** Whether {@link #end()} is the closing horizon (no cut in reach). */
        boolean closing() {
            end();
            return closing;
        }

        /**
         * The least time by which the tasks have {@link #closingPoints} deadlines (bisection), and, below U = 1, at
         * least c/(1 − U): from there on a full supply t covers the linear bound U·t + c, so the tail can be closed
         * by some Θ ≤ Π (before it even Θ = Π may not, and a deadline short of full supply may lie beyond the points).
         */
        private long closeAt() {
            if (closeAt >= 0) return closeAt;
            long want = closingPoints(pointLimit);
            long lo = 0;
            long hi = Long.MAX_VALUE;
            while (hi - lo > 1) {
                long mid = lo + (hi - lo) / 2;
                if (Demand.deadlinesUpTo(tasks, mid) >= want) hi = mid;
                else lo = mid;
            }
            if (u.compareTo(Rational.ONE) < 0) hi = Math.max(hi, ceilOrMax(c.divide(Rational.ONE.subtract(u))));
            closeAt = hi;
            return closeAt;
        }

        /** Whether Θ/Π is below U (the supply then falls behind the demand, so some later point raises Θ). */
        boolean belowUtilization() {
            return theta.divide(period).compareTo(u) < 0;
        }

        /** With U = 1, c = 0 and Θ = Π the supply is t ≥ U·t + c ≥ dbf(t) everywhere: nothing more to check. */
        boolean fullSupplySuffices() {
            return u.equals(Rational.ONE) && c.signum() == 0 && theta.compareTo(period) == 0;
        }

        /**
         * Covers demand d at t: raises Θ to θ(t, d) if it falls short there (a check of a fixed budget fails
         * instead); false, with the failure set, when no budget can.
         */
        boolean cover(long t, long d) {
            Rational need = minBudgetFast(solver, t, d, period);
            if (need == null) need = solver.minBudget(t, d, period);
            if (need == null) {
                failure = Reason.of("demand ", Reason.span(Math.multiplyExact(d, unit)), " in an interval of length ",
                        Reason.span(Math.multiplyExact(t, unit)), " exceeds its length");
                return false;
            }
            if (need.compareTo(theta) <= 0) return true;
            if (!raising) {
                failure = Reason.of("budget too small at ", Reason.span(t));
                return false;
            }
            theta = need;
            fast = LongFraction.of(need);
            raises++;
            end = -1;
            return true;
        }

        /**
         * Covers every deadline in (low, high], backwards in jumps (see the class comment); false, with the failure
         * set, when one cannot be covered.
         */
        boolean descend(long low, long high) {
            DescendingDeadlines points = new DescendingDeadlines(tasks, high);
            int steps = 0;
            for (long t = points.time(); t > low; t = points.time()) {
                if ((++steps & 0xFFF) == 0) SearchCancelled.checkpoint();
                long d = points.demand();
                long below = lastShortWindow(d);
                if (below >= t) {
                    // Short at t, or not decided in longs: θ(t) decides, and the walk goes on at the new Θ.
                    if (!cover(t, d)) return false;
                    below = Math.min(lastShortWindow(d), t - 1);
                }
                points.moveTo(below);
            }
            return true;
        }

        /**
         * The longest integer window whose supply at Θ may be below d: ⌈x⌉ − 1 for the least window x with
         * supply d, x = (k + a)(Π − Θ) + d, k = ⌈d/Θ⌉ − 1 (see {@link BudgetSolver#gaps}); every t &gt; it has sbf(t)
         * ≥ d. Long.MAX_VALUE when Θ is 0 or the longs (with 128-bit products) do not suffice.
         */
        private long lastShortWindow(long d) {
            if (d <= 0) return -1;
            if (!fast.fits() || fast.num == 0) return Long.MAX_VALUE;
            try {
                long k = Wide.floorDiv(d, fast.den, -1, fast.num);
                long m = Math.addExact(k, solver.gaps());
                long supplied = Wide.floorDiv(m, fast.num, 0, fast.den); // ⌊m·Θ⌋ ≤ m·Π
                return Math.addExact(Math.multiplyExact(m, period), d) - supplied - 1;
            } catch (ArithmeticException overflow) {
                return Long.MAX_VALUE;
            }
        }

        /**
         * The answer once every point up to {@code covered} (at least {@link #end()}) is covered: Θ, exact; or, when
         * the end is the closing horizon (no cut in reach), the least Θ on the grid Π/2^24 whose linear bound covers
         * U·t + c from {@code covered} on, sufficient with the minimum in [U·Π, Θ].
         */
        Search result(long covered) {
            if (fullSupplySuffices()) return new Search(theta, Reason.NONE);
            end();
            if (!closing) return new Search(theta, Reason.NONE);
            if (u.compareTo(Rational.ONE) < 0) {
                // Every later point is covered by the least Θ whose lsbf is above U·t + c from the horizon on;
                // possibly above the minimum, which is at least UΠ: per hyperperiod L of the tasks dbf grows by
                // U·L, sbf by only (Θ/Π)·L.
                Rational tail = tailBudget(covered, period, u, c, solver.gaps()).max(theta);
                return new Search(tail, Reason.NONE, u.multiply(period));
            }
            failure = Reason.of("undecided: utilization is exactly 1 with deadlines below periods and the"
                    + " demand pattern is too long to check (", closingPoints(pointLimit), " test points)");
            return Search.fail(failure);
        }
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
                if (den <= 0 || num < 0 || Wide.compareProducts(num, 1, period, den) > 0) continue;
                boolean better = bestNum < 0 || Wide.compareProducts(num, bestDen, bestNum, den) < 0;
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

    /** Whether budget num/den covers the demand at a tracked t = qΠ + r, in long arithmetic; false on overflow. */
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

    /** ⌈x⌉, saturated at Long.MAX_VALUE. */
    private static long ceilOrMax(Rational x) {
        BigInteger ceil = x.ceil();
        return ceil.bitLength() < 63 ? ceil.longValue() : Long.MAX_VALUE;
    }

    /** {@link #CLOSING_PERCENT} % of the point limit, saturated at Long.MAX_VALUE. */
    private static long closingPoints(long pointLimit) {
        return pointLimit > Long.MAX_VALUE / CLOSING_PERCENT ? Long.MAX_VALUE : pointLimit * CLOSING_PERCENT / 100;
    }

    /** t* beyond which U·t + c ≤ (Θ/Π)(t − blackout), blackout a(Π − Θ); requires Θ/Π &gt; U. */
    private static Rational horizon(Rational budget, long period, Rational u, Rational c, BudgetSolver solver) {
        Rational rate = budget.divide(period);
        Rational blackout = budget.negate().add(period).multiply(solver.gaps());
        return rate.multiply(blackout).add(c).divide(rate.subtract(u));
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
