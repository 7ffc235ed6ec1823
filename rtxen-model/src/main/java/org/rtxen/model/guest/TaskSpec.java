package org.rtxen.model.guest;

/**
 * A periodic real-time task inside a guest.
 *
 * @param name       unique within its domain
 * @param periodNs   release period, positive
 * @param wcetNs     worst-case execution time, positive
 * @param deadlineNs relative deadline, positive (defaults to the period)
 * @param offsetNs   release time of the first job, non-negative
 * @param priority   SCHED_FIFO priority 1..99 (higher runs first), or 0 when not given (rate-monotonic order)
 * @param vcpu       the VCPU index it is pinned to under partitioned placement, or -1
 * @param exec       its execution-time model
 */
public record TaskSpec(String name, long periodNs, long wcetNs, long deadlineNs, long offsetNs, int priority,
                       int vcpu, ExecTimeModel exec) {
    /** No priority given: the guest orders the task rate-monotonically. */
    public static final int NO_PRIORITY = 0;
    /** Not pinned to a VCPU. */
    public static final int ANY_VCPU = -1;
}
