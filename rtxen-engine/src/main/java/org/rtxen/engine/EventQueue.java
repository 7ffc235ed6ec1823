package org.rtxen.engine;

import java.util.Arrays;

/**
 * The engine's single event queue: an indexed binary min-heap of timers keyed by (expiry, rank), where the rank
 * is the timer's {@link EventClass} followed by its creation index. Keys are unique, so the order is total and
 * deterministic. Keys live in primitive arrays indexed by timer id; arming, re-arming and cancelling are
 * O(log n) and allocate nothing.
 */
public final class EventQueue {
    private static final int CLASS_SHIFT = 40;

    private long[] expiry = new long[16];
    private long[] rank = new long[16];
    private int[] position = new int[16]; // heap slot of each timer, -1 when not pending
    private TimerCallback[] callback = new TimerCallback[16];
    private int[] heap = new int[16];
    private int size;
    private int timers;
    private long now;

    /** Creates a timer of the given class that runs {@code cb} when it fires. */
    public Timer newTimer(EventClass eventClass, TimerCallback cb) {
        int id = timers++;
        if (id == expiry.length) {
            int n = id * 2;
            expiry = Arrays.copyOf(expiry, n);
            rank = Arrays.copyOf(rank, n);
            position = Arrays.copyOf(position, n);
            callback = Arrays.copyOf(callback, n);
            heap = Arrays.copyOf(heap, n);
        }
        rank[id] = ((long) eventClass.ordinal() << CLASS_SHIFT) | id;
        position[id] = -1;
        callback[id] = cb;
        return new Timer(this, id);
    }

    /** Whether no timer is armed. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The expiry of the earliest armed timer; the queue must not be empty. */
    public long peekTime() {
        return expiry[heap[0]];
    }

    /** Removes the earliest armed timer, advances {@link #now()} to its expiry and runs its callback. */
    public void fireNext() {
        int id = heap[0];
        removeAt(0);
        now = expiry[id];
        callback[id].fire(now);
    }

    /** The simulated time: the expiry of the timer fired last (0 before the first). */
    public long now() {
        return now;
    }

    void schedule(int id, long when) {
        int pos = position[id];
        expiry[id] = when;
        if (pos < 0) {
            pos = size++;
            heap[pos] = id;
            position[id] = pos;
            siftUp(pos);
        } else {
            siftUp(pos);
            siftDown(position[id]);
        }
    }

    void cancel(int id) {
        int pos = position[id];
        if (pos >= 0) removeAt(pos);
    }

    boolean isPending(int id) {
        return position[id] >= 0;
    }

    long expiryOf(int id) {
        return expiry[id];
    }

    private void removeAt(int pos) {
        int id = heap[pos];
        position[id] = -1;
        int last = --size;
        if (pos != last) {
            int moved = heap[last];
            heap[pos] = moved;
            position[moved] = pos;
            siftUp(pos);
            siftDown(position[moved]);
        }
    }

    private boolean less(int a, int b) {
        long ea = expiry[a];
        long eb = expiry[b];
        return ea < eb || (ea == eb && rank[a] < rank[b]);
    }

    private void siftUp(int pos) {
        int id = heap[pos];
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            int p = heap[parent];
            if (!less(id, p)) break;
            heap[pos] = p;
            position[p] = pos;
            pos = parent;
        }
        heap[pos] = id;
        position[id] = pos;
    }

    private void siftDown(int pos) {
        int id = heap[pos];
        int half = size >>> 1;
        while (pos < half) {
            int child = 2 * pos + 1;
            int c = heap[child];
            int right = child + 1;
            if (right < size && less(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!less(c, id)) break;
            heap[pos] = c;
            position[c] = pos;
            pos = child;
        }
        heap[pos] = id;
        position[id] = pos;
    }
}
