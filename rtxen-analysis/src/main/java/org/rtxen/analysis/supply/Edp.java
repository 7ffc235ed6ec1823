package org.rtxen.analysis.supply;

import org.rtxen.analysis.Rational;

/**
 * The explicit-deadline periodic resource Ω(Π, Θ, Δ) of Easwaran, Anand and Lee (RTSS 2007): Θ units in every
 * period Π, delivered within Δ of the period start (Θ ≤ Δ ≤ Π); blackout Π + Δ − 2Θ (analysis spec §3.2).
 */
public final class Edp {
    private Edp() {}

    /** sbf(t) = yΘ + max(0, t − (Π + Δ − 2Θ) − yΠ), y = ⌊(t − (Δ − Θ))/Π⌋, and 0 for t &lt; Δ − Θ. */
    public static Rational sbf(long t, long period, Rational budget, Rational deadline) {
        Rational shifted = deadline.subtract(budget).negate().add(t);
        if (shifted.signum() < 0) return Rational.ZERO;
        long y = shifted.divide(period).floor().longValueExact();
        Rational blackout = deadline.subtract(budget.multiply(2)).add(period);
        Rational ramp = blackout.negate().add(t - y * period);
        return budget.multiply(y).add(ramp.signum() > 0 ? ramp : Rational.ZERO);
    }

    /** lsbf(t) = (Θ/Π)(t − (Π + Δ − 2Θ)), clamped at 0. */
    public static Rational lsbf(long t, long period, Rational budget, Rational deadline) {
        Rational blackout = deadline.subtract(budget.multiply(2)).add(period);
        Rational v = budget.divide(period).multiply(blackout.negate().add(t));
        return v.signum() > 0 ? v : Rational.ZERO;
    }

    /**
     * The least Θ with sbf(t; Π, Θ, Δ = Θ) ≥ d, or null when d &gt; t. With Δ = Θ the budget comes as one block at
     * the period start, the least-bandwidth choice (spec §3.2): sbf = qΘ + max(0, r − Π + Θ) for t = qΠ + r, whose
     * two linear pieces give the candidates d/q and (d + Π − r)/(q + 1).
     */
    public static Rational minBlockBudget(long t, long demand, long period) {
        if (demand <= 0) return Rational.ZERO;
        if (demand > t) return null;
        return Prm.leastCovering(blockBudgetCandidates(t, demand, period),
                c -> sbf(t, period, c, c).compareTo(demand) >= 0);
    }

    /**
     * The roots d/q and (d + Π − r)/(q + 1) of the two linear pieces of the block supply (see
     * {@link #minBlockBudget}) and Π itself, as {num, den, ...}; a pair with den ≤ 0 is no root.
     *
     * @throws ArithmeticException when a numerator overflows a long
     */
    public static long[] blockBudgetCandidates(long t, long demand, long period) {
        long q = t / period;
        long r = t - q * period;
        return new long[] {demand, q, Math.addExact(demand, period - r), q + 1, period, 1};
    }

    /**
     * The largest Δ ∈ [Θ, Π] with sbf(t; Π, Θ, Δ) ≥ d for a given Θ, or a value below Θ when even Δ = Θ fails.
     * Because sbf(t; Δ) = sbf(t − (Δ − Θ); Δ = Θ), it is Θ + t − u where u is the least window with block supply d:
     * u = yΠ + (Π − Θ) + (d − yΘ), y = ⌈d/Θ⌉ − 1.
     */
    public static Rational maxDeadline(long t, long demand, long period, Rational budget) {
        Rational full = Rational.of(period);
        if (demand <= 0) return full;
        long y = Rational.of(demand).divide(budget).ceil().longValueExact() - 1;
        Rational u = budget.multiply(-(y + 1)).add(y * period + period + demand);
        return budget.add(t).subtract(u).min(full);
    }

    /**
     * {@link #maxDeadline} for Θ = num/den &gt; 0 and d &gt; 0 in long arithmetic, without the clamp at Π, as a numerator
     * over {@code den}: with k = ⌈d/Θ⌉ = ⌈d·den/num⌉ it is (k + 1)Θ + t − kΠ − d, i.e. ((k + 1)num + (t − kΠ − d)den)/den.
     * Every point of one search shares the denominator, so their minimum is a minimum of longs.
     *
     * @throws ArithmeticException on overflow (the exact path decides then)
     */
    public static long maxDeadlineTimesDen(long t, long demand, long period, long num, long den) {
        long k = Math.floorDiv(Math.multiplyExact(demand, den) - 1, num) + 1;
        long rest = Math.subtractExact(Math.subtractExact(t, Math.multiplyExact(k, period)), demand);
        return Math.addExact(Math.multiplyExact(k + 1, num), Math.multiplyExact(rest, den));
    }
}
