package org.rtxen.engine.event;

import java.util.Arrays;

/**
 * The engine's single event queue: timer ids keyed by (expiry, rank), where the rank is the timer's
 * {@link EventClass} followed by its creation index. Keys are unique, so the order is total and deterministic;
 * arming, re-arming and cancelling cost O(1) plus a sift through the timers of one 65 µs window, and allocate nothing.
 *
 * <p>Two structures hold the keys: {@code due}, an {@link IndexedHeap} of the timers armed for the current time (most
 * arming is of this kind: a raised softirq, a context switch without overhead), and {@code later}, a
 * {@link TimerWheel} of all others, whose cost does not grow with the number of armed timers (thousands on a large
 * host). An event due now costs a sift through the few timers due with it; the next event is the smaller of the two
 * structures' earliest, so the order is exactly that of one heap.
 */
public final class EventQueue {
    private static final int CLASS_SHIFT = 40;

    private final IndexedHeap due = new IndexedHeap(16);
    private final TimerWheel later = new TimerWheel();
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
        return due.isEmpty() && later.isEmpty();
    }

    /** The expiry of the earliest armed timer; the queue must not be empty. */
    public long peekTime() {
        return due.isEmpty() ? later.peekExpiry() : now;
    }

    /** Removes the earliest armed timer, advances {@link #now()} to its expiry and runs its callback. */
    public void fireNext() {
        int id;
        if (due.isEmpty()) {
            now = later.peekExpiry();
            id = later.poll();
        } else if (later.isEmpty() || later.peekExpiry() > now || later.peekRank() > due.peekKey2()) {
            id = due.poll(); // every key in due has the expiry now, so later's top is first only at now with a lower rank
        } else {
            id = later.poll();
        }
        callback[id].fire(now);
    }

    /** The simulated time: the expiry of the timer fired last (0 before the first). */
    public long now() {
        return now;
    }

    void schedule(int id, long when) {
        // like Xen, a timer set in the past fires as soon as possible, never back in time
        if (when <= now) {
            later.remove(id);
            due.set(id, now, rank[id]);
        } else {
            due.remove(id);
            later.set(id, when, rank[id]);
        }
    }

    void cancel(int id) {
        due.remove(id);
        later.remove(id);
    }

    boolean isPending(int id) {
        return due.contains(id) || later.contains(id);
    }

    long expiryOf(int id) {
        if (due.contains(id)) return now;
        return later.contains(id) ? later.expiryOf(id) : Long.MIN_VALUE;
    }
}
