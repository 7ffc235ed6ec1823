package org.rtxen.engine.machine;


/**
 * What {@link VcpuScheduler#schedule} decided for one pCPU (Xen's {@code struct task_slice}): the VCPU to run
 * next, for how long, and whether it moves here from another pCPU.
 *
 * <p>The framework reads a returned decision completely before it calls any other hook and never keeps it, so
 * a policy that must not allocate per event may keep one instance and return it updated with {@link #set} (one for
 * all its pCPUs: on a large host a decision per pCPU is one more cold line per schedule); {@code new Decision(...)}
 * per call is fine otherwise.
 */
public final class Decision {
    /** Slice value meaning "arm no timer" (F11.5). */
    public static final long NO_TIMER = -1;

    private Vcpu next;
    private long sliceNs;
    private boolean migrated;

    /** An empty decision to be filled with {@link #set}. */
    public Decision() {}

    /** A decision; see {@link #set} for the meaning of the arguments. */
    public Decision(Vcpu next, long sliceNs, boolean migrated) {
        set(next, sliceNs, migrated);
    }

    /**
     * Fills this decision and returns it.
     *
     * @param next     the VCPU to run next: the pCPU's idle VCPU, its current VCPU, or a VCPU of the pool allowed there
     * @param sliceNs  run it for this long before calling schedule again; negative means no timer (F11.5)
     * @param migrated true when {@code next} is assigned to another pCPU and is pulled here (F15); informational,
     *                 the framework itself moves it and counts the migration
     */
    public Decision set(Vcpu next, long sliceNs, boolean migrated) {
        this.next = next;
        this.sliceNs = sliceNs;
        this.migrated = migrated;
        return this;
    }

    /** The VCPU to run next. */
    public Vcpu next() {
        return next;
    }

    /** The slice in ns, negative for no timer. */
    public long sliceNs() {
        return sliceNs;
    }

    /** Whether the VCPU is pulled from another pCPU. */
    public boolean migrated() {
        return migrated;
    }

    @Override
    public String toString() {
        return "Decision[next=" + next + ", sliceNs=" + sliceNs + ", migrated=" + migrated + "]";
    }
}
