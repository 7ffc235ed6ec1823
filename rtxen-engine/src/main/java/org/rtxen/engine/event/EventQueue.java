package org.rtxen.engine.event;

import java.util.Arrays;

/**
 * The engine's single event queue: timer ids keyed by (expiry, rank), where the rank is the timer's
 * {@link EventClass} followed by its creation index. Keys are unique, so the order is total and deterministic;
 * arming, re-arming and cancelling allocate nothing.
 *
 * <p>Two structures hold the keys: {@code due}, an {@link IndexedHeap} of the timers armed for the current time (most
 * arming is of this kind: a raised softirq, a context switch without overhead), and {@code later} all others: a
 * heap too on hosts of up to {@value #WHEEL_ABOVE} timers, O(log n), and beyond a {@link TimerWheel}, whose cost does
 * not grow with the number of armed timers (thousands on a large host). An event due now costs a sift through the few
 * timers due with it; the next event is the smaller of the two structures' earliest, so the order is exactly that of
 * one heap.
 */
public final class EventQueue {
    private static final int CLASS_SHIFT = 40;

    private final IndexedHeap due = new IndexedHeap(16);
    /** Hosts with more timers than this keep the later ones in a {@link TimerWheel}; a heap costs less below. */
    static final int WHEEL_ABOVE = 512;
    private PairQueue later = new IndexedHeap(16);
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
        if (id == WHEEL_ABOVE) later = wheelOf(later);
        return new Timer(this, id);
    }

    /** The timers armed in {@code heap}, moved into a new wheel. */
    private static TimerWheel wheelOf(PairQueue heap) {
        TimerWheel wheel = new TimerWheel();
        while (!heap.isEmpty()) {
            long expiry = heap.peekKey1();
            long timerRank = heap.peekKey2();
            wheel.set(heap.poll(), expiry, timerRank);
        }
        return wheel;
    }

    /** Whether no timer is armed. */
    public boolean isEmpty() {
        return due.isEmpty() && later.isEmpty();
    }

    /** The expiry of the earliest armed timer; the queue must not be empty. */
    public long peekTime() {
        return due.isEmpty() ? later.peekKey1() : now;
    }

    /** Removes the earliest armed timer, advances {@link #now()} to its expiry and runs its callback. */
    public void fireNext() {
        int id;
        if (due.isEmpty()) {
            now = later.peekKey1();
            id = later.poll();
        } else if (later.isEmpty() || later.peekKey1() > now || later.peekKey2() > due.peekKey2()) {
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
        return later.contains(id) ? later.key1Of(id) : Long.MIN_VALUE;
    }
}
