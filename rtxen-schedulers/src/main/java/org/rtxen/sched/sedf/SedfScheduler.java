package org.rtxen.sched.sedf;

import java.util.Arrays;
import java.util.List;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.Decision;
import org.rtxen.engine.machine.SchedContext;
import org.rtxen.engine.machine.VcpuScheduler;
import org.rtxen.model.params.SchedParams;

/**
 * SEDF as in Xen 4.5 {@code xen/common/sched_sedf.c} (spec section 5): each pCPU schedules the VCPUs placed on it
 * (S5.2; there is no load balancing) by EDF over their periods and slices, and hands time nobody reserved to
 * extra-time VCPUs in 500 us chunks, penalty queue first, then the utilisation queue in weighted round robin.
 *
 * <p>Queues per pCPU (S5.1): {@code runq} (in their current period, by absolute deadline), {@code waitq} (waiting
 * for their next period, by period start) and the two extra queues {@code PEN} and {@code UTIL} (by score). A VCPU
 * is on at most one of runq and waitq, and independently on either extra queue. Time is charged when a VCPU is
 * descheduled (S5.7, S5.8). Per-VCPU state is kept in arrays indexed by {@link Vcpu#id()}.
 */
public final class SedfScheduler implements VcpuScheduler {
    /** EXTRA_QUANTUM: the length of one extra-time run (S5.4). */
    static final long EXTRA_QUANTUM_NS = 500_000L;
    /** WEIGHT_PERIOD: the period of weighted VCPUs (S5.4). */
    static final long WEIGHT_PERIOD_NS = 100_000_000L;
    /** WEIGHT_SAFETY: the part of WEIGHT_PERIOD weights never share (S5.4). */
    static final long WEIGHT_SAFETY_NS = 5_000_000L;
    /** The idle VCPU's slice when there is nothing to run at all (S5.6.4). */
    static final long IDLE_SLICE_NS = 1_000_000_000L;
    private static final int PEN = 0;
    private static final int UTIL = 1;

    private SchedContext ctx;
    private Vcpu[] vcpus;
    private Pcpu[] pcpus;

    // Parameters (S5.3), indexed by Vcpu.id().
    private long[] period;
    private long[] slice;
    private long[] latency;
    private boolean[] extraAware;
    private int[] weight;
    /** How many VCPUs have a weight: without one, {@link #adjustWeights} has nothing to set. */
    private int weighted;
    private int[] extraWeight;

    // State (S5.3).
    private long[] deadlAbs;
    private long[] cputime;
    private long[] schedStartAbs;
    private long[][] score;
    private boolean[] asleep;
    private boolean[] runPen;
    private boolean[] runUtil;
    private boolean[] wantPenQ;

    // Queues (S5.1) and per-pCPU state.
    private CpuQueues runq;
    private CpuQueues waitq;
    private CpuQueues[] extraq;
    private long[] currentSliceExpires;
    /** What every schedule call returns, refilled each time so that deciding never allocates. */
    private final Decision decision = new Decision();
    // Scratch sums for the weight recomputation (S5.5), by pCPU id.
    private long[] sumw;
    private long[] sumt;
    /** Scratch for {@link #adjust}: each VCPU's period before the change, by VCPU id. */
    private long[] periodBefore;
    /**
     * waitq entries whose key may be out of order: their period changed in place while queued (S5.5 does not re-queue,
     * so PERIOD_BEGIN moves), or they were inserted by a scan that passed such an entry. By VCPU id, and counted per pCPU;
     * the order invariant holds for a waitq again once it holds none.
     */
    private boolean[] rekeyed;
    private int[] rekeyedOnWaitq;

    @Override
    public void init(SchedContext context) {
        this.ctx = context;
        List<Vcpu> all = context.host().vcpus();
        int n = all.size();
        int m = context.host().pcpus().size();
        vcpus = all.toArray(new Vcpu[0]);
        pcpus = context.host().pcpus().toArray(new Pcpu[0]);
        period = new long[n];
        slice = new long[n];
        latency = new long[n];
        extraAware = new boolean[n];
        weight = new int[n];
        extraWeight = new int[n];
        deadlAbs = new long[n];
        cputime = new long[n];
        schedStartAbs = new long[n];
        score = new long[][] {new long[n], new long[n]};
        asleep = new boolean[n];
        runPen = new boolean[n];
        runUtil = new boolean[n];
        wantPenQ = new boolean[n];
        for (Vcpu v : all) {
            // S5.4: every new VCPU starts best effort and asleep, deadline 0.
            int id = v.id();
            period[id] = SedfParams.DEFAULTS.periodNs();
            extraAware[id] = !v.isIdle();
            extraWeight[id] = 1;
            asleep[id] = true;
        }
        runq = new CpuQueues(n, m);
        waitq = new CpuQueues(n, m);
        extraq = new CpuQueues[] {new CpuQueues(n, m), new CpuQueues(n, m)};
        currentSliceExpires = new long[m];
        sumw = new long[m];
        sumt = new long[m];
        periodBefore = new long[n];
        rekeyed = new boolean[n];
        rekeyedOnWaitq = new int[m];
    }

