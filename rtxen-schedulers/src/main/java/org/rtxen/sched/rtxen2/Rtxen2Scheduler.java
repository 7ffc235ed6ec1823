package org.rtxen.sched.rtxen2;

import java.util.Arrays;
import java.util.List;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.RunQueueIndex;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.Decision;
import org.rtxen.engine.machine.SchedContext;
import org.rtxen.engine.machine.VcpuScheduler;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * What {@code sched_rtglobal.c} and {@code sched_rtpartition.c} of RT-Xen 2.0 share (spec section 3): per-VCPU
 * deferrable-server state with budgets in microseconds (G3, G4), budget burning once per 1 ms quantum (G5, G6), the
 * two-segment ordered run queue (G7), the replenishment scan (G8) and the priority keys (G1). The subclasses differ
 * in how many queues there are and in their hooks (G9-G13).
 *
 * <p>Each pCPU "serves" at most one VCPU: the one its last decision chose. Under the deferrable server that is the
 * current VCPU. Under the periodic server (G2) a VCPU whose guest is idle stays ready, so a pCPU may serve it while
 * running its idle VCPU, burning the served VCPU's budget as the guest's background task would.
 */
abstract sealed class Rtxen2Scheduler implements VcpuScheduler permits RtGlobalScheduler, RtPartitionScheduler {
    /** The quantum: every decision asks for the next one 1 ms later (G5). */
    static final long QUANTUM_NS = 1_000_000L;
    /** E23: the clamp compares microseconds with {@code MICROSECS(500)} = 500,000. */
    static final long CLAMP_BUG_US = 500_000L;
    static final int NONE = -1;

    SchedContext ctx;
    Vcpu[] vcpus;
    Pcpu[] pcpus;
    Priority priority = Priority.EDF;
    ServerKind server = ServerKind.DEFERRABLE;
    Quirks quirks = Quirks.FULL_FEATURE;
    /** E27: the queues were left in the order of a previous priority scheme. */
    boolean unsorted;

    // Per-VCPU state (G3, G4), indexed by Vcpu.id().
    long[] period; // ns, whole ms
    long[] budgetUs;
    long[] curBudgetUs;
    long[] curDeadline;
    long[] lastStart;
    boolean[] inserted; // in the pool (between insert and remove)
    boolean[] asleep; // paused or migrating (sleep hook) and not woken since: not ready even for a periodic server
    int[] servedOn; // the pCPU serving it, or NONE

    // Run queues (G7): queueOf[id] is the queue holding it or NONE; links threaded through next/prev.
    int[] queueOf;
    int[] next;
    int[] prev;
    int[] head;
    int[] tail;
    /**
     * A single queue holding more VCPUs than this (rtglobal's on a large host) finds where {@link #enqueue}'s walk
     * stops through {@link #index}; shorter queues walk, which costs less than keeping the index.
     */
    static final int INDEXED_ABOVE = 512;
    /**
     * The insertion point of G7 without the walk, for the one queue of a pool of more than {@link #INDEXED_ABOVE}
     * VCPUs (else null): each queued VCPU is keyed (0, key) with budget and (1, key) without, so the walk's stop is the
     * first entry at or above the newcomer's key, in any order of the queue (E27 included).
     */
    private RunQueueIndex index;
    /**
     * Per queue, a lower bound on the deadlines of its entries: deadlines only grow, so a bound taken at insertion
     * stays valid after a removal, and the replenishment scan (G8) is skipped while no entry can be past it.
     */
    private long[] earliestDeadline;
    private int[] scratch; // ids re-inserted by the replenishment scan

    /** What every schedule call returns, refilled each time so that deciding never allocates. */
    final Decision decision = new Decision();

    // Per-pCPU state.
    int[] served; // the VCPU served by each pCPU, or NONE

    /** How many run queues the policy keeps: one per pool ({@code rtglobal}) or one per pCPU ({@code rtpartition}). */
    abstract int queueCount();

