package org.rtxen.analysis.demand;

import java.util.List;
import org.rtxen.analysis.SearchCancelled;
import org.rtxen.analysis.Task;

/**
 * The absolute deadlines k·T_i + D_i of synchronously released tasks in increasing order, each distinct instant once,
 * with the EDF demand dbf(t) accumulated as they pass: the only points where dbf steps, hence the only points an EDF
 * demand test must check. No allocation per point.
 *
 * <p>The pending deadlines (one per task) sit in a calendar: a ring of B buckets of width w, bucket b holding the
 * tasks whose next deadline lies in [b·w, (b + 1)·w). With w ≥ max(T, D)/(B − 2) every pending deadline lies within B
 * buckets of the current one, so a ring slot never holds two buckets; a task's bucket advances by T_i/w (quotient and
 * remainder kept per task, no division per point). With B ≥ 4n a bucket holds about one task, so a point costs a few
 * steps instead of a heap's log n unpredictable comparisons (which were half of a PRM interface search's time).
 */
public final class DeadlinePoints {
    private final long[] period;
    private final long[] wcet;
    private final long[] next;
    /** Per task: its next deadline's bucket, and the deadline's offset in it. */
    private final long[] bucketOf;
    private final long[] offset;
    /** Per task: its period as whole buckets and the rest. */
    private final long[] periodBuckets;
    private final long[] periodRest;
    private final long width;
    /** Per ring slot: the first task in it, or −1; {@code link} chains the tasks of a slot. */
    private final int[] head;
    private final int[] link;
    private final int mask;
    /** Scratch: the tasks whose deadline is the current point. */
    private final int[] due;
    private long bucket;
    private long demand;
    private long current = -1;
    private int steps;
    /** Tasks whose next deadline a long holds: the others have left the calendar. */
    private int live;

    /** Starts before the first deadline. */
    public DeadlinePoints(List<Task> tasks) {
        int n = tasks.size();
        period = new long[n];
        wcet = new long[n];
        next = new long[n];
        bucketOf = new long[n];
        offset = new long[n];
        periodBuckets = new long[n];
        periodRest = new long[n];
        link = new int[n];
        due = new int[n];
        int slots = Integer.highestOneBit(Math.max(64, 4 * n - 1)) << 1;
        head = new int[slots];
        mask = slots - 1;
        java.util.Arrays.fill(head, -1);
        long widest = 1;
        for (Task t : tasks) widest = Math.max(widest, Math.max(t.period(), t.deadline()));
        width = Math.max(1, (widest + slots - 3) / (slots - 2));
        for (int i = 0; i < n; i++) {
            Task t = tasks.get(i);
            period[i] = t.period();
            wcet[i] = t.wcet();
            next[i] = t.deadline();
            bucketOf[i] = t.deadline() / width;
            offset[i] = t.deadline() % width;
            periodBuckets[i] = t.period() / width;
            periodRest[i] = t.period() % width;
            file(i);
        }
        live = n;
    }

    /** Whether a deadline that a long can hold follows (false without tasks, or once every task's passed 2^63 − 1). */
    public boolean hasNext() {
        return live > 0;
    }

    /** Advances to the next distinct deadline instant and returns it. */
    public long next() {
        if (live == 0) throw new java.util.NoSuchElementException("no deadline within 2^63 − 1 follows");
        if ((++steps & 0xFFF) == 0) SearchCancelled.checkpoint();
        int slot = (int) (bucket & mask);
        while (head[slot] < 0) {
            bucket++;
            slot = (int) (bucket & mask);
        }
        int first = head[slot];
        long t = next[first];
        if (link[first] < 0) {
            head[slot] = -1; // the usual case: the bucket holds one task
            advance(first);
        } else {
            for (int i = link[first]; i >= 0; i = link[i]) t = Math.min(t, next[i]);
            int dueCount = 0;
            int previous = -1;
            for (int i = first; i >= 0; i = link[i]) {
                if (next[i] == t) {
                    due[dueCount++] = i;
                    if (previous < 0) head[slot] = link[i];
                    else link[previous] = link[i];
                } else {
                    previous = i;
                }
            }
            for (int k = 0; k < dueCount; k++) advance(due[k]);
        }
        current = t;
        return t;
    }

    /** The current deadline instant (−1 before the first call of {@link #next()}). */
    public long time() {
        return current;
    }

    /** dbf at the current instant, or Long.MAX_VALUE where it is larger (then above every instant a long holds). */
    public long demand() {
        return demand;
    }

    /**
     * Adds task i's job to the demand and files the task under its next deadline, or retires it when that deadline
     * lies past 2^63 − 1.
     */
    private void advance(int i) {
        demand = demand > Long.MAX_VALUE - wcet[i] ? Long.MAX_VALUE : demand + wcet[i];
        if (next[i] > Long.MAX_VALUE - period[i]) {
            live--;
            return;
        }
        next[i] += period[i];
        long rest = offset[i] + periodRest[i];
        long carry = rest >= width ? 1 : 0;
        offset[i] = rest - carry * width;
        bucketOf[i] += periodBuckets[i] + carry;
        file(i);
    }

    private void file(int i) {
        int slot = (int) (bucketOf[i] & mask);
        link[i] = head[slot];
        head[slot] = i;
    }
}
