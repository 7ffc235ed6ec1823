package org.rtxen.sched.credit2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Xen's Credit2 scheduler, following {@code xen/common/sched/credit2.c} of Xen 4.17.0 (spec section 2, rules C2.x).
 *
 * <p>The pool's pCPUs are grouped into {@link Credit2Runqueue run queues} at init, per core, socket or pool as the
 * {@link RunqueueLayout} says (C2.6). Each run queue keeps its runnable waiting VCPUs sorted by credit (C2.12). A
 * running VCPU burns credit at {@code max_weight / weight} per ns (C2.8); a pCPU runs the queued VCPU with most
 * credit, or keeps the current one while it has more or is inside the rate limit (C2.17), for a slice that ends
 * when its credit lead over the next waiter is gone, between 500 us and 10 ms (C2.19). When the best candidate's
 * credit reaches 0 every VCPU of the run queue gets 10 ms more, capped at 10.5 ms (the reset, C2.10, C2.11), and
 * then load is balanced against the most differently loaded other run queue (C2.24-C2.27). Waking VCPUs get no
 * boost; they tickle an idle pCPU of their run queue or preempt the running VCPU with the least credit (C2.15,
 * C2.16). Caps are budgets replenished every 10 ms per domain; a VCPU without budget is parked (C2.21-C2.23).
 * Deviations from Xen are listed in docs/fidelity.md.
 */
public final class Credit2Scheduler implements VcpuScheduler {
    /** CSCHED2_CREDIT_INIT: the credit of a new VCPU and the amount added by a reset (C2.1). */
    static final long CREDIT_INIT = 10_000_000L;
    /** CSCHED2_CREDIT_MIN: the credit floor (since 4.14, 7.C15). */
    static final long CREDIT_MIN = -CREDIT_INIT;
    /** The credit of idle VCPUs, one below the floor. */
    static final long IDLE_CREDIT = CREDIT_MIN - 1;
    /** CSCHED2_MIN_TIMER: the shortest slice, 500 us. */
    static final long MIN_TIMER = 500_000L;
    /** CSCHED2_MAX_TIMER: the longest slice, 10 ms. */
    static final long MAX_TIMER = CREDIT_INIT;
    /** CSCHED2_CARRYOVER_MAX: credit kept across a reset above CREDIT_INIT. */
    static final long CARRYOVER_MAX = MIN_TIMER;
    /** CSCHED2_MIGRATE_RESIST: credit a VCPU on another pCPU must lead by (default 500 us). */
    static final long MIGRATE_RESIST = 500_000L;
    /** CSCHED2_MIGRATE_COMPENSATION: credit given to a VCPU pulled to another pCPU. */
    static final long MIGRATE_COMPENSATION = 50_000L;
    /** CSCHED2_RATELIMIT_TICKLE_TOLERANCE. */
    static final long RATELIMIT_TICKLE_TOLERANCE = 50_000L;
    /** CSCHED2_BDGT_REPL_PERIOD: the cap budget period (credit2_cap_period_ms, default 10 ms). */
    static final long BUDGET_PERIOD = 10_000_000L;
    /** Fractional bits of load averages (credit2_load_precision_shift, default 18). */
    static final int LOAD_PRECISION_SHIFT = 18;
    /** Load window, in 1024 ns units, as a shift (credit2_load_window_shift 30 minus the granularity 10). */
    static final int LOAD_WINDOW_SHIFT = 20;
    /** Time is shifted right by this much before load averaging (LOADAVG_GRANULARITY_SHIFT). */
    static final int LOAD_GRANULARITY_SHIFT = 10;
    /** credit2_balance_under (default 0) and credit2_balance_over (default -3). */
    static final int BALANCE_UNDER = 0;
    static final int BALANCE_OVER = -3;
    /** sched_credit2_max_cpus_runqueue (default 16). */
    static final int MAX_CPUS_RUNQ = 16;
    /** Xen's interface carries weight and cap as uint16. */
    static final int UINT16_MAX = 0xFFFF;

    private SchedContext ctx;
    private Host host;
    private long ratelimitNs = Credit2PoolParams.DEFAULTS.ratelimitNs();
    private RunqueueLayout layout = Credit2PoolParams.DEFAULTS.runqueue();

    /** The pool's run queues in id order ({@code prv->rql}). */
    private final List<Credit2Runqueue> runqueues = new ArrayList<>();
    /** The run queue of each pCPU, by pCPU id. */
    private Credit2Runqueue[] rqOf;
    /**
     * Per pCPU, the ids of its hardware-thread siblings in the same run queue, itself included ({@code
     * spc->sibling_mask}): a list, since the SMT masks are read at every decision and a core has one or two threads.
     */
    private int[][] siblings;
    private BitSet online;
    /** Per pCPU id, how many host pCPUs share its core. */
    private int[] threadsOnCore;
    /** What every schedule call returns, refilled each time so that deciding never allocates. */
    private final Decision decision = new Decision();
    private Credit2Vcpu[] vcpus;
    private final Map<Domain, Credit2Domain> domains = new HashMap<>();

    // Scratch space, so that hooks never allocate.
    private final BitSet scratch = new BitSet();
    private final BitSet scratch2 = new BitSet();
    private Credit2Vcpu[] unparkSnapshot = new Credit2Vcpu[8];
    /** Set while this policy parks a VCPU itself, so the sleep hook the pause triggers does nothing. */
    private boolean parking;

    @Override
    public void init(SchedContext context) {
        this.ctx = context;
        this.host = context.host();
        if (context.pool().spec().params() instanceof Credit2PoolParams p) layout = p.runqueue();
        int nrCpuIds = host.pcpus().size();
        rqOf = new Credit2Runqueue[nrCpuIds];
        siblings = new int[nrCpuIds][];
        online = new BitSet(nrCpuIds);
        vcpus = new Credit2Vcpu[host.vcpuCount()];
        countThreadsOnCores();
        for (Pcpu p : context.pool().pcpus()) addPcpu(p);
        for (Domain d : context.pool().domains()) allocDomain(d);
    }

