package org.rtxen.engine.machine;

/**
 * A virtual CPU (or a pCPU's idle VCPU), as the framework keeps it: placement, affinity, pause flags,
 * run state and time accounting. Policies read it; only the framework changes it. Policy state lives in
 * the policy, indexed by {@link #id()}.
 */
public final class Vcpu {
    private final int id;
    private final Domain domain;
    private final int index;
    private final boolean idle;
    CpuMask affinity;
    CpuMask affinityInPool;
    Pcpu processor;
    /** Last pCPU it ran on, for migration counting. */
    Pcpu lastRanOn;
    boolean blocked;
    boolean migrating;
    int pauseCount;
    boolean running;
    RunState runState;
    long stateSince;
    final long[] stateNs = new long[RunState.values().length];

    Vcpu(int id, Domain domain, int index, boolean idle) {
        this.id = id;
        this.domain = domain;
        this.index = index;
        this.idle = idle;
        this.runState = idle ? RunState.RUNNING : RunState.BLOCKED;
        this.blocked = !idle;
        this.running = idle;
    }

    /** Dense id over every VCPU of the host (guest VCPUs first, then the idle VCPUs); index policy arrays by it. */
    public int id() {
        return id;
    }

    /** Its domain, or null for an idle VCPU. */
    public Domain domain() {
        return domain;
    }

    /** The VCPU's index within its domain ({@code vcpu_id}); for an idle VCPU, its pCPU's id. */
    public int index() {
        return index;
    }

    /** Whether this is a pCPU's idle VCPU. */
    public boolean isIdle() {
        return idle;
    }

    /** The pCPU it is assigned to ({@code v->processor}): where it runs, or last ran, or will run. */
    public Pcpu processor() {
        return processor;
    }

    /** Hard affinity as configured (all pCPUs when not pinned). */
    public CpuMask hardAffinity() {
        return affinity;
    }

    /** Hard affinity ∩ its pool's pCPUs: where a policy may run it (F16). */
    public CpuMask affinityInPool() {
        return affinityInPool;
    }

    /** Whether it may run now (F4): not blocked, not migrating, not paused, domain not paused. */
    public boolean isRunnable() {
        return !blocked && !migrating && pauseCount == 0 && (domain == null || domain.pauseCount == 0);
    }

    /** Whether it is paused on its own ({@code vcpu_pause}: a policy parking it), apart from a pause of its domain. */
    public boolean isPaused() {
        return pauseCount > 0;
    }

    /** Xen's {@code is_running}: on a pCPU, including while being switched out until {@code contextSaved}. */
    public boolean isRunning() {
        return running;
    }

    /** Whether it is the current VCPU of its processor. */
    public boolean isCurrent() {
        return processor != null && processor.current == this;
    }

    /** Its current Xen run state. */
    public RunState runState() {
        return runState;
    }

    /** Time accounted to {@code state} up to the last state change (the open interval is not included). */
    public long timeIn(RunState state) {
        return stateNs[state.ordinal()];
    }

    /** When it entered its current run state. */
    public long stateSince() {
        return stateSince;
    }

    @Override
    public String toString() {
        return idle ? "idle" + index : "d" + domain.id() + "v" + index;
    }
}
