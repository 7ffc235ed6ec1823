package org.rtxen.trace;

/** One VCPU's time in each run state, in TSC cycles, with interval counts and xenalyze's split of runnable time. */
public final class VcpuRunstates {
    /** Runnable after blocked or offline: the wake-up latency. */
    static final int RUNNABLE_WAKE = 0;
    /** Runnable after running: preempted. */
    static final int RUNNABLE_PREEMPT = 1;
    /** Runnable after anything else. */
    static final int RUNNABLE_OTHER = 2;
    /** Not in the runnable state. */
    static final int RUNNABLE_NONE = -1;
    /** The VCPU has not been accounted yet (xenalyze's INIT). */
    static final int INIT = -1;

    private final int domain;
    private final int vcpu;
    private final long[] cycles = new long[Runstate.values().length];
    private final long[] counts = new long[Runstate.values().length];
    private final long[] runnableCycles = new long[3];
    private final long[] runnableCounts = new long[3];

    /** Current state as a {@link Runstate} ordinal, or {@link #INIT}. */
    int state = INIT;
    /** TSC at which the current interval began; 0 means unknown (that interval is not counted). */
    long since;
    /** pCPU it runs on or last ran on; -1 if never seen running. */
    int pcpu = -1;
    /** Which runnable sub-line the current runnable interval belongs to. */
    int runnableKind = RUNNABLE_NONE;

    VcpuRunstates(int domain, int vcpu) {
        this.domain = domain;
        this.vcpu = vcpu;
    }

    /** Xen domain id. */
    public int domain() {
        return domain;
    }

    /** VCPU id within the domain. */
    public int vcpu() {
        return vcpu;
    }

    /** Cycles spent in {@code s}. */
    public long cycles(Runstate s) {
        return cycles[s.ordinal()];
    }

    /** Number of (non-empty) intervals spent in {@code s}. */
    public long count(Runstate s) {
        return counts[s.ordinal()];
    }

    /** Cycles runnable after a wake-up (from blocked or offline). */
    public long wakeCycles() {
        return runnableCycles[RUNNABLE_WAKE];
    }

    /** Number of runnable intervals after a wake-up. */
    public long wakeCount() {
        return runnableCounts[RUNNABLE_WAKE];
    }

    /** Cycles runnable after being preempted. */
    public long preemptCycles() {
        return runnableCycles[RUNNABLE_PREEMPT];
    }

    /** Number of runnable intervals after a preemption. */
    public long preemptCount() {
        return runnableCounts[RUNNABLE_PREEMPT];
    }

    /**
     * Closes the current interval at {@code tsc} and enters {@code next} (xenalyze's runstate_update): the
     * interval counts only if its start is known and it is not empty.
     */
    void enter(int next, long tsc) {
        if (state != INIT && since > 0 && since < tsc) {
            long length = tsc - since;
            cycles[state] += length;
            counts[state]++;
            if (state == Runstate.RUNNABLE.ordinal() && runnableKind != RUNNABLE_NONE) {
                runnableCycles[runnableKind] += length;
                runnableCounts[runnableKind]++;
            }
        }
        if (next == Runstate.RUNNABLE.ordinal()) {
            if (state == Runstate.RUNNING.ordinal()) runnableKind = RUNNABLE_PREEMPT;
            else if (state == Runstate.BLOCKED.ordinal() || state == Runstate.OFFLINE.ordinal()) runnableKind = RUNNABLE_WAKE;
            else runnableKind = RUNNABLE_OTHER;
        } else {
            runnableKind = RUNNABLE_NONE;
        }
        state = next;
        // Time never runs back for a VCPU: a change stamped before the open interval began (a lost-records record's
        // first TSC, a start of trace) starts the next interval where the last one began, so none is counted twice.
        since = tsc == 0 || tsc >= since ? tsc : since;
    }
}
