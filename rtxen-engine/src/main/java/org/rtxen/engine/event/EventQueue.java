package org.rtxen.engine.event;

import java.util.Arrays;

/**
 * The engine's single event queue: an indexed binary min-heap of timers keyed by (expiry, rank), where the rank
 * is the timer's {@link EventClass} followed by its creation index. Keys are unique, so the order is total and
 * deterministic. The keys sit in the heap arrays themselves (no indirection while sifting) and each timer's heap
 * slot is tracked by id, so arming, re-arming and cancelling are O(log n) and allocate nothing.
 */
public final class EventQueue {
    private static final int CLASS_SHIFT = 40;

    // Heap slots: key (time, rank) and the timer id in each slot.
    private long[] heapTime = new long[16];
    private long[] heapRank = new long[16];
    private int[] heapId = new int[16];
    private int size;
    // Per timer id.
    private long[] rank = new long[16];
    private int[] position = new int[16]; // heap slot, -1 when not armed
    private TimerCallback[] callback = new TimerCallback[16];
    private int timers;
    private long now;

    /** Creates a timer of the given class that runs {@code cb} when it fires. */
    public Timer newTimer(EventClass eventClass, TimerCallback cb) {
        int id = timers++;
        if (id == rank.length) {
            int n = id * 2;
            rank = Arrays.copyOf(rank, n);
            position = Arrays.copyOf(position, n);
            callback = Arrays.copyOf(callback, n);
            heapTime = Arrays.copyOf(heapTime, n);
            heapRank = Arrays.copyOf(heapRank, n);
            heapId = Arrays.copyOf(heapId, n);
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
        return heapTime[0];
    }

    /** Removes the earliest armed timer, advances {@link #now()} to its expiry and runs its callback. */
    public void fireNext() {
        int id = heapId[0];
        now = heapTime[0];
        removeAt(0);
        callback[id].fire(now);
    }

    /** The simulated time: the expiry of the timer fired last (0 before the first). */
    public long now() {
        return now;
    }

    void schedule(int id, long when) {
        if (when < now) when = now; // like Xen, a timer set in the past fires as soon as possible, never back in time
        int pos = position[id];
        if (pos < 0) {
            pos = size++;
            siftUp(pos, when, rank[id], id);
        } else if (when < heapTime[pos]) {
            siftUp(pos, when, rank[id], id);
        } else {
            siftDown(pos, when, rank[id], id);
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
        int pos = position[id];
        return pos >= 0 ? heapTime[pos] : Long.MIN_VALUE;
    }

    private void removeAt(int pos) {
        position[heapId[pos]] = -1;
        int last = --size;
        if (pos == last) return;
        long t = heapTime[last];
        long r = heapRank[last];
        int id = heapId[last];
        if (pos > 0 && less(t, r, heapTime[(pos - 1) >>> 1], heapRank[(pos - 1) >>> 1])) {
            siftUp(pos, t, r, id);
        } else {
            siftDown(pos, t, r, id);
        }
    }

    private static boolean less(long ta, long ra, long tb, long rb) {
        return ta < tb || (ta == tb && ra < rb);
    }

    /** Places key (t, r, id) at or above slot {@code pos}. */
    private void siftUp(int pos, long t, long r, int id) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!less(t, r, heapTime[parent], heapRank[parent])) break;
            move(parent, pos);
            pos = parent;
        }
        put(pos, t, r, id);
    }

    /** Places key (t, r, id) at or below slot {@code pos}. */
    private void siftDown(int pos, long t, long r, int id) {
        int half = size >>> 1;
        while (pos < half) {
            int child = 2 * pos + 1;
            int right = child + 1;
            if (right < size && less(heapTime[right], heapRank[right], heapTime[child], heapRank[child])) child = right;
            if (!less(heapTime[child], heapRank[child], t, r)) break;
            move(child, pos);
            pos = child;
        }
        put(pos, t, r, id);
    }

    private void move(int from, int to) {
        heapTime[to] = heapTime[from];
        heapRank[to] = heapRank[from];
        int id = heapId[from];
        heapId[to] = id;
        position[id] = to;
    }

    private void put(int pos, long t, long r, int id) {
        heapTime[pos] = t;
        heapRank[pos] = r;
        heapId[pos] = id;
        position[id] = pos;
    }
}
