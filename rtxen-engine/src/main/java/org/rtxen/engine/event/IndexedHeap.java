package org.rtxen.engine.event;

import java.util.Arrays;

/**
 * An indexed binary min-heap of small int ids keyed by a pair of longs compared lexicographically. Each heap slot's
 * two keys and id sit side by side in one array (no indirection while sifting, and a slot's two children share a
 * cache line or two instead of one line in each of three arrays) and each id's slot is tracked, so adding, re-keying
 * and removing an id are O(log n) and allocate nothing once the capacity is reached. Callers keep keys unique (a tie
 * breaker in the second key) so that the order, and everything built on it, is total and deterministic.
 */
public final class IndexedHeap implements PairQueue {
    private static final int STRIDE = 3; // key1, key2, id
    /** Slot i's first key at {@code STRIDE * i}, its second key next, then its id. */
    private long[] slots;
    private int size;
    private int[] position; // heap slot by id, -1 when absent

    /** An empty heap for ids in [0, capacity); it grows when a larger id is added. */
    public IndexedHeap(int capacity) {
        int n = Math.max(1, capacity);
        slots = new long[STRIDE * n];
        position = new int[n];
        Arrays.fill(position, -1);
    }

    /** Whether no id is in the heap. */
    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    /** The number of ids in the heap. */
    public int size() {
        return size;
    }

    /** Whether {@code id} is in the heap. */
    @Override
    public boolean contains(int id) {
        return id < position.length && position[id] >= 0;
    }

    /** The id with the smallest key; the heap must not be empty. */
    public int peek() {
        return id(0);
    }

    /** The first key of {@link #peek()}; the heap must not be empty. */
    @Override
    public long peekKey1() {
        return slots[0];
    }

    /** The second key of {@link #peek()}; the heap must not be empty. */
    @Override
    public long peekKey2() {
        return slots[1];
    }

    /** The first key of {@code id}, which must be in the heap. */
    @Override
    public long key1Of(int id) {
        return slots[STRIDE * position[id]];
    }

    /** Adds {@code id} with key (k1, k2), or moves it to that key if it is already in the heap. */
    @Override
    public void set(int id, long k1, long k2) {
        if (id >= position.length) grow(id + 1);
        int pos = position[id];
        if (pos < 0) {
            pos = size++;
            siftUp(pos, k1, k2, id);
        } else if (less(k1, k2, pos)) {
            siftUp(pos, k1, k2, id);
        } else {
            siftDown(pos, k1, k2, id);
        }
    }

    /** Removes {@code id} if it is in the heap. */
    @Override
    public void remove(int id) {
        if (contains(id)) removeAt(position[id]);
    }

    /** Removes and returns the id with the smallest key; the heap must not be empty. */
    @Override
    public int poll() {
        int id = id(0);
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
                if (slotLess(scratch[i], scratch[best])) best = i;
            }
            int slot = scratch[best];
            scratch[best] = scratch[--frontier];
            out[count++] = id(slot);
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
        slots = Arrays.copyOf(slots, STRIDE * n);
    }

    private int id(int pos) {
        return (int) slots[STRIDE * pos + 2];
    }

    private void removeAt(int pos) {
        position[id(pos)] = -1;
        int last = --size;
        if (pos == last) return;
        int at = STRIDE * last;
        long k1 = slots[at];
        long k2 = slots[at + 1];
        int id = (int) slots[at + 2];
        if (pos > 0 && less(k1, k2, (pos - 1) >>> 1)) {
            siftUp(pos, k1, k2, id);
        } else {
            siftDown(pos, k1, k2, id);
        }
    }

    /** Whether key (k1, k2) is below the key in slot {@code pos}. */
    private boolean less(long k1, long k2, int pos) {
        long b1 = slots[STRIDE * pos];
        return k1 < b1 || (k1 == b1 && k2 < slots[STRIDE * pos + 1]);
    }

    /** Whether slot {@code a}'s key is below slot {@code b}'s. */
    private boolean slotLess(int a, int b) {
        return less(slots[STRIDE * a], slots[STRIDE * a + 1], b);
    }

    /** Places key (k1, k2, id) at or above slot {@code pos}. */
    private void siftUp(int pos, long k1, long k2, int id) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!less(k1, k2, parent)) break;
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
            if (right < size && slotLess(right, child)) child = right;
            if (!slotLess(child, k1, k2)) break;
            move(child, pos);
            pos = child;
        }
        put(pos, k1, k2, id);
    }

    /** Whether slot {@code pos}'s key is below key (k1, k2). */
    private boolean slotLess(int pos, long k1, long k2) {
        long a1 = slots[STRIDE * pos];
        return a1 < k1 || (a1 == k1 && slots[STRIDE * pos + 1] < k2);
    }

    private void move(int from, int to) {
        int f = STRIDE * from;
        int t = STRIDE * to;
        slots[t] = slots[f];
        slots[t + 1] = slots[f + 1];
        long id = slots[f + 2];
        slots[t + 2] = id;
        position[(int) id] = to;
    }

    private void put(int pos, long k1, long k2, int id) {
        int at = STRIDE * pos;
        slots[at] = k1;
        slots[at + 1] = k2;
        slots[at + 2] = id;
        position[id] = pos;
    }
}
