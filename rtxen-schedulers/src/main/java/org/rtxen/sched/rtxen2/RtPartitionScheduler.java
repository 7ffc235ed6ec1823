package org.rtxen.sched.rtxen2;

import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.Decision;

/**
 * RT-Xen 2.0 {@code rtpartition} ({@code xen/common/sched_rtpartition.c}, PandaMengXu {@code rtxen-v2.0-full-feature}
 * with its E23 clamp bug off by default; spec section 3): partitioned EDF or DM.
 *
 * <p>Queues: one run queue per pCPU, ordered in two segments as {@code rtglobal}'s (G7), holding the ready VCPUs
 * whose processor is that pCPU; no load balancing, VCPUs move only when their affinity changes. Rules (G13): the
 * decision burns the current VCPU (G6), replenishes its own queue (G8), picks the first entry with budget, keeps
 * the current VCPU on ties, and puts a runnable VCPU it switches away from straight back on its queue (no
 * {@code scheduled}/{@code delayed_runq_add}, no {@code context_saved}, no tickled mask); {@code wake} queues the
 * VCPU on its processor, replenishes that queue and makes that pCPU decide, unconditionally; the processor is
 * kept if allowed, else the next allowed pCPU.
 */
public final class RtPartitionScheduler extends Rtxen2Scheduler {

    @Override
    int queueCount() {
        return pcpus.length;
    }

    /** G13. */
    @Override
    public Decision schedule(Pcpu pcpu, long now) {
        return decide(pcpu, now, pcpu.id());
    }

    /** G13: the first entry of the pCPU's own queue with budget. */
    @Override
    int candidate(int cpu, int q) {
        return firstWithBudget(q);
    }

    /**
     * G13: straight back on the local queue, which is its processor's. A periodic server served idle (G2) is not
     * current, so a migration may have given it another processor meanwhile: it goes to that one's queue, which
     * decides again.
     */
    @Override
    void switchedAway(Pcpu pcpu, int id) {
        Pcpu processor = vcpus[id].processor();
        enqueue(processor.id(), id);
        if (processor != pcpu) ctx.tickle(processor);
    }

    /** G13 wake without the early returns: queue on the processor, replenish that queue, decide there. */
    @Override
    void becameReady(Vcpu v) {
        int cpu = v.processor().id();
        enqueue(cpu, v.id());
        replenishQueue(cpu, ctx.now());
        ctx.tickle(v.processor());
    }

    /** G13 wake. */
    @Override
    public void wake(Vcpu v) {
        int id = v.id();
        asleep[id] = false;
        if (servedOn[id] != NONE) { // current, or served idle (G2) and now with work: its pCPU decides again
            if (pcpus[servedOn[id]].current() != v) ctx.tickle(pcpus[servedOn[id]]);
            return;
        }
        if (queued(id)) return;
        becameReady(v);
    }

    /** G13 sleep. */
    @Override
    public void sleep(Vcpu v) {
        int id = v.id();
        asleep[id] = true;
        if (servedOn[id] != NONE) ctx.tickle(pcpus[servedOn[id]]); else dequeue(id);
    }

    /**
     * G13: a VCPU still on the leaving pCPU's queue (a periodic server's guest-blocked VCPU, G2, which the migration
     * did not wake) joins the queue of the pCPU its migration gave it.
     */
    @Override
    public void leavePool(Pcpu p) {
        super.leavePool(p);
        int cpu = p.id();
        while (head[cpu] != NONE) {
            int id = head[cpu];
            dequeue(id);
            becameReady(vcpus[id]);
        }
    }

    @Override
    void requeueForServer(Vcpu v) {
        int id = v.id();
        if (servedOn[id] != NONE) return;
        if (ready(id) && !queued(id)) becameReady(v);
        else if (!ready(id)) dequeue(id);
    }

    @Override
    public void checkInvariants(long now) {
        checkCommon(now);
        for (Domain d : ctx.pool().domains()) {
            if (!d.isLive()) continue; // not created yet, or destroyed: its VCPUs are in no queue of this policy
            for (Vcpu v : d.vcpus()) {
                int id = v.id();
                if (queued(id) && queueOf[id] != v.processor().id()) fail(now, v + " is queued away from its processor");
                if (ready(id) && servedOn[id] == NONE && !queued(id)) fail(now, v + " is ready but neither served nor queued");
            }
        }
    }
}
