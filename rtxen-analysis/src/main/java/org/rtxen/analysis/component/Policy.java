package org.rtxen.analysis.component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.rtxen.analysis.Task;

/** How a component schedules its tasks: uniprocessor EDF or fixed priority, or global EDF over several VCPUs. */
public enum Policy {
    /** Uniprocessor earliest deadline first. */
    EDF,
    /** Fixed priority, rate-monotonic (shorter period first; ties by deadline, then input order). */
    RM,
    /** Fixed priority, deadline-monotonic (shorter deadline first; ties by period, then input order). */
    DM,
    /** Global EDF over the component's VCPUs. */
    GEDF,
    /** Fixed priority in the order the tasks are given, highest first (a guest's own SCHED_FIFO order). */
    FP;

    /** The tasks in priority order, highest first (a copy; only meaningful for RM, DM and FP). */
    public List<Task> byPriority(List<Task> tasks) {
        List<Task> sorted = new ArrayList<>(tasks);
        if (this == FP) return sorted;
        Comparator<Task> byPeriod = Comparator.comparingLong(Task::period);
        Comparator<Task> byDeadline = Comparator.comparingLong(Task::deadline);
        sorted.sort(this == DM ? byDeadline.thenComparing(byPeriod) : byPeriod.thenComparing(byDeadline));
        return sorted;
    }
}