    /**
     * {@code csched2_alloc_domdata} and {@code csched2_alloc_udata} for every VCPU of {@code d}: at pool creation, or
     * when the domain is moved into the pool at run time ({@code xl cpupool-migrate}).
     */
    private Credit2Domain allocDomain(Domain d) {
        long now = ctx.now();
        Credit2Domain cd = new Credit2Domain(d);
        cd.replTimer = ctx.newTimer(t -> replenish(cd, t));
        domains.put(d, cd);
        for (Vcpu v : d.vcpus()) {
            // csched2_alloc_udata: full credit, half a VCPU of load; adjust_affinity sets PINNED.
            Credit2Vcpu sv = new Credit2Vcpu(v, cd);
            sv.credit = CREDIT_INIT;
            sv.weight = cd.weight;
            sv.avgload = 1L << (LOAD_PRECISION_SHIFT - 1);
            sv.loadLastUpdate = now >> LOAD_GRANULARITY_SHIFT;
            sv.pinned = v.hardAffinity().size() == 1;
            setHard(sv, v.affinityInPool());
            cd.units.add(sv);
            vcpus[v.id()] = sv;
        }
        return cd;
    }

    /** {@code csched2_switch_sched}/{@code init_pdata}: the pCPU joins a run queue (C2.6) and starts idle. */
    private void addPcpu(Pcpu p) {
        int cpu = p.id();
        online.set(cpu);
        Credit2Runqueue rqd = runqueueFor(p);
        rqd.refcnt++;
        rqOf[cpu] = rqd;
        siblings[cpu] = new int[] {cpu};
        if (rqd.nrCpus > 0) {
            for (int r = rqd.active.nextSetBit(0); r >= 0; r = rqd.active.nextSetBit(r + 1)) {
                if (sameCore(host.pcpu(r), p)) {
                    siblings[r] = withId(siblings[r], cpu);
                    siblings[cpu] = withId(siblings[cpu], r);
                }
            }
        }
        rqd.idle.set(cpu);
        rqd.active.set(cpu);
        rqd.smtIdle.set(cpu);
        rqd.nrCpus++;
        if (rqd.nrCpus == 1) rqd.pickBias = cpu;
        Vcpu idle = p.idleVcpu();
        Credit2Vcpu si = new Credit2Vcpu(idle, null);
        si.credit = IDLE_CREDIT;
        vcpus[idle.id()] = si;
    }

    /** Its pool may gain and lose pCPUs at run time. */
    @Override
    public boolean canResizePool() {
        return true;
    }

    /**
     * A free pCPU joins the pool ({@code xl cpupool-cpu-add}; Xen's {@code csched2_alloc_pdata} and
     * {@code csched2_switch_sched}): it joins the run queue that {@code cpu_add_to_runqueue} picks by the pool's
     * layout (C2.6), a new one if none matches with room, and starts idle and untickled. Nothing is tickled: queued
     * VCPUs reach it when a later wake or requeue tickles it as an idler (C2.15), as in Xen.
     */
    @Override
    public void joinPool(Pcpu p) {
        addPcpu(p);
        refreshAffinities();
    }

    /**
     * The pCPU starts leaving the pool ({@code cpupool_unassign_cpu_start}): it leaves the pool's online mask, so the
     * cached hard affinities lose it (and PINNED follows an affinity the framework broke), and from now on no tickle,
     * candidate scan or pick places a VCPU on it, while its run queue still holds it until {@link #leavePool}.
     */
    @Override
    public void pcpuLeaving(Pcpu p) {
        online.clear(p.id());
        refreshAffinities();
    }

    /**
     * The pCPU has left the pool ({@code xl cpupool-cpu-remove}; Xen's {@code csched2_deinit_pdata} and
     * {@code csched2_free_pdata}): its VCPUs have already migrated away through {@link #pickCpu}, so it leaves its
     * run queue's masks and sibling masks, the queue's pick bias moves to its first pCPU left, and a run queue
     * without pCPUs is dropped from the pool's list (its id becomes free for the next new queue, C2.6).
     */
    @Override
    public void leavePool(Pcpu p) {
        int cpu = p.id();
        Credit2Runqueue rqd = rqOf[cpu];
        rqd.idle.clear(cpu);
        rqd.smtIdle.clear(cpu);
        rqd.active.clear(cpu);
        rqd.tickled.clear(cpu);
        for (int r = rqd.active.nextSetBit(0); r >= 0; r = rqd.active.nextSetBit(r + 1)) {
            siblings[r] = Arrays.stream(siblings[r]).filter(c -> c != cpu).toArray();
        }
        rqd.nrCpus--;
        if (rqd.nrCpus > 0 && rqd.pickBias == cpu) rqd.pickBias = rqd.active.nextSetBit(0);
        if (--rqd.refcnt == 0) runqueues.remove(rqd);
        rqOf[cpu] = null;
        siblings[cpu] = null;
    }

    /**
     * Re-reads every VCPU's hard affinity within the pool, and PINNED, after the pool's pCPUs changed (a removal may
     * have broken an affinity to all pCPUs, which Xen passes through {@code adjust_affinity}).
     */
    private void refreshAffinities() {
        for (Credit2Vcpu sv : vcpus) {
            if (sv == null || sv.isIdle()) continue;
            setHard(sv, sv.vcpu.affinityInPool());
            sv.pinned = sv.vcpu.hardAffinity().size() == 1;
        }
    }

    /**
     * {@code cpu_add_to_runqueue} (C2.6): join a matching run queue with room, else create one with the lowest
     * unused id, kept in id order in the pool's list.
     */
    private Credit2Runqueue runqueueFor(Pcpu p) {
        int onlineCpus = host.pcpus().size();
        int minRqs = (onlineCpus - 1) / MAX_CPUS_RUNQ + 1;
        int maxCpusRunq = onlineCpus / minRqs;
        Credit2Runqueue valid = null;
        for (Credit2Runqueue rqd : runqueues) {
            if (!matches(rqd, p)) continue;
            if (intersectsSiblings(rqd.active, p)) {
                valid = rqd; // siblings always share, even beyond the limit
                break;
            }
            if (rqd.refcnt < maxCpusRunq && siblingsFit(rqd, p, maxCpusRunq)
                    && (valid == null || rqd.refcnt < valid.refcnt)) {
                valid = rqd;
            }
        }
        if (valid == null) {
            int id = 0;
            while (id < runqueues.size() && runqueues.get(id).id == id) id++;
            valid = new Credit2Runqueue(id, p.id());
            runqueues.add(id, valid);
        }
        return valid;
    }

