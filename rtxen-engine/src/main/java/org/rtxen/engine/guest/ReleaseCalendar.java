package org.rtxen.engine.guest;

import java.util.Arrays;
import org.rtxen.engine.event.IndexedHeap;

/**
 * A guest's pending releases in exact (release time, task index) order, as a calendar queue: time is cut into
 * windows of a power-of-two width, window {@code w} files into bucket {@code w mod B}, and each bucket keeps its
 * entries in a list sorted by (time, task index). Sized at set-up from the tasks' periods, the width is about the mean
 * gap between two releases of the guest and the B windows (a "year") span the longest period, so a bucket holds
 * the releases of about one instant and the next release is found a few buckets on: taking the earliest and
 * filing one cost O(1) on average, not O(log n) as in a heap of n tasks. Entries of a later year wait in their
 * bucket behind the current year's; when a whole year is empty the earliest is found by looking at every bucket's
 * head. Ties in time go by task index, so the order is the heap's exactly. Nothing is allocated after set-up.
 *
 * <p>A release whose place in its bucket is more than {@link #MAX_WALK} entries from the bucket's head (many tasks
 * released at one instant and filed out of index order) goes into an overflow heap instead, and the earliest is the
 * lesser of the two: filing never costs more than that walk plus O(log n).
 */
final class ReleaseCalendar {
    private static final int END = -1;
    private static final int ABSENT = -2;
    /** {@link #next} of a task whose release is in {@link #overflow}. */
    private static final int OVERFLOW = -3;
    /** The longest walk along a bucket's list when filing; a release placed further down goes to the overflow heap. */
    static final int MAX_WALK = 16;
    /** Release time by task index. */
    private final long[] time;
    /** The next task in the same bucket, {@link #END}, or {@link #ABSENT} when the task is not queued. */
    private final int[] next;
    private final int[] head;
    private final int[] tail;
    private final int shift;
    private final int mask;
    /** Releases that would have been filed deep in a long bucket, keyed (time, task index). */
    private final IndexedHeap overflow;
    private int size;
    /** The task with the earliest release, or -1 when empty. */
    private int earliest = -1;
    /** The window of {@link #earliest}: no entry lies in an earlier window. */
    private long cursor;

    /** An empty calendar for the tasks with these periods (in ns, each positive), indexed as in the array. */
    ReleaseCalendar(long[] periodsNs) {
        int n = periodsNs.length;
        double releasesPerNs = 0;
        long longest = 1;
        for (long p : periodsNs) {
            releasesPerNs += 1.0 / p;
            longest = Math.max(longest, p);
        }
        long gap = n == 0 ? longest : (long) Math.max(1, Math.min(1.0 / releasesPerNs, longest));
        this.shift = 63 - Long.numberOfLeadingZeros(gap); // the width is the largest power of two not above the gap
        int most = 4 * powerOfTwoAtLeast(n);
        long yearBuckets = Math.min(most, (longest >> shift) + 1);
        int buckets = powerOfTwoAtLeast((int) Math.max(n, yearBuckets));
        this.mask = buckets - 1;
        this.time = new long[n];
        this.next = new int[n];
        Arrays.fill(next, ABSENT);
        this.head = new int[buckets];
        this.tail = new int[buckets];
        Arrays.fill(head, END);
        Arrays.fill(tail, END);
        this.overflow = new IndexedHeap(n);
    }

    private static int powerOfTwoAtLeast(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    /** Whether no release is pending. */
    boolean isEmpty() {
        return size == 0 && overflow.isEmpty();
    }

    /** The earliest pending release time; the calendar must not be empty. */
    long earliestTime() {
        return overflowFirst() ? overflow.peekKey1() : time[earliest];
    }

    /** Whether a release of task {@code id} at {@code at} would come before every pending one. */
    private boolean beforeEarliest(long at, int id) {
        if (isEmpty()) return true;
        boolean inOverflow = overflowFirst();
        long t = inOverflow ? overflow.peekKey1() : time[earliest];
        return at < t || (at == t && id < (inOverflow ? overflow.peek() : earliest));
    }

    /** Whether the overflow heap holds the earliest release. */
    private boolean overflowFirst() {
        if (overflow.isEmpty()) return false;
        if (earliest < 0) return true;
        long t = overflow.peekKey1();
        return t < time[earliest] || (t == time[earliest] && overflow.peek() < earliest);
    }

    /**
     * Files task {@code id}'s release at {@code at} (any time); the task must not be queued. Returns whether it is
     * now the earliest.
     */
    boolean add(int id, long at) {
        if (next[id] != ABSENT) throw new IllegalStateException("task " + id + " already has a pending release");
        boolean becomesEarliest = beforeEarliest(at, id);
        time[id] = at;
        long window = at >> shift;
        int b = (int) (window & mask);
        int first = head[b];
        if (first == END) {
            head[b] = id;
            tail[b] = id;
            next[id] = END;
        } else if (!before(id, tail[b])) {
            next[tail[b]] = id;
            tail[b] = id;
            next[id] = END;
        } else if (before(id, first)) {
            next[id] = first;
            head[b] = id;
        } else {
            int prev = head[b];
            for (int walked = 0; before(next[prev], id); walked++) {
                if (walked == MAX_WALK) {
                    next[id] = OVERFLOW;
                    overflow.set(id, at, id);
                    return becomesEarliest;
                }
                prev = next[prev];
            }
            next[id] = next[prev];
            next[prev] = id;
        }
        size++;
        if (earliest < 0 || before(id, earliest)) {
            earliest = id;
            cursor = window;
        }
        return becomesEarliest;
    }

    /** Removes and returns the task with the earliest release; the calendar must not be empty. */
    int poll() {
        if (overflowFirst()) {
            int id = overflow.poll();
            next[id] = ABSENT;
            return id;
        }
        int id = earliest;
        int b = (int) (cursor & mask);
        head[b] = next[id];
        if (head[b] == END) tail[b] = END;
        next[id] = ABSENT;
        size--;
        findEarliest();
        return id;
    }

    /** Removes task {@code id}'s pending release, if it has one. */
    void remove(int id) {
        if (next[id] == ABSENT) return;
        if (next[id] == OVERFLOW) {
            overflow.remove(id);
            next[id] = ABSENT;
            return;
        }
        int b = (int) ((time[id] >> shift) & mask);
        int prev = END;
        for (int at = head[b]; at != id; at = next[at]) prev = at;
        if (prev == END) head[b] = next[id]; else next[prev] = next[id];
        if (tail[b] == id) tail[b] = prev;
        next[id] = ABSENT;
        size--;
        if (id == earliest) findEarliest();
    }

    /** Whether task a's release comes before task b's: earlier, or at the same time with a lower index. */
    private boolean before(int a, int b) {
        return time[a] < time[b] || (time[a] == time[b] && a < b);
    }

    /** Sets {@link #earliest} from {@link #cursor} on: every entry lies in the cursor's window or later. */
    private void findEarliest() {
        if (size == 0) {
            earliest = -1;
            return;
        }
        long window = cursor;
        for (int k = 0; k <= mask; k++, window++) {
            int first = head[(int) (window & mask)];
            if (first != END && time[first] >> shift == window) {
                earliest = first;
                cursor = window;
                return;
            }
        }
        // Nothing within a year: the earliest is the least of the buckets' heads (each bucket's least entry).
        int best = END;
        for (int first : head) {
            if (first != END && (best == END || before(first, best))) best = first;
        }
        earliest = best;
        cursor = time[best] >> shift;
    }
}