    private long periodBegin(int id) {
        return deadlAbs[id] - period[id];
    }

    // ------------------------------------------------------------------------------------------- queues (S5.1)

    /** runq insertion by absolute deadline, behind equal ones: the VCPU has a slice to run in this period. */
    private void runqInsert(int id) {
        int cpu = vcpus[id].processor().id();
        int it = runq.first(cpu);
        while (it >= 0 && deadlAbs[it] <= deadlAbs[id]) it = runq.next(it);
        runq.insertBefore(cpu, id, it);
        ctx.budgetReplenished(vcpus[id]);
    }

    /**
     * waitq insertion by period start, behind equal ones: the VCPU has no slice left until its next period (it may
     * still get extra time), which timelines show as out of budget.
     */
    private void waitqInsert(int id) {
        int cpu = vcpus[id].processor().id();
        int it = waitq.first(cpu);
        while (it >= 0 && periodBegin(it) <= periodBegin(id)) it = waitq.next(it);
        waitq.insertBefore(cpu, id, it);
        if (rekeyedOnWaitq[cpu] > 0) markRekeyed(id, cpu);
        ctx.budgetExhausted(vcpus[id]);
    }

    /** Off runq or waitq, whichever holds it. */
    private void dequeue(int id) {
        if (!runq.remove(id)) waitqRemove(id);
    }

    private void waitqRemove(int id) {
        if (rekeyed[id]) {
            rekeyed[id] = false;
            rekeyedOnWaitq[vcpus[id].processor().id()]--;
        }
        waitq.remove(id);
    }

    private void markRekeyed(int id, int cpu) {
        rekeyed[id] = true;
        rekeyedOnWaitq[cpu]++;
    }

    private boolean onQueue(int id) {
        return runq.contains(id) || waitq.contains(id);
    }

    /** Into the runq if its period has begun, else the waitq (S5.9, S5.11.5). */
    private void requeue(int id, long now) {
        if (periodBegin(id) > now) waitqInsert(id); else runqInsert(id);
    }

    /**
     * Sorted insertion into extra queue {@code i} by score: every entry walked past, and the one it stops at, has
     * {@code sub} taken off its score, which makes the UTIL queue a weighted round robin (S5.8).
     */
    private void extraqAdd(int id, int i, long sub) {
        CpuQueues q = extraq[i];
        long[] s = score[i];
        int it = q.first(vcpus[id].processor().id());
        while (it >= 0) {
            s[it] -= sub;
            if (s[id] < s[it]) break;
            it = q.next(it);
        }
        q.insertBefore(vcpus[id].processor().id(), id, it);
    }

    /** The UTIL score, the inverse of the VCPU's utilisation: 100% scores like extraweight 128 (S5.8). */
    private long utilScore(int id) {
        if (extraWeight[id] > 0) return (1L << 17) / extraWeight[id];
        return slice[id] > 0 ? (period[id] << 10) / slice[id] : Long.MAX_VALUE;
    }

    // ------------------------------------------------------------------------------------------- deschedule (S5.7, S5.8)

    /** S5.7: charge the EDF run that just ended and move the VCPU on if its slice is used or it stopped. */
    private void deschedEdf(int id, long now, boolean runnable) {
        cputime[id] += now - schedStartAbs[id];
        if (cputime[id] < slice[id] && runnable) return; // stays at the head of runq
        dequeue(id);
        if (cputime[id] >= slice[id]) {
            cputime[id] -= slice[id]; // an overrun carries into the next period
            deadlAbs[id] += period[id];
        }
        if (runnable) {
            waitqInsert(id);
        } else {
            extraq[PEN].remove(id);
            extraq[UTIL].remove(id);
        }
    }

