package org.rtxen.engine.event;

import java.util.Arrays;

/**
 * An indexed binary min-heap of small int ids keyed by a pair of longs compared lexicographically. The keys sit in
 * the heap arrays themselves (no indirection while sifting) and each id's slot is tracked, so adding, re-keying and
 * removing an id are O(log n) and allocate nothing once the capacity is reached. Callers keep keys unique (a tie
 * breaker in the second key) so that the order, and everything built on it, is total and deterministic.
 */
public final class IndexedHeap {
    private long[] heapKey1;
    private long[] heapKey2;
    private int[] heapId;
    private int size;
    private int[] position; // heap slot by id, -1 when absent

    /** An empty heap for ids in [0, capacity); it grows when a larger id is added. */
    public IndexedHeap(int capacity) {
        int n = Math.max(1, capacity);
        heapKey1 = new long[n];
        heapKey2 = new long[n];
        heapId = new int[n];
        position = new int[n];
        Arrays.fill(position, -1);
    }

    /** Whether no id is in the heap. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The number of ids in the heap. */
    public int size() {
        return size;
    }

    /** Whether {@code id} is in the heap. */
    public boolean contains(int id) {
        return id < position.length && position[id] >= 0;
    }

    /** The id with the smallest key; the heap must not be empty. */
    public int peek() {
        return heapId[0];
    }

    /** The first key of {@link #peek()}; the heap must not be empty. */
    public long peekKey1() {
        return heapKey1[0];
    }

    /** The second key of {@link #peek()}; the heap must not be empty. */
    public long peekKey2() {
        return heapKey2[0];
    }

    /** The first key of {@code id}, which must be in the heap. */
    public long key1Of(int id) {
        return heapKey1[position[id]];
    }

    /** Adds {@code id} with key (k1, k2), or moves it to that key if it is already in the heap. */
    public void set(int id, long k1, long k2) {
        if (id >= position.length) grow(id + 1);
        int pos = position[id];
        if (pos < 0) {
            pos = size++;
            siftUp(pos, k1, k2, id);
        } else if (less(k1, k2, heapKey1[pos], heapKey2[pos])) {
            siftUp(pos, k1, k2, id);
        } else {
            siftDown(pos, k1, k2, id);
        }
    }

    /** Removes {@code id} if it is in the heap. */
    public void remove(int id) {
        if (contains(id)) removeAt(position[id]);
    }

    /** Removes and returns the id with the smallest key; the heap must not be empty. */
    public int poll() {
        int id = heapId[0];
        removeAt(0);
        return id;
    }

    /**
     * Writes the up to {@code m} ids with the smallest keys into {@code out} in increasing key order and returns how
     * many it wrote, without changing the heap: a best-first walk that only looks at the children of what it already
     * took, O(m^2) whatever the size. {@code scratch} must hold at least {@code m + 1} ints.
     */
    public int smallest(int m, int[] out, int[] scratch) {
        if (size == 0 || m <= 0) return 0;
        int frontier = 0; // heap slots that may come next
        scratch[frontier++] = 0;
        int count = 0;
        while (count < m && frontier > 0) {
            int best = 0;
            for (int i = 1; i < frontier; i++) {
                int a = scratch[i];
                int b = scratch[best];
                if (less(heapKey1[a], heapKey2[a], heapKey1[b], heapKey2[b])) best = i;
            }
            int slot = scratch[best];
            scratch[best] = scratch[--frontier];
            out[count++] = heapId[slot];
            int child = 2 * slot + 1;
            if (child < size) scratch[frontier++] = child;
            if (child + 1 < size) scratch[frontier++] = child + 1;
        }
        return count;
    }

    private void grow(int ids) {
        int n = Math.max(ids, position.length * 2);
        int old = position.length;
        position = Arrays.copyOf(position, n);
        Arrays.fill(position, old, n, -1);
        heapKey1 = Arrays.copyOf(heapKey1, n);
        heapKey2 = Arrays.copyOf(heapKey2, n);
        heapId = Arrays.copyOf(heapId, n);
    }

    private void removeAt(int pos) {
        position[heapId[pos]] = -1;
        int last = --size;
        if (pos == last) return;
        long k1 = heapKey1[last];
        long k2 = heapKey2[last];
        int id = heapId[last];
        if (pos > 0 && less(k1, k2, heapKey1[(pos - 1) >>> 1], heapKey2[(pos - 1) >>> 1])) {
            siftUp(pos, k1, k2, id);
        } else {
            siftDown(pos, k1, k2, id);
        }
    }

    private static boolean less(long a1, long a2, long b1, long b2) {
        return a1 < b1 || (a1 == b1 && a2 < b2);
    }

    /** Places key (k1, k2, id) at or above slot {@code pos}. */
    private void siftUp(int pos, long k1, long k2, int id) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!less(k1, k2, heapKey1[parent], heapKey2[parent])) break;
            move(parent, pos);
            pos = parent;
        }
        put(pos, k1, k2, id);
    }

    /** Places key (k1, k2, id) at or below slot {@code pos}. */
    private void siftDown(int pos, long k1, long k2, int id) {
        int half = size >>> 1;
        while (pos < half) {
            int child = 2 * pos + 1;
            int right = child + 1;
            if (right < size && less(heapKey1[right], heapKey2[right], heapKey1[child], heapKey2[child])) child = right;
            if (!less(heapKey1[child], heapKey2[child], k1, k2)) break;
            move(child, pos);
            pos = child;
        }
        put(pos, k1, k2, id);
    }

    private void move(int from, int to) {
        heapKey1[to] = heapKey1[from];
        heapKey2[to] = heapKey2[from];
        int id = heapId[from];
        heapId[to] = id;
        position[id] = to;
    }

    private void put(int pos, long k1, long k2, int id) {
        heapKey1[pos] = k1;
        heapKey2[pos] = k2;
        heapId[pos] = id;
        position[id] = pos;
    }
}
