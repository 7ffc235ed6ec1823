package org.rtxen.analysis;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A sum of many rationals that is compared exactly with a bound without growing denominators: every term is also
 * kept rounded down and up to a multiple of 2^-96, and a comparison is decided from those two fixed-point sums; only
 * when the bound lies between them (an exact tie, or nearly) is the exact rational sum formed. Summing n terms with
 * unrelated denominators exactly costs O(n²) digits (the denominator is the lcm of theirs); this costs O(n).
 */
public final class RationalSum {
    private static final int SCALE = 96;
    private BigInteger low = BigInteger.ZERO;
    private BigInteger high = BigInteger.ZERO;
    private final List<Rational> terms = new ArrayList<>();

    /** Adds {@code r}. */
    public void add(Rational r) {
        BigInteger scaled = r.numerator().shiftLeft(SCALE);
        BigInteger[] qr = scaled.divideAndRemainder(r.denominator());
        BigInteger down = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        low = low.add(down);
        high = high.add(qr[1].signum() == 0 ? down : down.add(BigInteger.ONE));
        terms.add(r);
    }

    /** The sign of (sum − bound), exactly. */
    public int compareTo(Rational bound) {
        BigInteger scaled = bound.numerator().shiftLeft(SCALE);
        // bound·2^S lies in [floor, floor + 1]: the sum is surely above it when low > floor + 1, below when high < floor.
        BigInteger floor = floorDiv(scaled, bound.denominator());
        if (low.compareTo(floor.add(BigInteger.ONE)) > 0) return 1;
        if (high.compareTo(floor) < 0) return -1;
        return exact().compareTo(bound);
    }

    /** The sign of (this sum − {@code other}), exactly: from the fixed-point sums, exact only where they overlap. */
    public int compareTo(RationalSum other) {
        if (low.compareTo(other.high) > 0) return 1;
        if (high.compareTo(other.low) < 0) return -1;
        return exact().compareTo(other.exact());
    }

    /**
     * An upper bound of ⌊this sum / (1 − {@code u})⌋ from the fixed-point sums alone, saturated at Long.MAX_VALUE; -1
     * where 1 − u does not exceed u's rounding by a factor of 2^32 (u at, above or very near 1), which only the exact
     * sums decide. Elsewhere the bound exceeds the quotient by a relative 2^-32 and this sum's rounding at most.
     */
    public long floorOverSlackBound(RationalSum u) {
        BigInteger slack = BigInteger.ONE.shiftLeft(SCALE).subtract(u.high); // 1 − u from below, times 2^96
        if (slack.compareTo(u.high.subtract(u.low).shiftLeft(32)) <= 0) return -1;
        BigInteger bound = floorDiv(high, slack);
        return bound.bitLength() < 63 ? bound.longValue() : Long.MAX_VALUE;
    }

    /** The exact sum (costly for many unrelated denominators: for messages and ties only). */
    public Rational exact() {
        Rational sum = Rational.ZERO;
        for (Rational r : terms) sum = sum.add(r);
        return sum;
    }

    /** The sum to 16 significant digits, for messages. */
    public String approximate() {
        return new BigDecimal(low.add(high)).divide(new BigDecimal(BigInteger.ONE.shiftLeft(SCALE + 1)),
                MathContext.DECIMAL64).stripTrailingZeros().toPlainString();
    }

    private static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }
}