    /** S5.8: end an extra-time run from queue {@code i}. */
    private void deschedExtra(int id, int i, boolean runnable) {
        runPen[id] = false;
        runUtil[id] = false;
        cputime[id] = 0;
        extraq[i].remove(id);
        long old = score[i][id];
        boolean entitled;
        if (i == PEN) {
            wantPenQ[id] = false; // the penalty counts as fully repaid (S5.8)
            entitled = false;
        } else {
            score[UTIL][id] = utilScore(id);
            entitled = extraAware[id];
        }
        if (runnable) {
            if (entitled) extraqAdd(id, i, old);
        } else {
            dequeue(id);
            extraq[1 - i].remove(id);
        }
    }

    // ------------------------------------------------------------------------------------------- schedule (S5.6, S5.9, S5.10)

    /** S5.9: start the periods that have begun, then move runq VCPUs that are best effort or behind on. */
    private void updateQueues(int cpu, long now) {
        for (int id = waitq.first(cpu); id >= 0 && periodBegin(id) <= now; id = waitq.first(cpu)) {
            waitqRemove(id);
            runqInsert(id);
        }
        for (int id = runq.first(cpu); id >= 0; id = runq.first(cpu)) {
            if (slice[id] == 0) {
                runq.remove(id);
                deadlAbs[id] += period[id];
                if (periodBegin(id) < now) deadlAbs[id] += divUp(now - periodBegin(id), period[id]) * period[id];
                waitqInsert(id);
            } else if (deadlAbs[id] < now || cputime[id] > slice[id]) {
                runq.remove(id);
                deadlAbs[id] += period[id];
                if (deadlAbs[id] < now) deadlAbs[id] += divUp(now - deadlAbs[id], period[id]) * period[id];
                cputime[id] = 0;
                requeue(id, now);
            } else {
                break;
            }
        }
    }

    private static long divUp(long a, long b) {
        return (a + b - 1) / b;
    }

    @Override
    public Decision schedule(Pcpu pcpu, long now) {
        int cpu = pcpu.id();
        Vcpu cur = pcpu.current();
        if (!cur.isIdle()) {
            int id = cur.id();
            boolean runnable = cur.isRunnable();
            if (!runnable) asleep[id] = true; // S5.6.1
            if (runPen[id]) deschedExtra(id, PEN, runnable);
            else if (runUtil[id]) deschedExtra(id, UTIL, runnable);
            else deschedEdf(id, now, runnable);
        }
        updateQueues(cpu, now);
        Vcpu next = pcpu.idleVcpu();
        long time;
        if (runq.isEmpty(cpu) && waitq.isEmpty(cpu)) {
            time = IDLE_SLICE_NS;
        } else if (!runq.isEmpty(cpu)) {
            int h = runq.first(cpu);
            next = vcpus[h];
            time = slice[h] - cputime[h];
            if (!waitq.isEmpty(cpu)) time = Math.min(time, periodBegin(waitq.first(cpu)) - now);
        } else {
            long end = periodBegin(waitq.first(cpu));
            time = end - now;
            if (time >= EXTRA_QUANTUM_NS) { // S5.10
                int i = !extraq[PEN].isEmpty(cpu) ? PEN : !extraq[UTIL].isEmpty(cpu) ? UTIL : -1;
                if (i >= 0) {
                    int h = extraq[i].first(cpu);
                    next = vcpus[h];
                    if (i == PEN) runPen[h] = true; else runUtil[h] = true;
                    time = EXTRA_QUANTUM_NS;
                }
            }
        }
        if (time < 0) time = EXTRA_QUANTUM_NS; // S5.6.5: "behind schedule"
        schedStartAbs[next.id()] = now;
        currentSliceExpires[cpu] = now + time;
        return decision.set(next, time, false);
    }

    // ------------------------------------------------------------------------------------------- hooks

    /** S5.2: a static spread by VCPU index, {@code cycle(index mod |mask| - 1, mask)}. */
    @Override
    public Pcpu pickCpu(Vcpu v) {
        CpuMask mask = v.affinityInPool();
        return pcpus[mask.cycle(v.index() % mask.size() - 1)];
    }

    /**
     * A new VCPU is asleep with deadline 0 until it wakes (S5.4); now that it is placed, the weighted slices of its
     * pCPU are recomputed (S5.5), as Xen's adjust saw VCPUs already placed.
     */
    @Override
    public void insert(Vcpu v) {
        adjustWeights();
    }

