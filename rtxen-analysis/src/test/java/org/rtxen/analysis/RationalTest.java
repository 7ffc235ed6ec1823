package org.rtxen.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.math.RoundingMode;
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
    void toDecimal_exactWhereFinite_elseTwelveDigitsInTheGivenDirection() {
        // 2^53 + 1 = 9007199254740993 (a double would print 9007199254740992), 16 digits: printed whole.
        assertEquals("9007199254740993", Rational.of(9_007_199_254_740_993L).toDecimal(RoundingMode.UNNECESSARY)
                .toPlainString());
        // 1851851835685/2 = 925925917842.5: 13 significant digits, finite, so exact in every mode.
        assertEquals("925925917842.5", Rational.of(1_851_851_835_685L, 2).toDecimal(RoundingMode.FLOOR)
                .toPlainString());
        // 1/2^30 = 9.31322574615478515625E-10: finite (a power of 2), 30 decimals, exact.
        assertEquals("0.000000000931322574615478515625", Rational.of(1, 1 << 30).toDecimal(RoundingMode.HALF_EVEN)
                .toPlainString());
        // 7/3 = 2.333…: 12 significant digits, up, down and half-even (down); UNNECESSARY refuses.
        assertEquals("2.33333333334", Rational.of(7, 3).toDecimal(RoundingMode.CEILING).toPlainString());
        assertEquals("2.33333333333", Rational.of(7, 3).toDecimal(RoundingMode.FLOOR).toPlainString());
        assertEquals("2.33333333333", Rational.of(7, 3).toDecimal(RoundingMode.HALF_EVEN).toPlainString());
        assertThrows(ArithmeticException.class, () -> Rational.of(7, 3).toDecimal(RoundingMode.UNNECESSARY));
        // (3·10^13 + 1)/3 = 10000000000000.333…: 14 integer digits, rounded to a whole number, never into them.
        assertEquals("10000000000001", Rational.of(30_000_000_000_001L, 3).toDecimal(RoundingMode.CEILING)
                .toPlainString());
        assertEquals("10000000000000", Rational.of(30_000_000_000_001L, 3).toDecimal(RoundingMode.FLOOR)
                .toPlainString());
        // 3/4 = 0.75; 1/6 = 0.1666…: only 2 and 5 in the denominator make a finite decimal.
        assertTrue(Rational.of(3, 4).isFiniteDecimal());
        assertFalse(Rational.of(1, 6).isFiniteDecimal());
        assertEquals("0.166666666667", Rational.of(1, 6).toDecimal(RoundingMode.CEILING).toPlainString());
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
