package org.rtxen.sched.rtxen2;

import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.PcpuRanking;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.Decision;
import org.rtxen.engine.machine.SchedContext;

/**
 * RT-Xen 2.0 {@code rtglobal} ({@code xen/common/sched_rtglobal.c}, PandaMengXu {@code rtxen-v2.0-full-feature} by
 * default, xisisu {@code rt-xen_2.0} through {@link Quirks}; spec section 3): global EDF or DM over the pool.
 *
 * <p>Queues: one run queue for the whole pool, ordered in two segments, VCPUs with budget first (G7). A running
 * VCPU is not queued; one switched away while runnable is queued again only after its context is saved
 * ({@code delayed_runq_add}, G10, G11). Rules: G5 (1 ms quantum), G6 (burning), G8 (replenishment scan from
 * {@code do_schedule}, {@code wake} and {@code context_saved}), G9 (pick: first entry allowed here with budget;
 * E26 domain-1 bounce as a quirk), G10 (keep the current VCPU on ties), G11 (wake, sleep, context_saved), G12
 * (tickle: the VCPU's own pCPU if idle, else the first idle untickled candidate, else the busy candidate running
 * the lowest-priority VCPU if the newcomer strictly beats it; E24 inverts the victim as a quirk), G15 (run-time
 * priority switch, E27).
 */
public final class RtGlobalScheduler extends Rtxen2Scheduler {
    private boolean[] scheduled; // per VCPU: chosen by a decision and not yet context-saved (G10)
    private boolean[] delayedRunqAdd;
    private boolean[] tickled; // per pCPU (G12)
    /** The pCPUs that serve nothing and are not tickled, as bits: G12's first idle candidate without a walk. */
    private long[] idleUntickled;
    /**
     * Hosts larger than this rank their busy pCPUs ({@link #busy}) for G12's victim; smaller ones walk, which costs
     * less than keeping the ranking at every decision.
     */
    static final int RANKED_ABOVE = 128;
    /**
     * On hosts of more than {@link #RANKED_ABOVE} pCPUs (else null): the pCPUs that serve a VCPU and are not tickled,
     * keyed by that VCPU's {@link #runningKey}, so that the largest key is the lowest priority and G12's victim is
     * {@link PcpuRanking#highest} from pCPU 0.
     */
    private PcpuRanking busy;

    @Override
    int queueCount() {
        return 1;
    }

    @Override
    public void init(SchedContext ctx) {
        idleUntickled = new long[(ctx.host().pcpus().size() + 63) >>> 6];
        tickled = new boolean[ctx.host().pcpus().size()];
        if (ctx.host().pcpus().size() > RANKED_ABOVE) busy = new PcpuRanking(ctx.host().pcpus().size());
        super.init(ctx);
        scheduled = new boolean[vcpus.length];
        delayedRunqAdd = new boolean[vcpus.length];
    }

    /** The leaving pCPU is no longer a tickle target (G12). */
    @Override
    public void leavePool(Pcpu p) {
        super.leavePool(p);
        setTickled(p.id(), false);
    }

    /** G10. */
    @Override
    public Decision schedule(Pcpu pcpu, long now) {
        setTickled(pcpu.id(), false);
        return decide(pcpu, now, 0);
    }

    /** G9: the first entry allowed on {@code cpu} with budget; E26 skips domain 1 on the pCPU it is on. */
    @Override
    int candidate(int cpu, int q) {
        for (int id = head[q]; id != NONE; id = next[id]) {
            if (curBudgetUs[id] == 0) break; // the rest has no budget either (firstWithBudget)
            Vcpu v = vcpus[id];
            if (!v.affinityInPool().contains(cpu)) continue;
            if (quirks.domainOneBounce() && v.domain().id() == 1 && v.processor().id() == cpu) continue;
            return id;
        }
        return NONE;
    }

    /** G10: the current VCPU is queued again at {@code context_saved}; a served idle guest (G2) at once. */
    @Override
    void switchedAway(Pcpu pcpu, int id) {
        if (pcpu.current() == vcpus[id]) delayedRunqAdd[id] = true; else enqueue(0, id);
    }

    @Override
    void switchingIn(int id) {
        scheduled[id] = true;
    }

    /** G11: queue, replenish, and tickle for the best eligible VCPU of the pool (not necessarily {@code v}). */
    @Override
    void becameReady(Vcpu v) {
        long now = ctx.now();
        int id = v.id();
        if (now >= curDeadline[id]) advanceDeadline(id, now);
        enqueue(0, id);
        replenishQueue(0, now);
        tickleBest();
    }

    /** G11 wake. */
    @Override
    public void wake(Vcpu v) {
        int id = v.id();
        asleep[id] = false;
        if (servedOn[id] != NONE) { // current, or served idle (G2) and now with work: its pCPU decides again
            if (pcpus[servedOn[id]].current() != v) ctx.tickle(pcpus[servedOn[id]]);
            return;
        }
        if (queued(id)) return;
        if (scheduled[id]) {
            delayedRunqAdd[id] = true;
            return;
        }
        becameReady(v);
    }

    /** G11 sleep. */
    @Override
    public void sleep(Vcpu v) {
        int id = v.id();
        asleep[id] = true;
        if (servedOn[id] != NONE) {
            ctx.tickle(pcpus[servedOn[id]]);
            return;
        }
        dequeue(id);
        delayedRunqAdd[id] = false;
    }

