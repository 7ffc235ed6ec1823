package org.rtxen.engine.event;

import java.util.Arrays;

/**
 * The engine's armed timers ordered by (expiry, rank) exactly, as a heap of the current time window's timers in front
 * of a hierarchical timing wheel holding the rest, so that the cost of arming, cancelling and taking the earliest does
 * not grow with the number of armed timers.
 *
 * <p>Time is cut into windows of {@code 2^}{@value #WINDOW_SHIFT} ns. Every timer expiring before the end of the
 * current window is in {@link #near}, an {@link IndexedHeap} by (expiry, rank); every other one waits, unsorted, in a
 * bucket of the wheel: level {@code L} has 64 buckets, each {@code 64^L} windows wide, and a timer goes to the lowest
 * level whose bucket for it is not the current one (the bits of its expiry above that level agree with the current
 * window's). When {@link #near} runs empty, the earliest non-empty bucket (found through one occupancy bit per bucket)
 * becomes current, and its timers move to {@link #near} or down to a lower level. Each timer thus moves at most once
 * per level, and a heap sift only ever runs through the few timers of one window, while the order is that of a single
 * heap of every timer: {@link #near} holds exactly those that expire before all the others.
 */
final class TimerWheel implements PairQueue {
    /** log2 of a window's width in ns: 65.5 µs, a few events apart on a large host; most timers move once or twice. */
    static final int WINDOW_SHIFT = 16;
    private static final int LEVEL_BITS = 6;
    private static final int BUCKETS = 1 << LEVEL_BITS;
    /** Enough levels for any expiry up to {@code Long.MAX_VALUE}. */
    private static final int LEVELS = (63 - WINDOW_SHIFT + LEVEL_BITS - 1) / LEVEL_BITS;
    private static final int NONE = -1;
    /** {@link #bucket} of a timer in {@link #near}. */
    private static final int NEAR = -2;

    private final IndexedHeap near = new IndexedHeap(16);
    /** The first instant of the current window: {@link #near} holds every timer expiring before it plus a window. */
    private long windowStart;
    // Per timer id: its keys, its wheel bucket (level * 64 + index), NEAR or NONE, and its links in that bucket.
    private long[] expiry = new long[16];
    private long[] rank = new long[16];
    private int[] bucket = new int[16];
    private int[] next = new int[16];
    private int[] prev = new int[16];
    /** The first timer of each bucket, or NONE. */
    private final int[] head = new int[LEVELS * BUCKETS];
    /** Per level, one bit per non-empty bucket. */
    private final long[] occupied = new long[LEVELS];
    private int inWheel;

    TimerWheel() {
        Arrays.fill(bucket, NONE);
        Arrays.fill(head, NONE);
    }

    /** Whether no timer is held. */
    @Override
    public boolean isEmpty() {
        return inWheel == 0 && near.isEmpty();
    }

    /** Whether timer {@code id} is held. */
    @Override
    public boolean contains(int id) {
        return id < bucket.length && bucket[id] != NONE;
    }

    /** Timer {@code id}'s expiry; it must be held. */
    @Override
    public long key1Of(int id) {
        return expiry[id];
    }

    /** The earliest expiry; must not be empty. */
    @Override
    public long peekKey1() {
        fillNear();
        return near.peekKey1();
    }

    /** The rank of the earliest timer; must not be empty. */
    @Override
    public long peekKey2() {
        fillNear();
        return near.peekKey2();
    }

    /** Removes and returns the earliest timer; must not be empty. */
    @Override
    public int poll() {
        fillNear();
        int id = near.poll();
        bucket[id] = NONE;
        return id;
    }

    /** Holds timer {@code id} with key (expiry, rank), replacing its earlier key if it is held. */
    @Override
    public void set(int id, long when, long timerRank) {
        if (id >= bucket.length) grow(id + 1);
        if (bucket[id] >= 0) unlink(id);
        expiry[id] = when;
        rank[id] = timerRank;
        place(id);
    }

    /** Drops timer {@code id} if it is held. */
    @Override
    public void remove(int id) {
        if (!contains(id)) return;
        if (bucket[id] == NEAR) near.remove(id); else unlink(id);
        bucket[id] = NONE;
    }

    /** Files timer {@code id} by its expiry: in {@link #near} up to the current window, else in the wheel. */
    private void place(int id) {
        long when = expiry[id];
        if (when >> WINDOW_SHIFT <= windowStart >> WINDOW_SHIFT) { // compared by window: the last one's end overflows
            bucket[id] = NEAR;
            near.set(id, when, rank[id]);
            return;
        }
        // The highest bit where the expiry and the current window differ gives the level; it is at least WINDOW_SHIFT.
        int level = (63 - Long.numberOfLeadingZeros(when ^ windowStart) - WINDOW_SHIFT) / LEVEL_BITS;
        int index = (int) (when >>> shiftOf(level)) & (BUCKETS - 1);
        int b = level * BUCKETS + index;
        if (bucket[id] == NEAR) near.remove(id);
        bucket[id] = b;
        int first = head[b];
        next[id] = first;
        prev[id] = NONE;
        if (first != NONE) prev[first] = id;
        head[b] = id;
        occupied[level] |= 1L << index;
        inWheel++;
    }

    private void unlink(int id) {
        int b = bucket[id];
        if (prev[id] == NONE) head[b] = next[id]; else next[prev[id]] = next[id];
        if (next[id] != NONE) prev[next[id]] = prev[id];
        if (head[b] == NONE) occupied[b / BUCKETS] &= ~(1L << (b % BUCKETS));
        bucket[id] = NONE;
        inWheel--;
    }

    /** Makes {@link #near} non-empty, if any timer is held, by advancing to the earliest non-empty bucket. */
    private void fillNear() {
        int level = 0;
        while (near.isEmpty() && inWheel > 0) {
            int shift = shiftOf(level);
            int current = (int) (windowStart >>> shift) & (BUCKETS - 1);
            long later = occupied[level] & (-2L << current); // buckets after the current one
            if (later == 0) {
                level++; // every bucket of this level is empty: look one level up
                continue;
            }
            int index = Long.numberOfTrailingZeros(later);
            // The bucket's first instant: the current window's bits above this level, the bucket's index, zeros below.
            int aboveShift = shift + LEVEL_BITS;
            long above = aboveShift >= Long.SIZE ? 0 : windowStart >>> aboveShift << aboveShift;
            windowStart = above | (long) index << shift;
            int b = level * BUCKETS + index;
            int id = head[b];
            head[b] = NONE;
            occupied[level] &= ~(1L << index);
            while (id != NONE) {
                int following = next[id];
                inWheel--;
                bucket[id] = NONE;
                place(id); // to near, or to a lower level: its bits down to this level match the new window's
                id = following;
            }
            level = 0;
        }
    }

    /** log2 of the width of a bucket of {@code level}. */
    private static int shiftOf(int level) {
        return WINDOW_SHIFT + LEVEL_BITS * level;
    }

    private void grow(int ids) {
        int n = Math.max(ids, bucket.length * 2);
        int old = bucket.length;
        expiry = Arrays.copyOf(expiry, n);
        rank = Arrays.copyOf(rank, n);
        bucket = Arrays.copyOf(bucket, n);
        Arrays.fill(bucket, old, n, NONE);
        next = Arrays.copyOf(next, n);
        prev = Arrays.copyOf(prev, n);
    }
}
