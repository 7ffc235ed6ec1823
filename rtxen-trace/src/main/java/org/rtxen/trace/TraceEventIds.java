package org.rtxen.trace;

/**
 * The xentrace event ids this package interprets, as Xen 4.17's {@code public/trace.h} and the schedulers
 * define them (spec/xentrace.md sections 1.1, 2.1, 3.1, 3.2).
 */
final class TraceEventIds {
    private TraceEventIds() {}

    /** Records were dropped from Xen's ring: count, ids of the VCPU current at the end, first lost TSC. */
    static final int LOST_RECORDS = 0x0001f001;
    /**
     * Not in a file: the reader delivers each lost-records record a second time, at its own TSC, with this id
     * (xenalyze's TRC_LOST_RECORDS_END): the gap ends there.
     */
    static final int LOST_RECORDS_END = 0x0001f032;
    /** Filler Xen writes at the end of its ring; carries nothing. */
    static final int WRAP_BUFFER = 0x0001f002;
    /** xentrace's own window header: pCPU and window size, no TSC. */
    static final int CPU_CHANGE = 0x0001f003;

    /** Runstate change: bits 8-11 old state, 4-7 new state, low nibble 1. */
    static final int RUNSTATE_CHANGE_MASK = 0x0fff_f00f;
    /** Runstate change, masked with {@link #RUNSTATE_CHANGE_MASK}. */
    static final int RUNSTATE_CHANGE = 0x0002_1001;
    /** The running VCPU was picked again: closes one running interval and opens the next. */
    static final int CONTINUE_RUNNING = 0x0002_1002;

    /** RTDS: {@code runq_pick} found a candidate (ids, deadline u64, budget u64). */
    static final int RTDS_RUNQ_PICK = 0x0002_2802;
    /** RTDS: {@code burn_budget} (ids, budget u64 after the burn, delta, priority level, has_extratime). */
    static final int RTDS_BUDGET_BURN = 0x0002_2803;
    /** RTDS: {@code rt_update_deadline} (ids, priority level, deadline u64, budget u64). */
    static final int RTDS_BUDGET_REPLENISH = 0x0002_2804;

    /** Credit: a waking UNDER VCPU was boosted (domid, vcpuid). */
    static final int CREDIT_BOOST_START = 0x0002_2007;

    /** The idle domain: its VCPU n is pCPU n's idle VCPU. */
    static final int IDLE_DOMAIN = 32767;
}
