package org.rtxen.io.analysis;

import java.math.BigDecimal;
import org.rtxen.analysis.Rational;

/** Converts analysis numbers back to the input's unit (divides by the scale a reader applied), exactly. */
record Scaled(long scale) {
    /** The value in the input's unit, exactly. */
    Rational of(Rational v) {
        return v.divide(scale);
    }

    /** The value in the input's unit, exactly. */
    Rational of(long v) {
        return Rational.of(v, scale);
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
