package org.rtxen.engine.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** ReleaseCalendar against the (time, task index) order: ties, entries a year or more ahead, removals. */
class ReleaseCalendarTest {

    /**
     * Periods 10, 10 and 40: 0.225 releases per ns, a mean gap of 4.4, so windows of 4 and 16 buckets (a year of 64,
     * enough for the longest period). Releases at 36 and 100 share bucket 9 (windows 9 and 25, 36 / 4 and 100 / 4).
     */
    @Test
    void tiesGoByTaskIndex_andAReleaseAYearAheadIsFoundAfterItsBucketmate() {
        ReleaseCalendar c = new ReleaseCalendar(new long[] {10, 10, 40});
        assertTrue(c.add(2, 0)); // the first is the earliest
        assertTrue(c.add(0, 0)); // same time, lower index
        assertFalse(c.add(1, 0)); // same time, index 1 after 0
        assertEquals(0, c.poll());
        assertEquals(1, c.poll());
        assertFalse(c.add(1, 100)); // task 2 at 0 is still pending
        assertFalse(c.add(0, 36));
        assertEquals(0, c.earliestTime());
        assertEquals(2, c.poll());
        assertEquals(36, c.earliestTime());
        assertEquals(0, c.poll());
        assertEquals(100, c.earliestTime()); // 64 windows on, past one year of empty buckets
        assertEquals(1, c.poll());
        assertTrue(c.isEmpty());
    }

    @Test
    void removingTheEarliest_makesTheNextOneEarliest_andATaskIsFiledOnce() {
        ReleaseCalendar c = new ReleaseCalendar(new long[] {10, 20, 30});
        c.add(0, 10);
        c.add(1, 20);
        c.add(2, 20);
        assertThrows(IllegalStateException.class, () -> c.add(1, 40));
        c.remove(0);
        c.remove(0); // absent: nothing to do
        assertEquals(20, c.earliestTime());
        c.remove(2); // the tail of its bucket
        assertTrue(c.add(2, 15));
        assertEquals(2, c.poll());
        assertEquals(1, c.poll());
        assertTrue(c.isEmpty());
    }

    /**
     * 40 tasks released at one instant, filed evens first then odds: task 2j + 1 belongs after every lower index, 2j
     * steps from the bucket's head less the overflowed, so from task 19 on (18 steps, past {@link
     * ReleaseCalendar#MAX_WALK}) it goes to the overflow heap; polls still go 0, 1, ..., 39.
     */
    @Test
    void releasesFiledDeepInALongBucket_stillComeInTaskOrder() {
        long[] periods = new long[40];
        java.util.Arrays.fill(periods, 100);
        ReleaseCalendar c = new ReleaseCalendar(periods);
        for (int id = 0; id < 40; id += 2) assertEquals(id == 0, c.add(id, 500));
        for (int id = 1; id < 40; id += 2) assertFalse(c.add(id, 500)); // task 0 at 500 comes first
        c.remove(33); // one of the overflowed
        c.remove(2);
        for (int id = 0; id < 40; id++) {
            if (id == 33 || id == 2) continue;
            assertEquals(500, c.earliestTime());
            assertEquals(id, c.poll());
        }
        assertTrue(c.isEmpty());
        assertTrue(c.add(33, 600)); // filed again after its removal
    }

    /**
     * The same 40 releases with everything but tasks 35 and 37 removed: only the overflow heap holds releases, and the
     * earliest, the comparison for a new release and the polls come from it alone.
     */
    @Test
    void whenOnlyTheOverflowHoldsReleases_theyAreTheEarliest() {
        long[] periods = new long[40];
        java.util.Arrays.fill(periods, 100);
        ReleaseCalendar c = new ReleaseCalendar(periods);
        for (int id = 0; id < 40; id += 2) c.add(id, 500);
        for (int id = 1; id < 40; id += 2) c.add(id, 500);
        for (int id = 0; id < 40; id++) {
            if (id != 35 && id != 37) c.remove(id);
        }
        assertFalse(c.isEmpty());
        assertEquals(500, c.earliestTime());
        assertFalse(c.add(36, 500)); // same instant, after 35
        assertTrue(c.add(34, 500)); // same instant, before 35
        assertEquals(34, c.poll());
        assertEquals(35, c.poll());
        assertEquals(36, c.poll());
        assertEquals(500, c.earliestTime());
        assertEquals(37, c.poll());
        assertTrue(c.isEmpty());
    }

    /** A simulated guest: each polled task files again some time later, at most a few periods on or exactly now. */
    @Property(tries = 300)
    void pollsFollowTimeThenTaskIndex(@ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(80);
        long[] periods = new long[n];
        for (int i = 0; i < n; i++) periods[i] = 1 + rnd.nextLong(rnd.nextBoolean() ? 20 : 5_000);
        ReleaseCalendar c = new ReleaseCalendar(periods);
        TreeSet<long[]> expected = new TreeSet<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long[] filed = new long[n];
        long now = 0;
        for (int i = 0; i < n; i++) file(c, expected, filed, i, rnd.nextLong(3 * periods[i]));
        for (int step = 0; step < 2_000 && !expected.isEmpty(); step++) {
            assertEquals(expected.first()[0], c.earliestTime());
            if (rnd.nextInt(20) == 0) {
                int id = rnd.nextInt(n);
                expected.remove(new long[] {filed[id], id});
                c.remove(id);
                if (!expected.isEmpty()) assertEquals(expected.first()[0], c.earliestTime());
                continue;
            }
            long[] first = expected.pollFirst();
            assertEquals(first[1], c.poll());
            now = first[0];
            for (long[] e : expected) assertTrue(e[0] >= now);
            int id = (int) first[1];
            long later = switch (rnd.nextInt(5)) {
                case 0 -> 0; // a tie with whatever is due now
                case 1 -> periods[id];
                case 2 -> 1_000 - now % 1_000; // the next multiple of 1000: many tasks at one instant, filed in any order
                default -> rnd.nextLong(50L * periods[id]); // sometimes years ahead
            };
            file(c, expected, filed, id, now + later);
        }
    }

    private static void file(ReleaseCalendar c, TreeSet<long[]> expected, long[] filed, int id, long at) {
        boolean earliest = expected.isEmpty() || Long.compare(at, expected.first()[0]) < 0
                || (at == expected.first()[0] && id < expected.first()[1]);
        filed[id] = at;
        expected.add(new long[] {at, id});
        assertEquals(earliest, c.add(id, at));
    }
}
