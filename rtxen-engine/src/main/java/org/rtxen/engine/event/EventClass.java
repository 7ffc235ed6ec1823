package org.rtxen.engine.event;

/**
 * The classes of engine events, in the order events with the same timestamp are processed (spec M2).
 *
 * <p>Within a class, events at the same time run in the order their timers were created, which for
 * per-pCPU timers is increasing pCPU id. The order is Xen-plausible, not Xen-exact: Xen itself races here.
 */
public enum EventClass {
    /** End of a context switch: the framework calls {@code contextSaved(prev)} (F11.9). */
    CONTEXT_SAVED,
    /** Policy timers, e.g. RTDS's replenishment timer or Credit's ticks. */
    POLICY_TIMER,
    /** The SCHEDULE softirq and the scheduler timer {@code s_timer} of a pCPU (F9, F10). */
    SCHEDULE,
    /** Guest events that wake VCPUs: job releases. */
    GUEST_WAKE,
    /** Guest events that block VCPUs: job completions. */
    GUEST_BLOCK,
    /** Administrative actions scheduled with {@code Simulation.at}: pause, affinity changes, parameter changes. */
    ADMIN
}