    @Override
    public void init(SchedContext ctx) {
        this.ctx = ctx;
        List<Vcpu> all = ctx.host().vcpus();
        int n = all.size();
        vcpus = all.toArray(new Vcpu[0]);
        pcpus = ctx.host().pcpus().toArray(new Pcpu[0]);
        period = new long[n];
        budgetUs = new long[n];
        curBudgetUs = new long[n];
        curDeadline = new long[n];
        lastStart = new long[n];
        inserted = new boolean[n];
        asleep = new boolean[n];
        servedOn = new int[n];
        queueOf = new int[n];
        next = new int[n];
        prev = new int[n];
        scratch = new int[n];
        Arrays.fill(servedOn, NONE);
        Arrays.fill(queueOf, NONE);
        head = new int[queueCount()];
        Arrays.fill(head, NONE);
        tail = new int[queueCount()];
        Arrays.fill(tail, NONE);
        index = queueCount() == 1 && n > INDEXED_ABOVE ? new RunQueueIndex(n) : null;
        earliestDeadline = new long[queueCount()];
        Arrays.fill(earliestDeadline, Long.MAX_VALUE);
        served = new int[pcpus.length];
        Arrays.fill(served, NONE);
        for (int cpu = 0; cpu < pcpus.length; cpu++) servedChanged(cpu);
        for (Pcpu p : ctx.pool().pcpus()) {
            ctx.tickle(p); // every pCPU runs the 1 ms quantum from boot (G5)
        }
    }

    // ------------------------------------------------------------------------------------------- keys (G1, G7, G10)

    /** Compares the queue keys of two VCPUs under the current scheme: deadline (EDF) or period (DM). */
    final int compareKeys(int a, int b) {
        return Long.compare(queueKey(a), queueKey(b));
    }

    /** The key {@link #compareKeys} compares: the deadline (EDF) or the period (DM). */
    private long queueKey(int id) {
        return priority == Priority.EDF ? curDeadline[id] : period[id];
    }

    /** The comparison of keep-current and tickle: xisisu compares deadlines even under DM (G10, G12). */
    final int compareRunning(int a, int b) {
        return Long.compare(runningKey(a), runningKey(b));
    }

    /** The key {@link #compareRunning} compares: the deadline, or under DM the period (xisisu: the deadline). */
    final long runningKey(int id) {
        return priority == Priority.EDF || quirks.deadlineKeysInDm() ? curDeadline[id] : period[id];
    }

    /** Whether the VCPU competes for a pCPU: runnable, or (periodic server, G2) only blocked in its guest. */
    final boolean ready(int id) {
        return vcpus[id].isRunnable() || (server == ServerKind.PERIODIC && !asleep[id]);
    }

    // ------------------------------------------------------------------------------------------- run queues (G7)

    final boolean queued(int id) {
        return queueOf[id] != NONE;
    }

    /**
     * G7: walk from the head; a VCPU with budget goes before the first entry without budget or with a key not below
     * its own, one without budget before the first entry without budget and with a key not below its own (LIFO ties).
     */
    final void enqueue(int q, int id) {
        boolean hasBudget = curBudgetUs[id] > 0;
        int before;
        int after;
        if (index != null) {
            int segment = hasBudget ? 0 : 1;
            long key = queueKey(id);
            index.rekey(id, segment, key);
            before = index.firstAbove(segment, key, true);
            after = before == NONE ? tail[q] : prev[before];
            index.inserted(id, after, before);
        } else {
            before = head[q];
            after = NONE;
            while (before != NONE) {
                boolean entryEmpty = curBudgetUs[before] == 0;
                boolean keyFits = compareKeys(id, before) <= 0;
                if (hasBudget ? entryEmpty || keyFits : entryEmpty && keyFits) break;
                after = before;
                before = next[before];
            }
        }
        next[id] = before;
        prev[id] = after;
        if (after == NONE) head[q] = id; else next[after] = id;
        if (before == NONE) tail[q] = id; else prev[before] = id;
        queueOf[id] = q;
        earliestDeadline[q] = Math.min(earliestDeadline[q], curDeadline[id]);
    }

    /**
     * The first entry of queue {@code q} with budget, or {@link #NONE}. Entries with budget always precede those
     * without ({@link #enqueue} keeps the two segments whatever the key order, and a queued entry's budget changes
     * only while it is taken out and put back), so the walk ends at the first entry without budget.
     */
    final int firstWithBudget(int q) {
        int id = head[q];
        return id != NONE && curBudgetUs[id] > 0 ? id : NONE;
    }

    final void dequeue(int id) {
        int q = queueOf[id];
        if (q == NONE) return;
        if (index != null) index.removed(id);
        if (prev[id] == NONE) head[q] = next[id]; else next[prev[id]] = next[id];
        if (next[id] == NONE) tail[q] = prev[id]; else prev[next[id]] = prev[id];
        queueOf[id] = NONE;
    }