    /** G11 context_saved. */
    @Override
    public void contextSaved(Vcpu v) {
        if (v.isIdle()) return;
        int id = v.id();
        scheduled[id] = false;
        boolean requeue = delayedRunqAdd[id];
        delayedRunqAdd[id] = false;
        if (requeue && ready(id) && servedOn[id] == NONE && !queued(id)) becameReady(v);
    }

    @Override
    void requeueForServer(Vcpu v) {
        int id = v.id();
        if (servedOn[id] != NONE || scheduled[id]) return;
        if (ready(id) && !queued(id)) becameReady(v);
        else if (!ready(id)) dequeue(id);
    }

    @Override
    public void remove(Vcpu v) {
        super.remove(v);
        delayedRunqAdd[v.id()] = false;
    }

    // ------------------------------------------------------------------------------------------- tickle (G11, G12)

    /** G11: tickle for the first queued VCPU with budget. */
    private void tickleBest() {
        int id = firstWithBudget(0);
        if (id != NONE) tickle(id);
    }

    /** G12. */
    private void tickle(int id) {
        Vcpu v = vcpus[id];
        int own = v.processor().id();
        if (served[own] == NONE) {
            raise(own);
            return;
        }
        CpuMask candidates = v.affinityInPool();
        int idle = candidates.nextCommon(idleUntickled, 0); // the walk below would stop there first
        if (idle >= 0) {
            raise(idle);
            return;
        }
        // The ranking holds every untickled busy candidate, and perhaps pCPUs outside v's mask: if its choice is a
        // candidate (or there is none), it is the walk's (the lowest priority of a superset, lowest id among equals).
        int victim = busy != null && !quirks.invertedTickleVictim() ? busy.highest(0) : NONE;
        if (busy == null || quirks.invertedTickleVictim() || victim != NONE && !candidates.contains(victim)) {
            victim = victimWalked(candidates);
        }
        if (victim != NONE && compareRunning(id, served[victim]) < 0) raise(victim);
    }

    /**
     * G12's victim as RT-Xen walks it: among the untickled candidates (all busy here: an idle one was chosen before
     * the walk), the first serving the lowest-priority VCPU, or under E24 the highest; {@link #NONE} if there is none.
     */
    private int victimWalked(CpuMask candidates) {
        int victim = NONE;
        for (int cpu = candidates.first(); cpu >= 0; cpu = candidates.nextFrom(cpu + 1)) {
            if (tickled[cpu]) continue;
            if (victim == NONE) {
                victim = cpu;
                continue;
            }
            int c = compareRunning(served[cpu], served[victim]);
            if (quirks.invertedTickleVictim() ? c < 0 : c > 0) victim = cpu; // E24 / full-feature
        }
        return victim;
    }

    private void raise(int cpu) {
        setTickled(cpu, true);
        ctx.tickle(pcpus[cpu]);
    }

    private void setTickled(int cpu, boolean value) {
        tickled[cpu] = value;
        servedChanged(cpu);
    }

    @Override
    void servedChanged(int cpu) {
        long bit = 1L << cpu;
        if (served[cpu] == NONE && !tickled[cpu]) idleUntickled[cpu >>> 6] |= bit; else idleUntickled[cpu >>> 6] &= ~bit;
        if (busy != null) rank(cpu);
    }

    @Override
    void keyChanged(int id) {
        if (busy != null && servedOn[id] != NONE) rank(servedOn[id]);
    }

    /** Files {@code cpu} in {@link #busy}: present with its VCPU's key if it serves one and is not tickled. */
    private void rank(int cpu) {
        int id = served[cpu];
        if (id == NONE || tickled[cpu]) busy.clear(cpu); else busy.set(cpu, runningKey(id), 0);
    }

    @Override
    public void checkInvariants(long now) {
        checkCommon(now);
        for (int cpu = 0; cpu < pcpus.length; cpu++) {
            boolean bit = (idleUntickled[cpu >>> 6] & (1L << cpu)) != 0;
            if (bit != (served[cpu] == NONE && !tickled[cpu])) fail(now, pcpus[cpu] + " is misfiled in the idle set");
            boolean ranked = served[cpu] != NONE && !tickled[cpu];
            if (busy != null && (busy.isPresent(cpu) != ranked || ranked && busy.keyMajor(cpu) != runningKey(served[cpu]))) {
                fail(now, pcpus[cpu] + " is misranked");
            }
        }
        CpuMask pool = ctx.pool().mask();
        if (busy != null && !quirks.invertedTickleVictim() && pool.nextCommon(idleUntickled, 0) < 0) { // as G12 asks
            int ranked = busy.highest(0);
            int walked = victimWalked(pool);
            if ((ranked == NONE || pool.contains(ranked)) && ranked != walked) {
                fail(now, "the ranking chooses " + ranked + " where the walk chooses " + walked);
            }
        }
        for (Domain d : ctx.pool().domains()) {
            if (!d.isLive()) continue; // not created yet, or destroyed: its VCPUs are in no queue of this policy
            for (Vcpu v : d.vcpus()) {
                int id = v.id();
                if (queued(id) && scheduled[id]) fail(now, v + " is queued while being switched out");
                // A ready VCPU is served, queued, or waiting for its context to be saved (G10, G11).
                if (ready(id) && servedOn[id] == NONE && !queued(id) && !(scheduled[id] && delayedRunqAdd[id])) {
                    fail(now, v + " is ready but neither served nor queued");
                }
            }
        }
    }
}
