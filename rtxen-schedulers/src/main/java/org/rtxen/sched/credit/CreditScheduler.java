package org.rtxen.sched.credit;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rtxen.engine.event.Timer;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Host;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.Decision;
import org.rtxen.engine.machine.SchedContext;
import org.rtxen.engine.machine.VcpuScheduler;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * Xen's proportional-share Credit scheduler (credit1), following {@code xen/common/sched/credit.c} of Xen 4.17.0
 * (spec section 1, rules C1.x).
 *
 * <p>Each pCPU has a {@link RunQueue} ordered BOOST &gt; UNDER &gt; OVER &gt; IDLE. A running VCPU burns one credit
 * per 100 us (C1.12); a per-pCPU tick every 10 ms ends BOOST, charges credit, activates the VCPU and, if another
 * pCPU suits it better, has the framework migrate it ({@link SchedContext#migrate}, C1.14-C1.16); the pool's
 * master pCPU hands out credit in proportion to weight, bounded by caps, every 30 ms and parks capped VCPUs that
 * overspent ({@link SchedContext#pause}, C1.17-C1.20). Waking VCPUs are boosted and tickle an idle pCPU or
 * preempt (C1.21-C1.24); placement spreads load over sockets, cores and threads (C1.26); a pCPU whose best local
 * VCPU is OVER or idle steals higher-priority work from busy peers (C1.30, C1.31). Slices are 30 ms, shortened
 * only by the context-switch rate limit (C1.28, C1.29). Deviations from Xen are listed in docs/fidelity.md.
 */
public final class CreditScheduler implements VcpuScheduler {
    /** Credits a running VCPU burns per millisecond: one credit is 100 us (C1.1). */
    static final int CREDITS_PER_MSEC = 10;
    /** Ticks per time slice (C1.1). */
    static final int TICKS_PER_TSLICE = 3;
    /** The shortest rate-limit slice, Xen's {@code CSCHED_MIN_TIMER}: the constant 100 used as nanoseconds (7.C2). */
    static final long MIN_TIMER_NS = 100;
    /** Xen's interface carries weight and cap as uint16: the largest weight, and the cap value "leave unchanged". */
    static final int UINT16_MAX = 0xFFFF;

    private SchedContext ctx;
    private Host host;

    // Pool-wide parameters (C1.3), recomputed by setTimeslice.
    private long tsliceNs;
    private long tickPeriodNs;
    private int creditsPerTslice;
    private long ratelimitNs;
    /** Whether a VCPU has joined the pool yet: until then pool parameters are creation-time (boot) options. */
    private boolean anyInserted;

    // Pool-wide accounting state (C1.6).
    private final List<CreditDomain> activeDomains = new ArrayList<>();
    private int ncpus;
    /** {@code prv->credit}: credits per tslice times the pool's pCPUs. */
    private long totalCredit;
    /** {@code prv->weight}: the sum over active VCPUs of their domain's weight. */
    private long activeWeight;
    private int creditBalance;
    private int runqSortEpoch;
    private Timer masterTicker;
    private BitSet idlers;
    private BitSet online;
    /** {@code balance_bias} of the single NUMA node the model has. */
    private int balanceBias;

    // Per-pCPU state, indexed by pCPU id (C1.7).
    private RunQueue[] runq;
    private int[] nrRunnable;
    /** The pCPUs with more than one runnable VCPU, the only ones load balancing can steal from (C1.30). */
    private BitSet crowded;
    /** By VCPU id: its affinity in the pool and its hard affinity as bit sets. */
    private MaskBits[] poolAffinity;
    private MaskBits[] hardAffinity;
    private int[] runqSortLast;
    private int[] idleBias;
    /** {@code last_tickle_cpu}, per pCPU that performs a wake ({@link SchedContext#thisCpu()}), not per woken VCPU. */
    private int[] lastTickleCpu;
    /** What every schedule call returns, refilled each time so that deciding never allocates. */
    private final Decision decision = new Decision();
    private Timer[] ticker;
    /** The pCPUs sharing a core with each pCPU ({@code cpu_sibling_mask}): one set per core, never changed. */
    private BitSet[] threadSiblings;
    /** The pCPUs sharing a socket with each pCPU ({@code cpu_core_mask}): one set per socket, never changed. */
    private BitSet[] socketMates;
    /**
     * Whether the host has one socket and one thread per core: then the pick's balancing walk over the idle
     * candidates never moves away from its first choice (see {@link #pick}) and is skipped.
     */
    private boolean oneSocketNoSmt;

    // Per-VCPU state, indexed by Vcpu.id().
    private CreditVcpu[] vcpus;
    private final Map<Domain, CreditDomain> domains = new HashMap<>();

    // Scratch space, so that hooks never allocate.
    private final BitSet scratchCpus = new BitSet();
    private final BitSet scratchIdlers = new BitSet();
    private final BitSet scratchMask = new BitSet();
    private final BitSet scratchCount = new BitSet();
    private CreditDomain[] domainSnapshot = new CreditDomain[8];
    private CreditVcpu[] vcpuSnapshot = new CreditVcpu[8];

    /** A Credit scheduler with Xen's default pool parameters until {@link #adjustGlobal} says otherwise. */
    public CreditScheduler() {
        setTimeslice(CreditPoolParams.DEFAULTS.tsliceNs());
        ratelimitNs = CreditPoolParams.DEFAULTS.ratelimitNs();
    }

    @Override
    public void init(SchedContext context) {
        this.ctx = context;
        this.host = context.host();
        int nrCpuIds = host.pcpus().size();
        runq = new RunQueue[nrCpuIds];
        nrRunnable = new int[nrCpuIds];
        crowded = new BitSet(nrCpuIds);
        runqSortLast = new int[nrCpuIds];
        idleBias = new int[nrCpuIds];
        lastTickleCpu = new int[nrCpuIds];
        ticker = new Timer[nrCpuIds];
        threadSiblings = new BitSet[nrCpuIds];
        socketMates = new BitSet[nrCpuIds];
        vcpus = new CreditVcpu[host.vcpuCount()];
        poolAffinity = new MaskBits[host.vcpuCount()];
        hardAffinity = new MaskBits[host.vcpuCount()];
        for (int i = 0; i < host.vcpuCount(); i++) {
            poolAffinity[i] = new MaskBits(nrCpuIds);
            hardAffinity[i] = new MaskBits(nrCpuIds);
        }
        idlers = new BitSet(nrCpuIds);
        online = new BitSet(nrCpuIds);
        Map<Integer, BitSet> sockets = new HashMap<>();
        Map<Integer, BitSet> cores = new HashMap<>();
        for (Pcpu p : host.pcpus()) { // grouped once: a walk of the host per pCPU would cost P^2 on large hosts
            socketMates[p.id()] = sockets.computeIfAbsent(p.socket(), s -> new BitSet(nrCpuIds));
            threadSiblings[p.id()] = cores.computeIfAbsent(p.hostCore(), c -> new BitSet(nrCpuIds));
            socketMates[p.id()].set(p.id());
            threadSiblings[p.id()].set(p.id());
        }
        oneSocketNoSmt = host.pcpus().stream()
                .allMatch(p -> socketMates[p.id()].cardinality() == nrCpuIds && threadSiblings[p.id()].cardinality() == 1);
        long now = context.now();
        for (Pcpu p : context.pool().pcpus()) {
            initPdata(p, now);
        }
    }

    /** Its pool may gain and lose pCPUs at run time. */
    @Override
    public boolean canResizePool() {
        return true;
    }

    /** A free pCPU joins the pool at run time ({@code xl cpupool-cpu-add}): Xen's {@code init_pdata}. */
    @Override
    public void joinPool(Pcpu p) {
        initPdata(p, ctx.now());
    }

    /**
     * The pCPU leaves the pool ({@code xl cpupool-cpu-remove}), Xen's {@code csched_deinit_pdata}: the pool's credit
     * and pCPU count shrink, the pCPU is no longer an idler or online, the balance bias moves to the first pCPU left,
     * and its tick timer (and the accounting timer with the last pCPU) stops.
     */
    @Override
    public void leavePool(Pcpu p) {
        int cpu = p.id();
        totalCredit -= creditsPerTslice;
        ncpus--;
        idlers.clear(cpu);
        online.clear(cpu);
        if (balanceBias == cpu && !online.isEmpty()) balanceBias = online.nextSetBit(0);
        ticker[cpu].stop();
        if (ncpus == 0) masterTicker.stop();
    }

    /** Xen's {@code init_pdata}: the pCPU joins the pool, starts idle, and gets its tick timer. */
    private void initPdata(Pcpu p, long now) {
        int cpu = p.id();
        totalCredit += creditsPerTslice;
        ncpus++;
        online.set(cpu);
        if (ncpus == 1) {
            masterTicker = ctx.newTimer(p, this::account);
            masterTicker.set(now + tsliceNs);
            balanceBias = cpu;
        }
        ticker[cpu] = ctx.newTimer(p, t -> tick(cpu, t));
        ticker[cpu].set(now + tickPeriodNs);
        runq[cpu] = new RunQueue();
        runqSortLast[cpu] = runqSortEpoch;
        idleBias[cpu] = host.pcpus().size() - 1;
        idlers.set(cpu);
        Vcpu idle = p.idleVcpu();
        vcpus[idle.id()] = new CreditVcpu(idle, null, CreditVcpu.PRI_IDLE);
    }

    /** Xen's {@code __csched_set_tslice} (C1.3). */
    private void setTimeslice(long sliceNs) {
        long tsliceMs = sliceNs / 1_000_000L;
        int ticksPerTslice = tsliceMs < TICKS_PER_TSLICE ? 1 : TICKS_PER_TSLICE;
        tsliceNs = tsliceMs * 1_000_000L;
        tickPeriodNs = tsliceMs * 1000 / ticksPerTslice * 1000;
        creditsPerTslice = (int) (CREDITS_PER_MSEC * tsliceMs);
        totalCredit = (long) creditsPerTslice * ncpus;
    }

    /**
     * Sets tslice and ratelimit (C1.34). Xen's sysctl takes whole milliseconds 1..1000 for tslice and 0 or
     * 100..500000 us for ratelimit, not above tslice; other values are rejected with {@link IllegalArgumentException}.
     * Parameters given when the pool is created (before any VCPU is inserted) act like Xen's boot options
     * {@code sched_credit_tslice_ms} and {@code sched_ratelimit_us}: the first accounting comes one tslice and the
     * first tick one tick period after creation. Later changes take effect when those timers next re-arm (C1.34).
     */
    @Override
    public void adjustGlobal(PoolParams p) {
        if (!(p instanceof CreditPoolParams cp)) {
            if (p instanceof PoolParams.None) return;
            throw new IllegalArgumentException("credit pool takes credit parameters, not " + p);
        }
        long ms = 1_000_000L;
        if (cp.tsliceNs() % ms != 0 || cp.tsliceNs() < ms || cp.tsliceNs() > 1000 * ms) {
            throw new IllegalArgumentException("tslice must be a whole number of ms in 1ms..1000ms, got "
                    + cp.tsliceNs() + "ns");
        }
        long r = cp.ratelimitNs();
        if (r != 0 && (r % 1000 != 0 || r < 100_000L || r > 500_000_000L)) {
            throw new IllegalArgumentException("ratelimit must be 0 or whole microseconds in 100us..500ms, got "
                    + r + "ns");
        }
        if (r > cp.tsliceNs()) {
            throw new IllegalArgumentException("ratelimit must not exceed tslice");
        }
        setTimeslice(cp.tsliceNs());
        ratelimitNs = r;
        if (!anyInserted) rearmTimersAtCreation();
    }

    /** Re-arms the master and tick timers of a pool that has just been created, for its configured tslice. */
    private void rearmTimersAtCreation() {
        long now = ctx.now();
        masterTicker.set(now + tsliceNs);
        for (int cpu = online.nextSetBit(0); cpu >= 0; cpu = online.nextSetBit(cpu + 1)) {
            ticker[cpu].set(now + tickPeriodNs);
        }
    }

    // ---------------------------------------------------------------- VCPU life cycle

    private CreditVcpu state(Vcpu v) {
        CreditVcpu sv = vcpus[v.id()];
        if (sv == null) {
            // csched_alloc_udata: a new VCPU starts UNDER, inactive, with no credit (C1.4).
            CreditDomain d = domains.computeIfAbsent(v.domain(), CreditScheduler::newDomain);
            sv = new CreditVcpu(v, d, CreditVcpu.PRI_UNDER);
            sv.pinned = v.hardAffinity().size() == 1;
            vcpus[v.id()] = sv;
        }
        return sv;
    }

    private static CreditDomain newDomain(Domain d) {
        CreditParams p = d.params() instanceof CreditParams cp ? cp : CreditParams.DEFAULTS;
        return new CreditDomain(p.weight(), p.cap());
    }

    @Override
    public void insert(Vcpu v) {
        anyInserted = true;
        CreditVcpu sv = state(v);
        if (!sv.isQueued() && v.isRunnable() && !v.isRunning()) {
            enqueue(sv);
        }
    }

    @Override
    public void remove(Vcpu v) {
        CreditVcpu sv = state(v);
        if (sv.parked) {
            sv.parked = false; // removal unparks first (C1.25)
            ctx.budgetReplenished(v);
            ctx.unpause(v);
        }
        if (sv.active) deactivate(sv);
        vcpus[v.id()] = null;
    }

    @Override
    public void wake(Vcpu v) {
        CreditVcpu sv = state(v);
        if (v.isCurrent() || sv.isQueued()) return;
        boolean migrating = sv.migrating;
        sv.migrating = false;
        if (!migrating && sv.pri == CreditVcpu.PRI_UNDER && !sv.parked) {
            sv.pri = CreditVcpu.PRI_BOOST; // C1.21; OVER VCPUs are never boosted.
        }
        enqueue(sv);
        tickle(sv);
    }

    @Override
    public void sleep(Vcpu v) {
        CreditVcpu sv = state(v);
        if (v.isCurrent()) {
            ctx.tickle(v.processor());
        } else if (sv.isQueued()) {
            dequeue(sv);
        }
    }

    @Override
    public void yield(Vcpu v) {
        state(v).yield = true;
    }

    /** {@code csched_aff_cntl}: PINNED follows the new hard affinity (exactly one pCPU). */
    @Override
    public void adjustAffinity(Vcpu v, CpuMask hard) {
        state(v).pinned = hard.size() == 1;
    }

    @Override
    public void adjust(Domain d, SchedParams p) {
        // Null: Xen's defaults, as for a domain that has just moved into this pool (cpupool-migrate).
        if (!((p == null ? CreditParams.DEFAULTS : p) instanceof CreditParams cp)) {
            throw new IllegalArgumentException("domain " + d.name() + ": credit pool takes credit parameters, not " + p);
        }
        CreditDomain cd = domains.computeIfAbsent(d, CreditScheduler::newDomain);
        // C1.33: weight 0 and cap 0xFFFF mean "leave unchanged".
        if (cp.weight() != 0) {
            if (cp.weight() < 0 || cp.weight() > UINT16_MAX) {
                throw new IllegalArgumentException("domain " + d.name() + ": weight must be 1..65535, got " + cp.weight());
            }
            if (cd.onActiveList) {
                activeWeight += (long) (cp.weight() - cd.weight) * cd.activeVcpus.size();
            }
            cd.weight = cp.weight();
        }
        if (cp.cap() != UINT16_MAX) {
            if (cp.cap() < 0 || cp.cap() > UINT16_MAX) {
                throw new IllegalArgumentException("domain " + d.name() + ": cap must be 0..65535, got " + cp.cap());
            }
            cd.cap = cp.cap();
        }
    }

    // ---------------------------------------------------------------- run queues

    /** {@code runq_insert}: queue on the VCPU's pCPU and count it runnable there. */
    private void enqueue(CreditVcpu sv) {
        int cpu = sv.vcpu.processor().id();
        runq[cpu].insert(sv);
        countRunnable(cpu, 1);
    }

    /** Changes pCPU {@code cpu}'s {@code nr_runnable} by {@code delta}, keeping {@link #crowded} true. */
    private void countRunnable(int cpu, int delta) {
        nrRunnable[cpu] += delta;
        crowded.set(cpu, nrRunnable[cpu] > 1);
    }

    /** {@code runq_remove}. */
    private void dequeue(CreditVcpu sv) {
        countRunnable(sv.vcpu.processor().id(), -1);
        runq[sv.vcpu.processor().id()].remove(sv);
    }

    private CreditVcpu currentOf(int cpu) {
        return vcpus[host.pcpu(cpu).current().id()];
    }

    // ---------------------------------------------------------------- tickling (C1.23)

    /**
     * {@code __runq_tickle}: after queueing {@code sv} on pCPU c, tickle c if it idles or sv should preempt there,
     * else wake one idle pCPU of sv's affinity. The model has no soft affinity, so only the HARD step runs.
     */
    private void tickle(CreditVcpu sv) {
        int cpu = sv.vcpu.processor().id();
        CreditVcpu cur = currentOf(cpu);
        int target = -1;
        if (sv.pinned && idlers.get(cpu)) {
            target = cpu;
        } else if (cur.pri == CreditVcpu.PRI_IDLE || (idlers.isEmpty() && sv.pri > cur.pri)) {
            target = cpu;
        } else if (!idlers.isEmpty()) {
            BitSet m = scratchMask;
            m.clear();
            m.or(idlers);
            m.and(hardAffinity[sv.vcpu.id()].of(sv.vcpu.hardAffinity()));
            if (m.isEmpty()) {
                // 7.C1: since 4.13 the "kick cur away" test uses new's affinity, which has no idler here.
                if (sv.pri > cur.pri) target = cpu;
            } else {
                // tickle_one_idle_cpu: the next idler after the last one tickled by the pCPU doing this wake.
                int waker = ctx.thisCpu().id();
                lastTickleCpu[waker] = cycle(lastTickleCpu[waker], m);
                target = lastTickleCpu[waker];
            }
        }
        if (target >= 0) {
            idlers.clear(target); // since 4.9: mark busy at once (7.C11)
            ctx.tickle(host.pcpu(target));
        }
    }

    // ---------------------------------------------------------------- credit burning and ticks

    /** {@code burn_credits} (C1.12), reproducing the double-carried remainder (7.C3). */
    private static void burn(CreditVcpu sv, long now) {
        long delta = now - sv.startTime;
        if (delta <= 0) return;
        long val = delta * CREDITS_PER_MSEC + sv.residual;
        sv.residual = val % 1_000_000L;
        long credits = val / 1_000_000L;
        sv.credit -= (int) credits;
        sv.startTime += credits * 1_000_000L / CREDITS_PER_MSEC;
    }

    /** {@code csched_tick} on pCPU {@code cpu} (C1.15). */
    private void tick(int cpu, long now) {
        Vcpu current = host.pcpu(cpu).current();
        if (!current.isIdle()) {
            CreditVcpu sv = vcpus[current.id()];
            if (sv.pri == CreditVcpu.PRI_BOOST) sv.pri = CreditVcpu.PRI_UNDER;
            burn(sv, now);
            if (!sv.active) {
                activate(sv);
            } else if (pick(sv, false) != cpu) {
                // A better pCPU exists for this running VCPU: migrate it there via _VPF_migrating.
                ctx.migrate(current);
                ctx.tickle(host.pcpu(cpu));
            }
        }
        sortIfEpochChanged(cpu);
        ticker[cpu].set(now + tickPeriodNs);
    }

    /** {@code csched_runq_sort}: once per accounting epoch (C1.11). */
    private void sortIfEpochChanged(int cpu) {
        if (runqSortLast[cpu] == runqSortEpoch) return;
        runqSortLast[cpu] = runqSortEpoch;
        runq[cpu].sortUnderFirst();
    }

    /** {@code __csched_unit_acct_start}: the VCPU starts earning credit; its domain joins the active list. */
    private void activate(CreditVcpu sv) {
        CreditDomain d = sv.domain;
        sv.active = true;
        d.activeVcpus.add(0, sv);
        activeWeight += d.weight;
        if (!d.onActiveList) {
            d.onActiveList = true;
            activeDomains.add(0, d);
        }
    }

    /** {@code __csched_unit_acct_stop_locked}. */
    private void deactivate(CreditVcpu sv) {
        CreditDomain d = sv.domain;
        sv.active = false;
        d.activeVcpus.remove(sv);
        activeWeight -= d.weight;
        if (d.activeVcpus.isEmpty()) {
            d.onActiveList = false;
            activeDomains.remove(d);
        }
    }

    // ---------------------------------------------------------------- accounting (C1.18)

    /** {@code csched_acct}, run every tslice by the master pCPU's timer. */
    private void account(long now) {
        long weightTotal = activeWeight;
        long creditTotal = totalCredit;
        if (creditBalance < 0) creditTotal -= creditBalance;
        if (weightTotal == 0) {
            creditBalance = 0;
            masterTicker.set(now + tsliceNs);
            return;
        }
        long weightLeft = weightTotal;
        int newBalance = 0;
        boolean xtra = false;
        int nd = activeDomains.size();
        if (domainSnapshot.length < nd) domainSnapshot = new CreditDomain[nd * 2];
        activeDomains.toArray(domainSnapshot);
        for (int i = 0; i < nd; i++) {
            CreditDomain d = domainSnapshot[i];
            int n = d.activeVcpus.size();
            long w = d.weight;
            weightLeft -= w * n;
            long peak = (long) n * creditsPerTslice;
            if (creditBalance < 0) {
                peak += ceilDiv(-(long) creditBalance * w * n, weightTotal);
            }
            long capPerVcpu = 0;
            if (d.cap != 0) {
                long capc = ceilDiv((long) d.cap * creditsPerTslice, 100);
                if (capc < peak) peak = capc;
                capPerVcpu = ceilDiv(capc, n);
            }
            long fair = ceilDiv(creditTotal * w * n, weightTotal);
            if (fair < peak) {
                xtra = true;
            } else {
                if (weightLeft != 0) {
                    creditTotal += ceilDiv((fair - peak) * weightTotal, weightLeft);
                }
                if (xtra) {
                    activeDomains.remove(d);
                    activeDomains.add(0, d);
                }
                fair = peak;
            }
            int fairPerVcpu = (int) ceilDiv(fair, n);
            newBalance += creditVcpus(d, fairPerVcpu, capPerVcpu);
        }
        creditBalance = newBalance;
        runqSortEpoch++;
        masterTicker.set(now + tsliceNs);
    }

    /** Step 4.7 of C1.18 for every active VCPU of {@code d}; returns the sum of their credits afterwards. */
    private int creditVcpus(CreditDomain d, int fairPerVcpu, long capPerVcpu) {
        int n = d.activeVcpus.size();
        if (vcpuSnapshot.length < n) vcpuSnapshot = new CreditVcpu[n * 2];
        d.activeVcpus.toArray(vcpuSnapshot);
        int sum = 0;
        for (int j = 0; j < n; j++) {
            CreditVcpu sv = vcpuSnapshot[j];
            sv.credit += fairPerVcpu;
            if (sv.credit < 0) {
                sv.pri = CreditVcpu.PRI_OVER;
                if (d.cap != 0 && sv.credit < -capPerVcpu && !sv.parked) park(sv);
                if (sv.credit < -creditsPerTslice) sv.credit = -creditsPerTslice;
            } else {
                sv.pri = CreditVcpu.PRI_UNDER;
                if (sv.parked) unpark(sv);
                if (sv.credit > creditsPerTslice) {
                    deactivate(sv);
                    sv.credit /= 2;
                }
            }
            sum += sv.credit;
        }
        return sum;
    }

    /** Pauses an overspent VCPU of a capped domain (C1.18, {@code sched_unit_pause_nosync}). */
    private void park(CreditVcpu sv) {
        sv.parked = true;
        ctx.pause(sv.vcpu);
        ctx.budgetExhausted(sv.vcpu); // for timelines: parked until its cap allows it to run again
    }

    /** Unpauses a parked VCPU; the wake still sees PARKED, so it is not boosted (C1.18, fixed in 4.13). */
    private void unpark(CreditVcpu sv) {
        ctx.budgetReplenished(sv.vcpu);
        ctx.unpause(sv.vcpu);
        sv.parked = false;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    // ---------------------------------------------------------------- placement (C1.26)

    @Override
    public Pcpu pickCpu(Vcpu v) {
        CreditVcpu sv = state(v);
        sv.migrating = true; // csched_res_pick: the wake that follows is a migration, not boosted (C1.27).
        return host.pcpu(pick(sv, true));
    }

    /** {@code _csched_cpu_pick}: prefer the current pCPU, else the idle pCPU in the least busy core and socket. */
    private int pick(CreditVcpu sv, boolean commit) {
        Vcpu v = sv.vcpu;
        BitSet cpus = scratchCpus;
        cpus.clear();
        cpus.or(poolAffinity[v.id()].of(v.affinityInPool()));
        int here = v.processor().id();
        int cpu = cpus.get(here) ? here : cycle(here, cpus);
        BitSet idl = scratchIdlers;
        idl.clear();
        idl.or(idlers);
        if (here == cpu && runq[cpu].isIdleAtHead()) idl.set(cpu);
        cpus.and(idl);
        if (!cpus.get(cpu) && !cpus.isEmpty()) cpu = cycle(cpu, cpus);
        cpus.clear(cpu);
        // From here cpu is idle unless no candidate is. With one socket and no SMT every step compares cpu's
        // one-pCPU core with nxt's, both idle (1 < 1 fails), and only drops nxt: the walk would leave cpu as it is.
        if (oneSocketNoSmt) return cpu;
        int biasOwner = -1;
        while (!cpus.isEmpty()) {
            int nxt = cycle(cpu, cpus);
            boolean sameSocket = socketMates[cpu].get(nxt);
            BitSet groupOfCpu = sameSocket ? threadSiblings[cpu] : socketMates[cpu];
            BitSet groupOfNxt = sameSocket ? threadSiblings[nxt] : socketMates[nxt];
            int factor = sameSocket ? 1 : 2; // another socket must be twice as idle (since 4.1)
            int idleNearCpu = countIn(idl, groupOfCpu);
            int idleNearNxt = countIn(idl, groupOfNxt);
            BitSet nxtIdlers = scratchMask;
            nxtIdlers.clear();
            nxtIdlers.or(idl);
            nxtIdlers.and(groupOfNxt);
            if (idleNearCpu * factor < idleNearNxt) {
                nxtIdlers.and(cpus);
                biasOwner = nxt;
                cpu = cycle(idleBias[nxt], nxtIdlers);
                cpus.andNot(threadSiblings[cpu]);
            } else {
                cpus.andNot(nxtIdlers);
            }
        }
        if (commit && biasOwner >= 0) idleBias[biasOwner] = cpu;
        return cpu;
    }

    // ---------------------------------------------------------------- do_schedule (C1.28)

    @Override
    public Decision schedule(Pcpu pcpu, long now) {
        int cpu = pcpu.id();
        Vcpu prev = pcpu.current();
        CreditVcpu scurr = vcpus[prev.id()];
        long runtime = Math.max(0, now - prev.stateSince());
        if (!prev.isIdle()) {
            burn(scurr, now);
            scurr.startTime -= now;
        }

        if (!scurr.yield && ratelimitNs > 0 && prev.isRunnable() && !prev.isIdle()
                && runtime < ratelimitNs) {
            scurr.startTime += now;
            long slice = runtime < MIN_TIMER_NS ? MIN_TIMER_NS : ratelimitNs - runtime;
            return decision.set(prev, slice, false);
        }

        RunQueue q = runq[cpu];
        if (prev.isRunnable()) {
            q.insert(scurr);
        } else {
            countRunnable(cpu, -1); // current blocked or was parked
        }
        scurr.yield = false;

        CreditVcpu snext;
        boolean migrated = false;
        do {
            snext = q.first();
            if (snext.pri > CreditVcpu.PRI_OVER) {
                q.remove(snext);
            } else {
                CreditVcpu stolen = loadBalance(cpu, snext);
                if (stolen != null) {
                    snext = stolen;
                    migrated = true;
                } else {
                    q.remove(snext);
                }
            }
        } while (!snext.vcpu.isRunnable());

        if (snext.pri == CreditVcpu.PRI_IDLE) {
            idlers.set(cpu);
        } else {
            idlers.clear(cpu);
        }
        boolean nextIdle = snext.isIdle();
        if (!nextIdle) snext.startTime += now;

        // Stop the tick when going idle; restart it aligned to the tick period when leaving idle (C1.14).
        if (!prev.isIdle() && nextIdle) ticker[cpu].stop();
        if (prev.isIdle() && !nextIdle) ticker[cpu].set(now + tickPeriodNs - now % tickPeriodNs);
        return decision.set(snext.vcpu, nextIdle ? Decision.NO_TIMER : tsliceNs, migrated);
    }

    // ---------------------------------------------------------------- work stealing (C1.30, C1.31)

    /**
     * {@code csched_load_balance} on pCPU {@code cpu}: look at busy peers, starting after the balance bias, for a
     * queued VCPU of strictly higher priority than {@code snext} that may run here. Xen 4.17 has no load-balance
     * rate limit, so this runs on every pick of an OVER or idle VCPU. Returns the stolen VCPU, already counted
     * runnable here, or null. Peers with at most one runnable VCPU are skipped, so only {@link #crowded} ones are
     * visited, in the same cyclic order: a word of pCPUs at a time, not one by one.
     */
    private CreditVcpu loadBalance(int cpu, CreditVcpu snext) {
        BitSet workers = scratchCpus;
        workers.clear();
        workers.or(online);
        workers.andNot(idlers);
        workers.and(crowded);
        workers.clear(cpu);
        int first = cycle(balanceBias, workers);
        if (first < 0) return null;
        int peer = first;
        do {
            CreditVcpu stolen = steal(peer, cpu, snext.pri);
            if (stolen != null) {
                balanceBias = peer;
                return stolen;
            }
            peer = cycle(peer, workers);
        } while (peer != first);
        return null;
    }

    /** {@code csched_runq_steal}: the first queued, not running VCPU of peer above {@code pri} that may run here. */
    private CreditVcpu steal(int peer, int cpu, int pri) {
        if (host.pcpu(peer).isIdle()) return null; // it is about to pick its own work
        RunQueue q = runq[peer];
        for (CreditVcpu s = q.first(); s != null; s = q.after(s)) {
            if (s.pri <= pri) break;
            if (s.vcpu.isRunning()) continue;
            // vcpu_migration_delay is 0 (Xen's default), so no VCPU is cache-hot.
            // Hard affinity within the pool's valid pCPUs: a pCPU being removed from the pool steals nothing.
            if (s.vcpu.affinityInPool().contains(cpu)) {
                countRunnable(peer, -1);
                q.remove(s);
                countRunnable(cpu, 1);
                return s;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- masks

    /** Xen's {@code cpumask_cycle}: the first set bit after {@code n}, wrapping; -1 if the mask is empty. */
    private static int cycle(int n, BitSet mask) {
        int c = mask.nextSetBit(n + 1);
        return c >= 0 ? c : mask.nextSetBit(0);
    }

    /** How many pCPUs of {@code group} are in {@code mask}, a word at a time. */
    private int countIn(BitSet mask, BitSet group) {
        BitSet both = scratchCount;
        both.clear();
        both.or(group);
        both.and(mask);
        return both.cardinality();
    }

    // ---------------------------------------------------------------- invariants

    @Override
    public void checkInvariants(long now) {
        for (int cpu = online.nextSetBit(0); cpu >= 0; cpu = online.nextSetBit(cpu + 1)) {
            RunQueue q = runq[cpu];
            int count = 0;
            for (CreditVcpu s = q.first(); s != null; s = q.after(s)) {
                if (s.isIdle()) {
                    if (q.after(s) != null) throw new IllegalStateException("pcpu" + cpu + ": idle VCPU not at the tail");
                } else {
                    count++;
                    if (s.vcpu.processor().id() != cpu) {
                        throw new IllegalStateException(s.vcpu + " queued on pcpu" + cpu + " but assigned elsewhere");
                    }
                }
            }
            // nr_runnable also counts the current VCPU until a schedule finds it blocked or paused.
            if (!host.pcpu(cpu).current().isIdle()) count++;
            if (count != nrRunnable[cpu]) {
                throw new IllegalStateException("pcpu" + cpu + ": nr_runnable " + nrRunnable[cpu] + ", counted " + count);
            }
        }
        for (CreditVcpu sv : vcpus) {
            if (sv != null && !sv.isIdle() && sv.pinned != (sv.vcpu.hardAffinity().size() == 1)) {
                throw new IllegalStateException(sv.vcpu + ": PINNED does not match hard affinity " + sv.vcpu.hardAffinity());
            }
        }
        long weight = 0;
        for (CreditDomain d : activeDomains) weight += (long) d.weight * d.activeVcpus.size();
        if (weight != activeWeight) throw new IllegalStateException("pool weight " + activeWeight + ", counted " + weight);
    }
}
