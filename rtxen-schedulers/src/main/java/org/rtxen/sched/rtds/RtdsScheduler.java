package org.rtxen.sched.rtds;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.rtxen.engine.event.Timer;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.PcpuRanking;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.Decision;
import org.rtxen.engine.machine.SchedContext;
import org.rtxen.engine.machine.VcpuScheduler;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * RTDS as in Xen 4.17 {@code xen/common/sched/rt.c} (spec variant RTDS_UNIT, behaviour of RTDS_410 onwards):
 * global EDF over the pool's pCPUs, each VCPU a deferrable server with a budget per period.
 *
 * <p>Queues (R1): {@code runq} holds runnable, not running VCPUs that have budget or extratime, ordered by
 * priority (level, then deadline; ties FIFO, R4-R5); {@code depletedq} holds those without either, unordered;
 * {@code replq} holds one replenishment event per active VCPU, ordered by the same comparator (R6, E9), and a
 * single replenishment timer is armed for its head (R8, R15). Budget is charged only in {@link #schedule}
 * (R9); a VCPU that blocks keeps its budget until its deadline (R10). Tickling picks an idle pCPU or the one
 * running the lowest-priority VCPU (R17-R23). An extratime VCPU that exhausts its budget drops one priority
 * level and gets a fresh budget (R42). Per-VCPU state is kept in arrays indexed by {@link Vcpu#id()}.
 *
 * <p>A pool whose {@link RtdsPoolParams} ask for Xen 4.7 (RTDS_47, R45) gets that release's differences, each marked
 * {@code V4_7} below: no extratime (so no levels, and priority is the deadline alone), LIFO ties in the queues,
 * the current VCPU kept on ties, the pre-4.10 tickle ({@link LegacyTickle}), {@code last_start} not reset by a
 * replenishment (E6, fixed in 4.8) and {@code depleted} cleared only for queued VCPUs (fixed in 4.8).
 *
 * <p>Cost: small hosts walk the pCPUs as Xen does; above {@link #RANKED_ABOVE} pCPUs R20's victim comes from a
 * {@link PcpuRanking} of the busy pCPUs, which answers exactly what the walk answers, ties included (the invariant
 * check compares the two). runq and replq are walked lists up to {@link #INDEXED_ABOVE} VCPUs; above it an index
 * finds where the walk would stop without walking ({@link VcpuList#indexed}).
 */
public final class RtdsScheduler implements VcpuScheduler {
    private SchedContext ctx;
    private boolean v47; // the pool follows Xen 4.7 (R45)
    private final IntPredicate tickledTest = this::isTickled;
    private Vcpu[] vcpus;
    private Pcpu[] pcpus;
    private Timer replTimer;

    // Per-VCPU state (R2), indexed by Vcpu.id().
    private long[] period;
    private long[] budget;
    private long[] curBudget;
    /** The budget of the last refill: an adjustment changes {@code budget} but not {@code curBudget} (R36). */
    private long[] refilled;
    private long[] curDeadline;
    private long[] lastStart;
    /** When the slice granted at the VCPU's last pick ends: the budget timer is not re-armed by a refill (R15). */
    private long[] sliceEnd;
    private int[] level; // unsigned in Xen; int arithmetic wraps the same way (E10)
    private boolean[] extratime;
    private boolean[] scheduled;
    private boolean[] delayedRunqAdd;
    private boolean[] depleted;

    private VcpuList runq;
    private VcpuList depletedq;
    private VcpuList replq;
    private boolean[] tickled; // by pCPU id
    /**
     * The pCPUs whose last decision here was their idle VCPU (so {@code current()} is idle: the framework installs
     * every decision) and that are not tickled, as bits: R19's idle pCPU without a walk.
     */
    private long[] idleUntickled;
    /**
     * Hosts larger than this rank their busy pCPUs ({@link #busy}) for R20's victim search; smaller ones walk, which
     * costs less than keeping the ranking at every context switch.
     */
    static final int RANKED_ABOVE = 32;
    /**
     * Hosts with more VCPUs than this index the run and replenishment queues ({@link VcpuList#indexed}) so that an
     * ordered insertion does not walk them; shorter queues are walked, which costs less than keeping the index.
     */
    static final int INDEXED_ABOVE = 512;
    private static final int RANKED_LEVELS = 1 << 30;
    /** The starts from which one invariant check compares {@link #busy} with the walk on a large pool. */
    private static final int CHECKED_STARTS = 32;
    /**
     * On hosts of more than {@link #RANKED_ABOVE} pCPUs (else null): the pCPUs that run a VCPU by this policy's last
     * decision and are not tickled, keyed (level, deadline) of that VCPU, so that the largest key is the lowest
     * priority (R4) and R20's victim is {@link PcpuRanking#highest} from the waking VCPU's pCPU.
     */
    private PcpuRanking busy;
    /** Invariant checks so far: which starts the next one compares. */
    private long checks;
    private int[] runningOn; // by VCPU id: the pCPU whose last decision chose it, or -1 (kept with busy)
    private int[] running; // by pCPU id: the VCPU its last decision chose, or -1 for idle (kept with busy)
    /** What every schedule call returns, refilled each time so that deciding never allocates. */
    private final Decision decision = new Decision();
    private int[] replenished; // scratch for the replenishment handler

    @Override
    public void init(SchedContext ctx) {
        this.ctx = ctx;
        List<Vcpu> all = ctx.host().vcpus();
        int n = all.size();
        vcpus = all.toArray(new Vcpu[0]);
        pcpus = ctx.host().pcpus().toArray(new Pcpu[0]);
        period = new long[n];
        budget = new long[n];
        curBudget = new long[n];
        refilled = new long[n];
        curDeadline = new long[n];
        lastStart = new long[n];
        sliceEnd = new long[n];
        level = new int[n];
        extratime = new boolean[n];
        scheduled = new boolean[n];
        delayedRunqAdd = new boolean[n];
        depleted = new boolean[n];
        for (Vcpu v : all) {
            // R34: defaults at allocation; idle VCPUs carry budget 0 (R3).
            period[v.id()] = RtdsParams.DEFAULT_PERIOD_NS;
            budget[v.id()] = v.isIdle() ? 0 : RtdsParams.DEFAULT_BUDGET_NS;
            extratime[v.id()] = !v.isIdle();
        }
        runq = n > INDEXED_ABOVE ? VcpuList.indexed(n) : new VcpuList(n);
        depletedq = new VcpuList(n);
        replq = n > INDEXED_ABOVE ? VcpuList.indexed(n) : new VcpuList(n);
        tickled = new boolean[pcpus.length];
        idleUntickled = new long[(pcpus.length + 63) >>> 6];
        for (Pcpu p : pcpus) setIdleUntickled(p.id(), p.isIdle());
        if (pcpus.length > RANKED_ABOVE) {
            busy = new PcpuRanking(pcpus.length);
            runningOn = new int[n];
            running = new int[pcpus.length];
            Arrays.fill(runningOn, -1);
            Arrays.fill(running, -1);
        }
        replenished = new int[n];
        replTimer = ctx.newTimer(this::replenish);
    }

    // ------------------------------------------------------------------------------------------- priority (R4-R8)

    /** Xen's compare_unit_priority: positive when a has strictly higher priority than b (R4). */
    private long compare(int a, int b) {
        int prio = level[b] - level[a];
        return prio != 0 ? prio : curDeadline[b] - curDeadline[a];
    }

    /** Ordered insertion (R5): before the first element {@code id} strictly beats; true when it lands first. */
    private boolean insertOrdered(VcpuList list, int id) {
        int it;
        if (list.isIndexed()) { // the walk's stop without the walk: the first element whose key is above id's
            it = list.firstAbove(level[id], curDeadline[id], v47);
        } else {
            it = list.first();
            while (it >= 0 && (v47 ? compare(id, it) < 0 : compare(id, it) <= 0)) it = list.next(it); // V4_7: ties LIFO (R5)
        }
        list.insertBefore(id, it);
        return list.first() == id;
    }

    private boolean onQueue(int id) {
        return runq.contains(id) || depletedq.contains(id);
    }

    private void queueRemove(int id) {
        if (runq.contains(id)) runq.remove(id); else depletedq.remove(id);
    }

    /** R7: runq in priority order if it has budget or extratime, else the front of depletedq. */
    private void runqInsert(int id) {
        if (curBudget[id] > 0 || extratime[id]) insertOrdered(runq, id); else depletedq.addFirst(id);
    }

    /** R8: insert into replq and arm the timer if it became the head. */
    private void replqInsert(int id) {
        if (insertOrdered(replq, id)) replTimer.set(curDeadline[id]);
    }

    /** R8: remove from replq; re-arm or stop the timer if it was the head. */
    private void replqRemove(int id) {
        if (replq.remove(id)) {
            if (replq.isEmpty()) replTimer.stop(); else replTimer.set(curDeadline[replq.first()]);
        }
    }

    /** R8: re-position after a deadline change. */
    private void replqReinsert(int id) {
        if (replq.remove(id)) {
            insertOrdered(replq, id);
            replTimer.set(curDeadline[replq.first()]);
        } else if (insertOrdered(replq, id)) {
            replTimer.set(curDeadline[id]);
        }
    }

    // ------------------------------------------------------------------------------------------- budget (R9-R16)

    /** R9: charge the VCPU that ran on a pCPU up to now. */
    private void burn(Vcpu v, long now) {
        if (v.isIdle()) return;
        int id = v.id();
        long delta = now - lastStart[id];
        if (delta < 0) { // R9.1: only under nested virtualisation; charge nothing
            lastStart[id] = now;
            return;
        }
        curBudget[id] -= delta;
        lastStart[id] = now;
        if (curBudget[id] <= 0) {
            if (extratime[id]) {
                level[id]++; // R42: one level down, a fresh budget; the overrun is discarded (R9.4)
                curBudget[id] = budget[id];
                refilled[id] = budget[id];
                priorityChanged(id);
            } else {
                curBudget[id] = 0;
                depleted[id] = true;
                ctx.budgetExhausted(v);
            }
        }
    }

    /** R11: move the deadline to the first grid point after now and refill (closed form, T2). */
    private void updateDeadline(int id, long now) {
        long p = period[id];
        curDeadline[id] += p * ((now - curDeadline[id]) / p + 1);
        if (!v47) lastStart[id] = now; // V4_7: kept, so the next burn charges the old period's time (E6)
        curBudget[id] = budget[id];
        refilled[id] = budget[id];
        level[id] = 0;
        priorityChanged(id);
        ctx.budgetReplenished(vcpus[id]);
    }

    /** R15: the replenishment timer handler. */
    private void replenish(long now) {
        int count = 0;
        for (int id = replq.first(); id >= 0 && now >= curDeadline[id]; id = replq.first()) {
            replq.remove(id);
            updateDeadline(id, now);
            replenished[count++] = id;
            if (onQueue(id)) {
                queueRemove(id);
                runqInsert(id);
            }
        }
        // Xen pushed each entry on the front of a temporary list: visit them in reverse order.
        for (int k = count - 1; k >= 0; k--) {
            int id = replenished[k];
            Vcpu v = vcpus[id];
            if (v.isCurrent() && !runq.isEmpty()) {
                int head = runq.first();
                if (compare(id, head) < 0) tickle(vcpus[head]);
            } else if (depleted[id] && (!v47 || onQueue(id))) { // V4_7: cleared only when queued
                depleted[id] = false; // cleared even when not queued (fix 1b843b2097)
                if (onQueue(id)) tickle(v);
            }
            insertOrdered(replq, id);
        }
        if (!replq.isEmpty()) replTimer.set(curDeadline[replq.first()]);
    }

    // ------------------------------------------------------------------------------------------- tickle (R17-R23)

    private void tickle(Vcpu v) {
        if (v47) { // V4_7: the pre-4.10 order (R45)
            int cpu = LegacyTickle.choose(v, pcpus, curDeadline, tickledTest);
            if (cpu >= 0) raise(cpu);
            return;
        }
        if (v == null || v.isIdle()) return; // R17
        CpuMask candidates = v.affinityInPool(); // R18, minus tickled pCPUs below
        int cpu = candidates.atOrAfter(v.processor().id());
        int idle = candidates.nextCommon(idleUntickled, cpu); // the cyclic walk below would stop there first
        if (idle < 0) idle = candidates.nextCommon(idleUntickled, 0);
        if (idle >= 0) {
            raise(idle);
            return;
        }
        int victim = busy != null ? busy.highest(cpu) : -1;
        // The ranking holds every untickled busy candidate, and perhaps pCPUs outside v's mask: if its choice is a
        // candidate (or there is none), it is the walk's (the lowest priority of a superset, first from cpu among
        // equals); else walk.
        if (busy == null || victim >= 0 && !candidates.contains(victim)) victim = lowestWalked(candidates, cpu);
        if (victim < 0) return;
        Vcpu latest = pcpus[victim].current();
        if (compare(latest.id(), v.id()) < 0) raise(latest.processor().id()); // R20
    }

    /**
     * R19 as Xen walks it from {@code cpu}: among the untickled busy candidates, the pCPU running the lowest-priority
     * VCPU, the first in cyclic order among equals; -1 if there is none. (In a tickle no untickled candidate is idle:
     * those were chosen before the walk.)
     */
    private int lowestWalked(CpuMask candidates, int cpu) {
        int n = candidates.size();
        int latest = -1;
        for (int visited = 0; visited < n; visited++, cpu = candidates.cycle(cpu)) {
            Vcpu cur = pcpus[cpu].current();
            if (tickled[cpu] || cur.isIdle()) continue;
            if (latest < 0 || compare(cur.id(), pcpus[latest].current().id()) < 0) latest = cpu;
        }
        return latest;
    }

    /**
     * After {@code id}'s level or deadline changed: keeps {@link #busy} and the queues' indexes true. Their keys order
     * as {@link #compare} does while levels stay in [0, 2^30) and deadlines are not negative (no difference wraps,
     * E10; keys only change here, from level 0 and deadline 0); beyond that the ranking and the indexes are dropped
     * for good, and tickles and insertions walk.
     */
    private void priorityChanged(int id) {
        if (level[id] < 0 || level[id] >= RANKED_LEVELS || curDeadline[id] < 0) {
            busy = null;
            runq.dropIndex();
            replq.dropIndex();
            return;
        }
        runq.rekey(id, level[id], curDeadline[id]);
        replq.rekey(id, level[id], curDeadline[id]);
        if (busy != null && runningOn[id] >= 0) rank(runningOn[id]);
    }

    /** Files {@code cpu} in {@link #busy}: present with its VCPU's (level, deadline) if it runs one and is not tickled. */
    private void rank(int cpu) {
        int id = running[cpu];
        if (id < 0 || tickled[cpu]) busy.clear(cpu); else busy.set(cpu, level[id], curDeadline[id]);
    }

    /** Records the decision just made for {@code cpu} (the framework makes it current at once, F11.6). */
    private void setRunning(int cpu, Vcpu next) {
        int old = running[cpu];
        if (old >= 0) runningOn[old] = -1;
        int id = next.isIdle() ? -1 : next.id();
        running[cpu] = id;
        if (id >= 0) runningOn[id] = cpu;
        rank(cpu);
    }

    private boolean isTickled(int cpu) {
        return tickled[cpu];
    }

    /** R21. */
    private void raise(int cpu) {
        setTickled(cpu, true);
        ctx.tickle(pcpus[cpu]);
    }

    private void setTickled(int cpu, boolean value) {
        tickled[cpu] = value;
        setIdleUntickled(cpu, pcpus[cpu].isIdle());
        if (busy != null) rank(cpu);
    }

    /** Files {@code cpu} in {@link #idleUntickled} given whether it runs (or is about to run) its idle VCPU. */
    private void setIdleUntickled(int cpu, boolean idle) {
        long bit = 1L << cpu;
        if (idle && !tickled[cpu]) idleUntickled[cpu >>> 6] |= bit; else idleUntickled[cpu >>> 6] &= ~bit;
    }

    // ------------------------------------------------------------------------------------------- hooks

    /** R24: the current processor if allowed, else the next allowed pCPU after it. */
    @Override
    public Pcpu pickCpu(Vcpu v) {
        return pcpus[v.affinityInPool().atOrAfter(v.processor().id())];
    }

    /** Its pool may gain and lose pCPUs at run time. */
    @Override
    public boolean canResizePool() {
        return true;
    }

    /** A pCPU joins the pool at run time (switch_sched): no per-pCPU state but its tickled bit. */
    @Override
    public void joinPool(Pcpu p) {
        setTickled(p.id(), false);
    }

    /** A pCPU leaves the pool at run time (deinit_pdata); the single replenishment timer stays (R33). */
    @Override
    public void leavePool(Pcpu p) {
        if (busy != null) setRunning(p.id(), p.idleVcpu()); // it runs its idle VCPU from now on
        setTickled(p.id(), false);
    }

    /** R31: no tickle; queued only if already runnable. */
    @Override
    public void insert(Vcpu v) {
        int id = v.id();
        long now = ctx.now();
        if (now >= curDeadline[id]) updateDeadline(id, now);
        if (!onQueue(id) && v.isRunnable()) {
            replqInsert(id);
            if (!v.isRunning()) runqInsert(id);
        }
    }

    /** R32. */
    @Override
    public void remove(Vcpu v) {
        int id = v.id();
        if (onQueue(id)) queueRemove(id);
        if (replq.contains(id)) replqRemove(id);
    }

    /** R28. */
    @Override
    public void wake(Vcpu v) {
        int id = v.id();
        if (v.isCurrent() || onQueue(id)) return;
        long now = ctx.now();
        boolean missed = now >= curDeadline[id];
        if (missed) updateDeadline(id, now);
        if (scheduled[id]) { // still being switched out (M3): queue it at contextSaved
            delayedRunqAdd[id] = true;
            if (missed) replqReinsert(id);
            return;
        }
        replqInsert(id);
        runqInsert(id);
        tickle(v);
    }

    /** R29. */
    @Override
    public void sleep(Vcpu v) {
        int id = v.id();
        if (v.isCurrent()) {
            ctx.tickle(v.processor());
        } else if (onQueue(id)) {
            queueRemove(id);
            replqRemove(id);
        } else {
            delayedRunqAdd[id] = false;
        }
    }

    /** R25. */
    @Override
    public Decision schedule(Pcpu pcpu, long now) {
        int cpu = pcpu.id();
        tickled[cpu] = false;
        Decision d = decide(pcpu, cpu, now);
        setIdleUntickled(cpu, d.next().isIdle()); // the framework makes it current at once
        if (busy != null) setRunning(cpu, d.next());
        return d;
    }

    /** R25's choice on {@code pcpu}. */
    private Decision decide(Pcpu pcpu, int cpu, long now) {
        Vcpu cur = pcpu.current();
        burn(cur, now);
        Vcpu next = pcpu.idleVcpu();
        int cand = runqPick(cpu);
        if (cand >= 0) {
            if (vcpus[cand].isRunnable()) {
                next = vcpus[cand];
            } else { // a pause raced with us: drop it (4.17 falls back to idle for this round)
                queueRemove(cand);
                replqRemove(cand);
            }
        }
        // Keep the current VCPU only if it strictly beats the candidate: ties go to the queued one (R25.4, E8).
        if (!cur.isIdle() && cur.isRunnable() && curBudget[cur.id()] > 0
                && (next.isIdle() || compare(cur.id(), next.id()) > (v47 ? -1 : 0))) { // V4_7: ties keep cur
            next = cur;
        }
        if (next != cur && !cur.isIdle() && cur.isRunnable()) delayedRunqAdd[cur.id()] = true;
        lastStart[next.id()] = now;
        if (next.isIdle()) return decision.set(next, Decision.NO_TIMER, false);
        int id = next.id();
        if (next != cur) {
            queueRemove(id);
            scheduled[id] = true;
        }
        sliceEnd[id] = now + curBudget[id];
        return decision.set(next, curBudget[id], next.processor() != pcpu);
    }

    /** The first runq VCPU allowed on {@code cpu}, or -1. */
    private int runqPick(int cpu) {
        for (int id = runq.first(); id >= 0; id = runq.next(id)) {
            if (vcpus[id].affinityInPool().contains(cpu)) return id;
        }
        return -1;
    }

    /** R30. */
    @Override
    public void contextSaved(Vcpu v) {
        int id = v.id();
        scheduled[id] = false;
        if (v.isIdle()) return;
        boolean requeue = delayedRunqAdd[id];
        delayedRunqAdd[id] = false;
        if (requeue && v.isRunnable()) {
            runqInsert(id);
            tickle(v);
        } else if (replq.contains(id)) {
            replqRemove(id);
        }
    }

    /**
     * Per-VCPU put for every VCPU of the domain ({@code xl sched-rtds -d D -v N -p P -b B -e E}, R36): period,
     * budget and extratime; deadline and remaining budget are untouched until the next replenishment (R14).
     */
    @Override
    public void adjust(Domain d, SchedParams p) {
        RtdsParams params = p instanceof RtdsParams r ? r : RtdsParams.DEFAULTS;
        for (Vcpu v : d.vcpus()) {
            RtdsVcpuParams vp = params.forVcpu(v.index());
            period[v.id()] = vp.periodNs();
            budget[v.id()] = vp.budgetNs();
            extratime[v.id()] = vp.extratime() && !v47; // V4_7: extratime came in 4.10
        }
    }

    /** The pool's release ({@link RtdsPoolParams}); 4.5 pools are {@link Rtds45Scheduler}'s. Call before any domain joins. */
    @Override
    public void adjustGlobal(PoolParams p) {
        RtdsVariant variant = RtdsPoolParams.variantOf(p);
        if (variant == RtdsVariant.V4_5) throw new IllegalArgumentException("RTDS 4.5 is Rtds45Scheduler");
        v47 = variant == RtdsVariant.V4_7;
        if (v47) Arrays.fill(extratime, false);
    }

    // ------------------------------------------------------------------------------------------- inspection

    /** The VCPU's current absolute deadline (R2), for tests and traces. */
    public long deadlineOf(Vcpu v) {
        return curDeadline[v.id()];
    }

    /** The VCPU's budget left in its current period as of its last charge (R2), for tests and traces. */
    public long budgetOf(Vcpu v) {
        return curBudget[v.id()];
    }

    /** The VCPU's extratime priority level (R42), for tests and traces. */
    public int levelOf(Vcpu v) {
        return level[v.id()];
    }

    @Override
    public void checkInvariants(long now) {
        // runq is in priority order: queued VCPUs are never charged and are re-inserted when replenished. replq
        // is not re-sorted when a running extratime VCPU drops a level (R6, E9), so its order is not checked.
        checkOrdered(runq, "runq");
        checkRanking(now);
        for (Pcpu p : ctx.pool().pcpus()) {
            boolean bit = (idleUntickled[p.id() >>> 6] & (1L << p.id())) != 0;
            if (bit != (p.isIdle() && !tickled[p.id()])) fail(now, p + " is misfiled in the idle set");
        }
        for (Vcpu v : vcpus) {
            int id = v.id();
            if (v.isIdle() || v.domain().pool() != ctx.pool()) continue;
            // A budget lowered by an adjustment (R36) applies from the next refill: until then the old one bounds it.
            if (curBudget[id] < 0 || curBudget[id] > refilled[id]) {
                fail(now, v + " has budget " + curBudget[id] + " outside [0, " + refilled[id] + "]");
            }
            if (onQueue(id)) {
                if (v.isCurrent() || scheduled[id]) fail(now, v + " is queued while scheduled");
                if (!replq.contains(id)) fail(now, v + " is queued but has no replenishment event");
                if (runq.contains(id) && curBudget[id] <= 0 && !extratime[id]) fail(now, v + " is on runq without budget");
                // R36 in 4.17 only sets the flag: a VCPU depleted before its extratime was switched on waits here for its refill.
                if (depletedq.contains(id) && curBudget[id] > 0) fail(now, v + " is on depletedq with budget");
            }
            // The slice timer cannot cut into a context switch (its softirq waits for the switch to end), so
            // an overrun is allowed only while the pCPU is switching or about to reschedule; burn discards it (R9).
            // A refill while running does not re-arm the slice timer (R15), so after a budget lowered by sched-rtds
            // (R14, R36) the VCPU rightly runs out the slice it was granted at its pick, past the new budget; in
            // 4.7 last_start also still counts the old period's time (E6). Only running past both is an overrun.
            Pcpu on = v.processor();
            if (v.isCurrent() && !extratime[id] && curBudget[id] - (now - lastStart[id]) < 0 && now > sliceEnd[id]
                    && !on.isSwitching() && !on.isReschedulePending()) {
                fail(now, v + " ran past its budget");
            }
        }
    }

    /** {@link #busy} holds exactly the untickled busy pCPUs with their VCPUs' keys, and answers as the walk does. */
    private void checkRanking(long now) {
        if (busy == null) return;
        CpuMask pool = ctx.pool().mask();
        for (int c = 0; c < pcpus.length; c++) {
            Vcpu cur = pcpus[c].current();
            int id = running[c];
            if (pool.contains(c) && id != (cur.isIdle() ? -1 : cur.id())) fail(now, pcpus[c] + " is ranked with VCPU " + id);
            if (id >= 0 && runningOn[id] != c) fail(now, vcpus[id] + " is ranked on " + runningOn[id] + ", not " + c);
            boolean ranked = id >= 0 && !tickled[c];
            if (busy.isPresent(c) != ranked
                    || ranked && (busy.keyMajor(c) != level[id] || busy.keyMinor(c) != curDeadline[id])) {
                fail(now, pcpus[c] + " is misranked");
            }
        }
        // From every start on small pools; on large ones from CHECKED_STARTS of them, a different set each event.
        int stride = Math.max(1, pool.size() / CHECKED_STARTS);
        int skip = (int) (checks++ % stride);
        for (int start = pool.first(), i = 0; start >= 0; start = pool.nextFrom(start + 1), i++) {
            if (i % stride != skip) continue;
            int ranked = busy.highest(start);
            int walked = lowestWalked(pool, start);
            if ((ranked < 0 || pool.contains(ranked)) && ranked != walked) {
                fail(now, "the ranking chooses " + ranked + " from " + start + " where the walk chooses " + walked);
            }
        }
    }

    private void checkOrdered(VcpuList list, String name) {
        for (int a = list.first(); a >= 0 && list.next(a) >= 0; a = list.next(a)) {
            if (compare(a, list.next(a)) < 0) {
                fail(ctx.now(), name + " out of order: " + vcpus[a] + " before " + vcpus[list.next(a)]);
            }
        }
    }

    private static void fail(long now, String what) {
        throw new IllegalStateException("RTDS at " + now + " ns: " + what);
    }

    /** Work conserving for VCPUs with extratime (since 4.10); RTDS 4.7 has no extratime, so a VCPU never runs beyond its budget. */
    @Override
    public boolean isWorkConserving() {
        return !v47;
    }
}
