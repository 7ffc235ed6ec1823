package org.rtxen.analysis.supply;

import java.util.function.LongConsumer;
import org.rtxen.analysis.Rational;

/**
 * The deterministic multiprocessor periodic resource of Xu et al. (RTSS'13): m' − 1 full VCPUs plus one partial VCPU
 * that is a PRM Γ(Π, Θ_p); sbf(t) = (m' − 1)t + sbf_PRM(t; Π, Θ_p) (spec §3.3.5, with the PRM term clamped at 0).
 *
 * @param period        Π
 * @param partialBudget Θ_p, in [0, Π]
 * @param cpus          m', at least 1
 */
public record Dmpr(long period, long partialBudget, int cpus) implements SupplyBound {
    /** Validates the parameters. */
    public Dmpr {
        if (period <= 0 || cpus <= 0 || partialBudget < 0 || partialBudget > period) {
            throw new IllegalArgumentException("DMPR needs Π > 0, m' > 0, 0 ≤ Θ_p ≤ Π");
        }
    }

    /** Θ counted as CARTS does: all full VCPUs plus the partial one, (m' − 1)Π + Θ_p. */
    public long totalBudget() {
        return (cpus - 1) * period + partialBudget;
    }

    @Override
    public Rational sbf(long t) {
        return Prm.sbf(t, period, Rational.of(partialBudget)).add((long) (cpus - 1) * t);
    }

    @Override
    public Rational rate() {
        return Rational.of(totalBudget(), period);
    }

    /** B = (Θ_p/Π)·2(Π − Θ_p), the PRM part's offset; the full VCPUs have none. */
    @Override
    public Rational lsbfOffset() {
        return Rational.of(partialBudget, period).multiply(2 * (period - partialBudget));
    }

    /**
     * (m' − 1)t is linear; the PRM part is 0 up to Π − Θ_p and then, per period n, flat from (Π − Θ_p) + nΠ and
     * rising with slope 1 from 2(Π − Θ_p) + nΠ (spec §3.1), so those two times per period (with their left
     * neighbours, for the step) are the breakpoints.
     */
    @Override
    public void breakpoints(long from, long to, LongConsumer sink) {
        long gap = period - partialBudget;
        long firstPeriod = Math.max(0, Math.floorDiv(from - gap, period) - 1);
        for (long start = gap + firstPeriod * period; start - 1 <= to; start += period) {
            sink.accept(start - 1);
            sink.accept(start);
            sink.accept(start + gap - 1);
            sink.accept(start + gap);
        }
    }
}
