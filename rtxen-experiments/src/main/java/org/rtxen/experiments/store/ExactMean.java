package org.rtxen.experiments.store;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The mean of doubles added in any order: their exact sum (every finite double is a finite decimal), divided out and
 * rounded once to the double nearest the exact mean, so that no order of adding them changes a bit of it. A value that is
 * not finite makes the mean what adding the values as doubles gives: NaN, or the infinity.
 */
public final class ExactMean {
    /**
     * Digits to which the mean is divided out before its rounding to a double: the exact decimal value of a double has
     * at most 767 significant digits, so rounding the quotient to this many first cannot carry it across the midpoint
     * between two doubles.
     */
    private static final MathContext DIGITS = new MathContext(1100);

    private BigDecimal sum = BigDecimal.ZERO;
    /** The sum of the values that are not finite, as doubles; 0 while there is none. */
    private double nonFinite;
    private long count;

    /** Adds {@code value} {@code times} times. */
    public void add(double value, long times) {
        if (Double.isFinite(value)) {
            BigDecimal exact = new BigDecimal(value);
            sum = sum.add(times == 1 ? exact : exact.multiply(BigDecimal.valueOf(times)));
        } else {
            nonFinite += value;
        }
        count += times;
    }

    /** The mean of the values added, the double nearest the exact one; 0 when none was added. */
    public double mean() {
        if (nonFinite != 0) return nonFinite; // NaN too
        if (count == 0) return 0;
        return sum.divide(BigDecimal.valueOf(count), DIGITS).doubleValue();
    }
}
