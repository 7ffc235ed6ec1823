package org.rtxen.engine.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * TimerWheel against an {@link IndexedHeap} of the same timers: the same earliest timer after every step of random
 * histories whose expiries range from the current window to the largest long, with ties and re-arming.
 */
class TimerWheelTest {
    private static final int IDS = 60;
    private static final long WINDOW = 1L << TimerWheel.WINDOW_SHIFT;

    @Property(tries = 300)
    void randomHistories_pollInTheOrderOfOneHeap(@ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        TimerWheel wheel = new TimerWheel();
        IndexedHeap reference = new IndexedHeap(IDS);
        long now = 0;
        for (int step = 0; step < 2_000; step++) {
            int op = rnd.nextInt(10);
            int id = rnd.nextInt(IDS);
            if (op < 5) {
                long d = distance(rnd);
                long when = Long.MAX_VALUE - now < d ? Long.MAX_VALUE : now + d;
                wheel.set(id, when, id);
                reference.set(id, when, id);
            } else if (op < 7) {
                wheel.remove(id);
                reference.remove(id);
            } else if (!reference.isEmpty()) {
                now = reference.peekKey1();
                if (op == 7) { // each of the three reads must find the earliest by itself
                    assertEquals(reference.peekKey2(), wheel.peekKey2(), "earliest rank at step " + step);
                } else if (op == 8) {
                    assertEquals(now, wheel.peekKey1(), "earliest expiry at step " + step);
                }
                assertEquals(reference.poll(), wheel.poll(), "earliest timer at step " + step);
            }
            assertEquals(reference.contains(id), wheel.contains(id), "whether timer " + id + " is held");
            if (reference.contains(id)) assertEquals(reference.key1Of(id), wheel.key1Of(id));
            assertEquals(reference.isEmpty(), wheel.isEmpty());
        }
    }

    /** From the current window to the top level: each scale of the wheel, exact ties, and the end of time. */
    private static long distance(SplittableRandom rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> rnd.nextLong(WINDOW); // within a window or two of now
            case 1 -> rnd.nextLong(3) * WINDOW; // ties on window edges
            case 2 -> rnd.nextLong(1L << 26); // up to 67 ms: the low levels
            case 3 -> rnd.nextLong(1L << 40); // up to 18 minutes: the middle levels
            case 4 -> Long.MAX_VALUE / 2 + rnd.nextLong(Long.MAX_VALUE / 4); // the top level
            default -> 0;
        };
    }

    @Test
    void aTimerArmedBeforeTheWindowTheWheelAdvancedTo_stillComesFirst() {
        TimerWheel wheel = new TimerWheel();
        wheel.set(0, 5_000_000, 0); // 5 ms: a level up
        wheel.set(1, 9_000_000, 1);
        assertEquals(5_000_000, wheel.peekKey1()); // the wheel has advanced to 5 ms's window
        wheel.set(2, 2_000_000, 2); // armed afterwards for an earlier time, as at 1 ms after a peek
        wheel.set(3, 5_000_000, 3); // a tie broken by rank
        assertEquals(2, wheel.poll());
        assertEquals(0, wheel.poll());
        assertEquals(3, wheel.poll());
        wheel.remove(1);
        assertFalse(wheel.contains(1));
        assertTrue(wheel.isEmpty());
    }
}
