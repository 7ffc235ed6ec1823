package org.rtxen.analysis.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Wide's 128-bit unsigned division and floor of x·y + add over a divisor agree with BigInteger, on random operands and
 * on the corners where a quotient digit's first estimate is too large, and throw when the quotient does not fit.
 */
class WideTest {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    @Property(tries = 2000)
    void divideUnsigned_anyDividendWithFittingQuotient_equalsBigIntegerDivision(
            @ForAll @LongRange(min = 1) long divisor, @ForAll long hiSeed, @ForAll long lo) {
        long hi = Long.remainderUnsigned(hiSeed, divisor); // hi < divisor: the quotient fits in 64 bits
        BigInteger dividend = new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64)
                .add(new BigInteger(Long.toUnsignedString(lo)));
        BigInteger expected = dividend.divide(BigInteger.valueOf(divisor));
        assertEquals(expected, new BigInteger(Long.toUnsignedString(Wide.divideUnsigned(hi, lo, divisor))));
    }

    @Property(tries = 2000)
    void floorDiv_productPlusOffset_equalsBigIntegerFloor(@ForAll @LongRange(min = 0) long x,
                                                          @ForAll @LongRange(min = 0) long y,
                                                          @ForAll @LongRange(min = -5, max = 5) long add,
                                                          @ForAll @LongRange(min = 1) long divisor) {
        BigInteger n = BigInteger.valueOf(x).multiply(BigInteger.valueOf(y)).add(BigInteger.valueOf(add));
        if (n.signum() < 0) return;
        BigInteger expected = n.divide(BigInteger.valueOf(divisor));
        if (expected.bitLength() > 63) {
            assertThrows(ArithmeticException.class, () -> Wide.floorDiv(x, y, add, divisor));
        } else {
            assertEquals(expected.longValueExact(), Wide.floorDiv(x, y, add, divisor));
        }
    }

    @Test
    void divideUnsigned_digitCorrectionCorners_equalBigIntegerDivision() {
        // Divisors whose low 32-bit half is large make the first estimate of a quotient digit too large (by up to
        // two); the largest hi below the divisor and an all-ones low word give the largest quotients.
        long[] divisors = {1, 2, 3, (1L << 32) - 1, 1L << 32, (1L << 32) + 1, (1L << 33) - 1, 0x7FFF_FFFF_0000_0001L,
                0x4000_0000_FFFF_FFFFL, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        for (long v : divisors) {
            for (long hi : new long[] {0, Math.min(1, v - 1), v / 2, v - 1}) {
                for (long lo : new long[] {0, 1, -1L, Long.MIN_VALUE, Long.MAX_VALUE}) {
                    BigInteger dividend = BigInteger.valueOf(hi).multiply(TWO_64)
                            .add(new BigInteger(Long.toUnsignedString(lo)));
                    assertEquals(dividend.divide(BigInteger.valueOf(v)),
                            new BigInteger(Long.toUnsignedString(Wide.divideUnsigned(hi, lo, v))), v + " " + hi + " " + lo);
                }
            }
            assertThrows(ArithmeticException.class, () -> Wide.divideUnsigned(v, 0, v));
        }
    }
}
