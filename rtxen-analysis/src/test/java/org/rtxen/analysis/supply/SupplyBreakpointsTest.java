package org.rtxen.analysis.supply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.rtxen.analysis.Rational;

/**
 * The breakpoint claim behind the gEDF check points: between consecutive emitted times the sbf is affine on the
 * integers, checked against every integer for every small MPR (both variants) and DMPR.
 */
class SupplyBreakpointsTest {
    @Test
    void breakpoints_everySmallMpr_sbfAffineBetweenConsecutivePoints() {
        for (Mpr.Variant variant : Mpr.Variant.values()) {
            for (int m = 1; m <= 4; m++) {
                for (long period = 1; period <= 9; period++) {
                    for (long budget = 0; budget <= m * period; budget++) {
                        assertAffineBetweenBreakpoints(new Mpr(period, budget, m, variant), 7 * period + 3);
                    }
                }
            }
        }
    }

    @Test
    void breakpoints_everySmallDmpr_sbfAffineBetweenConsecutivePoints() {
        for (int m = 1; m <= 3; m++) {
            for (long period = 1; period <= 12; period++) {
                for (long partial = 0; partial <= period; partial++) {
                    assertAffineBetweenBreakpoints(new Dmpr(period, partial, m), 7 * period + 3);
                }
            }
        }
    }

    /** Affine on the integers of [l, r]: every step sbf(x + 1) − sbf(x) equals the first one. */
    private static void assertAffineBetweenBreakpoints(SupplyBound supply, long horizon) {
        TreeSet<Long> points = new TreeSet<>();
        points.add(0L);
        points.add(horizon);
        supply.breakpoints(0, horizon, t -> {
            if (t >= 0 && t <= horizon) points.add(t);
        });
        Long left = null;
        for (long right : points) {
            if (left != null && right - left >= 2) {
                Rational step = supply.sbf(left + 1).subtract(supply.sbf(left));
                for (long x = left + 1; x < right; x++) {
                    assertEquals(step, supply.sbf(x + 1).subtract(supply.sbf(x)),
                            supply + ": not affine on [" + left + ", " + right + "] at " + x);
                }
            }
            left = right;
        }
    }
}
