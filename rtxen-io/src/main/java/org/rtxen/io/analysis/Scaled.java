package org.rtxen.io.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.rtxen.analysis.Rational;

/**
 * Converts analysis numbers to an output unit exactly: multiplies by {@code multiplier} and divides by
 * {@code divisor} (a CARTS reader's scale, a power of ten, is undone with {@code (1, scale)}; microseconds become
 * nanoseconds with {@code (1000, 1)}). The decimals are exact wherever the value has a finite decimal form, which
 * every integer in analysis units has; a value without one is rounded to {@value Rational#DIGITS} significant
 * digits in the direction that keeps the interface safe: budgets up, lower bounds down, deadlines down.
 */
public record Scaled(long multiplier, long divisor) {
    /** The value in the output unit, exactly. */
    Rational of(Rational v) {
        return v.multiply(Rational.of(multiplier)).divide(divisor);
    }

    /** The value in the output unit, exactly. */
    Rational of(long v) {
        return of(Rational.of(v));
    }

    /** An integer of analysis units (a period) as an exact decimal in the output unit. */
    public BigDecimal exact(long v) {
        return of(v).toDecimal(RoundingMode.UNNECESSARY);
    }

    /** A budget as a decimal in the output unit, rounded up where not finite (a smaller budget would be unsafe). */
    public BigDecimal budget(Rational v) {
        return of(v).toDecimal(RoundingMode.CEILING);
    }

    /** A lower bound of the minimum budget as a decimal in the output unit, rounded down where not finite. */
    public BigDecimal lowerBound(Rational v) {
        return of(v).toDecimal(RoundingMode.FLOOR);
    }

    /**
     * An EDP deadline as a decimal in the output unit, rounded down where not finite but not below the shown
     * {@link #budget} of {@code budget}, so that the shown pair supplies at least what the exact pair does.
     */
    public BigDecimal deadline(Rational deadline, Rational budget) {
        return of(deadline).toDecimal(RoundingMode.FLOOR).max(budget(budget));
    }
}
