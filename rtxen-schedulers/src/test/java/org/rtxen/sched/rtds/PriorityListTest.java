package org.rtxen.sched.rtds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * PriorityList against the structure it replaced: a plain list with Xen's walk (insert before the first element the
 * new one strictly beats, comparing current keys). Random insertions, removals and key changes of listed and
 * unlisted ids, with keys from tiny ranges so that ties and stale (unsorted) entries are the rule; after every step
 * the whole order, the "landed first" and "was first" answers and a random search must agree.
 */
class PriorityListTest {
    private static final int IDS = 24;

    @Property(tries = 300)
    void randomOperations_sameOrderAsTheWalkedList(@ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean tieById = rnd.nextBoolean();
        int[] level = new int[IDS];
        long[] deadline = new long[IDS];
        for (int id = 0; id < IDS; id++) deadline[id] = rnd.nextInt(4);
        PriorityList list = new PriorityList(IDS, level, deadline, tieById);
        List<Integer> walked = new ArrayList<>();
        for (int step = 0; step < 400; step++) {
            int id = rnd.nextInt(IDS);
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    if (walked.contains(id)) {
                        boolean first = walked.get(0) == id;
                        walked.remove(Integer.valueOf(id));
                        assertEquals(first, list.remove(id), "remove " + id + " reports whether it was first");
                    } else {
                        int at = firstAbove(walked, level, deadline, tieById, level[id], deadline[id], id);
                        walked.add(at < 0 ? walked.size() : walked.indexOf(at), id);
                        assertEquals(walked.get(0) == id, list.insertOrdered(id), "insert " + id + " reports landing first");
                    }
                }
                case 1 -> {
                    if (rnd.nextBoolean()) level[id]++; else deadline[id] = rnd.nextInt(4);
                    if (list.contains(id)) list.rekey(id);
                }
                default -> {
                    int l = rnd.nextInt(3);
                    long d = rnd.nextInt(5) - 1;
                    int t = rnd.nextInt(IDS + 1) - 1;
                    assertEquals(firstAbove(walked, level, deadline, tieById, l, d, t), list.firstAbove(l, d, t),
                            "first above (" + l + ", " + d + ", " + t + ")");
                }
            }
            assertEquals(walked, contents(list));
            assertEquals(walked.isEmpty() ? -1 : walked.get(walked.size() - 1), list.last());
            for (int k = 1; k < walked.size(); k++) assertEquals(walked.get(k - 1), list.prev(walked.get(k)));
        }
    }

    /** The walk: the first element in list order whose key is larger than (l, d, t). */
    private static int firstAbove(List<Integer> walked, int[] level, long[] deadline, boolean tieById, int l, long d, int t) {
        for (int e : walked) {
            if (level[e] != l ? level[e] > l : deadline[e] != d ? deadline[e] > d : tieById && e > t) return e;
        }
        return -1;
    }

    private static List<Integer> contents(PriorityList list) {
        List<Integer> out = new ArrayList<>();
        for (int id = list.first(); id >= 0; id = list.next(id)) out.add(id);
        return out;
    }
}
