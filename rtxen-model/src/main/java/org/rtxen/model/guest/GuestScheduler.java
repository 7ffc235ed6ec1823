package org.rtxen.model.guest;

/** How a guest OS orders its ready jobs. */
public enum GuestScheduler {
    /** Preemptive fixed priority (Linux SCHED_FIFO); rate-monotonic when priorities are not given. */
    FP,
    /** Preemptive earliest deadline first. */
    EDF
}
