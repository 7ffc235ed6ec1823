package org.rtxen.trace;

/**
 * One RTDS scheduler event read from a trace (spec/xentrace.md 3.1).
 *
 * @param timeNs        when, in ns since the trace's first record
 * @param pcpu          the pCPU whose buffer holds the record
 * @param kind          what happened
 * @param domain        Xen domain id
 * @param vcpu          VCPU id
 * @param deadlineNs    the VCPU's current deadline in Xen system time (ns), or -1 where the record has none
 * @param budgetNs      the VCPU's remaining budget (ns) after the event
 * @param priorityLevel the RTDS priority level (0 = within budget; raised by extratime), or -1 where the record
 *                      has none
 */
public record RtdsEvent(long timeNs, int pcpu, Kind kind, int domain, int vcpu, long deadlineNs, long budgetNs,
                        int priorityLevel) {
    /** The RTDS events this reader derives. */
    public enum Kind {
        /** {@code runq_pick} chose this VCPU as the run-queue's best candidate on this pCPU. */
        PICKED,
        /**
         * {@code burn_budget} used up the budget: without extratime the budget is now 0 (depleted); with extratime
         * the priority level went up and the budget was refilled.
         */
        EXHAUSTED,
        /** {@code rt_update_deadline} gave a new period: deadline moved on, budget refilled, priority level 0. */
        REPLENISHED
    }
}
