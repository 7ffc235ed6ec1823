package org.rtxen.analysis.demand;

import java.util.List;
import org.rtxen.analysis.SearchCancelled;
import org.rtxen.analysis.Task;

/**
 * The absolute deadlines k·T_i + D_i of synchronously released tasks in increasing order, each distinct instant once,
 * with the EDF demand dbf(t) accumulated as they pass: the only points where dbf steps, hence the only points an EDF
 * demand test must check. A binary heap of task indices keyed by each task's next deadline; no allocation per point.
 */
public final class DeadlinePoints {
    private final long[] period;
    private final long[] wcet;
    private final long[] next;
    private final int[] heap;
    private long demand;
    private long current = -1;
    private int steps;

    /** Starts before the first deadline. */
    public DeadlinePoints(List<Task> tasks) {
        int n = tasks.size();
        period = new long[n];
        wcet = new long[n];
        next = new long[n];
        heap = new int[n];
        for (int i = 0; i < n; i++) {
            Task t = tasks.get(i);
            period[i] = t.period();
            wcet[i] = t.wcet();
            next[i] = t.deadline();
            heap[i] = i;
        }
        for (int i = n / 2 - 1; i >= 0; i--) siftDown(i);
    }

    /** Whether any deadline follows (false only without tasks). */
    public boolean hasNext() {
        return heap.length > 0;
    }

    /** Advances to the next distinct deadline instant and returns it. */
    public long next() {
        if ((++steps & 0xFFF) == 0) SearchCancelled.checkpoint();
        long t = next[heap[0]];
        while (next[heap[0]] == t) {
            int i = heap[0];
            demand = Math.addExact(demand, wcet[i]);
            next[i] = Math.addExact(next[i], period[i]);
            siftDown(0);
        }
        current = t;
        return t;
    }

    /** The current deadline instant (−1 before the first call of {@link #next()}). */
    public long time() {
        return current;
    }

    /** dbf at the current instant. */
    public long demand() {
        return demand;
    }

    private void siftDown(int pos) {
        int n = heap.length;
        int item = heap[pos];
        while (true) {
            int child = 2 * pos + 1;
            if (child >= n) break;
            if (child + 1 < n && next[heap[child + 1]] < next[heap[child]]) child++;
            if (next[heap[child]] >= next[item]) break;
            heap[pos] = heap[child];
            pos = child;
        }
        heap[pos] = item;
    }
}
