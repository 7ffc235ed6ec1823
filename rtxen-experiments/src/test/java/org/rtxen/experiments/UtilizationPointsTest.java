package org.rtxen.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.experiments.sweep.UtilizationPoints;

/** A sweep's points are those written, and each is found by its value, however close the doubles are. */
class UtilizationPointsTest {
    @Test
    @Timeout(30)
    void aRangeWhosePointsAreOneOrTwoDoublesApart_findsEachPoint_andNoDoubleBetween() {
        // From 0.5 to 1 the doubles are 1.1 x 10^-16 apart: a step of 1.2 x 10^-16 puts the points one or two doubles
        // apart, and the first guess of a point's index from its value is off by one for about a third of them.
        BigDecimal from = new BigDecimal("0.7");
        BigDecimal step = new BigDecimal("1.2E-16");
        UtilizationPoints points = UtilizationPoints.range(from, step, 60);
        int next = 0;
        for (double u = points.get(0); u <= points.get(59); u = Math.nextUp(u)) {
            if (u == points.get(next)) {
                assertEquals(next++, points.indexOf(u));
            } else {
                assertEquals(-1, points.indexOf(u), Double.toString(u));
            }
        }
        assertEquals(60, next);
        for (int i = 0; i < 60; i++) {
            assertEquals(from.add(step.multiply(BigDecimal.valueOf(i))).doubleValue(), points.get(i));
        }
        assertEquals(-1, points.indexOf(Math.nextDown(points.get(0))));
        assertEquals(-1, points.indexOf(Math.nextUp(points.get(59))));
    }

    @Test
    @Timeout(60)
    void aRangeOfMillionsOfPoints_findsThemByValue() {
        UtilizationPoints points = UtilizationPoints.range(new BigDecimal("0.25"), new BigDecimal("0.000002"), 2_375_001);
        for (int i : new int[] {0, 1, 1_234_567, 2_375_000}) assertEquals(i, points.indexOf(points.get(i)));
        assertEquals(5.0, points.get(2_375_000));
        assertEquals(-1, points.indexOf(0.250001));
    }

    @Test
    @Timeout(30)
    void listedPointsKeepTheirOrder_andAreFoundByValue() {
        UtilizationPoints points = UtilizationPoints.listed(new double[] {0.7, 0.3, 0.5});
        assertEquals(0.3, points.get(1));
        assertEquals(0, points.indexOf(0.7));
        assertEquals(1, points.indexOf(0.3));
        assertEquals(2, points.indexOf(0.5));
        assertEquals(-1, points.indexOf(0.4));
        assertTrue(points.size() == 3);
    }
}