    /** {@code cpu_runqueue_match}: the run queue's first pCPU shares {@code p}'s core, socket or node. */
    private boolean matches(Credit2Runqueue rqd, Pcpu p) {
        Pcpu peer = host.pcpu(rqd.pickBias);
        return switch (layout) {
            case ALL, NODE -> true; // one NUMA node in the model
            case SOCKET -> peer.socket() == p.socket();
            case CORE -> sameCore(peer, p);
            case CPU -> false;
        };
    }

    private boolean intersectsSiblings(BitSet mask, Pcpu p) {
        for (int r = mask.nextSetBit(0); r >= 0; r = mask.nextSetBit(r + 1)) {
            if (sameCore(host.pcpu(r), p)) return true;
        }
        return false;
    }

    /** {@code cpu_runqueue_siblings_match}: the run queue's cores plus {@code p}'s core fit in the limit. */
    private boolean siblingsFit(Credit2Runqueue rqd, Pcpu p, int maxCpusRunq) {
        int total = 0;
        BitSet countedCores = scratch;
        countedCores.clear();
        for (int r = rqd.active.nextSetBit(0); r >= 0; r = rqd.active.nextSetBit(r + 1)) {
            int core = host.pcpu(r).hostCore();
            if (countedCores.get(core)) continue;
            countedCores.set(core);
            total += threadsOnCore[r];
        }
        return total + threadsOnCore[p.id()] <= maxCpusRunq;
    }

    /** Fills {@link #threadsOnCore} from the host's topology, once, instead of a walk of the host per query. */
    private void countThreadsOnCores() {
        int n = host.pcpus().size();
        int[] threads = new int[n];
        for (Pcpu p : host.pcpus()) threads[p.hostCore()]++;
        threadsOnCore = new int[n];
        for (Pcpu p : host.pcpus()) threadsOnCore[p.id()] = threads[p.hostCore()];
    }

    private static boolean sameCore(Pcpu a, Pcpu b) {
        return a.socket() == b.socket() && a.core() == b.core();
    }

    /**
     * Sets the rate limit ({@code csched2_sys_cntl}, C2.31): 0, or whole microseconds in 100 us..500 ms; other values
     * are rejected with {@link IllegalArgumentException}. The run-queue layout is fixed when the pool is created
     * (a boot option in Xen), so a different layout is rejected too.
     */
    @Override
    public void adjustGlobal(PoolParams p) {
        if (!(p instanceof Credit2PoolParams cp)) {
            if (p instanceof PoolParams.None) return;
            throw new IllegalArgumentException("credit2 pool takes credit2 parameters, not " + p);
        }
        long r = cp.ratelimitNs();
        if (r != 0 && (r % 1000 != 0 || r < 100_000L || r > 500_000_000L)) {
            throw new IllegalArgumentException("ratelimit must be 0 or whole microseconds in 100us..500ms, got " + r + "ns");
        }
        if (cp.runqueue() != layout) {
            throw new IllegalArgumentException("the run-queue layout is fixed when the pool is created");
        }
        ratelimitNs = r;
    }

    // ---------------------------------------------------------------- parameters (C2.21, C2.30)

    /**
     * {@code csched2_dom_cntl} putinfo (C2.30): weight 0 leaves the weight unchanged, another weight applies at
     * once to every VCPU and to the run queues' max weight; cap 0 removes the cap, cap K in 1..100 x VCPUs sets a
     * budget of K % of the 10 ms period (C2.21).
     */
    @Override
    public void adjust(Domain d, SchedParams p) {
        if (p == null) p = Credit2Params.DEFAULTS; // a domain moved into the pool (cpupool-migrate) gets the defaults
        if (!(p instanceof Credit2Params cp)) {
            throw new IllegalArgumentException("domain " + d.name() + ": credit2 pool takes credit2 parameters, not " + p);
        }
        Credit2Domain cd = domains.get(d);
        if (cd == null) cd = allocDomain(d); // moved into the pool at run time
        int nrUnits = cd.units.size();
        if (cp.weight() < 0 || cp.weight() > UINT16_MAX) {
            throw new IllegalArgumentException("domain " + d.name() + ": weight must be 1..65535, got " + cp.weight());
        }
        if (cp.cap() < 0 || cp.cap() > 100 * nrUnits) {
            throw new IllegalArgumentException("domain " + d.name() + ": cap must be 0.." + 100 * nrUnits + ", got " + cp.cap());
        }
        long now = ctx.now();
        if (cp.weight() != 0) {
            int oldWeight = cd.weight;
            cd.weight = cp.weight();
            for (Credit2Vcpu sv : cd.units) {
                sv.weight = cd.weight;
                if (sv.rqd != null) updateMaxWeight(sv.rqd, sv.weight, oldWeight);
            }
        }
        if (cp.cap() != 0) {
            cd.totBudget = BUDGET_PERIOD * cp.cap() / 100;
            for (Credit2Vcpu sv : cd.units) sv.budgetQuota = Math.max(cd.totBudget / nrUnits, MIN_TIMER);
            if (cd.cap == 0) {
                cd.budget = cd.totBudget;
                cd.nextRepl = now + BUDGET_PERIOD;
                cd.replTimer.set(cd.nextRepl);
                for (Credit2Vcpu sv : cd.units) {
                    if (sv.vcpu.isCurrent()) {
                        int cpu = sv.vcpu.processor().id();
                        burn(sv, now);
                        sv.rqd.tickled.set(cpu);
                        ctx.tickle(sv.vcpu.processor());
                    }
                    sv.budget = 0; // every VCPU must grab budget before it runs again
                }
            }
            cd.cap = cp.cap();
        } else if (cd.cap != 0) {
            cd.replTimer.stop();
            for (Credit2Vcpu sv : cd.units) {
                sv.budget = Credit2Vcpu.NO_BUDGET_LIMIT;
                sv.budgetQuota = 0;
            }
            cd.cap = 0;
            unparkAll(cd);
        }
    }

    /** {@code update_max_weight}: a larger weight is taken at once; losing the maximum rescans the run queue. */
    private static void updateMaxWeight(Credit2Runqueue rqd, int newWeight, int oldWeight) {
        if (newWeight > rqd.maxWeight) {
            rqd.maxWeight = newWeight;
        } else if (oldWeight == rqd.maxWeight) {
            int max = 1;
            for (Credit2Vcpu s : rqd.svc) max = Math.max(max, s.weight);
            rqd.maxWeight = max;
        }
    }

