package org.rtxen.sched.credit;

import org.rtxen.engine.machine.Vcpu;

/**
 * Credit's state of one VCPU (Xen's {@code struct csched_unit}, C1.4), including the pCPU idle VCPUs, which sit in
 * run queues at priority IDLE. It doubles as an intrusive run-queue link so that queueing never allocates.
 */
final class CreditVcpu {
    /** A VCPU that woke from blocking and has not yet been caught running by a tick (C1.2). */
    static final int PRI_BOOST = 0;
    /** Time-share VCPU with credit left. */
    static final int PRI_UNDER = -1;
    /** Time-share VCPU that has overspent. */
    static final int PRI_OVER = -2;
    /** A pCPU's idle VCPU. */
    static final int PRI_IDLE = -64;

    /** The VCPU this state belongs to; null only for a run queue's list head. */
    final Vcpu vcpu;
    /** Its domain's state; null for idle VCPUs and list heads. */
    final CreditDomain domain;

    int pri;
    /** Credit in units of 100 us of run time (C1.1). */
    int credit;
    /** While running: when charging last stopped; while descheduled: that time minus the deschedule time (C1.13). */
    long startTime;
    /** Run time charged but not yet turned into credits, in millionths of a credit (0.1 ns each, C1.12). */
    long residual;
    /** On its domain's active list, earning credit (C1.15, C1.18). */
    boolean active;
    /** Paused by the scheduler because its capped domain overspent (C1.18, C1.25). */
    boolean parked;
    /** Asked to yield; cleared when it is next descheduled (Xen 4.17). */
    boolean yield;
    /** {@code pick_resource} ran since its last wake, so the next wake is a migration and is not boosted (C1.22). */
    boolean migrating;
    /** Hard affinity of exactly one pCPU (C1.4). */
    boolean pinned;

    CreditVcpu next;
    CreditVcpu prev;

    CreditVcpu(Vcpu vcpu, CreditDomain domain, int pri) {
        this.vcpu = vcpu;
        this.domain = domain;
        this.pri = pri;
    }

    /** An empty list head linked to itself. */
    static CreditVcpu listHead() {
        CreditVcpu h = new CreditVcpu(null, null, PRI_IDLE);
        h.next = h;
        h.prev = h;
        return h;
    }

    /** Whether this is a pCPU's idle VCPU. */
    boolean isIdle() {
        return domain == null;
    }

    /** Whether it is linked into a run queue ({@code __unit_on_runq}). */
    boolean isQueued() {
        return next != null;
    }
}
