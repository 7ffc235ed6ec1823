package org.rtxen.engine.machine;

/** Xen's VCPU run states ({@code RUNSTATE_*}), between which every nanosecond of a VCPU's life is accounted. */
public enum RunState {
    /** Current on a pCPU. */
    RUNNING,
    /** Runnable but waiting for a pCPU. */
    RUNNABLE,
    /** Blocked in the guest (nothing to run). */
    BLOCKED,
    /** Paused, migrating or down: not runnable for a reason other than blocking. */
    OFFLINE
}