    /** {@code csched2_aff_cntl}: PINNED follows the new hard affinity. */
    @Override
    public void adjustAffinity(Vcpu v, CpuMask hard) {
        Credit2Vcpu sv = vcpus[v.id()];
        sv.pinned = hard.size() == 1;
        setHard(sv, hard);
    }

    // ---------------------------------------------------------------- VCPU life cycle (C2.13, C2.14)

    @Override
    public void insert(Vcpu v) {
        Credit2Vcpu sv = vcpus[v.id()];
        sv.pinned = v.hardAffinity().size() == 1; // a domain moved back in has a new affinity (cpupool-migrate)
        setHard(sv, v.affinityInPool());
        assign(sv, rqOf[v.processor().id()]);
    }

    @Override
    public void remove(Vcpu v) {
        Credit2Vcpu sv = vcpus[v.id()];
        if (sv.parked) {
            sv.parked = false;
            sv.domain.parkedUnits.remove(sv);
            ctx.budgetReplenished(v);
            ctx.unpause(v);
        }
        if (sv.onRunq) {
            sv.rqd.remove(sv);
            updateLoad(sv.rqd, sv, -1, ctx.now());
        }
        deassign(sv);
        freeUnit(sv);
    }

    /**
     * {@code csched2_free_udata}, and {@code csched2_free_domdata} with the domain's last unit: a VCPU leaves this
     * pool (cpupool-migrate, destroy) with all of its state, and its domain's budget timer stops, so a domain that
     * moves back in starts afresh from {@code csched2_alloc_udata}'s defaults, as in Xen.
     */
    private void freeUnit(Credit2Vcpu sv) {
        vcpus[sv.vcpu.id()] = null;
        Credit2Domain cd = sv.domain;
        for (Credit2Vcpu u : cd.units) {
            if (vcpus[u.vcpu.id()] == u) return;
        }
        cd.replTimer.stop();
        domains.remove(cd.domain);
    }

    /** {@code _runq_assign}: the VCPU joins the run queue's svc list, max weight and balancing load (C2.25). */
    private static void assign(Credit2Vcpu sv, Credit2Runqueue rqd) {
        sv.rqd = rqd;
        rqd.svc.add(sv);
        updateMaxWeight(rqd, sv.weight, 0);
        rqd.bAvgload += sv.avgload;
    }

    /** {@code _runq_deassign}. */
    private static void deassign(Credit2Vcpu sv) {
        Credit2Runqueue rqd = sv.rqd;
        rqd.svc.remove(sv);
        updateMaxWeight(rqd, 0, sv.weight);
        rqd.bAvgload = Math.max(rqd.bAvgload - sv.avgload, 0);
        sv.rqd = null;
    }

    @Override
    public void wake(Vcpu v) {
        Credit2Vcpu sv = vcpus[v.id()];
        if (v.isCurrent() || sv.onRunq) return;
        if (sv.scheduled) {
            sv.delayedRunqAdd = true; // still being switched out: queue it at context_saved
            return;
        }
        long now = ctx.now();
        updateLoad(sv.rqd, sv, 1, now);
        sv.rqd.insert(sv);
        tickle(sv, now);
    }

    @Override
    public void sleep(Vcpu v) {
        if (parking) return;
        Credit2Vcpu sv = vcpus[v.id()];
        if (v.isCurrent()) {
            tickleCpu(v.processor().id(), sv.rqd);
        } else if (sv.onRunq) {
            updateLoad(sv.rqd, sv, -1, ctx.now());
            sv.rqd.remove(sv);
        } else {
            sv.delayedRunqAdd = false;
        }
    }

    @Override
    public void yield(Vcpu v) {
        vcpus[v.id()].yield = true; // C2.20: only a flag; runq_candidate acts on it
    }

    @Override
    public void contextSaved(Vcpu v) {
        Credit2Vcpu sv = vcpus[v.id()];
        sv.scheduled = false;
        boolean unpark = sv.hasCap() && sv.budget > 0 && returnBudget(sv);
        if (sv.delayedRunqAdd && v.isRunnable()) {
            sv.delayedRunqAdd = false;
            sv.rqd.insert(sv);
            tickle(sv, ctx.now());
        } else {
            sv.delayedRunqAdd = false;
            if (!v.isIdle()) updateLoad(sv.rqd, sv, -1, ctx.now());
        }
        if (unpark) unparkAll(sv.domain);
    }

    // ---------------------------------------------------------------- credit (C2.8-C2.11)

    /** {@code burn_credits} (C2.8): charge the time since start_time, scaled by max_weight / weight, floored. */
    private static void burn(Credit2Vcpu sv, long now) {
        if (sv.isIdle()) return;
        long delta = now - sv.startTime;
        if (delta <= 0) return;
        long val = delta * sv.rqd.maxWeight + sv.residual;
        sv.residual = val % sv.weight;
        val /= sv.weight;
        sv.credit = Math.max(sv.credit - val, CREDIT_MIN);
        if (sv.hasCap()) sv.budget -= delta;
        sv.startTime = now;
    }

    /** {@code c2t} (C2.9): credit back to run time. */
    private static long creditToTime(Credit2Runqueue rqd, long credit, Credit2Vcpu sv) {
        return credit * sv.weight / rqd.maxWeight;
    }

    /** {@code reset_credit} (C2.11): every VCPU of the run queue gets CREDIT_INIT more (twice at the floor). */
    private void resetCredit(int cpu, long now, Credit2Vcpu snext) {
        Credit2Runqueue rqd = rqOf[cpu];
        long amount = snext.credit == CREDIT_MIN ? 2 * CREDIT_INIT : CREDIT_INIT;
        for (int i = 0, n = rqd.svc.size(); i < n; i++) {
            Credit2Vcpu s = rqd.svc.get(i);
            if (s.vcpu.isCurrent()) {
                burn(s, now); // since 4.9 the running VCPUs are charged first (7.C17)
                if (s.budget <= 0) tickleCpu(s.vcpu.processor().id(), rqd);
            }
            s.credit = Math.min(s.credit + amount, CREDIT_INIT + CARRYOVER_MAX);
            s.startTime = now;
        }
    }

    // ---------------------------------------------------------------- load (C2.24)

