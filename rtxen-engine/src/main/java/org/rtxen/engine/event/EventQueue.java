package org.rtxen.engine.event;

import java.util.Arrays;

/**
 * The engine's single event queue: an {@link IndexedHeap} of timer ids keyed by (expiry, rank), where the rank is
 * the timer's {@link EventClass} followed by its creation index. Keys are unique, so the order is total and
 * deterministic; arming, re-arming and cancelling are O(log n) and allocate nothing.
 */
public final class EventQueue {
    private static final int CLASS_SHIFT = 40;

    private final IndexedHeap heap = new IndexedHeap(16);
    // Per timer id.
    private long[] rank = new long[16];
    private TimerCallback[] callback = new TimerCallback[16];
    private int timers;
    private long now;

    /** Creates a timer of the given class that runs {@code cb} when it fires. */
    public Timer newTimer(EventClass eventClass, TimerCallback cb) {
        int id = timers++;
        if (id == rank.length) {
            int n = id * 2;
            rank = Arrays.copyOf(rank, n);
            callback = Arrays.copyOf(callback, n);
        }
        rank[id] = ((long) eventClass.ordinal() << CLASS_SHIFT) | id;
        callback[id] = cb;
        return new Timer(this, id);
    }

    /** Whether no timer is armed. */
    public boolean isEmpty() {
        return heap.isEmpty();
    }

    /** The expiry of the earliest armed timer; the queue must not be empty. */
    public long peekTime() {
        return heap.peekKey1();
    }

    /** Removes the earliest armed timer, advances {@link #now()} to its expiry and runs its callback. */
    public void fireNext() {
        now = heap.peekKey1();
        int id = heap.poll();
        callback[id].fire(now);
    }

    /** The simulated time: the expiry of the timer fired last (0 before the first). */
    public long now() {
        return now;
    }

    void schedule(int id, long when) {
        // like Xen, a timer set in the past fires as soon as possible, never back in time
        heap.set(id, Math.max(when, now), rank[id]);
    }

    void cancel(int id) {
        heap.remove(id);
    }

    boolean isPending(int id) {
        return heap.contains(id);
    }

    long expiryOf(int id) {
        return heap.contains(id) ? heap.key1Of(id) : Long.MIN_VALUE;
    }
}
