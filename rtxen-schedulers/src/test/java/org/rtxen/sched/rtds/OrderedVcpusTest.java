package org.rtxen.sched.rtds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The indexed queue against the walked one (R5): the same random insertions (FIFO or, as in 4.7, LIFO ties),
 * removals and key changes of listed and unlisted ids, with keys from tiny ranges so that ties and stale (unsorted)
 * entries are the rule, as in replq after a running extratime VCPU drops a level (E9); after every step both hold the
 * same order and gave the same "landed first" and "was first" answers, and the index's summaries are true.
 */
class OrderedVcpusTest {
    private static final int IDS = 30;

    @Property(tries = 300)
    void randomOperations_indexedQueueKeepsTheWalkedOrder(@ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean lifo = rnd.nextBoolean();
        int[] level = new int[IDS];
        long[] deadline = new long[IDS];
        for (int id = 0; id < IDS; id++) deadline[id] = rnd.nextInt(4);
        OrderedVcpus walked = new OrderedVcpus(IDS, level, deadline, false);
        OrderedVcpus indexed = new OrderedVcpus(IDS, level, deadline, true);
        for (int step = 0; step < 500; step++) {
            int id = rnd.nextInt(IDS);
            if (rnd.nextInt(3) == 0) {
                if (rnd.nextBoolean()) level[id]++; else deadline[id] = rnd.nextInt(4);
                walked.rekey(id);
                indexed.rekey(id);
            } else if (walked.contains(id)) {
                assertEquals(walked.remove(id), indexed.remove(id), "remove " + id + " reports whether it was first");
            } else {
                assertEquals(walked.insertOrdered(id, lifo), indexed.insertOrdered(id, lifo), "insert " + id + " reports landing first");
            }
            assertEquals(contents(walked), contents(indexed));
            assertNull(indexed.checkIndex());
        }
    }

    /**
     * By hand (R5): keys (level, deadline) a = (0, 5), b = (0, 5), c = (1, 2) inserted in that order give a, b, c
     * (FIFO among equals, the higher level behind); then c's level drops to 0 in place (E9) and d = (0, 4) goes before
     * the first element it strictly beats, which is a, although c, behind, now holds a smaller key.
     */
    @Test
    void insertOrdered_staleEntry_comparesCurrentKeysInListOrder() {
        int[] level = {0, 0, 1, 0};
        long[] deadline = {5, 5, 2, 4};
        OrderedVcpus q = new OrderedVcpus(4, level, deadline, true);
        q.insertOrdered(0, false);
        q.insertOrdered(1, false);
        q.insertOrdered(2, false);
        assertEquals(List.of(0, 1, 2), contents(q));
        level[2] = 0;
        q.rekey(2);
        q.insertOrdered(3, false);
        assertEquals(List.of(3, 0, 1, 2), contents(q));
    }

    private static List<Integer> contents(OrderedVcpus q) {
        List<Integer> out = new ArrayList<>();
        for (int id = q.first(); id >= 0; id = q.next(id)) out.add(id);
        return out;
    }
}
