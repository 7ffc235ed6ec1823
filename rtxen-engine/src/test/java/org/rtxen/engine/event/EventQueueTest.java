package org.rtxen.engine.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The event queue fires timers in (expiry, event class, creation) order, only at their last arming and never once
 * stopped, including after timers move to the wheel and when callbacks arm timers for the current instant, as a sorted
 * reference says.
 */
class EventQueueTest {

    @Test
    void fireNext_sameTime_ordersByClassThenCreation() {
        EventQueue q = new EventQueue();
        List<String> fired = new ArrayList<>();
        Timer guest = q.newTimer(EventClass.GUEST_WAKE, now -> fired.add("guest"));
        Timer sched1 = q.newTimer(EventClass.SCHEDULE, now -> fired.add("sched1"));
        Timer sched0 = q.newTimer(EventClass.SCHEDULE, now -> fired.add("sched0"));
        Timer saved = q.newTimer(EventClass.CONTEXT_SAVED, now -> fired.add("saved"));
        Timer early = q.newTimer(EventClass.ADMIN, now -> fired.add("early"));
        guest.set(10);
        sched0.set(10);
        sched1.set(10);
        saved.set(10);
        early.set(9);
        while (!q.isEmpty()) q.fireNext();
        // time first, then class (CONTEXT_SAVED < SCHEDULE < GUEST_WAKE), then creation order within a class
        assertEquals(List.of("early", "saved", "sched1", "sched0", "guest"), fired);
        assertEquals(10, q.now());
    }

    @Test
    void set_rearmedAndStopped_firesOnlyAtTheLastArming() {
        EventQueue q = new EventQueue();
        List<Long> fired = new ArrayList<>();
        Timer t = q.newTimer(EventClass.POLICY_TIMER, fired::add);
        Timer other = q.newTimer(EventClass.POLICY_TIMER, fired::add);
        t.set(50);
        t.set(20);
        other.set(30);
        other.stop();
        assertTrue(t.isActive());
        assertFalse(other.isActive());
        assertEquals(20, t.expiry());
        q.fireNext();
        assertTrue(q.isEmpty());
        assertEquals(List.of(20L), fired);
    }

    /**
     * A host that creates more than {@link EventQueue#WHEEL_ABOVE} timers while some are armed: they move to the wheel
     * and everything fires in (expiry, creation) order, as a sorted reference says; expiries from the current instant
     * to hours ahead.
     */
    @Property(tries = 20)
    void fireNext_theLaterTimersMoveToTheWheel_inTheSameOrder(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        EventQueue q = new EventQueue();
        int n = EventQueue.WHEEL_ABOVE + 40;
        List<Integer> fired = new ArrayList<>();
        TreeMap<Long, Integer> expected = new TreeMap<>(); // expiry * n + creation
        List<Timer> timers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            timers.add(q.newTimer(EventClass.POLICY_TIMER, now -> fired.add(id)));
            if (random.nextInt(3) == 0) { // armed before, at and after the move to the wheel
                long at = random.nextInt(4) == 0 ? random.nextLong(1L << 42) : random.nextLong(1L << 22);
                timers.get(i).set(at);
                expected.put(at * n + i, i);
            }
        }
        while (!q.isEmpty()) q.fireNext();
        assertEquals(new ArrayList<>(expected.values()), fired);
    }

    /** Random arm / re-arm / cancel sequences pop in the same order as a sorted reference map. */
    @Property
    void fireNext_anyOperations_matchesSortedReference(@ForAll @Size(max = 200) List<@IntRange(min = 0, max = 5000) Integer> ops) {
        EventQueue q = new EventQueue();
        int n = 16;
        List<Timer> timers = new ArrayList<>();
        List<Integer> firedIds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            timers.add(q.newTimer(EventClass.POLICY_TIMER, now -> firedIds.add(id)));
        }
        long[] armed = new long[n];
        java.util.Arrays.fill(armed, -1);
        for (int op : ops) {
            int id = op % n;
            if (op % 7 == 0) {
                timers.get(id).stop();
                armed[id] = -1;
            } else {
                timers.get(id).set(op / n);
                armed[id] = op / n;
            }
        }
        TreeMap<Long, Integer> expected = new TreeMap<>();
        for (int i = 0; i < n; i++) if (armed[i] >= 0) expected.put(armed[i] * n + i, i); // time, then creation
        while (!q.isEmpty()) q.fireNext();
        assertEquals(new ArrayList<>(expected.values()), firedIds);
    }

    /**
     * Callbacks that arm, re-arm and stop timers for the current time or later (the queue's two heaps both in play)
     * fire in the order of a reference that keeps every armed timer sorted by (expiry, class, creation), with the same
     * expiries, pending flags and clock.
     */
    @Property(tries = 300)
    void fireNext_callbacksArmingNowAndLater_matchReference(@ForAll long seed) {
        int n = 12;
        EventQueue q = new EventQueue();
        SplittableRandom random = new SplittableRandom(seed);
        long[] armed = new long[n]; // the reference: expiry of each timer, -1 when not armed
        Arrays.fill(armed, -1);
        EventClass[] classes = {EventClass.SCHEDULE, EventClass.POLICY_TIMER, EventClass.CONTEXT_SAVED};
        List<Timer> timers = new ArrayList<>();
        List<String> fired = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            timers.add(q.newTimer(classes[i % 3], now -> {
                fired.add(id + "@" + now);
                armed[id] = -1;
                for (int k = random.nextInt(4); k > 0; k--) {
                    int other = random.nextInt(n);
                    if (random.nextInt(5) == 0) {
                        timers.get(other).stop();
                        armed[other] = -1;
                    } else {
                        long at = now + random.nextInt(3) - (random.nextInt(8) == 0 ? 5 : 0); // in the past: now
                        timers.get(other).set(at);
                        armed[other] = Math.max(at, now);
                    }
                    assertEquals(armed[other] >= 0, timers.get(other).isActive());
                    if (armed[other] >= 0) assertEquals(armed[other], timers.get(other).expiry());
                }
            }));
        }
        for (int i = 0; i < n; i++) {
            armed[i] = random.nextInt(4);
            timers.get(i).set(armed[i]);
        }
        List<String> expected = new ArrayList<>();
        for (int step = 0; step < 400 && !q.isEmpty(); step++) {
            int next = -1;
            for (int i = 0; i < n; i++) { // the smallest (expiry, class, creation) among armed timers
                if (armed[i] < 0) continue;
                if (next < 0 || armed[i] < armed[next] || armed[i] == armed[next]
                        && (classes[i % 3].ordinal() < classes[next % 3].ordinal()
                        || classes[i % 3] == classes[next % 3] && i < next)) {
                    next = i;
                }
            }
            expected.add(next + "@" + armed[next]);
            assertEquals(armed[next], q.peekTime());
            q.fireNext();
            assertEquals(expected, fired);
        }
    }
}