    /** G8 ({@code __repl_update}): every queued VCPU whose deadline is strictly past is refilled and re-inserted. */
    final void replenishQueue(int q, long now) {
        if (now <= earliestDeadline[q]) return; // no entry's deadline is strictly past
        int count = 0;
        long earliest = Long.MAX_VALUE;
        for (int id = head[q]; id != NONE; id = next[id]) {
            if (now > curDeadline[id]) scratch[count++] = id; else earliest = Math.min(earliest, curDeadline[id]);
        }
        earliestDeadline[q] = earliest; // the re-inserted entries lower it again in enqueue
        for (int k = 0; k < count; k++) {
            int id = scratch[k];
            advanceDeadline(id, now);
            dequeue(id);
            enqueue(q, id);
        }
    }

    /** G6.3: the deadline moves to the first period end after now and the budget is refilled. */
    final void advanceDeadline(int id, long now) {
        curDeadline[id] += period[id] * ((now - curDeadline[id]) / period[id] + 1);
        keyChanged(id);
        curBudgetUs[id] = budgetUs[id];
        ctx.budgetReplenished(vcpus[id]);
    }

    // ------------------------------------------------------------------------------------------- budget (G6)

    /** G6 ({@code burn_budgets}): charges the VCPU served on a pCPU for the time since its last pick. */
    final void burn(int id, long now) {
        if (quirks.firstBurnFree() && lastStart[id] == 0) { // G6.1, E29
            lastStart[id] = now;
            return;
        }
        long from = lastStart[id];
        if (now >= curDeadline[id]) { // G6.3
            advanceDeadline(id, now);
            if (quirks.freeBoundaryQuantum()) return; // E25: the quantum spanning the boundary is free
            from = Math.max(from, curDeadline[id] - period[id]); // fixed: charge the part in the new period
        }
        long delta = now - from;
        if (delta < 0) { // G6.4
            lastStart[id] = now;
            if (quirks.freeBoundaryQuantum()) { // E25: a negative delta zeroes the budget
                curBudgetUs[id] = 0;
                ctx.budgetExhausted(vcpus[id]);
            }
            return;
        }
        if (curBudgetUs[id] == 0) return; // G6.5
        long us = delta / 1000 + (delta % 1000 > 500 ? 1 : 0); // G6.6: round half up, in whole microseconds
        curBudgetUs[id] -= us;
        if (quirks.budgetClampBug() ? curBudgetUs[id] < CLAMP_BUG_US : curBudgetUs[id] < 0) curBudgetUs[id] = 0; // G6.7, E23
        if (curBudgetUs[id] == 0) ctx.budgetExhausted(vcpus[id]);
    }

    // ------------------------------------------------------------------------------------------- decisions (G10, G13)

    /**
     * The common decision on {@code pcpu} (G10, G13): burn the served VCPU, replenish the queue {@code q}, pick with
     * {@code candidate}, keep the served VCPU unless the candidate strictly beats it, hand a switched-away ready VCPU
     * to {@link #switchedAway}, and serve the next. The pCPU runs the served VCPU if it is runnable, else idle.
     */
    final Decision decide(Pcpu pcpu, long now, int q) {
        int cpu = pcpu.id();
        int cur = served[cpu];
        if (cur != NONE) burn(cur, now);
        replenishQueue(q, now);
        int chosen = candidate(cpu, q);
        if (cur != NONE && ready(cur) && curBudgetUs[cur] > 0 && vcpus[cur].affinityInPool().contains(cpu)
                && (chosen == NONE || compareRunning(cur, chosen) <= 0)) {
            chosen = cur; // ties keep the current VCPU (G10)
        }
        if (cur != NONE && chosen != cur) {
            served[cpu] = NONE;
            servedChanged(cpu);
            servedOn[cur] = NONE;
            if (ready(cur)) switchedAway(pcpu, cur);
        }
        Vcpu run = pcpu.idleVcpu();
        if (chosen != NONE) {
            lastStart[chosen] = now;
            if (chosen != cur) {
                dequeue(chosen);
                served[cpu] = chosen;
                servedChanged(cpu);
                servedOn[chosen] = cpu;
            }
            if (vcpus[chosen].isRunnable()) run = vcpus[chosen];
        }
        if (run != pcpu.current() && !run.isIdle()) switchingIn(run.id());
        return decision.set(run, QUANTUM_NS, !run.isIdle() && run.processor() != pcpu);
    }

    /** The first VCPU of queue {@code q} that may run on {@code cpu} and has budget, or {@link #NONE} (G9, G13). */
    abstract int candidate(int cpu, int q);

