package org.rtxen.sched.rtds;

import java.util.List;
import java.util.function.IntPredicate;
import org.rtxen.engine.event.Timer;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.Decision;
import org.rtxen.engine.machine.SchedContext;
import org.rtxen.engine.machine.VcpuScheduler;
import org.rtxen.model.params.SchedParams;

/**
 * RTDS as Xen 4.5 and 4.6 shipped it ({@code xen/common/sched_rt.c} on stable-4.5; spec variant RTDS_45, R44): global
 * EDF driven by a 1 ms scheduling quantum. There is no replenishment timer: every {@code do_schedule}, wake and
 * requeueing context_saved scans the queues and replenishes the VCPUs whose deadline has passed, so a VCPU that keeps
 * running is not replenished until it is queued again (E3). Each decision runs the chosen VCPU for
 * {@code min(budget, 1 ms)} of its configured budget (E2); the budget is charged at the next decision and clamped
 * at 0. There are no priority levels and no extratime; ties in the queue are LIFO and keep the current VCPU.
 *
 * <p>Xen's idle VCPU gets a slice of {@code min(0, 1 ms) = 0}, so an idle pCPU re-runs its scheduler continuously
 * (E1); here the idle pCPUs instead re-run when the earliest deadline in the depleted queue passes (a pool timer),
 * the only change such a re-run could notice that no wake or context_saved tickles for.
 */
public final class Rtds45Scheduler implements VcpuScheduler {
    /** MAX_SCHEDULE, the scheduling quantum (T3). */
    static final long QUANTUM_NS = 1_000_000L;

    private SchedContext ctx;
    private Vcpu[] vcpus;
    private Pcpu[] pcpus;

    // Per-VCPU state (R2 minus levels, extratime and depleted), indexed by Vcpu.id().
    private long[] period;
    private long[] budget;
    private long[] curBudget;
    private long[] curDeadline;
    private long[] lastStart;
    private boolean[] scheduled;
    private boolean[] delayedRunqAdd;

    private VcpuList runq;
    private VcpuList depletedq;
    private boolean[] tickled;
    private final IntPredicate tickledTest = cpu -> tickled[cpu];
    /** What every schedule call returns, refilled each time so that deciding never allocates. */
    private final Decision decision = new Decision();
    private Timer rescan; // E1: re-runs idle pCPUs at the earliest depleted deadline

    @Override
    public void init(SchedContext context) {
        this.ctx = context;
        List<Vcpu> all = context.host().vcpus();
        int n = all.size();
        vcpus = all.toArray(new Vcpu[0]);
        pcpus = context.host().pcpus().toArray(new Pcpu[0]);
        period = new long[n];
        budget = new long[n];
        curBudget = new long[n];
        curDeadline = new long[n];
        lastStart = new long[n];
        scheduled = new boolean[n];
        delayedRunqAdd = new boolean[n];
        for (Vcpu v : all) {
            period[v.id()] = RtdsParams.DEFAULT_PERIOD_NS;
            budget[v.id()] = v.isIdle() ? 0 : RtdsParams.DEFAULT_BUDGET_NS;
        }
        runq = new VcpuList(n);
        depletedq = new VcpuList(n);
        tickled = new boolean[pcpus.length];
        rescan = context.newTimer(now -> rescanIdle());
    }

    /** E1: arms the idle re-run at the earliest deadline in depletedq, or stops it when depletedq is empty. */
    private void armRescan() {
        long earliest = Long.MAX_VALUE;
        for (int id = depletedq.first(); id >= 0; id = depletedq.next(id)) earliest = Math.min(earliest, curDeadline[id]);
        if (earliest == Long.MAX_VALUE) rescan.stop(); else rescan.set(Math.max(earliest, ctx.now()));
    }

    /**
     * E1: a queue changed (a wake, a requeue at context_saved), which Xen 4.5's continuously re-running idle pCPUs see
     * at once: if a pCPU idles, every idle pCPU re-runs now, so a queued VCPU that no tickle reached (E5) is still
     * taken without delay; otherwise the re-run waits for the earliest depleted deadline as before.
     */
    private void rescanAfterQueueChange() {
        for (Pcpu p : pcpus) {
            if (p.pool() == ctx.pool() && p.isIdle()) {
                rescan.set(ctx.now());
                return;
            }
        }
        armRescan();
    }

