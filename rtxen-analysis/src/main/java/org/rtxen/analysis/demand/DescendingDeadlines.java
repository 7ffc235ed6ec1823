package org.rtxen.analysis.demand;

import java.util.List;
import org.rtxen.analysis.Task;

/**
 * The absolute deadlines k·T_i + D_i of synchronously released tasks walked downwards in jumps: from any bound, the
 * largest deadline at or below it and the EDF demand dbf there. A backward demand check (QPA, Zhang and Burns 2009)
 * moves from a point t straight to the largest point the supply may fail at, skipping the points in between, so it
 * needs dbf at few points far apart; no allocation per move.
 *
 * <p>Each task keeps its largest deadline at or below the bound; a move lowers those above the new bound (one
 * subtraction, without a branch, when the move is shorter than the task's period, as it mostly is; else one
 * division), so a move costs one pass over the tasks that still have a deadline below it, with the demand adjusted
 * as they drop.
 */
public final class DescendingDeadlines {
    private final long[] period;
    private final long[] wcet;
    private final long[] deadline;
    /** Per task: its largest deadline at or below the bound; tasks [0, active) have one, the others none. */
    private final long[] latest;
    private int active;
    /** The largest first deadline D_i of the active tasks: no move to a bound at or above it empties a task. */
    private long lastFirstDeadline;
    private long time;
    private long demand;

    /** Starts at the largest deadline at or below {@code bound} ({@link #time()} −1 when there is none). */
    public DescendingDeadlines(List<Task> tasks, long bound) {
        int n = tasks.size();
        period = new long[n];
        wcet = new long[n];
        deadline = new long[n];
        latest = new long[n];
        long max = -1;
        for (Task t : tasks) {
            if (t.deadline() > bound) continue;
            long jobs = (bound - t.deadline()) / t.period();
            period[active] = t.period();
            wcet[active] = t.wcet();
            deadline[active] = t.deadline();
            latest[active] = t.deadline() + jobs * t.period();
            demand = Math.addExact(demand, Math.multiplyExact(jobs + 1, t.wcet()));
            max = Math.max(max, latest[active]);
            lastFirstDeadline = Math.max(lastFirstDeadline, t.deadline());
            active++;
        }
        time = max;
    }

    /** The current deadline point: the largest deadline at or below the bound, or −1 when there is none. */
    public long time() {
        return time;
    }

    /** dbf at the current point (0 when there is none). */
    public long demand() {
        return demand;
    }

    /** Moves to the largest deadline at or below {@code bound}, which must be below {@link #time()}. */
    public void moveTo(long bound) {
        if (bound >= lastFirstDeadline) {
            moveAboveFirstDeadlines(bound);
            return;
        }
        long max = -1;
        long sum = demand;
        int i = 0;
        while (i < active) {
            long was = latest[i];
            if (was > bound) {
                if (bound < deadline[i]) {
                    sum -= ((was - deadline[i]) / period[i] + 1) * wcet[i]; // no job left at or below the bound
                    drop(i);
                    continue;
                }
                long jobs = (was - bound - 1) / period[i] + 1;
                latest[i] = was - jobs * period[i];
                sum -= jobs * wcet[i];
            }
            max = Math.max(max, latest[i]);
            i++;
        }
        demand = sum;
        time = max;
        lastFirstDeadline = 0;
        for (int k = 0; k < active; k++) lastFirstDeadline = Math.max(lastFirstDeadline, deadline[k]);
    }

    /**
     * {@link #moveTo} while the bound is at or above every task's first deadline, so that every task keeps a job: one
     * job falls out, without a branch, where its deadline is above the bound (the sign of bound − deadline), which
     * is all there is to do unless the move spans more than the period.
     */
    private void moveAboveFirstDeadlines(long bound) {
        long max = -1;
        long sum = demand;
        for (int i = 0; i < active; i++) {
            long was = latest[i];
            long drop = (bound - was) >>> 63;
            long at = was - drop * period[i];
            sum -= drop * wcet[i];
            if (at > bound) {
                long jobs = (at - bound - 1) / period[i] + 1;
                at -= jobs * period[i];
                sum -= jobs * wcet[i];
            }
            latest[i] = at;
            max = Math.max(max, at);
        }
        demand = sum;
        time = max;
    }

    /** Removes task i from the active ones (it has no deadline at or below the bound, now or later). */
    private void drop(int i) {
        int last = --active;
        period[i] = period[last];
        wcet[i] = wcet[last];
        deadline[i] = deadline[last];
        latest[i] = latest[last];
    }
}
