package org.rtxen.workload;

/**
 * One generated implicit- or constrained-deadline periodic task, in nanoseconds.
 *
 * @param periodNs   the period, positive
 * @param wcetNs     the worst-case execution time, positive
 * @param deadlineNs the relative deadline, positive
 */
public record PeriodicTask(long periodNs, long wcetNs, long deadlineNs) {
    /** Checks the times. */
    public PeriodicTask {
        if (periodNs <= 0 || wcetNs <= 0 || deadlineNs <= 0) {
            throw new IllegalArgumentException("times must be positive: " + periodNs + ", " + wcetNs + ", " + deadlineNs);
        }
    }

    /** wcet / period. */
    public double utilization() {
        return (double) wcetNs / periodNs;
    }
}
