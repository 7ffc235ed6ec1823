package org.rtxen.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Comparing two sums from their fixed-point bounds gives the exact comparison, ties and near-ties included. */
class RationalSumTest {
    @Provide
    Arbitrary<List<Rational>> terms() {
        // Small denominators make exact ties between two sums common; large ones make near-ties below 2^-96.
        Arbitrary<Rational> small = Arbitraries.longs().between(0, 12).flatMap(n -> Arbitraries.longs().between(1, 12)
                .map(d -> Rational.of(n, d)));
        Arbitrary<Rational> large = Arbitraries.longs().between(0, Long.MAX_VALUE / 2)
                .flatMap(n -> Arbitraries.longs().between(Long.MAX_VALUE / 2, Long.MAX_VALUE).map(d -> Rational.of(n, d)));
        return Arbitraries.oneOf(small, large).list().ofMaxSize(6);
    }

    @Property(tries = 3000)
    boolean compareTo_anyTwoSums_isTheExactComparison(@ForAll("terms") List<Rational> a, @ForAll("terms") List<Rational> b) {
        return sumOf(a).compareTo(sumOf(b)) == Rational.sum(a).compareTo(Rational.sum(b));
    }

    @Test
    void compareTo_equalSumsOfDifferentTerms_isZero_andATinyExcessCounts() {
        // 1/2 + 1/3 = 5/6 = 1/6 + 2/3 (their bounds overlap: decided exactly); 1/(3·2^60) more is seen from the bounds.
        assertEquals(0, sumOf(List.of(Rational.of(1, 2), Rational.of(1, 3)))
                .compareTo(sumOf(List.of(Rational.of(1, 6), Rational.of(2, 3)))));
        RationalSum more = sumOf(List.of(Rational.of(1, 2), Rational.of(1, 3), Rational.of(1, 3L << 60)));
        assertEquals(1, more.compareTo(sumOf(List.of(Rational.of(5, 6)))));
        assertEquals(-1, sumOf(List.of(Rational.of(5, 6))).compareTo(more));
        // 1/(2^62 − 1) − 1/(2^62 + 1) = 2/(2^124 − 1), far below 2^-96: the bounds overlap and only the exact sums tell.
        long x = 1L << 62;
        assertEquals(1, sumOf(List.of(Rational.of(1, x - 1))).compareTo(sumOf(List.of(Rational.of(1, x + 1)))));
    }

    /** Utilizations below 1 (their sum may reach or pass it) and offsets of any size. */
    @Provide
    Arbitrary<List<Rational>> shares() {
        Arbitrary<Rational> small = Arbitraries.longs().between(0, 12).flatMap(n -> Arbitraries.longs().between(n + 1, 40)
                .map(d -> Rational.of(n, d)));
        Arbitrary<Rational> large = Arbitraries.longs().between(Long.MAX_VALUE / 8, Long.MAX_VALUE / 4)
                .flatMap(n -> Arbitraries.longs().between(Long.MAX_VALUE / 2, Long.MAX_VALUE).map(d -> Rational.of(n, d)));
        return Arbitraries.oneOf(small, large).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 3000)
    boolean floorOverSlackBound_isAtLeastTheExactFloor_andTight(@ForAll("terms") List<Rational> offset,
            @ForAll("shares") List<Rational> u) {
        long bound = sumOf(offset).floorOverSlackBound(sumOf(u));
        Rational slack = Rational.ONE.subtract(Rational.sum(u));
        if (bound < 0) return slack.compareTo(Rational.of(1, 1L << 60)) <= 0; // only at, above or very near 1
        Rational exact = Rational.sum(offset).divide(slack);
        if (bound == Long.MAX_VALUE) return exact.compareTo(Long.MAX_VALUE) >= 0 || exact.compareTo(1L << 62) > 0;
        // Never below the exact floor; above the quotient by a relative 2^-32, the sum's rounding over the slack, and 1.
        Rational rounding = Rational.of(BigInteger.valueOf(6), BigInteger.ONE.shiftLeft(96)).divide(slack);
        Rational most = exact.add(exact.divide(1L << 32)).add(rounding).add(1);
        return Rational.of(bound).add(1).compareTo(exact) > 0 && Rational.of(bound).compareTo(most) <= 0;
    }

    @Test
    void floorOverSlackBound_atOrVeryNearOne_leavesItToTheExactSums() {
        RationalSum offset = sumOf(List.of(Rational.of(7, 2)));
        assertEquals(-1, offset.floorOverSlackBound(sumOf(List.of(Rational.of(1, 2), Rational.of(1, 2)))));
        assertEquals(-1, offset.floorOverSlackBound(sumOf(List.of(Rational.of(2, 3), Rational.of(1, 2)))));
        // 1/3 + b/q with q = 2^62 + 1, b = (2q − 1)/3: 1 − u = 1/(3q), about 2^-63.6, below 2^32 times the rounding.
        long q = (1L << 62) + 1;
        assertEquals(-1, offset.floorOverSlackBound(sumOf(List.of(Rational.of(1, 3), Rational.of(3_074_457_345_618_258_603L, q)))));
        // 1 − 2^-62 is exact in 2^-96: the bound is exact too, 7/2 · 2^62, past Long.MAX_VALUE.
        assertEquals(Long.MAX_VALUE, offset.floorOverSlackBound(sumOf(List.of(Rational.of((1L << 62) - 1, 1L << 62)))));
        // 1 − u = 1/4: 7/2 / (1/4) = 14 exactly, and the bound is 14 (the sums are exact in 2^-96).
        assertEquals(14, offset.floorOverSlackBound(sumOf(List.of(Rational.of(1, 2), Rational.of(1, 4)))));
        // 1 − u = 2/3 (rounded): 7/2 / (2/3) = 5.25, floor 5.
        assertEquals(5, offset.floorOverSlackBound(sumOf(List.of(Rational.of(1, 3)))));
        assertEquals(Long.MAX_VALUE, sumOf(List.of(Rational.of(Long.MAX_VALUE))).floorOverSlackBound(
                sumOf(List.of(Rational.of(1, 2)))));
    }

    private static RationalSum sumOf(List<Rational> terms) {
        RationalSum s = new RationalSum();
        for (Rational r : terms) s.add(r);
        return s;
    }
}
