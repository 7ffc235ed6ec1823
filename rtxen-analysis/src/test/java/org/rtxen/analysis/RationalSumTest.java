package org.rtxen.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static RationalSum sumOf(List<Rational> terms) {
        RationalSum s = new RationalSum();
        for (Rational r : terms) s.add(r);
        return s;
    }
}
