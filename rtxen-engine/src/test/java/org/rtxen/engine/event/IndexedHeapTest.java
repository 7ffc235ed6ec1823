package org.rtxen.engine.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** IndexedHeap against a sorted copy of its contents: random adds, re-keys and removals, keys with many ties. */
class IndexedHeapTest {
    private static final int IDS = 40;

    @Property(tries = 200)
    void randomOperations_smallestAndPollFollowTheKeyOrder(@ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        IndexedHeap heap = new IndexedHeap(4); // grows past its first capacity
        long[] k1 = new long[IDS];
        boolean[] in = new boolean[IDS];
        for (int step = 0; step < 300; step++) {
            int id = rnd.nextInt(IDS);
            if (rnd.nextInt(3) == 0) {
                heap.remove(id);
                in[id] = false;
            } else {
                k1[id] = rnd.nextInt(5); // ties in the first key, broken by the second (the id)
                heap.set(id, k1[id], id);
                in[id] = true;
            }
            Integer[] sorted = java.util.stream.IntStream.range(0, IDS).filter(i -> in[i]).boxed()
                    .sorted(Comparator.<Integer>comparingLong(i -> k1[i]).thenComparingInt(i -> i)).toArray(Integer[]::new);
            assertEquals(sorted.length, heap.size());
            int m = 1 + rnd.nextInt(4);
            int[] out = new int[m];
            int got = heap.smallest(m, out, new int[m + 1]);
            int[] expected = Arrays.stream(sorted).limit(m).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, Arrays.copyOf(out, got), "the " + m + " smallest");
            if (sorted.length > 0) assertEquals(sorted[0], heap.peek());
        }
    }

    @Test
    void poll_emptiesInKeyOrder() {
        IndexedHeap heap = new IndexedHeap(2);
        heap.set(3, 20, 3);
        heap.set(1, 10, 1);
        heap.set(2, 10, 2);
        heap.set(3, 5, 3); // re-keyed to the front
        // Order by hand: (5, 3), (10, 1), (10, 2).
        assertEquals(3, heap.poll());
        assertEquals(1, heap.poll());
        assertEquals(2, heap.poll());
        assertFalse(heap.contains(2));
        assertEquals(0, heap.size());
    }
}