    /** E1: every idle pCPU of the pool runs its scheduler again (not a tickle: the tickled bits are untouched). */
    private void rescanIdle() {
        for (Pcpu p : pcpus) {
            if (p.pool() == ctx.pool() && p.isIdle()) ctx.tickle(p);
        }
    }

    // ------------------------------------------------------------------------------------------- queues

    /** 4.5's runq insertion: with budget, before the first VCPU whose deadline is not earlier (ties LIFO); else depletedq's front. */
    private void runqInsert(int id) {
        if (curBudget[id] <= 0) {
            depletedq.addFirst(id);
            return;
        }
        int it = runq.first();
        while (it >= 0 && curDeadline[id] > curDeadline[it]) it = runq.next(it);
        runq.insertBefore(id, it);
    }

    private boolean onQueue(int id) {
        return runq.contains(id) || depletedq.contains(id);
    }

    private void queueRemove(int id) {
        if (runq.contains(id)) runq.remove(id); else depletedq.remove(id);
    }

    /** R11 without resetting last_start (4.5 sets it only when a VCPU is picked). */
    private void updateDeadline(int id, long now) {
        long p = period[id];
        curDeadline[id] += p * ((now - curDeadline[id]) / p + 1);
        curBudget[id] = budget[id];
        ctx.budgetReplenished(vcpus[id]);
    }

    /** R44's scan ({@code __repl_update}): runq from the head while deadlines have passed, then all of depletedq. */
    private void replUpdate(long now) {
        for (int id = runq.first(); id >= 0 && now >= curDeadline[id]; id = runq.first()) {
            updateDeadline(id, now);
            runq.remove(id);
            runqInsert(id);
        }
        for (int id = depletedq.first(); id >= 0; ) {
            int next = depletedq.next(id);
            if (now >= curDeadline[id]) {
                updateDeadline(id, now);
                depletedq.remove(id);
                runqInsert(id);
            }
            id = next;
        }
    }

    /** The first runq VCPU allowed on {@code cpu} (or anywhere in the pool when {@code cpu} is -1), or -1. */
    private int runqPick(int cpu) {
        for (int id = runq.first(); id >= 0; id = runq.next(id)) {
            if (cpu < 0 || vcpus[id].affinityInPool().contains(cpu)) return id;
        }
        return -1;
    }

    /** Wake and context_saved tickle for the runq head, not the VCPU just queued (E4). */
    private void tickleHead() {
        int head = runqPick(-1);
        if (head < 0) return;
        int cpu = LegacyTickle.choose(vcpus[head], pcpus, curDeadline, tickledTest);
        if (cpu >= 0) {
            tickled[cpu] = true;
            ctx.tickle(pcpus[cpu]);
        }
    }

    // ------------------------------------------------------------------------------------------- hooks

    /** R24. */
    @Override
    public Pcpu pickCpu(Vcpu v) {
        return pcpus[v.affinityInPool().atOrAfter(v.processor().id())];
    }

    /** R31 without replq: replenish if due; queue if runnable and not running; no tickle. */
    @Override
    public void insert(Vcpu v) {
        int id = v.id();
        long now = ctx.now();
        if (now >= curDeadline[id]) updateDeadline(id, now);
        if (!onQueue(id) && v.isRunnable() && !v.isRunning()) runqInsert(id);
    }

    @Override
    public void remove(Vcpu v) {
        if (onQueue(v.id())) queueRemove(v.id());
    }

    /** R44 wake. */
    @Override
    public void wake(Vcpu v) {
        int id = v.id();
        if (v.isCurrent() || onQueue(id)) return;
        if (scheduled[id]) {
            delayedRunqAdd[id] = true;
            return;
        }
        long now = ctx.now();
        if (now >= curDeadline[id]) updateDeadline(id, now);
        runqInsert(id);
        replUpdate(now);
        tickleHead();
        rescanAfterQueueChange();
    }

    /** R29 without replq. */
    @Override
    public void sleep(Vcpu v) {
        int id = v.id();
        if (v.isCurrent()) {
            ctx.tickle(v.processor());
        } else if (onQueue(id)) {
            queueRemove(id);
        } else {
            delayedRunqAdd[id] = false;
        }
    }

