package org.rtxen.io.analysis;

import java.math.BigDecimal;
import org.rtxen.analysis.Rational;

/**
 * Converts analysis numbers to an output unit exactly: multiplies by {@code multiplier} and divides by
 * {@code divisor} (a CARTS reader's scale is undone with {@code (1, scale)}; microseconds become nanoseconds with
 * {@code (1000, 1)}).
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

    /** The value as a decimal for output. */
    BigDecimal decimal(Rational v) {
        return of(v).toDecimal();
    }

    /** The value as a decimal for output. */
    BigDecimal decimal(long v) {
        return of(v).toDecimal();
    }
}
