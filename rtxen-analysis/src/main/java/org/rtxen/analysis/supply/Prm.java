package org.rtxen.analysis.supply;

import java.util.function.Predicate;
import org.rtxen.analysis.Rational;

/**
 * The periodic resource model Γ(Π, Θ) of Shin and Lee (RTSS 2003): Θ units of one processor in every period Π,
 * placed anywhere inside the period, so the longest starvation is 2(Π − Θ) (analysis spec §3.1).
 */
public final class Prm {
    private Prm() {}

    /** sbf(t) = nΘ + max(0, t − 2(Π − Θ) − nΠ) with n = ⌊(t − (Π − Θ))/Π⌋, and 0 for t &lt; Π − Θ (spec §3.1). */
    public static Rational sbf(long t, long period, Rational budget) {
        Rational gap = budget.negate().add(period);
        Rational shifted = gap.negate().add(t);
        if (shifted.signum() < 0) return Rational.ZERO;
        long n = shifted.divide(period).floor().longValueExact();
        Rational ramp = gap.multiply(-2).add(t - n * period);
        return budget.multiply(n).add(ramp.signum() > 0 ? ramp : Rational.ZERO);
    }

    /** lsbf(t) = (Θ/Π)(t − 2(Π − Θ)), clamped at 0: a linear lower bound of {@link #sbf}. */
    public static Rational lsbf(long t, long period, Rational budget) {
        Rational v = budget.divide(period).multiply(budget.negate().add(period).multiply(-2).add(t));
        return v.signum() > 0 ? v : Rational.ZERO;
    }

    /**
     * θ(t, d): the least Θ ∈ [0, Π] with sbf(t; Π, Θ) ≥ d, or null when d &gt; t (even Θ = Π supplies only t).
     *
     * <p>Derivation: write t = qΠ + r (0 ≤ r &lt; Π). The count n = ⌊(t − Π + Θ)/Π⌋ is q − 1 for Θ &lt; Π − r and q
     * otherwise, so sbf as a function of Θ has four linear pieces: (q−1)Θ, (q−1)Θ + 2Θ + r − Π, qΘ and
     * qΘ + 2Θ + r − 2Π. sbf is continuous and non-decreasing in Θ, so the least Θ reaching d solves one of them;
     * the answer is the least root that really reaches d.
     */
    public static Rational minBudget(long t, long demand, long period) {
        if (demand <= 0) return Rational.ZERO;
        if (demand > t) return null;
        return leastCovering(budgetCandidates(t, demand, period), c -> sbf(t, period, c).compareTo(demand) >= 0);
    }

    /**
     * The roots of the four linear pieces of sbf in Θ (see {@link #minBudget}) and Π itself, as {num, den, ...}; a
     * pair with den ≤ 0 is no root. Shared by the exact search and the long-arithmetic fast path.
     *
     * @throws ArithmeticException when a numerator overflows a long
     */
    public static long[] budgetCandidates(long t, long demand, long period) {
        long q = t / period;
        long r = t - q * period;
        return new long[] {demand, q - 1, Math.addExact(demand, period - r), q + 1, demand, q,
                Math.addExact(demand, Math.subtractExact(Math.multiplyExact(2, period), r)), q + 2, period, 1};
    }

    /** The least non-negative candidate {num, den, ...} that {@code covers} accepts, or null if none does. */
    static Rational leastCovering(long[] candidates, Predicate<Rational> covers) {
        Rational best = null;
        for (int i = 0; i < candidates.length; i += 2) {
            if (candidates[i + 1] <= 0 || candidates[i] < 0) continue;
            Rational c = Rational.of(candidates[i], candidates[i + 1]);
            if ((best == null || c.compareTo(best) < 0) && covers.test(c)) best = c;
        }
        return best;
    }
}
