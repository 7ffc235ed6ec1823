package org.rtxen.engine.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

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
}
