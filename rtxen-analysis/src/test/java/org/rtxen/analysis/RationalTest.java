package org.rtxen.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Lowest terms and exact comparison, on both sides of the {@code long} fast path's bounds. */
class RationalTest {
    @Test
    void of_reducesToLowestTermsWithAPositiveDenominator() {
        // 6/-4 = -3/2 (gcd 2, sign moved up); 0/-5 = 0/1; MIN_VALUE/2 = -2^62 (MIN_VALUE has no long negation).
        assertEquals("-3/2", Rational.of(6, -4).toString());
        assertEquals(BigInteger.ONE, Rational.of(0, -5).denominator());
        assertEquals(Rational.of(-(1L << 62)), Rational.of(Long.MIN_VALUE, 2));
        assertEquals("1/3", Rational.of(BigInteger.valueOf(7), BigInteger.valueOf(21)).toString());
        // 2^70 / 2^68 = 4: past long, BigInteger's gcd.
        assertEquals(Rational.of(4), Rational.of(BigInteger.TWO.pow(70), BigInteger.TWO.pow(68)));
        assertThrows(ArithmeticException.class, () -> Rational.of(1, 0));
        assertThrows(ArithmeticException.class, () -> Rational.of(BigInteger.ONE, BigInteger.ZERO));
    }

    @Test
    void compareTo_exactWhereTheCrossProductsOverflowALong() {
        // x/(x-1) = 1 + 1/(x-1) falls as x grows, so MAX/(MAX-1) < (MAX-1)/(MAX-2); the cross products need 126 bits.
        long x = Long.MAX_VALUE;
        assertEquals(-1, Rational.of(x, x - 1).compareTo(Rational.of(x - 1, x - 2)));
        assertEquals(1, Rational.of(x - 1, x - 2).compareTo(Rational.of(x, x - 1)));
        // 2/3 < 3/4 (8 < 9), small enough for longs; -1/2 < 1/3.
        assertEquals(-1, Rational.of(2, 3).compareTo(Rational.of(3, 4)));
        assertEquals(-1, Rational.of(-1, 2).compareTo(Rational.of(1, 3)));
        assertEquals(0, Rational.of(2, 4).compareTo(Rational.of(1, 2)));
    }

    @Test
    void compareToLong_exactOnBothPaths() {
        // 7/2 = 3.5 lies between 3 and 4; (2^62+1)/2 against 2^61: the product 2 × 2^61 = 2^62 needs the big path.
        assertEquals(1, Rational.of(7, 2).compareTo(3));
        assertEquals(-1, Rational.of(7, 2).compareTo(4));
        assertEquals(1, Rational.of((1L << 62) + 1, 2).compareTo(1L << 61));
        assertEquals(0, Rational.of(Long.MAX_VALUE).compareTo(Long.MAX_VALUE));
        assertEquals(1, Rational.of(Long.MAX_VALUE).compareTo(Long.MIN_VALUE));
    }
}
