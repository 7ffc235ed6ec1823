package org.rtxen.analysis.component;

import java.math.BigInteger;
import java.util.List;
import org.rtxen.analysis.Rational;
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
    /** Test points an EDF search may visit without a linear cut (bandwidth equal to utilization) before giving up. */
    static final long POINT_LIMIT = 20_000_000L;

    private UniprocessorInterfaces() {}

    /** How a model turns a point's demand into a budget, and its blackout for the linear cut. */
    private interface BudgetSolver {
        Rational minBudget(long t, long demand, long period);

        /** Whether budget num/den already covers the demand at t, in long arithmetic (ArithmeticException on overflow). */
        boolean covers(long t, long demand, long period, long num, long den);

        Rational blackout(Rational budget, long period);
    }

    private static final BudgetSolver PRM = new BudgetSolver() {
        @Override
        public Rational minBudget(long t, long demand, long period) {
            return Prm.minBudget(t, demand, period);
        }

        @Override
        public boolean covers(long t, long demand, long period, long num, long den) {
            // den·sbf = n·num + max(0, den(t − (n + 2)Π) + 2num), n = ⌊(den(t − Π) + num)/(den·Π)⌋; 0 before Π − Θ.
            long shifted = Math.addExact(Math.multiplyExact(den, t - period), num);
            if (shifted < 0) return demand <= 0;
            long n = shifted / Math.multiplyExact(den, period);
            long ramp = Math.addExact(Math.multiplyExact(den, t - Math.multiplyExact(n + 2, period)), 2 * num);
            return Math.addExact(Math.multiplyExact(n, num), Math.max(0, ramp)) >= Math.multiplyExact(den, demand);
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
        public boolean covers(long t, long demand, long period, long num, long den) {
            // Δ = Θ: den·sbf = y·num + max(0, den(t − Π − yΠ) + num), y = ⌊t/Π⌋.
            long y = t / period;
            long ramp = Math.addExact(Math.multiplyExact(den, t - Math.multiplyExact(y + 1, period)), num);
            return Math.addExact(Math.multiplyExact(y, num), Math.max(0, ramp)) >= Math.multiplyExact(den, demand);
        }

        @Override
        public Rational blackout(Rational budget, long period) {
            return budget.negate().add(period);
        }
    };

    /** A minimum budget, or the reason none exists. */
    private record Search(Rational budget, String reason) {
        static Search fail(String reason) {
            return new Search(null, reason);
        }
    }

    /** The minimum-budget PRM interface Γ(Π, Θ) for period Π. */
    public static ComponentInterface prm(List<Task> tasks, Policy policy, long period) {
        Search s = minBudget(tasks, policy, period, PRM);
        if (s.budget == null) return ComponentInterface.infeasible(Model.PRM, period, s.reason);
        Rational full = Rational.of(period);
        return new ComponentInterface(Model.PRM, true, period, s.budget, null, 1,
                List.of(new Vcpu(period, s.budget, full)), "");
    }

    /**
     * The minimum-budget EDP interface Ω(Π, Θ, Δ) for period Π: the least Θ (reached with Δ = Θ), then the largest Δ
     * that keeps the component schedulable with that Θ, which lightens the demand on the parent (spec §3.2).
     */
    public static ComponentInterface edp(List<Task> tasks, Policy policy, long period) {
        Search s = minBudget(tasks, policy, period, EDP_BLOCK);
        if (s.budget == null) return ComponentInterface.infeasible(Model.EDP, period, s.reason);
        Rational deadline = maxDeadline(tasks, policy, period, s.budget);
        return new ComponentInterface(Model.EDP, true, period, s.budget, deadline, 1,
                List.of(new Vcpu(period, s.budget, deadline)), "");
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
        return ComponentInterface.infeasible(model, minPeriod, first.reason()
                + (minPeriod == maxPeriod ? "" : " (and no period in [" + minPeriod + ", " + maxPeriod + "] helps)"));
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
            DeadlinePoints points = new DeadlinePoints(tasks);
            while (points.hasNext()) {
                long t = points.next();
                if (horizon.compareTo(t) < 0) return true;
                if (Prm.sbf(t, period, budget).compareTo(points.demand()) < 0) return false;
            }
            return true;
        }
        List<Task> sorted = policy.byPriority(tasks);
        for (int i = 0; i < sorted.size(); i++) {
            Task task = sorted.get(i);
            List<Task> hp = sorted.subList(0, i);
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
        if (period <= 0) throw new IllegalArgumentException("period must be positive");
        if (policy == Policy.EDF) return minBudgetEdf(tasks, period, solver);
        if (policy == Policy.GEDF) throw new IllegalArgumentException("gEDF needs a multiprocessor model (MPR, DMPR)");
        return minBudgetFp(tasks, policy, period, solver);
    }

    private static Search minBudgetEdf(List<Task> tasks, long period, BudgetSolver solver) {
        Rational u = Demand.utilization(tasks);
        if (u.compareTo(Rational.ONE) > 0) return Search.fail("utilization " + u + " exceeds 1");
        if (u.signum() == 0) return new Search(Rational.ZERO, "");
        Rational c = Demand.linearDemandOffset(tasks);
        Rational theta = Rational.ZERO;
        Rational horizon = null;
        long patternEnd = -1;
        DeadlinePoints points = new DeadlinePoints(tasks);
        long horizonFloor = Long.MAX_VALUE;
        long num = 0;
        long den = 1;
        for (long visited = 0; ; visited++) {
            long t = points.next();
            if (t > horizonFloor) break;
            if (horizon == null && patternEnd >= 0 && t > patternEnd) break;
            if (den > 0 && coveredFast(solver, t, points.demand(), period, num, den)) continue;
            Rational need = solver.minBudget(t, points.demand(), period);
            if (need == null) {
                return Search.fail("demand " + points.demand() + " in an interval of length " + t + " exceeds its length");
            }
            if (need.compareTo(theta) > 0) {
                theta = need;
                boolean small = theta.numerator().bitLength() < 63 && theta.denominator().bitLength() < 63;
                num = small ? theta.numerator().longValue() : 0;
                den = small ? theta.denominator().longValue() : 0;
                int vsUtilization = theta.divide(period).compareTo(u);
                if (vsUtilization > 0) {
                    horizon = horizon(theta, period, u, c, solver);
                    BigInteger floor = horizon.floor();
                    horizonFloor = floor.bitLength() < 63 ? floor.longValue() : Long.MAX_VALUE;
                }
                if (vsUtilization == 0 && c.signum() == 0 && theta.compareTo(period) == 0) break;
                if (vsUtilization == 0 && patternEnd < 0) {
                    // Θ/Π = U: no linear cut. Past the largest deadline, dbf(t + L) = dbf(t) + U·L and
                    // sbf(t + L) = sbf(t) + (L/Π)Θ = sbf(t) + U·L for L = lcm(periods, Π): check up to max D + L.
                    patternEnd = patternEnd(tasks, period);
                }
            }
            if (horizon == null && visited > POINT_LIMIT) {
                return Search.fail("undecided: the bandwidth stays at the utilization " + u + " over " + POINT_LIMIT
                        + " test points (the demand/supply pattern is too long to check)");
            }
        }
        return new Search(theta, "");
    }

    private static Search minBudgetFp(List<Task> tasks, Policy policy, long period, BudgetSolver solver) {
        List<Task> sorted = policy.byPriority(tasks);
        Rational theta = Rational.ZERO;
        for (int i = 0; i < sorted.size(); i++) {
            Task task = sorted.get(i);
            if (task.deadline() > task.period()) {
                return Search.fail("task " + task.name() + ": fixed-priority analysis needs deadline ≤ period");
            }
            List<Task> hp = sorted.subList(0, i);
            Rational best = null;
            for (long t : fpPoints(task, hp)) {
                Rational need = solver.minBudget(t, Demand.rbf(task, hp, t), period);
                if (need != null && (best == null || need.compareTo(best) < 0)) best = need;
            }
            if (best == null) {
                return Search.fail("task " + task.name() + ": its request bound exceeds t at every point up to its"
                        + " deadline " + task.deadline());
            }
            theta = theta.max(best);
        }
        return new Search(theta, "");
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
                    : Rational.of(patternEnd(tasks, period));
            Rational delta = full;
            DeadlinePoints points = new DeadlinePoints(tasks);
            while (points.hasNext()) {
                long t = points.next();
                if (horizon.compareTo(t) < 0) break;
                delta = delta.min(Edp.maxDeadline(t, points.demand(), period, budget));
            }
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

    /** Whether budget num/den covers the demand at t, decided in long arithmetic; false when that would overflow. */
    private static boolean coveredFast(BudgetSolver solver, long t, long demand, long period, long num, long den) {
        try {
            return solver.covers(t, demand, period, num, den);
        } catch (ArithmeticException overflow) {
            return false; // the exact rational path decides instead
        }
    }

    /** t* beyond which U·t + c ≤ (Θ/Π)(t − blackout); requires Θ/Π &gt; U. */
    private static Rational horizon(Rational budget, long period, Rational u, Rational c, BudgetSolver solver) {
        Rational rate = budget.divide(period);
        return rate.multiply(solver.blackout(budget, period)).add(c).divide(rate.subtract(u));
    }

    /** The fixed-priority test points of a task: its deadline and every k·T_j &lt; D of a higher-priority task. */
    static long[] fpPoints(Task task, List<Task> hp) {
        long count = 1;
        for (Task j : hp) count += (task.deadline() - 1) / j.period();
        long[] points = new long[Math.toIntExact(count)];
        int n = 0;
        points[n++] = task.deadline();
        for (Task j : hp) {
            for (long t = j.period(); t < task.deadline(); t += j.period()) points[n++] = t;
        }
        java.util.Arrays.sort(points);
        return points;
    }

    /** max D + lcm(all periods, Π), saturated at Long.MAX_VALUE. */
    private static long patternEnd(List<Task> tasks, long period) {
        BigInteger h = BigInteger.valueOf(period);
        long maxD = 0;
        for (Task t : tasks) {
            BigInteger p = BigInteger.valueOf(t.period());
            h = h.divide(h.gcd(p)).multiply(p);
            maxD = Math.max(maxD, t.deadline());
        }
        BigInteger end = h.add(BigInteger.valueOf(maxD));
        return end.bitLength() < 63 ? end.longValueExact() : Long.MAX_VALUE;
    }
}
