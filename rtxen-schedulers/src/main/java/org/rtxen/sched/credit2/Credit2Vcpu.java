package org.rtxen.sched.credit2;

import java.util.BitSet;
import org.rtxen.engine.machine.Vcpu;

/** Credit2's per-VCPU state ({@code struct csched2_unit}, C2.3); idle VCPUs have one too, with idle credit. */
final class Credit2Vcpu {
    /** {@code STIME_MAX}: the budget of a VCPU whose domain has no cap. */
    static final long NO_BUDGET_LIMIT = Long.MAX_VALUE;

    final Vcpu vcpu;
    /** Its domain's state, null for idle VCPUs. */
    final Credit2Domain domain;
    long credit;
    int weight;
    long residual;
    long startTime;
    long budget = NO_BUDGET_LIMIT;
    long budgetQuota;
    long avgload;
    long loadLastUpdate;
    /** The run queue it is assigned to ({@code svc->rqd}), null until inserted. */
    Credit2Runqueue rqd;
    int tickledCpu = -1;
    Credit2Runqueue migrateRqd;
    /** CSFLAG_scheduled: running, or being switched out until context_saved. */
    boolean scheduled;
    boolean delayedRunqAdd;
    boolean runqMigrateRequest;
    /** Asked to migrate while being chosen to run: it is marked migrating once it is current (see migrate). */
    boolean migrateWhenCurrent;
    boolean yield;
    /** Hard affinity within the pool ({@code affinityInPool}) as bits, kept by insert and {@code adjust_affinity}. */
    final BitSet hard = new BitSet();
    /** CSFLAG_pinned: hard affinity of exactly one pCPU, kept by {@code adjust_affinity}. */
    boolean pinned;
    /** On its domain's parked list (paused for lack of budget, C2.22). */
    boolean parked;
    // Intrusive links of the run queue (runq_elem).
    boolean onRunq;
    Credit2Vcpu prev;
    Credit2Vcpu next;

    Credit2Vcpu(Vcpu vcpu, Credit2Domain domain) {
        this.vcpu = vcpu;
        this.domain = domain;
    }

    boolean isIdle() {
        return vcpu.isIdle();
    }

    /** {@code has_cap}: the VCPU's domain is capped. */
    boolean hasCap() {
        return budget != NO_BUDGET_LIMIT;
    }

    @Override
    public String toString() {
        return vcpu + "[credit=" + credit + "]";
    }
}
