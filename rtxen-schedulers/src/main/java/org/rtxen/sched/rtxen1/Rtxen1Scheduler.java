package org.rtxen.sched.rtxen1;

import java.util.Arrays;
import java.util.List;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.Decision;
import org.rtxen.engine.machine.SchedContext;
import org.rtxen.engine.machine.VcpuScheduler;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * RT-Xen 1.0 (EMSOFT 2011, a Xen 4.0.1 fork whose source is not public; spec section 4): partitioned
 * fixed-priority servers on a 1 ms quantum.
 *
 * <p>Queues (S1): one run queue per pCPU holding every VCPU assigned to it, runnable or not, in priority order (smaller
 * number first, then shorter period, then VCPU id). A VCPU stays on the pCPU it was placed on; it moves only when its
 * affinity no longer allows that pCPU, and joins the new pCPU's queue when its migration ends, blocked or not. Eligible
 * VCPUs (positive budget) run by preemptive fixed priority. Quantum model (S2, S3 [R]): every pCPU decides at each
 * multiple of 1 ms and at once on wake and block; each decision first charges the VCPU whose budget was burning since
 * the previous decision, then applies every replenishment due at or before now (so a period starting on a quantum
 * boundary is replenished at that very decision), then picks. A slice ends at the next quantum boundary or when the
 * charged budget runs out. Servers, one per pool: Deferrable (S4), Periodic (S5: the highest-priority VCPU with budget
 * burns it even while idle and the pCPU idles with it), Polling (S6: a VCPU with budget and nothing to run loses the
 * budget) and Sporadic (S7: consumed budget comes back one period after the activation that consumed it; an activation
 * that exhausts the capacity ends when it is charged, before the replenishments, so with budget = period the capacity
 * comes back at the decision that finds it exhausted). Each server period starts when the VCPU is inserted.
 * {@link #adjustGlobal} switches the server at run time (S9 [R]): budgets and period grids are kept and every pCPU of
 * the pool decides again at once under the new server.
 */
public final class Rtxen1Scheduler implements VcpuScheduler {
    /** The scheduling quantum, 1 ms (S2, T4). */
    public static final long QUANTUM_NS = 1_000_000L;
    /** Pending Sporadic Server replenishments per VCPU; a further one is merged into the last (S7 [R]). */
    static final int MAX_REPLENISHMENTS = 8;
    /**
     * A pCPU's run queue starts this long and doubles when full: sized for every VCPU of the host, the queues of a
     * large host would take P x V ints to create.
     */
    private static final int FIRST_RUNQ_CAPACITY = 8;

    private SchedContext ctx;
    private Vcpu[] vcpus;
    private Pcpu[] pcpus;
    private Server server = Server.DEFERRABLE;

    // Per-VCPU state, indexed by Vcpu.id().
    private long[] period;
    private long[] budget;
    private int[] priority;
    private long[] curBudget; // remaining budget (Sporadic: capacity) as of the last charge
    private long[] nextPeriod; // start of the VCPU's next server period (its replenishment time, S4-S6)
    private int[] home; // the pCPU whose run queue holds it, or -1
    // Sporadic Server (S7): activation and pending replenishments, MAX_REPLENISHMENTS slots per VCPU, by time.
    private boolean[] active;
    private long[] activatedAt;
    private long[] consumed;
    private int[] replCount;
    private long[] replAt;
    private long[] replAmount;

    // Per-pCPU state, indexed by Pcpu.id().
    private int[][] runq; // VCPU ids in priority order, each array grown as its queue first needs it
    private int[] runqSize;
    private int[] charged; // the VCPU whose budget burns since chargedFrom, or -1
    private long[] chargedFrom;
    private long[] nextReplenishment; // no replenishment on this pCPU is due before this time
    /** What every schedule call returns, refilled each time so that deciding never allocates. */
    private final Decision decision = new Decision();

    @Override
    public void init(SchedContext ctx) {
        this.ctx = ctx;
        List<Vcpu> all = ctx.host().vcpus();
        int n = all.size();
        vcpus = all.toArray(new Vcpu[0]);
        pcpus = ctx.host().pcpus().toArray(new Pcpu[0]);
        period = new long[n];
        budget = new long[n];
        priority = new int[n];
        curBudget = new long[n];
        nextPeriod = new long[n];
        home = new int[n];
        active = new boolean[n];
        activatedAt = new long[n];
        consumed = new long[n];
        replCount = new int[n];
        replAt = new long[n * MAX_REPLENISHMENTS];
        replAmount = new long[n * MAX_REPLENISHMENTS];
        Arrays.fill(home, -1);
        int m = pcpus.length;
        runq = new int[m][];
        runqSize = new int[m];
        charged = new int[m];
        chargedFrom = new long[m];
        nextReplenishment = new long[m];
        Arrays.fill(charged, -1);
        for (Pcpu p : ctx.pool().pcpus()) {
            runq[p.id()] = new int[FIRST_RUNQ_CAPACITY];
            nextReplenishment[p.id()] = Long.MAX_VALUE;
            ctx.tickle(p); // the first decision starts the quantum tick (S2)
        }
    }

    // ------------------------------------------------------------------------------------------- run queues (S1)

    /** Negative when {@code a} has higher priority than {@code b}: priority, then period (rate-monotonic), then id. */
    private int compare(int a, int b) {
        if (priority[a] != priority[b]) return Integer.compare(priority[a], priority[b]);
        if (period[a] != period[b]) return Long.compare(period[a], period[b]);
        return Integer.compare(a, b);
    }

    private void enqueue(int cpu, int id) {
        int[] q = runq[cpu];
        if (runqSize[cpu] == q.length) q = runq[cpu] = Arrays.copyOf(q, 2 * q.length); // a new longest queue
        int i = runqSize[cpu]++;
        while (i > 0 && compare(id, q[i - 1]) < 0) {
            q[i] = q[i - 1];
            i--;
        }
        q[i] = id;
        home[id] = cpu;
        nextReplenishment[cpu] = Math.min(nextReplenishment[cpu], nextReplenishmentOf(id));
    }

    private void dequeue(int id) {
        int cpu = home[id];
        if (cpu < 0) return;
        int[] q = runq[cpu];
        int size = runqSize[cpu];
        int i = 0;
        while (q[i] != id) i++;
        System.arraycopy(q, i + 1, q, i, size - i - 1);
        runqSize[cpu] = size - 1;
        home[id] = -1;
        if (charged[cpu] == id) {
            charge(cpu, ctx.now()); // S3: what it burnt since the last decision, as a Periodic Server's idle holder
            charged[cpu] = -1;
        }
        ctx.tickle(pcpus[cpu]); // the pick there may change (a Periodic Server's idle holder may be the one leaving)
    }

    /** Moves {@code v} to the run queue of its processor if it is elsewhere (insertion, end of a migration). */
    private void rehome(Vcpu v) {
        int id = v.id();
        int cpu = v.processor().id();
        if (home[id] == cpu) return;
        if (home[id] >= 0) {
            if (active[id]) deactivate(id);
            dequeue(id);
        }
        enqueue(cpu, id);
    }

    // ------------------------------------------------------------------------------------------- budgets (S3-S7)

    /**
     * S3: charges the VCPU whose budget burnt since the last decision on {@code cpu}; a Sporadic Server that exhausts
     * its capacity ends its activation now (S7), so that a replenishment it posts for now is applied by this decision.
     */
    private void charge(int cpu, long now) {
        int id = charged[cpu];
        if (id < 0 || curBudget[id] == 0) return; // nothing burnt, or its exhaustion is already told
        long used = Math.min(now - chargedFrom[cpu], curBudget[id]); // an overrun in a context switch is forgiven
        curBudget[id] -= used;
        if (active[id]) consumed[id] += used;
        if (curBudget[id] > 0) return;
        if (active[id]) deactivate(id);
        ctx.budgetExhausted(vcpus[id]);
    }

    /**
     * Charges the VCPU burning on {@code cpu} up to now, so that a change of its budget or server starts from its
     * capacity now: otherwise the next decision charges the time before the change against the state after it (S7).
     */
    private void chargeUpToNow(int cpu) {
        long now = ctx.now();
        charge(cpu, now);
        chargedFrom[cpu] = now;
    }

    /** S3-S7: every replenishment due at or before {@code now} on {@code cpu}; the period grid advances in every server. */
    private void replenish(int cpu, long now) {
        long earliest = Long.MAX_VALUE;
        int[] q = runq[cpu];
        for (int i = 0, size = runqSize[cpu]; i < size; i++) {
            int id = q[i];
            if (nextPeriod[id] <= now) {
                if (server != Server.SPORADIC) refill(id, budget[id]); // S4-S6: full budget, unused budget lost
                nextPeriod[id] += period[id] * ((now - nextPeriod[id]) / period[id] + 1);
            }
            if (server == Server.SPORADIC) applySporadicReplenishments(id, now);
            earliest = Math.min(earliest, nextReplenishmentOf(id));
        }
        nextReplenishment[cpu] = earliest;
    }

    /** Sets the VCPU's capacity to a positive {@code amount} and tells tracing it may run again. */
    private void refill(int id, long amount) {
        curBudget[id] = amount;
        ctx.budgetReplenished(vcpus[id]);
    }

    private long nextReplenishmentOf(int id) {
        return replCount[id] > 0 ? Math.min(nextPeriod[id], replAt[id * MAX_REPLENISHMENTS]) : nextPeriod[id];
    }

    /** S7: adds back every pending replenishment due by {@code now}, capped at the budget. */
    private void applySporadicReplenishments(int id, long now) {
        int base = id * MAX_REPLENISHMENTS;
        int due = 0;
        while (due < replCount[id] && replAt[base + due] <= now) {
            refill(id, Math.min(budget[id], curBudget[id] + replAmount[base + due]));
            due++;
        }
        if (due == 0) return;
        int left = replCount[id] - due;
        System.arraycopy(replAt, base + due, replAt, base, left);
        System.arraycopy(replAmount, base + due, replAmount, base, left);
        replCount[id] = left;
    }

    /** S7: the VCPU starts executing with capacity: its consumption is returned one period after now. */
    private void activate(int id, long now) {
        active[id] = true;
        activatedAt[id] = now;
        consumed[id] = 0;
    }

    /** S7: the VCPU stops executing (blocks, is preempted or exhausts its capacity): post what it consumed. */
    private void deactivate(int id) {
        active[id] = false;
        if (consumed[id] > 0) postReplenishment(id, activatedAt[id] + period[id], consumed[id]);
        consumed[id] = 0;
    }

    /**
     * S7, S9 [R]: restarts the Sporadic Server bookkeeping from the current capacity (charged up to now): pending
     * replenishments are dropped and the budget missing now comes back at the next period start, as a periodic server
     * would refill it. A VCPU burning its pCPU's budget now (picked before the change) is activated now, so that what
     * it burns until the next decision is consumption to return like any other.
     */
    private void restartSporadic(int id) {
        active[id] = false;
        consumed[id] = 0;
        replCount[id] = 0;
        if (curBudget[id] < budget[id]) postReplenishment(id, nextPeriod[id], budget[id] - curBudget[id]);
        if (home[id] >= 0 && charged[home[id]] == id && curBudget[id] > 0) activate(id, ctx.now());
    }

    private void postReplenishment(int id, long at, long amount) {
        int base = id * MAX_REPLENISHMENTS;
        int count = replCount[id];
        if (count == MAX_REPLENISHMENTS) { // S7 [R]: merged into the last one, at the later time
            int last = base + count - 1;
            replAt[last] = Math.max(replAt[last], at);
            replAmount[last] += amount;
        } else {
            int i = base + count;
            while (i > base && replAt[i - 1] > at) {
                replAt[i] = replAt[i - 1];
                replAmount[i] = replAmount[i - 1];
                i--;
            }
            replAt[i] = at;
            replAmount[i] = amount;
            replCount[id] = count + 1;
        }
        if (home[id] >= 0) nextReplenishment[home[id]] = Math.min(nextReplenishment[home[id]], at);
    }

    /** S6: at a decision, every VCPU of the queue with budget but nothing to run loses its budget. */
    private void discardIdleBudgets(int cpu) {
        int[] q = runq[cpu];
        for (int i = 0, size = runqSize[cpu]; i < size; i++) {
            int id = q[i];
            if (curBudget[id] > 0 && !vcpus[id].isRunnable()) {
                curBudget[id] = 0;
                ctx.budgetExhausted(vcpus[id]); // if it wakes before its next period, it waits out of budget
            }
        }
    }

    /**
     * S1, S5: the VCPU whose budget burns next on {@code cpu}: the first of the queue that has budget and is runnable;
     * under the Periodic Server the first that has budget, runnable or not (the pCPU then idles), among those its
     * affinity allows there (a VCPU pinned away stays queued here until its migration ends, or while it is paused,
     * and holds the pCPU no longer). -1 if none.
     */
    private int pick(int cpu) {
        int[] q = runq[cpu];
        for (int i = 0, size = runqSize[cpu]; i < size; i++) {
            int id = q[i];
            if (curBudget[id] > 0 && (vcpus[id].isRunnable() || server == Server.PERIODIC)
                    && vcpus[id].affinityInPool().contains(cpu)) {
                return id;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------- hooks

    /** No: a VCPU never runs beyond its budget, and never moves to an idle pCPU (S1). */
    @Override
    public boolean isWorkConserving() {
        return false;
    }

    /** Its pool may gain and lose pCPUs at run time. */
    @Override
    public boolean canResizePool() {
        return true;
    }

    /**
     * A pCPU joins the pool ({@code xl cpupool-cpu-add}): an empty run queue of its own (S1) whose first decision
     * starts its quantum tick (S2); partitioned, it takes no VCPU until one is placed there ([R]: the RT-Xen 1.0 source
     * is not public; this follows Xen 4.0's schedule_cpu_switch with per-pCPU queues).
     */
    @Override
    public void joinPool(Pcpu p) {
        int cpu = p.id();
        if (runq[cpu] == null) {
            runq[cpu] = new int[FIRST_RUNQ_CAPACITY];
        }
        runqSize[cpu] = 0;
        charged[cpu] = -1;
        nextReplenishment[cpu] = Long.MAX_VALUE;
        ctx.tickle(p);
    }

    /**
     * A pCPU leaves the pool ({@code xl cpupool-cpu-remove}): its runnable VCPUs have migrated to the next pCPU of
     * their affinity ({@link #pickCpu}) and re-queued there on waking; the blocked ones still on its run queue were
     * moved by the framework too, and join their new pCPU's queue now, keeping their budgets and period grid (S1). A
     * new pCPU whose pick that changes decides again (a Periodic Server's idle budget holder may now be first there).
     */
    @Override
    public void leavePool(Pcpu p) {
        int cpu = p.id();
        charge(cpu, ctx.now()); // S3, S5: a Periodic Server holding the pCPU idle burnt its budget until now
        int[] q = runq[cpu];
        for (int i = 0, size = runqSize[cpu]; i < size; i++) {
            home[q[i]] = -1;
            int to = vcpus[q[i]].processor().id();
            int before = pick(to);
            enqueue(to, q[i]);
            if (pick(to) != before) ctx.tickle(pcpus[to]);
        }
        runqSize[cpu] = 0;
        charged[cpu] = -1;
        nextReplenishment[cpu] = Long.MAX_VALUE;
    }

    /** S1: the VCPU stays where it is if allowed there, else the next allowed pCPU (as G13). */
    @Override
    public Pcpu pickCpu(Vcpu v) {
        return pcpus[v.affinityInPool().atOrAfter(v.processor().id())];
    }

    /** The VCPU's first server period starts now, with a full budget. */
    @Override
    public void insert(Vcpu v) {
        int id = v.id();
        long now = ctx.now();
        refill(id, budget[id]);
        nextPeriod[id] = now + period[id];
        replCount[id] = 0;
        active[id] = false;
        int cpu = v.processor().id();
        int before = pick(cpu);
        rehome(v);
        // A domain created late may hold a higher priority than the pick there (a Periodic Server's idle holder).
        if (pick(cpu) != before) ctx.tickle(v.processor());
    }

    @Override
    public void remove(Vcpu v) {
        int id = v.id();
        active[id] = false;
        replCount[id] = 0;
        dequeue(id);
    }

    /** Joins the queue of its processor (after a migration) and makes that pCPU decide at once (S3). */
    @Override
    public void wake(Vcpu v) {
        rehome(v);
        ctx.tickle(v.processor());
    }

    /**
     * S1, S5: a VCPU blocked in its guest whose migration has ended joins its new pCPU's queue now rather than at its
     * next wake, so that a Periodic Server holding a pCPU idle holds one its affinity allows; the pCPU it leaves is
     * charged up to now and decides again, and the pCPU it joins decides again if its pick changes.
     */
    @Override
    public void resumedWhileBlocked(Vcpu v) {
        int cpu = v.processor().id();
        if (home[v.id()] == cpu) return; // an unpause, or a migration that kept it where it was
        int before = pick(cpu);
        rehome(v);
        if (pick(cpu) != before) ctx.tickle(v.processor());
    }

    /** A current VCPU is switched out by a decision on its pCPU; a queued one just stays queued, not runnable. */
    @Override
    public void sleep(Vcpu v) {
        if (v.isCurrent()) ctx.tickle(v.processor());
    }

    /**
     * S1, S5: a queued VCPU, not current, whose affinity starts or stops allowing the pCPU whose queue holds it (it stays
     * there while paused) may change that pCPU's pick, as a Periodic Server's idle budget holder: that pCPU decides
     * again at once.
     */
    @Override
    public void adjustAffinity(Vcpu v, CpuMask hard) {
        int cpu = home[v.id()];
        if (cpu >= 0 && !v.isCurrent() && v.affinityInPool().contains(cpu) != hard.contains(cpu)) {
            ctx.tickle(pcpus[cpu]);
        }
    }

    @Override
    public Decision schedule(Pcpu pcpu, long now) {
        int cpu = pcpu.id();
        Vcpu cur = pcpu.current();
        charge(cpu, now);
        if (now >= nextReplenishment[cpu]) replenish(cpu, now);
        if (server == Server.POLLING) discardIdleBudgets(cpu);
        int burning = pick(cpu);
        Vcpu next = burning >= 0 && vcpus[burning].isRunnable() ? vcpus[burning] : pcpu.idleVcpu();
        if (server == Server.SPORADIC) {
            if (!cur.isIdle() && cur != next && active[cur.id()]) deactivate(cur.id());
            if (!next.isIdle() && !active[next.id()]) activate(next.id(), now);
        }
        charged[cpu] = burning;
        chargedFrom[cpu] = now;
        long end = (now / QUANTUM_NS + 1) * QUANTUM_NS;
        if (burning >= 0) end = Math.min(end, now + curBudget[burning]);
        return decision.set(next, end - now, false);
    }

    /** Sets period, budget and priority of every VCPU of the domain; a smaller budget caps the remaining one. */
    @Override
    public void adjust(Domain d, SchedParams p) {
        Rtxen1Params params = p instanceof Rtxen1Params r ? r : Rtxen1Params.DEFAULTS;
        for (Vcpu v : d.vcpus()) {
            int id = v.id();
            int cpu = home[id];
            if (cpu >= 0 && charged[cpu] == id) chargeUpToNow(cpu);
            if (cpu >= 0) dequeueKeepingState(id);
            period[id] = params.periodNs();
            budget[id] = params.budgetNs();
            priority[id] = params.priority();
            curBudget[id] = Math.min(curBudget[id], budget[id]);
            if (cpu >= 0) enqueue(cpu, id);
            if (server == Server.SPORADIC) restartSporadic(id);
        }
    }

    /** Takes the VCPU off its queue to re-position it, keeping its charge on the pCPU. */
    private void dequeueKeepingState(int id) {
        int cpu = home[id];
        int burning = charged[cpu];
        dequeue(id);
        charged[cpu] = burning;
    }

    /**
     * S9 [R]: switches the pool's server. Budgets and period grids are kept; a Sporadic Server starts with its
     * budget already used this period due back at its next period start (as the old server would have refilled it),
     * and leaving it drops its pending replenishments. Every pCPU of the pool decides again now under the new server.
     */
    @Override
    public void adjustGlobal(PoolParams p) {
        Server to = p instanceof Rtxen1PoolParams r ? r.server() : Server.DEFERRABLE;
        if (to == server) return;
        Server from = server;
        server = to;
        for (Pcpu pcpu : ctx.pool().pcpus()) {
            int cpu = pcpu.id();
            chargeUpToNow(cpu);
            int[] q = runq[cpu];
            for (int i = 0, size = runqSize[cpu]; i < size; i++) {
                int id = q[i];
                if (from == Server.SPORADIC) {
                    active[id] = false;
                    consumed[id] = 0;
                    replCount[id] = 0;
                } else if (to == Server.SPORADIC) {
                    restartSporadic(id);
                }
            }
            ctx.tickle(pcpu);
        }
    }

    // ------------------------------------------------------------------------------------------- invariants

    @Override
    public void checkInvariants(long now) {
        for (Pcpu pcpu : ctx.pool().pcpus()) {
            int cpu = pcpu.id();
            int[] q = runq[cpu];
            for (int i = 0; i < runqSize[cpu]; i++) {
                if (home[q[i]] != cpu) fail(now, vcpus[q[i]] + " is on the queue of " + pcpu + " but homed elsewhere");
                if (i > 0 && compare(q[i - 1], q[i]) > 0) fail(now, "queue of " + pcpu + " out of priority order");
            }
            if (pcpu.isSwitching() || pcpu.isReschedulePending()) continue;
            // Between decisions nothing a decision reads has changed, so the current VCPU is still the pick.
            int burning = pick(cpu);
            Vcpu expected = burning >= 0 && vcpus[burning].isRunnable() ? vcpus[burning] : pcpu.idleVcpu();
            if (pcpu.current() != expected) fail(now, pcpu + " runs " + pcpu.current() + " but the pick is " + expected);
            if (burning >= 0 && curBudget[burning] - (now - chargedFrom[cpu]) < 0) fail(now, vcpus[burning] + " ran past its budget");
        }
        for (Domain d : ctx.pool().domains()) {
            if (!d.isLive()) continue; // not created yet, or destroyed (remove dropped its replenishments)
            for (Vcpu v : d.vcpus()) checkVcpu(v, now);
        }
    }

    private void checkVcpu(Vcpu v, long now) {
        int id = v.id();
        if (v.isRunnable() && home[id] != v.processor().id()) fail(now, v + " is runnable but not queued on " + v.processor());
        if (curBudget[id] < 0 || curBudget[id] > budget[id]) fail(now, v + " has budget " + curBudget[id] + " outside [0, " + budget[id] + "]");
        if (server != Server.SPORADIC) return;
        // S7: capacity, consumption in the running activation and pending replenishments add up to the budget.
        long total = curBudget[id] + consumed[id];
        for (int k = 0; k < replCount[id]; k++) total += replAmount[id * MAX_REPLENISHMENTS + k];
        if (total != budget[id]) fail(now, v + ": capacity, consumption and replenishments add up to " + total);
    }

    private static void fail(long now, String what) {
        throw new IllegalStateException("rtxen1 at " + now + " ns: " + what);
    }
}
