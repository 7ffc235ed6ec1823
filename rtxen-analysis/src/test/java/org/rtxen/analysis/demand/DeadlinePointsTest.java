package org.rtxen.analysis.demand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.rtxen.analysis.Task;

/** The deadlines in order with dbf beside them, and their end where a long ends. */
class DeadlinePointsTest {

    /** (T 4, C 1, D 3) and (T 6, C 2, D 6): deadlines 3, 6, 7, 11, 12 with dbf 1, 3, 4, 5, 7 (12 counts both). */
    @Test
    void deadlines_inOrder_withTheDemandAccumulated() {
        DeadlinePoints points = new DeadlinePoints(List.of(new Task("a", 4, 1, 3), new Task("b", 6, 2, 6)));
        long[][] expected = {{3, 1}, {6, 3}, {7, 4}, {11, 5}, {12, 7}};
        for (long[] e : expected) {
            assertTrue(points.hasNext());
            assertEquals(e[0], points.next());
            assertEquals(e[1], points.demand());
        }
    }

    /**
     * (T 2^61, C 1, D 2^61) and (T 3·2^60, C 1, D 3·2^60): deadlines 2^61 (dbf 1), 3·2^60 (2), 2^62 (3), 3·2^61 (5,
     * both); the next, 2^63 and 9·2^60, pass 2^63 − 1, so the points end there instead of overflowing.
     */
    @Test
    void deadlinesPastTheLongs_endThePoints() {
        DeadlinePoints points = new DeadlinePoints(List.of(new Task("a", 1L << 61, 1, 1L << 61),
                new Task("b", 3L << 60, 1, 3L << 60)));
        long[][] expected = {{1L << 61, 1}, {3L << 60, 2}, {1L << 62, 3}, {3L << 61, 5}};
        for (long[] e : expected) {
            assertTrue(points.hasNext());
            assertEquals(e[0], points.next());
            assertEquals(e[1], points.demand());
        }
        assertFalse(points.hasNext());
        assertThrows(NoSuchElementException.class, points::next);
    }

    /** Two (T 2^62, C 2^62, D 2^62): at 2^62 the demand, 2^63, is past the longs and reads as Long.MAX_VALUE. */
    @Test
    void demandPastTheLongs_saturates() {
        DeadlinePoints points = new DeadlinePoints(List.of(new Task("a", 1L << 62, 1L << 62, 1L << 62),
                new Task("b", 1L << 62, 1L << 62, 1L << 62)));
        assertEquals(1L << 62, points.next());
        assertEquals(Long.MAX_VALUE, points.demand()); // 2^62 + 2^62 = 2^63
        assertFalse(points.hasNext()); // the next deadline, 2^63, is past the longs
    }
}
