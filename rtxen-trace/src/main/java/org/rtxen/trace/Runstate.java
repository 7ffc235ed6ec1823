package org.rtxen.trace;

/** Xen's VCPU run states ({@code RUNSTATE_*} in public/vcpu.h), plus xenalyze's LOST for time a lost-records gap hid. */
public enum Runstate {
    /** On a pCPU. */
    RUNNING,
    /** Ready, waiting for a pCPU. */
    RUNNABLE,
    /** Waiting for an event. */
    BLOCKED,
    /** Paused or down. */
    OFFLINE,
    /** Unknown: records were lost while the VCPU was in this interval (xenalyze's RUNSTATE_LOST). */
    LOST;

    private static final Runstate[] XEN_CODES = {RUNNING, RUNNABLE, BLOCKED, OFFLINE};

    /** The state with Xen's code 0-3, or null for any other code. */
    static Runstate ofXenCode(int code) {
        return code >= 0 && code < XEN_CODES.length ? XEN_CODES[code] : null;
    }
}