    /** A ready VCPU that {@code pcpu} no longer serves goes back to a queue (G10: delayed; G13: at once). */
    abstract void switchedAway(Pcpu pcpu, int id);

    /** {@code served[cpu]} has just been set (rtglobal keeps its set of idle pCPUs from it, G12). */
    void servedChanged(int cpu) {}

    /** {@code id}'s {@link #runningKey} may have changed (rtglobal ranks its busy pCPUs by it, G12). */
    void keyChanged(int id) {}

    /** The decision switches to {@code id}, which was not current there (G10 sets {@code scheduled}). */
    void switchingIn(int id) {}

    /** Stops serving {@code id} wherever it is served, and makes that pCPU decide again. */
    final void unserve(int id) {
        int cpu = servedOn[id];
        if (cpu == NONE) return;
        served[cpu] = NONE;
        servedChanged(cpu);
        servedOn[id] = NONE;
        ctx.tickle(pcpus[cpu]);
    }

    // ------------------------------------------------------------------------------------------- hooks

    /** No: a VCPU never runs beyond its budget (no {@code extra}, G15), and rtpartition never balances (G13). */
    @Override
    public boolean isWorkConserving() {
        return false;
    }

    /** G13 (and rtglobal alike): the current processor if allowed, else the next allowed pCPU after it. */
    @Override
    public Pcpu pickCpu(Vcpu v) {
        return pcpus[v.affinityInPool().atOrAfter(v.processor().id())];
    }

    /** Its pool may gain and lose pCPUs at run time. */
    @Override
    public boolean canResizePool() {
        return true;
    }

    /**
     * A pCPU joins the pool ({@code xl cpupool-cpu-add}; [R]: RT-Xen 2.0 is a Xen 4.3 fork whose schedule_cpu_switch
     * sets the pCPU up and leaves it idle): it serves nothing and starts its 1 ms quantum at once (G5), so its first
     * decision already picks from its queue (rtglobal: the pool's one queue, G9; rtpartition: its own, empty, G13).
     */
    @Override
    public void joinPool(Pcpu p) {
        int cpu = p.id();
        served[cpu] = NONE;
        servedChanged(cpu);
        ctx.tickle(p);
    }

    /**
     * A pCPU leaves the pool ({@code xl cpupool-cpu-remove}): it runs its idle VCPU, so it serves nothing, and the
     * VCPUs placed on it have migrated to the next pCPU of their affinity ({@link #pickCpu}, G13).
     */
    @Override
    public void leavePool(Pcpu p) {
        int id = served[p.id()];
        served[p.id()] = NONE;
        servedChanged(p.id());
        // The VCPU it served while running idle (a periodic server whose guest is idle, G2) is charged up to now, as
        // the switch away from its background task would charge it, and served nowhere until it is picked again.
        if (id != NONE && servedOn[id] == p.id()) {
            burn(id, ctx.now());
            servedOn[id] = NONE;
            if (ready(id) && !queued(id)) becameReady(vcpus[id]);
        }
    }

    /**
     * G2: a periodic server's VCPU whose guest is idle competes again once it is no longer paused or migrating, as the
     * background task that keeps it runnable in RT-Xen 2.0 would make it; a deferrable server waits for its guest. A
     * pCPU still serving it (a migration ends before that pCPU decides) is charged up to now and decides again.
     */
    @Override
    public void resumedWhileBlocked(Vcpu v) {
        if (server != ServerKind.PERIODIC) return;
        int id = v.id();
        if (servedOn[id] != NONE) {
            burn(id, ctx.now());
            unserve(id);
        }
        wake(v);
    }

    /** G4: the first deadline is the next multiple of the period after now; full budget; accounting not started. */
    @Override
    public void insert(Vcpu v) {
        int id = v.id();
        long now = ctx.now();
        curDeadline[id] = (now / period[id] + 1) * period[id];
        keyChanged(id);
        curBudgetUs[id] = budgetUs[id];
        ctx.budgetReplenished(v);
        lastStart[id] = 0;
        asleep[id] = false;
        inserted[id] = true;
        if (ready(id)) becameReady(v); // a periodic server competes from the start (G2)
    }

    @Override
    public void remove(Vcpu v) {
        inserted[v.id()] = false;
        dequeue(v.id());
        unserve(v.id());
    }

    /** A ready VCPU that is neither queued nor served enters a queue (wake path without the early returns). */
    abstract void becameReady(Vcpu v);

