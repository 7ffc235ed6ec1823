package org.rtxen.analysis.supply;

import java.util.function.LongConsumer;
import org.rtxen.analysis.Rational;

/**
 * The multiprocessor periodic resource μ(Π, Θ, m') (Shin, Easwaran, Lee 2008; Easwaran, Shin, Lee 2009): Θ units in
 * every period Π with at most m' processors at a time (Θ ≤ m'Π). Integer time, as the model's formulas assume.
 *
 * @param period  Π
 * @param budget  Θ, in [0, m'Π]
 * @param cpus    m'
 * @param variant which sbf (improved by default)
 */
public record Mpr(long period, long budget, int cpus, Variant variant) implements SupplyBound {
    /** The sbf formula. */
    public enum Variant {
        /** Easwaran's original sbf (CARTS {@code MPR2}); under-estimates supply and never admits full processors. */
        EASWARAN,
        /** The improved sbf of Xu et al. RTSS'13 (CARTS {@code MPR2_Meng}), the default. */
        XU
    }

    /** Validates Θ ≤ m'Π. */
    public Mpr {
        if (period <= 0 || cpus <= 0 || budget < 0 || budget > cpus * period) {
            throw new IllegalArgumentException("MPR needs Π > 0, m' > 0, 0 ≤ Θ ≤ m'Π");
        }
    }

    @Override
    public Rational sbf(long t) {
        return Rational.of(variant == Variant.XU ? sbfXu(t, period, budget, cpus) : sbfEaswaran(t, period, budget, cpus));
    }

    @Override
    public Rational rate() {
        return Rational.of(budget, period);
    }

    /** B = (Θ/Π)(2(Π − Θ/m') + 2), so that lsbf(t) = (Θ/Π)(t − 2(Π − Θ/m') − 2) (Easwaran et al. 2009). */
    @Override
    public Rational lsbfOffset() {
        Rational perCpu = Rational.of(budget, cpus);
        return rate().multiply(perCpu.negate().add(period).multiply(2).add(2));
    }

    /**
     * Both sbfs are functions of t' = t − (Π − ⌈Θ/m'⌉): 0 for t' &lt; 0, then per period q = ⌊t'/Π⌋ with x = t' − qΠ
     * a value qΘ + max(0, m'x − (m'Π − Θ)) less a constant on some x. So on the integers they can stop being affine
     * only at x ∈ {0, 1, 2, y, y + 1}, around the ramp's start (m'Π − Θ)/m', Xu's shifted ramp start
     * (m'Π − Θ + m' − β)/m' and, for Easwaran's clamp at 0, where qΘ + m'x − (m'Π − Θ) − s crosses 0 (s ∈ {0,
     * m' − β}). Each is emitted with its neighbours (floor/ceil of the fractions, ±1), a superset that costs a few
     * dozen points per period; SupplyBoundTest checks affinity between them against every integer.
     */
    @Override
    public void breakpoints(long from, long to, LongConsumer sink) {
        long gap = period - ceilDiv(budget, cpus);
        long alpha = budget / cpus;
        long betaXu = budget != cpus * period ? budget - cpus * alpha : cpus;
        long beta = variant == Variant.XU ? betaXu : budget - cpus * alpha;
        long ramp = cpus * period - budget;
        long[] offsets = {0, 1, 2, period - alpha, period - alpha + 1, Math.floorDiv(ramp, cpus), ceilDiv(ramp, cpus),
            Math.floorDiv(ramp + cpus - beta, cpus), ceilDiv(ramp + cpus - beta, cpus)};
        long[] clampShifts = variant == Variant.EASWARAN ? new long[] {0, cpus - beta} : new long[0];
        long firstPeriod = Math.max(0, Math.floorDiv(from - gap, period) - 1);
        for (long start = gap + firstPeriod * period; start - 1 <= to; start += period) {
            for (long o : offsets) emitAround(start + o, sink);
            long q = (start - gap) / period;
            for (long s : clampShifts) {
                long crossing = ramp + s - q * budget;
                if (crossing >= 0) {
                    emitAround(start + Math.floorDiv(crossing, cpus), sink);
                    emitAround(start + ceilDiv(crossing, cpus), sink);
                }
            }
        }
    }

    private static void emitAround(long t, LongConsumer sink) {
        sink.accept(t - 1);
        sink.accept(t);
        sink.accept(t + 1);
    }

    /**
     * qΘ + max(0, m'x − (m'Π − Θ)) with t' = t − (Π − ⌈Θ/m'⌉) = qΠ + x (0 for t' &lt; 0): both sbfs are this less a
     * correction of at most m' (or a smaller value on their first period), so it bounds them from above; and it is
     * non-decreasing in Θ (for fixed ⌈Θ/m'⌉ both terms grow with Θ; when ⌈Θ/m'⌉ grows by one, t' grows by one and
     * either the ramp gains m' or it wraps from qΘ + max(0, Θ − m') to (q + 1)Θ). The MPR search bisects on it.
     */
    public static long idealSupply(long t, long period, long budget, int m) {
        long tp = t - (period - ceilDiv(budget, m));
        if (tp < 0) return 0;
        long x = tp - period * (tp / period);
        return (tp / period) * budget + Math.max(0, m * x - (m * period - budget));
    }

    /** Easwaran's sbf (spec §3.3.1), clamped at 0 (pitfall (i): the formula goes negative for small t). */
    public static long sbfEaswaran(long t, long period, long budget, int m) {
        long alpha = budget / m;
        long beta = budget - m * alpha;
        long tp = t - (period - ceilDiv(budget, m));
        if (tp < 0) return 0;
        long x = tp - period * (tp / period);
        long y = period - alpha;
        long v = (tp / period) * budget + Math.max(0, m * x - (m * period - budget));
        if (!(1 <= x && x <= y)) v -= m - beta;
        return Math.max(0, v);
    }

    /** The improved sbf of Xu et al. (spec §3.3.2). */
    public static long sbfXu(long t, long period, long budget, int m) {
        long alpha = budget / m;
        long beta = budget != m * period ? budget - m * alpha : m;
        long y = period - alpha;
        long tp = t - (period - ceilDiv(budget, m));
        if (tp < 0) return 0;
        long xp = tp - period * (tp / period);
        if (m - beta <= m * xp && xp <= y) {
            return (tp / period) * budget + Math.max(0, m * xp - (m * period - budget));
        }
        if (tp <= 1) return Math.max(0, beta * (t - 2 * (period - alpha)));
        long tpp = tp - 1;
        long xpp = tpp - period * (tpp / period) + 1;
        return (tpp / period) * budget + Math.max(0, m * xpp - (m * period - budget) - (m - beta));
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