    /** Off every queue. */
    @Override
    public void remove(Vcpu v) {
        int id = v.id();
        dequeue(id);
        extraq[PEN].remove(id);
        extraq[UTIL].remove(id);
    }

    /** S5.11. */
    @Override
    public void wake(Vcpu v) {
        int id = v.id();
        if (v.isCurrent() || onQueue(id)) return;
        long now = ctx.now();
        asleep[id] = false;
        if (deadlAbs[id] == 0) deadlAbs[id] = now + slice[id]; // initial setup of the deadline
        if (now < periodBegin(id)) { // woken before its next period begins
            if (wantPenQ[id] && !extraq[PEN].contains(id)) extraqAdd(id, PEN, 0);
            if (extraAware[id] && !extraq[UTIL].contains(id)) extraqAdd(id, UTIL, 0);
        } else if (now < deadlAbs[id]) { // short block: the rest of this period's slice is forfeited
            deadlAbs[id] += period[id];
            long penalty = Math.max(0, slice[id] - cputime[id]);
            if (penalty > 0) {
                score[PEN][id] = (period[id] << 10) / penalty;
                extraq[PEN].remove(id);
                extraqAdd(id, PEN, 0);
                wantPenQ[id] = true;
            }
            cputime[id] = 0;
            if (extraAware[id] && !extraq[UTIL].contains(id)) extraqAdd(id, UTIL, 0);
        } else { // long block
            deadlAbs[id] = now + period[id];
            cputime[id] = 0;
            if (extraAware[id] && !extraq[UTIL].contains(id)) extraqAdd(id, UTIL, 0);
        }
        requeue(id, now);
        if (shouldSwitch(v.processor(), id)) ctx.tickle(v.processor());
    }

    /** S5.11.6: EDF &gt; PEN extra &gt; UTIL extra &gt; idle, and any earlier period start preempts. */
    private boolean shouldSwitch(Pcpu p, int other) {
        Vcpu cur = p.current();
        if (periodBegin(other) < currentSliceExpires[p.id()]) return true;
        if (cur.isIdle()) return true;
        int c = cur.id();
        if (runPen[c]) return wantPenQ[other] && score[PEN][other] < score[PEN][c];
        if (runUtil[c]) return wantPenQ[other];
        return false;
    }

    /** S5.11 (sleep): asleep; a running VCPU is descheduled by its pCPU, a queued one leaves every queue. */
    @Override
    public void sleep(Vcpu v) {
        int id = v.id();
        asleep[id] = true;
        if (v.isCurrent()) {
            ctx.tickle(v.processor());
        } else {
            remove(v);
        }
    }

    /**
     * Parameter set for every VCPU of the domain (S5.5): time-driven (weight 0), weighted, or extra-time only; then the
     * weighted slices of the pool are recomputed and the UTIL queue membership re-checked. A null {@code p} (a domain
     * moved into the pool by cpupool-migrate) means the best-effort defaults of S5.4.
     */
    @Override
    public void adjust(Domain d, SchedParams p) {
        SedfParams s = p instanceof SedfParams given ? given : SedfParams.DEFAULTS;
        for (Vcpu v : d.vcpus()) {
            int id = v.id();
            periodBefore[id] = period[id];
            if (s.extratime() && s.weight() > 0 && s.periodNs() == 0) {
                extraWeight[id] = s.weight();
                setWeight(id, 0);
                slice[id] = 0;
                period[id] = WEIGHT_PERIOD_NS;
            } else if (s.weight() > 0) {
                setWeight(id, s.weight());
                extraWeight[id] = 0;
            } else {
                period[id] = s.periodNs();
                slice[id] = s.sliceNs();
                setWeight(id, 0);
                extraWeight[id] = 0;
            }
        }
        adjustWeights();
        for (Vcpu v : d.vcpus()) {
            int id = v.id();
            if (period[id] != periodBefore[id] && waitq.contains(id) && !rekeyed[id]) markRekeyed(id, v.processor().id());
            extraAware[id] = s.extratime();
            latency[id] = s.latencyNs();
            extraqCheck(v);
        }
    }

    private void setWeight(int id, int w) {
        weighted += Integer.signum(w) - Integer.signum(weight[id]);
        weight[id] = w;
    }

