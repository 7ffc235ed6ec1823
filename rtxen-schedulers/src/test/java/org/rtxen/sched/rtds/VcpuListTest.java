package org.rtxen.sched.rtds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The indexed list against Xen's walk: the same insertion points, whatever the keys did while ids were queued. */
class VcpuListTest {
    private static final int IDS = 40;

    /**
     * Random insertions (ordered, FIFO or LIFO among equal keys, and at the front), removals and key changes of
     * queued and unqueued ids, with few distinct keys so that ties abound and changed keys leave the list unsorted
     * (as a running VCPU's level rises on the replenishment queue): after every step the indexed list holds the ids
     * in the order of a plain list into which each insertion was walked from the front.
     */
    @Property(tries = 300)
    void indexedInsertion_anyHistory_stopsWhereTheWalkStops(@ForAll long seed, @ForAll boolean lifo,
            @ForAll @IntRange(min = 1, max = 400) int steps) {
        SplittableRandom random = new SplittableRandom(seed);
        VcpuList indexed = VcpuList.indexed(IDS);
        VcpuList walked = new VcpuList(IDS);
        int[] level = new int[IDS];
        long[] deadline = new long[IDS];
        for (int step = 0; step < steps; step++) {
            int id = random.nextInt(IDS);
            int op = random.nextInt(10);
            if (op < 3) {
                level[id] = random.nextInt(3);
                deadline[id] = random.nextInt(6);
                indexed.rekey(id, level[id], deadline[id]);
            } else if (walked.contains(id)) {
                assertEquals(walked.remove(id), indexed.remove(id));
            } else if (op == 3) {
                walked.addFirst(id);
                indexed.addFirst(id);
            } else {
                int stop = walk(walked, level, deadline, id, lifo);
                assertEquals(stop, indexed.firstAbove(level[id], deadline[id], lifo), "where " + id + " goes");
                walked.insertBefore(id, stop);
                indexed.insertBefore(id, stop);
            }
            assertEquals(order(walked), order(indexed));
        }
    }

    /** Xen's ordered insertion: past every element that {@code id} does not strictly beat (LIFO: that beats it). */
    private static int walk(VcpuList list, int[] level, long[] deadline, int id, boolean lifo) {
        int it = list.first();
        while (it >= 0) {
            int byLevel = Integer.compare(level[id], level[it]);
            int byKey = byLevel != 0 ? byLevel : Long.compare(deadline[id], deadline[it]);
            if (lifo ? byKey <= 0 : byKey < 0) break;
            it = list.next(it);
        }
        return it;
    }

    private static List<Integer> order(VcpuList list) {
        List<Integer> ids = new ArrayList<>();
        for (int id = list.first(); id >= 0; id = list.next(id)) ids.add(id);
        assertEquals(list.size(), ids.size());
        return ids;
    }

    /**
     * Keys (level, deadline) in list order 0:(0, 5), 1:(1, 2), 2:(0, 9): the first above (0, 7) is 1 (a higher
     * level beats any deadline), the first at or above (1, 2) is 1 and the first above it none; after id 1 drops to
     * (0, 1) in place, the first above (0, 7) is 2.
     */
    @Example
    void firstAbove_comparesLevelThenDeadline_andFollowsKeysChangedInPlace() {
        VcpuList list = VcpuList.indexed(3);
        list.rekey(0, 0, 5);
        list.rekey(1, 1, 2);
        list.rekey(2, 0, 9);
        for (int id = 0; id < 3; id++) list.insertBefore(id, -1);
        assertEquals(1, list.firstAbove(0, 7, false));
        assertEquals(1, list.firstAbove(1, 2, true));
        assertEquals(-1, list.firstAbove(1, 2, false));
        list.rekey(1, 0, 1);
        assertEquals(2, list.firstAbove(0, 7, false));
        assertEquals(0, list.firstAbove(0, 5, true));
        list.dropIndex();
        assertFalse(list.isIndexed());
    }
}