    /** R44 do_schedule: burn (clamped at 0), scan, pick, keep the current VCPU on ties, one quantum. */
    @Override
    public Decision schedule(Pcpu pcpu, long now) {
        int cpu = pcpu.id();
        tickled[cpu] = false;
        Vcpu cur = pcpu.current();
        if (!cur.isIdle()) {
            int id = cur.id();
            long delta = now - lastStart[id];
            if (delta < 0) {
                lastStart[id] = now;
            } else {
                curBudget[id] = Math.max(0, curBudget[id] - delta);
                if (curBudget[id] == 0) ctx.budgetExhausted(cur);
            }
        }
        replUpdate(now);
        Vcpu next = pcpu.idleVcpu();
        int cand = runqPick(cpu);
        if (cand >= 0) next = vcpus[cand];
        if (!cur.isIdle() && cur.isRunnable() && curBudget[cur.id()] > 0
                && (next.isIdle() || curDeadline[cur.id()] <= curDeadline[next.id()])) {
            next = cur;
        }
        if (next != cur && !cur.isIdle() && cur.isRunnable()) delayedRunqAdd[cur.id()] = true;
        lastStart[next.id()] = now;
        armRescan();
        if (next.isIdle()) return decision.set(next, Decision.NO_TIMER, false);
        int id = next.id();
        if (next != cur) {
            queueRemove(id);
            scheduled[id] = true;
        }
        return decision.set(next, Math.min(budget[id], QUANTUM_NS), next.processor() != pcpu);
    }

    /** R44 context_saved: a VCPU descheduled while runnable is queued, the queues scanned and the runq head tickled. */
    @Override
    public void contextSaved(Vcpu v) {
        int id = v.id();
        scheduled[id] = false;
        if (v.isIdle()) return;
        boolean requeue = delayedRunqAdd[id];
        delayedRunqAdd[id] = false;
        if (requeue && v.isRunnable()) {
            runqInsert(id);
            replUpdate(ctx.now());
            tickleHead();
            rescanAfterQueueChange();
        }
    }

    /**
     * 4.5's domain-wide put ({@code xl sched-rtds -d D -p P -b B}, R38, R40): period and budget of every VCPU, acting
     * at the next replenishment (R14). 4.5 has no per-VCPU parameters: each VCPU takes its effective values.
     */
    @Override
    public void adjust(Domain d, SchedParams p) {
        RtdsParams params = p instanceof RtdsParams r ? r : RtdsParams.DEFAULTS;
        for (Vcpu v : d.vcpus()) {
            RtdsVcpuParams vp = params.forVcpu(v.index());
            period[v.id()] = vp.periodNs();
            budget[v.id()] = vp.budgetNs();
        }
    }

    /** Its pool may gain and lose pCPUs at run time. */
    @Override
    public boolean canResizePool() {
        return true;
    }

    /** A pCPU joins the pool at run time: only its tickled bit is per pCPU. */
    @Override
    public void joinPool(Pcpu p) {
        tickled[p.id()] = false;
    }

    /** A pCPU leaves the pool at run time. */
    @Override
    public void leavePool(Pcpu p) {
        tickled[p.id()] = false;
    }

    /** The VCPU's current absolute deadline, for tests. */
    public long deadlineOf(Vcpu v) {
        return curDeadline[v.id()];
    }

    @Override
    public void checkInvariants(long now) {
        for (int a = runq.first(); a >= 0 && runq.next(a) >= 0; a = runq.next(a)) {
            if (curDeadline[runq.next(a)] < curDeadline[a]) fail(now, "runq out of deadline order at " + vcpus[a]);
        }
        for (Vcpu v : vcpus) {
            int id = v.id();
            if (v.isIdle() || v.domain().pool() != ctx.pool()) continue;
            if (curBudget[id] < 0) fail(now, v + " has budget " + curBudget[id]);
            if (onQueue(id) && (v.isCurrent() || scheduled[id])) fail(now, v + " is queued while scheduled");
            if (runq.contains(id) && curBudget[id] <= 0) fail(now, v + " is on runq without budget");
        }
    }

    private static void fail(long now, String what) {
        throw new IllegalStateException("RTDS 4.5 at " + now + " ns: " + what);
    }

    /** RTDS 4.5 has no extratime: a VCPU never runs beyond its budget, even on an idle pCPU. */
    @Override
    public boolean isWorkConserving() {
        return false;
    }
}