    /**
     * S5.5: per pCPU, weighted VCPUs share 100 ms minus 5 ms minus the time-driven reservations by weight. It walks
     * every VCPU of the pool, as Xen does at each adjust, but only when some VCPU has a weight: otherwise it would
     * change nothing, and a host of n VCPUs created with slices would pay n^2 to set up.
     */
    private void adjustWeights() {
        if (weighted == 0) return;
        Arrays.fill(sumw, 0);
        Arrays.fill(sumt, 0);
        for (Domain d : ctx.pool().domains()) {
            if (!d.isLive()) continue;
            for (Vcpu v : d.vcpus()) {
                int id = v.id();
                int cpu = v.processor() == null ? 0 : v.processor().id();
                if (weight[id] > 0) sumw[cpu] += weight[id];
                else if (slice[id] > 0) sumt[cpu] += WEIGHT_PERIOD_NS * slice[id] / period[id];
            }
        }
        for (Domain d : ctx.pool().domains()) {
            if (!d.isLive()) continue;
            for (Vcpu v : d.vcpus()) {
                int id = v.id();
                if (weight[id] == 0) continue;
                int cpu = v.processor() == null ? 0 : v.processor().id();
                period[id] = WEIGHT_PERIOD_NS;
                slice[id] = weight[id] * (WEIGHT_PERIOD_NS - WEIGHT_SAFETY_NS - sumt[cpu]) / sumw[cpu];
            }
        }
    }

    /** Xen's extraq_check: join UTIL if aware and awake, leave it if no longer aware and not running extra. */
    private void extraqCheck(Vcpu v) {
        int id = v.id();
        if (extraq[UTIL].contains(id)) {
            if (!extraAware[id] && !runPen[id] && !runUtil[id]) extraq[UTIL].remove(id);
        } else if (extraAware[id] && !asleep[id] && v.isRunnable()) {
            extraqAdd(id, UTIL, 0);
        }
    }

    /** Its pool may gain and lose pCPUs at run time. */
    @Override
    public boolean canResizePool() {
        return true;
    }

    /** A pCPU joins the pool at run time: its queues are empty already. */
    @Override
    public void joinPool(Pcpu p) {
        currentSliceExpires[p.id()] = 0;
    }

    /** A pCPU leaves the pool at run time: its VCPUs have migrated away, so its queues are empty. */
    @Override
    public void leavePool(Pcpu p) {
        int cpu = p.id();
        if (!runq.isEmpty(cpu) || !waitq.isEmpty(cpu) || !extraq[PEN].isEmpty(cpu) || !extraq[UTIL].isEmpty(cpu)) {
            throw new IllegalStateException("SEDF: " + p + " leaves its pool with VCPUs queued");
        }
    }

    // ------------------------------------------------------------------------------------------- inspection

    /** The VCPU's slice per period now (S5.3; for a weighted VCPU, its share of WEIGHT_PERIOD), for tests. */
    public long sliceOf(Vcpu v) {
        return slice[v.id()];
    }

    /** The VCPU's absolute deadline (S5.3), for tests. */
    public long deadlineOf(Vcpu v) {
        return deadlAbs[v.id()];
    }

    @Override
    public void checkInvariants(long now) {
        for (Pcpu p : ctx.pool().pcpus()) {
            int cpu = p.id();
            for (int a = runq.first(cpu); a >= 0; a = runq.next(a)) {
                checkQueued(a, cpu, now);
                int b = runq.next(a);
                if (b >= 0 && deadlAbs[b] < deadlAbs[a]) fail(now, "runq of " + p + " out of deadline order");
            }
            for (int a = waitq.first(cpu); a >= 0; a = waitq.next(a)) {
                checkQueued(a, cpu, now);
                int b = waitq.next(a);
                if (b >= 0 && rekeyedOnWaitq[cpu] == 0 && periodBegin(b) < periodBegin(a)) {
                    fail(now, "waitq of " + p + " out of period order");
                }
            }
        }
    }

    private void checkQueued(int id, int cpu, long now) {
        Vcpu v = vcpus[id];
        if (v.processor().id() != cpu) fail(now, v + " is queued on pcpu" + cpu + " but assigned to " + v.processor());
        if (asleep[id] && !v.isCurrent()) fail(now, v + " is queued while asleep");
        if (cputime[id] < 0) fail(now, v + " has negative cputime");
    }

    private static void fail(long now, String what) {
        throw new IllegalStateException("SEDF at " + now + " ns: " + what);
    }

    /** Not work conserving across pCPUs: placement is static and there is no load balancing (S5.1, S5.2). */
    @Override
    public boolean isWorkConserving() {
        return false;
    }
}