    /** {@code update_runq_load}: the exponential average over the window, of the load before the change. */
    private static void updateRunqLoad(Credit2Runqueue rqd, int change, long now) {
        long t = now >> LOAD_GRANULARITY_SHIFT;
        long load = rqd.load;
        if (rqd.loadLastUpdate + (1L << LOAD_WINDOW_SHIFT) < t) {
            rqd.bAvgload = load << LOAD_PRECISION_SHIFT;
        } else {
            long delta = Math.max(t - rqd.loadLastUpdate, 0);
            long target = load << LOAD_PRECISION_SHIFT;
            rqd.bAvgload += ((delta * target) >> LOAD_WINDOW_SHIFT) - ((delta * rqd.bAvgload) >> LOAD_WINDOW_SHIFT);
        }
        rqd.load += change;
        rqd.loadLastUpdate = t;
    }

    /** {@code update_svc_load}: the VCPU's own average, sampled as 1 when it leaves, 0 when it arrives (4.16). */
    private static void updateSvcLoad(Credit2Vcpu sv, int change, long now) {
        long sample = change == -1 ? 1 : change == 1 ? 0 : sv.vcpu.isRunnable() ? 1 : 0;
        long t = now >> LOAD_GRANULARITY_SHIFT;
        if (sv.loadLastUpdate + (1L << LOAD_WINDOW_SHIFT) < t) {
            sv.avgload = sample << LOAD_PRECISION_SHIFT;
        } else {
            long delta = Math.max(t - sv.loadLastUpdate, 0);
            sv.avgload += ((delta * (sample << LOAD_PRECISION_SHIFT)) >> LOAD_WINDOW_SHIFT)
                    - ((delta * sv.avgload) >> LOAD_WINDOW_SHIFT);
        }
        sv.loadLastUpdate = t;
    }

    /** {@code update_load}: the run queue, then the VCPU if given. */
    private static void updateLoad(Credit2Runqueue rqd, Credit2Vcpu sv, int change, long now) {
        updateRunqLoad(rqd, change, now);
        if (sv != null) updateSvcLoad(sv, change, now);
    }

    // ---------------------------------------------------------------- tickling (C2.15, C2.16)

    /** {@code tickle_cpu}: mark it tickled, take its core out of smt_idle, raise SCHEDULE. */
    private void tickleCpu(int cpu, Credit2Runqueue rqd) {
        rqd.tickled.set(cpu);
        smtIdleClear(cpu, rqd.smtIdle);
        ctx.tickle(host.pcpu(cpu));
    }

    /**
     * {@code smt_idle_mask_set} of the run queue's idle and untickled pCPUs: the core's siblings join the run queue's
     * {@code smt_idle} when all of them are idle and none is tickled.
     */
    private void smtIdleSet(int cpu, Credit2Runqueue rqd) {
        int[] sib = siblings[cpu];
        for (int c : sib) {
            if (!rqd.idle.get(c) || rqd.tickled.get(c)) return;
        }
        for (int c : sib) rqd.smtIdle.set(c);
    }

    /** {@code smt_idle_mask_clear}: the core's siblings leave {@code mask} if all of them were in it. */
    private void smtIdleClear(int cpu, BitSet mask) {
        int[] sib = siblings[cpu];
        for (int c : sib) {
            if (!mask.get(c)) return;
        }
        for (int c : sib) mask.clear(c);
    }

    /** {@code ids} with {@code id} added at the end. */
    private static int[] withId(int[] ids, int id) {
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = id;
        return out;
    }

    /**
     * {@code runq_tickle} (C2.15): only pCPUs of the VCPU's run queue are considered: a fully idle core, else any
     * idle untickled pCPU, starting at the VCPU's own; else the busy pCPU whose current VCPU has the least credit,
     * if any has less. The model has no soft affinity, so the SOFT step is skipped, and every pCPU counts as in
     * both VCPUs' soft affinity in the score (Xen's default soft affinity is all pCPUs).
     */
    private void tickle(Credit2Vcpu sv, long now) {
        int cpu = sv.vcpu.processor().id();
        Credit2Runqueue rqd = sv.rqd;
        int ipid = -1;
        if (sv.pinned && rqd.idle.get(cpu) && !rqd.tickled.get(cpu)) {
            ipid = cpu;
        } else {
            BitSet mask = scratch;
            mask.clear();
            mask.or(rqd.smtIdle); // the run queue's masks hold only pCPUs of the pool ("online")
            mask.and(sv.hard);
            ipid = testOrCycle(cpu, mask);
            if (ipid < 0) {
                mask.clear();
                mask.or(rqd.idle);
                mask.andNot(rqd.tickled);
                mask.and(sv.hard);
                ipid = testOrCycle(cpu, mask);
            }
            if (ipid < 0) ipid = busyCpuToPreempt(sv, cpu, rqd, now);
        }
        if (ipid < 0) return;
        tickleCpu(ipid, rqd);
        sv.tickledCpu = ipid;
    }