    /**
     * Sets period and budget of each VCPU of the domain (G15 put, whole milliseconds); Domain-0 without parameters
     * gets budget = period (G3). A queued VCPU is re-positioned; a smaller budget caps the remaining one.
     */
    @Override
    public void adjust(Domain d, SchedParams p) {
        Rtxen2Params params = (p instanceof Rtxen2Params r ? r : Rtxen2Params.ALLOCATION_DEFAULTS).resolve(d.spec().control());
        for (Vcpu v : d.vcpus()) {
            int id = v.id();
            Rtxen2VcpuParams vp = params.forVcpu(v.index());
            int q = queueOf[id];
            dequeue(id);
            period[id] = vp.periodNs();
            keyChanged(id);
            budgetUs[id] = vp.budgetNs() / 1000;
            curBudgetUs[id] = Math.min(curBudgetUs[id], budgetUs[id]);
            if (q != NONE) enqueue(q, id);
        }
    }

    /**
     * Sets the priority scheme, server type and quirks (G15 {@code adjust_global}). A scheme switch at run time
     * leaves the queues in their old order under E27, else re-sorts them; a server switch re-queues VCPUs whose
     * readiness changed.
     */
    @Override
    public void adjustGlobal(PoolParams p) {
        Rtxen2PoolParams params = p instanceof Rtxen2PoolParams r ? r : Rtxen2PoolParams.DEFAULTS;
        boolean schemeChanged = params.priority() != priority;
        boolean serverChanged = params.server() != server;
        priority = params.priority();
        server = params.server();
        quirks = params.quirks();
        for (int id = 0; id < vcpus.length; id++) {
            keyChanged(id);
            // Queued entries keep their places under E27, with keys of the new scheme.
            if (index != null && queued(id)) index.rekey(id, curBudgetUs[id] > 0 ? 0 : 1, queueKey(id));
        }
        if (schemeChanged) {
            if (quirks.switchKeepsOrder()) unsorted = true; else resortQueues();
        }
        if (serverChanged) {
            for (Domain d : ctx.pool().domains()) {
                for (Vcpu v : d.vcpus()) {
                    if (inserted[v.id()]) requeueForServer(v);
                }
            }
        }
    }

    private void resortQueues() {
        for (int q = 0; q < head.length; q++) {
            int count = 0;
            for (int id = head[q]; id != NONE; id = next[id]) scratch[count++] = id;
            for (int k = 0; k < count; k++) dequeue(scratch[k]);
            for (int k = 0; k < count; k++) enqueue(q, scratch[k]);
        }
        unsorted = false;
    }

    /** After a server switch: a ready idle VCPU joins a queue, an idle one that is no longer ready leaves its queue. */
    abstract void requeueForServer(Vcpu v);

    // ------------------------------------------------------------------------------------------- invariants

    /** Checks what both schedulers keep: queue order, budgets, the served/queued bookkeeping. */
    final void checkCommon(long now) {
        if (!unsorted) {
            for (int q = 0; q < head.length; q++) {
                for (int a = head[q]; a != NONE && next[a] != NONE; a = next[a]) {
                    int b = next[a];
                    boolean aEmpty = curBudgetUs[a] == 0;
                    boolean bEmpty = curBudgetUs[b] == 0;
                    if ((aEmpty && !bEmpty) || (aEmpty == bEmpty && compareKeys(a, b) > 0)) {
                        fail(now, "queue " + q + " out of order: " + vcpus[a] + " before " + vcpus[b]);
                    }
                }
            }
        }
        for (Pcpu p : ctx.pool().pcpus()) {
            int id = served[p.id()];
            if (id != NONE && servedOn[id] != p.id()) fail(now, p + " serves " + vcpus[id] + ", which is served elsewhere");
            if (!p.current().isIdle() && p.current().id() != id) fail(now, p + " runs " + p.current() + " but serves " + id);
        }
        for (Domain d : ctx.pool().domains()) {
            for (Vcpu v : d.vcpus()) {
                int id = v.id();
                if (curBudgetUs[id] < 0 || curBudgetUs[id] > budgetUs[id]) fail(now, v + " has budget " + curBudgetUs[id] + " us");
                if (queued(id) && servedOn[id] != NONE) fail(now, v + " is both queued and served");
                if (queued(id) && !ready(id)) fail(now, v + " is queued but not ready");
            }
        }
    }

    static void fail(long now, String what) {
        throw new IllegalStateException("RT-Xen 2.0 at " + now + " ns: " + what);
    }
}
