package org.rtxen.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A reason prints its durations in the unit its reader chooses; the expectations are written out by hand. */
class ReasonTest {
    private static final Reason DEADLINE = Reason.of("task ", "a", ": response time exceeds deadline ",
            Reason.span(3_891_000), " (", 2, " jobs)");

    @Test
    void nanoseconds_printInTheLargestExactUnit() {
        assertEquals("task a: response time exceeds deadline 3891us (2 jobs)", DEADLINE.format(Reason.NANOSECONDS));
        // 3/2 ns is exact at three decimals: no ≈.
        assertEquals("1.5ns", Reason.of(Reason.span(Rational.of(3, 2))).format(Reason.NANOSECONDS));
    }

    @Test
    void microseconds_areScaledToNanosecondsFirst() {
        // 3 891 000 µs = 3 891 ms = 3.891 s; the largest exact unit is ms.
        assertEquals("task a: response time exceeds deadline 3891ms (2 jobs)", DEADLINE.format(Reason.MICROSECONDS));
        // 1/3 µs = 333.333… ns, rounded and so marked; 1250/11 µs = 113 636.36… ns = 113.636… µs.
        assertEquals("≈333.333ns", Reason.of(Reason.span(Rational.of(1, 3))).format(Reason.MICROSECONDS));
        assertEquals("≈113.636us", Reason.of(Reason.span(Rational.of(1250, 11))).format(Reason.MICROSECONDS));
        // 2.5 µs + 1/2 ns = 2500.5 ns = 2.5005 µs: four decimals, rounded half up to 2.501.
        assertEquals("≈2.501us", Reason.of(Reason.span(Rational.of(5001, 2))).format(Reason.NANOSECONDS));
    }

    @Test
    void fileUnit_undoesTheReadersScale() {
        // A CARTS reader scaled by 10: 3 891 000 analysis units are 389 100 file units.
        assertEquals("task a: response time exceeds deadline 389100 (2 jobs)", DEADLINE.format(Reason.fileUnit(10)));
        // 9007199254740993 (2^53 + 1) units print whole; 7/3 = 2.333… rounds to 12 digits and is so marked.
        assertEquals("9007199254740993", Reason.of(Reason.span(9_007_199_254_740_993L)).format(Reason.fileUnit(1)));
        assertEquals("≈2.33333333333", Reason.of(Reason.span(Rational.of(7, 3))).format(Reason.fileUnit(1)));
    }

    @Test
    void nestedReasons_areInlined_andNoneIsEmpty() {
        Reason outer = Reason.of("pCPU 1: ", DEADLINE);
        assertEquals("pCPU 1: task a: response time exceeds deadline 3891us (2 jobs)",
                outer.format(Reason.NANOSECONDS));
        assertTrue(Reason.NONE.isEmpty());
        assertEquals(Reason.of("x ", Reason.span(5)), Reason.of("x ", Reason.span(5)));
    }
}