    /** The busy-pCPU part of {@code runq_tickle}: the highest positive {@link #tickleScore}, own pCPU first. */
    private int busyCpuToPreempt(Credit2Vcpu sv, int cpu, Credit2Runqueue rqd, long now) {
        BitSet mask = scratch;
        mask.clear();
        mask.or(rqd.active);
        mask.andNot(rqd.idle);
        mask.andNot(rqd.tickled);
        mask.and(sv.hard);
        long max = 0;
        int ipid = -1;
        if (mask.get(cpu)) {
            mask.clear(cpu);
            long score = tickleScore(sv, cpu, now);
            if (score > max) return cpu; // its own pCPU is in its (default, all-pCPU) soft affinity: take it
        }
        for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
            long score = tickleScore(sv, i, now);
            if (score > max) {
                max = score;
                ipid = i;
            }
        }
        return ipid;
    }

    /** {@code tickle_score} (C2.16): how much more credit {@code sv} has than the VCPU running on {@code cpu}. */
    private long tickleScore(Credit2Vcpu sv, int cpu, long now) {
        Vcpu curV = host.pcpu(cpu).current();
        Credit2Vcpu cur = vcpus[curV.id()];
        if (cur.isIdle() || !preemptable(curV, now)) return -1;
        burn(cur, now);
        long score = sv.credit - cur.credit;
        if (sv.vcpu.processor().id() != cpu) score -= MIGRATE_RESIST;
        if (score > 0) score += CREDIT_INIT; // cpu is in sv's soft affinity (all pCPUs), and in cur's
        return score;
    }

    /** {@code is_preemptable} (since 4.10): past the rate limit, minus a 50 us tolerance. */
    private boolean preemptable(Vcpu cur, long now) {
        if (ratelimitNs <= RATELIMIT_TICKLE_TOLERANCE) return true;
        return now - cur.stateSince() > ratelimitNs - RATELIMIT_TICKLE_TOLERANCE;
    }

    // ---------------------------------------------------------------- caps (C2.21-C2.23)

    /** {@code unit_grab_budget}: take a quota from the domain's pool, or park the VCPU if the pool is empty. */
    private boolean grabBudget(Credit2Vcpu sv) {
        if (sv.budget > 0) return true;
        Credit2Domain cd = sv.domain;
        cd.budget += sv.budget; // an overrun is paid back first
        if (cd.budget > 0) {
            long b = Math.min(sv.budgetQuota, cd.budget);
            sv.budget = b;
            cd.budget -= b;
        } else {
            sv.budget = 0;
            park(sv);
        }
        return sv.budget > 0;
    }

    /** {@code park_unit}: pause the VCPU (Xen's _VPF_parked) and take it off the run queue. */
    private void park(Credit2Vcpu sv) {
        sv.parked = true;
        sv.domain.parkedUnits.add(0, sv);
        parking = true;
        ctx.pause(sv.vcpu);
        parking = false;
        ctx.budgetExhausted(sv.vcpu); // for timelines: parked until the domain's budget is refilled
        if (sv.onRunq) {
            sv.rqd.remove(sv);
            updateLoad(sv.rqd, sv, -1, ctx.now());
        }
    }

    /** {@code unit_return_budget}: unused budget goes back to the domain; true if parked VCPUs may now run. */
    private static boolean returnBudget(Credit2Vcpu sv) {
        Credit2Domain cd = sv.domain;
        cd.budget += sv.budget;
        sv.budget = 0;
        return cd.budget > 0;
    }

    /**
     * {@code unpark_parked_units}: unpause every parked VCPU of the domain, in list order. The framework's wake
     * hook then queues and tickles a runnable one, or marks one still being switched out for context_saved.
     */
    private void unparkAll(Credit2Domain cd) {
        int n = cd.parkedUnits.size();
        if (n == 0) return;
        if (unparkSnapshot.length < n) unparkSnapshot = new Credit2Vcpu[2 * n];
        cd.parkedUnits.toArray(unparkSnapshot);
        cd.parkedUnits.clear();
        for (int i = 0; i < n; i++) {
            Credit2Vcpu sv = unparkSnapshot[i];
            unparkSnapshot[i] = null;
            sv.parked = false;
            ctx.budgetReplenished(sv.vcpu);
            ctx.unpause(sv.vcpu);
        }
    }

    /** {@code replenish_domain_budget} (C2.23): refill the budget every period and unpark if it is positive. */
    private void replenish(Credit2Domain cd, long now) {
        do {
            cd.budget += cd.totBudget;
            cd.nextRepl += BUDGET_PERIOD;
        } while (cd.nextRepl <= now);
        if (cd.budget > 0) {
            cd.budget = Math.min(cd.budget, cd.totBudget);
            unparkAll(cd);
        }
        cd.replTimer.set(cd.nextRepl);
    }

    // ---------------------------------------------------------------- placement and balancing (C2.26-C2.29)

    /**
     * {@code csched2_res_pick} followed by the {@code migrate} hook (C2.28, C2.29): the run queue asked for by a
     * balancing migration, else the least loaded run queue the VCPU may use (its own load taken out of its own
     * queue), and in it the pCPU after the queue's pick bias. When the chosen pCPU is in another run queue than the
     * one the VCPU is assigned to, the VCPU moves there and takes that queue's next pCPU, as {@code migrate} does.
     */
    @Override
    public Pcpu pickCpu(Vcpu v) {
        Credit2Vcpu sv = vcpus[v.id()];
        BitSet hard = sv.hard;
        int cpu = -1;
        if (sv.runqMigrateRequest) {
            sv.runqMigrateRequest = false;
            cpu = cycleIn(sv.migrateRqd, hard);
        }
        if (cpu < 0) {
            Credit2Runqueue min = null;
            long minLoad = Long.MAX_VALUE;
            for (int i = 0, n = runqueues.size(); i < n; i++) {
                Credit2Runqueue rqd = runqueues.get(i);
                if (!rqd.active.intersects(hard)) continue;
                long load = rqd == sv.rqd ? Math.max(rqd.bAvgload - sv.avgload, 0) : rqd.bAvgload;
                if (load < minLoad) {
                    minLoad = load;
                    min = rqd;
                }
            }
            cpu = cycleIn(min, hard);
        }
        Credit2Runqueue trqd = rqOf[cpu];
        if (sv.rqd != null && trqd != sv.rqd) {
            // csched2_unit_migrate -> migrate(): not scheduled, so it is moved at once to the queue's next pCPU.
            deassign(sv);
            cpu = cycleIn(trqd, hard);
            assign(sv, trqd);
        }
        return host.pcpu(cpu);
    }

    /** {@code cpumask_cycle(rqd->pick_bias, hard & rqd->active)}, advancing the pick bias; -1 if disjoint. */
    private int cycleIn(Credit2Runqueue rqd, BitSet hard) {
        BitSet mask = scratch2;
        mask.clear();
        mask.or(rqd.active);
        mask.and(hard);
        int cpu = cycle(rqd.pickBias, mask);
        if (cpu >= 0) rqd.pickBias = cpu;
        return cpu;
    }

    /**
     * {@code balance_load} (C2.26), right after a reset on {@code cpu}: find the other run queue whose balancing load
     * differs most from ours; if the difference passes the threshold, carry out the push, pull or swap of VCPUs
     * that brings the two loads closest. The threshold's "100 % capacity" test reads the last run queue of the pool's
     * list, not the one with the largest difference, as Xen does (7.C20).
     */
    private void balanceLoad(int cpu, long now) {
        Credit2Runqueue lrqd = rqOf[cpu];
        updateRunqLoad(lrqd, 0, now);
        long loadDelta = 0;
        Credit2Runqueue maxq = null;
        Credit2Runqueue last = null;
        for (int i = 0, n = runqueues.size(); i < n; i++) {
            Credit2Runqueue rqd = runqueues.get(i);
            last = rqd;
            if (rqd == lrqd) continue;
            updateRunqLoad(rqd, 0, now);
            long d = Math.abs(lrqd.bAvgload - rqd.bAvgload);
            if (d > loadDelta) {
                loadDelta = d;
                maxq = rqd;
            }
        }
        if (maxq == null) return;
        long loadMax = Math.max(lrqd.bAvgload, last.bAvgload);
        int cpusMax = Math.max(lrqd.nrCpus, last.nrCpus);
        int tolerance = loadMax < ((long) cpusMax << LOAD_PRECISION_SHIFT) ? BALANCE_UNDER : BALANCE_OVER;
        if (loadDelta < (1L << (LOAD_PRECISION_SHIFT + tolerance))) return;

        Credit2Runqueue orqd = maxq;
        long best = loadDelta;
        Credit2Vcpu bestPush = null;
        Credit2Vcpu bestPull = null;
        boolean innerUpdated = false;
        for (int i = 0, n = lrqd.svc.size(); i < n; i++) {
            Credit2Vcpu push = lrqd.svc.get(i);
            updateSvcLoad(push, 0, now);
            if (!migrateable(push, orqd)) continue;
            for (int j = 0, m = orqd.svc.size(); j < m; j++) {
                Credit2Vcpu pull = orqd.svc.get(j);
                if (!innerUpdated) updateSvcLoad(pull, 0, now);
                if (!migrateable(pull, lrqd)) continue;
                long d = balanceAfter(lrqd, orqd, push, pull);
                if (d < best) {
                    best = d;
                    bestPush = push;
                    bestPull = pull;
                }
            }
            innerUpdated = true;
            long d = balanceAfter(lrqd, orqd, push, null);
            if (d < best) {
                best = d;
                bestPush = push;
                bestPull = null;
            }
        }
        for (int j = 0, m = orqd.svc.size(); j < m; j++) {
            Credit2Vcpu pull = orqd.svc.get(j);
            if (!migrateable(pull, lrqd)) continue;
            long d = balanceAfter(lrqd, orqd, null, pull);
            if (d < best) {
                best = d;
                bestPush = null;
                bestPull = pull;
            }
        }
        if (bestPush != null) migrate(bestPush, orqd, now);
        if (bestPull != null) migrate(bestPull, lrqd, now);
    }

    /** {@code consider}: the load difference between the two run queues after pushing and/or pulling. */
    private static long balanceAfter(Credit2Runqueue lrqd, Credit2Runqueue orqd, Credit2Vcpu push, Credit2Vcpu pull) {
        long l = lrqd.bAvgload;
        long o = orqd.bAvgload;
        if (push != null) {
            l -= push.avgload;
            o += push.avgload;
        }
        if (pull != null) {
            l += pull.avgload;
            o -= pull.avgload;
        }
        return Math.abs(l - o);
    }

    /** {@code unit_is_migrateable}: not already asked to move, and allowed on some pCPU of {@code rqd}. */
    private static boolean migrateable(Credit2Vcpu sv, Credit2Runqueue rqd) {
        return !sv.runqMigrateRequest && rqd.active.intersects(sv.hard);
    }

    /**
     * {@code migrate} (C2.27): a scheduled VCPU is asked to move through the framework's migration (its pCPU is
     * tickled, {@link #pickCpu} then honours the request); any other VCPU moves at once to the target queue's next
     * pCPU, requeued and tickled there if it was queued.
     */
    private void migrate(Credit2Vcpu sv, Credit2Runqueue trqd, long now) {
        Vcpu v = sv.vcpu;
        if (sv.scheduled) {
            sv.migrateRqd = trqd;
            sv.runqMigrateRequest = true;
            if (v.isRunning()) {
                ctx.migrate(v);
            } else {
                sv.migrateWhenCurrent = true; // it is the VCPU this schedule is choosing: it moves once switched in
            }
            tickleCpu(v.processor().id(), sv.rqd);
            return;
        }
        boolean wasQueued = sv.onRunq;
        if (wasQueued) {
            sv.rqd.remove(sv);
            updateLoad(sv.rqd, null, -1, now);
        }
        deassign(sv);
        int cpu = cycleIn(trqd, sv.hard);
        ctx.setProcessor(v, host.pcpu(cpu));
        assign(sv, trqd);
        if (wasQueued) {
            updateLoad(trqd, null, 1, now);
            trqd.insert(sv);
            tickle(sv, now);
        }
    }

    // ---------------------------------------------------------------- do_schedule (C2.17-C2.19)

    @Override
    public Decision schedule(Pcpu pcpu, long now) {
        int cpu = pcpu.id();
        Credit2Runqueue rqd = rqOf[cpu];
        Vcpu prev = pcpu.current();
        Credit2Vcpu scurr = vcpus[prev.id()];
        if (scurr.migrateWhenCurrent) {
            scurr.migrateWhenCurrent = false;
            ctx.migrate(prev);
        }
        if (rqd.tickled.get(cpu)) {
            rqd.tickled.clear(cpu);
            smtIdleSet(cpu, rqd);
        }
        burn(scurr, now);
        if (scurr.budget <= 0) grabBudget(scurr);

        Credit2Vcpu snext = candidate(rqd, scurr, cpu, now);
        if (snext != scurr && !prev.isIdle() && prev.isRunnable()) scurr.delayedRunqAdd = true;

        boolean migrated = false;
        if (!snext.isIdle()) {
            if (snext != scurr) {
                rqd.remove(snext);
                snext.scheduled = true;
            } else {
                updateLoad(rqd, snext, 0, now);
            }
            if (rqd.idle.get(cpu)) {
                rqd.idle.clear(cpu);
                smtIdleClear(cpu, rqd.smtIdle);
            }
            Credit2Vcpu head = rqd.first();
            long top = head == null ? snext.credit : Math.max(snext.credit, head.credit);
            if (top <= 0) {
                resetCredit(cpu, now, snext);
                balanceLoad(cpu, now);
            }
            snext.startTime = now;
            snext.tickledCpu = -1;
            if (snext.vcpu.processor() != pcpu) {
                snext.credit += MIGRATE_COMPENSATION;
                migrated = true; // the framework pulls it here
            }
        } else {
            if (!rqd.idle.get(cpu)) {
                rqd.idle.set(cpu);
                smtIdleSet(cpu, rqd);
            }
            updateLoad(rqd, null, 0, now);
        }
        return decision.set(snext.vcpu, runtime(rqd, snext, now), migrated);
    }

    /**
     * {@code runq_candidate} (C2.17): keep the current VCPU within the rate limit; otherwise the first queued VCPU
     * with more credit than the current one (any, when yielding) that is runnable, allowed here, not left to
     * another tickled pCPU, not resisting migration from another pCPU, and able to get budget.
     */
    private Credit2Vcpu candidate(Credit2Runqueue rqd, Credit2Vcpu scurr, int cpu, long now) {
        Credit2Vcpu snext;
        boolean yield = false;
        if (scurr.isIdle()) {
            snext = scurr;
        } else {
            yield = scurr.yield;
            scurr.yield = false;
            Vcpu cur = scurr.vcpu;
            if (!yield && ratelimitNs > 0 && cur.isRunnable() && now - cur.stateSince() < ratelimitNs) {
                return scurr;
            }
            snext = cur.isRunnable() ? scurr : vcpus[host.pcpu(cpu).idleVcpu().id()];
        }
        Credit2Vcpu s = rqd.first();
        while (s != null) {
            Credit2Vcpu after = s.next; // grabBudget may park s and unlink it
            if (!yield && s.credit <= snext.credit) break;
            if (s.vcpu.isRunnable() && s.vcpu.affinityInPool().contains(cpu)
                    && !(s.tickledCpu != -1 && s.tickledCpu != cpu && rqd.tickled.get(s.tickledCpu))
                    && !(s.vcpu.processor().id() != cpu && snext.credit + MIGRATE_RESIST > s.credit)
                    && !(s.hasCap() && !grabBudget(s))) {
                return s;
            }
            s = after;
        }
        return snext;
    }

    /**
     * {@code csched2_runtime} (C2.19, Xen 4.17: without the 4.21 in-flight term): run until the credit lead over
     * the queue's head is used up, converted to time at this VCPU's weight, within [max(500 us, rate limit left),
     * 10 ms], and no longer than a capped VCPU's budget unless the minimum says so.
     */
    private long runtime(Credit2Runqueue rqd, Credit2Vcpu snext, long now) {
        if (snext.isIdle()) return Decision.NO_TIMER;
        long minTime = MIN_TIMER;
        if (ratelimitNs > 0) {
            long rl = snext.vcpu.isRunning() ? snext.vcpu.stateSince() + ratelimitNs - now : ratelimitNs;
            minTime = Math.max(minTime, rl);
        }
        long rtCredit = snext.credit;
        Credit2Vcpu swait = rqd.first();
        if (swait != null && swait.credit > 0) rtCredit = snext.credit - swait.credit;
        long time = rtCredit > 0 ? creditToTime(rqd, rtCredit, snext) : 0;
        if (snext.hasCap()) time = Math.min(time, snext.budget);
        if (time < minTime) return minTime;
        return Math.min(time, MAX_TIMER);
    }

    // ---------------------------------------------------------------- masks

    /** Xen's {@code cpumask_cycle}: the first set bit after {@code n}, wrapping; -1 if the mask is empty. */
    private static int cycle(int n, BitSet mask) {
        int c = mask.nextSetBit(n + 1);
        return c >= 0 ? c : mask.nextSetBit(0);
    }

    /** Xen's {@code cpumask_test_or_cycle}. */
    private static int testOrCycle(int n, BitSet mask) {
        return mask.get(n) ? n : cycle(n, mask);
    }

    /** {@code mask} as a bit set: the pCPUs of hard affinity within the pool. */
    private void setHard(Credit2Vcpu sv, CpuMask mask) {
        sv.hard.clear();
        sv.hard.or(mask.toBitSet());
        sv.hard.and(online);
    }

    // ---------------------------------------------------------------- invariants

    @Override
    public void checkInvariants(long now) {
        for (Credit2Runqueue rqd : runqueues) {
            int load = 0;
            long prevCredit = Long.MAX_VALUE;
            for (Credit2Vcpu s = rqd.first(); s != null; s = s.next) {
                if (s.credit > prevCredit) throw new IllegalStateException(rqd + ": not sorted by credit at " + s);
                prevCredit = s.credit;
                if (s.rqd != rqd) throw new IllegalStateException(s + " queued on " + rqd + " but assigned to " + s.rqd);
                if (!s.vcpu.isRunnable()) throw new IllegalStateException(s + " queued but not runnable");
                if (s.scheduled) throw new IllegalStateException(s + " queued while scheduled");
            }
            int maxWeight = 1;
            for (Credit2Vcpu s : rqd.svc) {
                maxWeight = Math.max(maxWeight, s.weight);
                if (s.credit < CREDIT_MIN) throw new IllegalStateException(s + ": credit below the floor CREDIT_MIN");
                if (s.onRunq || s.scheduled) load++; // waiting, running, or switching out until context_saved
            }
            if (maxWeight != rqd.maxWeight) throw new IllegalStateException(rqd + ": max_weight " + rqd.maxWeight + ", counted " + maxWeight);
            if (load != rqd.load) throw new IllegalStateException(rqd + ": load " + rqd.load + ", counted " + load);
        }
        for (Credit2Vcpu sv : vcpus) {
            if (sv == null || sv.isIdle() || sv.vcpu.domain().pool() != ctx.pool()) continue; // moved away: stale
            BitSet differs = sv.vcpu.affinityInPool().toBitSet();
            differs.xor(sv.hard);
            differs.and(online);
            if (!differs.isEmpty()) {
                throw new IllegalStateException(sv + ": cached hard affinity differs from " + sv.vcpu.affinityInPool());
            }
            if (sv.pinned != (sv.vcpu.hardAffinity().size() == 1)) {
                throw new IllegalStateException(sv + ": PINNED does not match hard affinity " + sv.vcpu.hardAffinity());
            }
            if (sv.rqd != null && rqOf[sv.vcpu.processor().id()] != sv.rqd && !sv.vcpu.isRunning()) {
                throw new IllegalStateException(sv + " assigned to " + sv.rqd + " but placed on " + sv.vcpu.processor());
            }
            if (sv.parked != sv.domain.parkedUnits.contains(sv)) throw new IllegalStateException(sv + ": parked flag and list disagree");
        }
    }
}
