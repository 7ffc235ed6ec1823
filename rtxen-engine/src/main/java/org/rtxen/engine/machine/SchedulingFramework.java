package org.rtxen.engine.machine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rtxen.engine.event.EventClass;
import org.rtxen.engine.event.EventQueue;
import org.rtxen.engine.event.RandomStreams;
import org.rtxen.engine.event.Timer;
import org.rtxen.engine.event.TimerCallback;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Quoted;
import org.rtxen.model.Scenario;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * Xen's generic scheduling framework ({@code xen/common/sched/core.c}, spec section 1): builds the host from a
 * scenario, calls the policies' hooks and applies their decisions. It is the only code that changes
 * {@link Vcpu} and {@link Pcpu} state.
 *
 * <p>Operations the guest model uses: {@link #wake} (unblock, F7), {@link #block} (SCHEDOP_block, F5),
 * {@link #yield} (F8); administrative ones: {@link #pause}/{@link #unpause} (F6) and {@link #setAffinity}
 * (migration as sleep then wake, F14). Per pCPU it keeps the SCHEDULE softirq, the slice timer {@code s_timer}
 * and a context-saved event, so a switched-out VCPU stays in the "switching out" state (M3) until its
 * context-saved event runs, even when the context-switch cost is zero.
 *
 * <p>Overheads (spec T7): each scheduler invocation delays guest execution on that pCPU by
 * {@code scheduleNs}; a context switch adds {@code contextSwitchNs} (and delays {@code contextSaved} by as
 * much), a migration adds {@code migrationNs}. The VCPU is accounted as running during its overhead.
 */
public final class SchedulingFramework {
    private final EventQueue queue;
    /** By domain, in scenario order: the timer that creates a domain with a later start, or null. */
    private final Timer[] creations;
    private final Host host = new Host();
    private final Overheads overheads;
    private final long seed;
    private CpuMask hostMask;
    private GuestHooks guest = GuestHooks.NONE;
    private TraceSink trace;
    /** The pCPU whose code is running now (Xen's smp_processor_id), see {@link SchedContext#thisCpu()}. */
    private Pcpu executing;
    /** The pCPU whose {@code cpupool-cpu-remove} has not returned yet: the toolstack waits for it. */
    private Pcpu removing;
    /**
     * The {@code xl pause}, {@code destroy} and {@code cpupool-migrate} commands that have not returned yet: Xen's
     * domain_pause waits until none of the domain's VCPUs runs, and so does the toolstack.
     */
    private int pausesInFlight;
    /** Administrative actions issued while the toolstack waits: they run, in order, once it may go on. */
    private final ArrayDeque<Runnable> toolstackBacklog = new ArrayDeque<>();

    /** Builds the host described by {@code scenario} with one policy per pool from {@code factory}; call {@link #start}. */
    public SchedulingFramework(Scenario scenario, SchedulerFactory factory, EventQueue queue) {
        this.queue = queue;
        this.overheads = scenario.overheads() != null ? scenario.overheads() : Overheads.NONE;
        this.seed = scenario.seed();
        build(scenario, factory);
        // Created before any command's timer (Simulation.at): at the same instant a domain is created first, so that
        // a command at its start finds it, as commands run after everything else at an instant (spec M2).
        creations = new Timer[host.domains.size()];
        for (int i = 0; i < creations.length; i++) {
            Domain d = host.domains.get(i);
            if (d.spec().startNs() > 0) {
                creations[i] = queue.newTimer(EventClass.ADMIN, now -> {
                    createDomain(d); // places the VCPUs first: a trace records the change on the pCPU of each
                    for (Vcpu v : d.vcpus()) changeState(v, RunState.BLOCKED, now);
                    unpauseDomain(d);
                    guest.domainCreated(d, now);
                });
            }
        }
    }

    /** The simulated host. */
    public Host host() {
        return host;
    }

    /** Sends run-state changes and context switches to {@code sink} (null: none); call before {@link #start}. */
    public void attachTrace(TraceSink sink) {
        this.trace = sink;
    }

    /** Connects the guest OS model; call before {@link #start}. */
    public void attachGuests(GuestHooks hooks) {
        this.guest = hooks;
    }

    // ---------------------------------------------------------------------------------------------- building

    private void build(Scenario scenario, SchedulerFactory factory) {
        int guestVcpus = 0;
        for (DomainSpec d : scenario.domains()) guestVcpus += d.vcpus();
        int n = scenario.host().pcpus();
        int threads = scenario.host().threadsPerCore();
        int cores = scenario.host().coresPerSocket();
        List<Integer> all = new ArrayList<>(n);
        List<Pcpu> pcpus = new ArrayList<>(n);
        List<Vcpu> idles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(i);
            Pcpu p = new Pcpu(i, i / (cores * threads), (i / threads) % cores, i % threads, i / threads);
            Vcpu idle = new Vcpu(guestVcpus + i, null, i, true);
            idle.affinity = idle.affinityInPool = CpuMask.of(List.of(i));
            idle.processor = idle.lastRanOn = p;
            p.idle = p.current = idle;
            pcpus.add(p);
            idles.add(idle);
        }
        host.pcpus = List.copyOf(pcpus);
        executing = pcpus.get(0);
        for (Pcpu p : pcpus) {
            // Creation order makes same-time SCHEDULE events run in increasing pCPU id (M2).
            p.softirq = queue.newTimer(EventClass.SCHEDULE, now -> onSoftirq(p, now));
            p.sTimer = queue.newTimer(EventClass.SCHEDULE, now -> onSliceTimer(p, now));
            p.contextSaved = queue.newTimer(EventClass.CONTEXT_SAVED, now -> onContextSaved(p));
        }
        hostMask = CpuMask.of(all);

        List<CpuPool> pools = new ArrayList<>();
        Map<String, CpuPool> poolsByName = new HashMap<>();
        for (PoolSpec ps : scenario.pools()) {
            List<Pcpu> members = new ArrayList<>();
            for (int id : ps.pcpus()) members.add(pcpus.get(id));
            CpuPool pool = new CpuPool(pools.size(), ps, members, host);
            for (Pcpu p : members) p.pool = pool;
            pool.scheduler = factory.create(ps);
            pools.add(pool);
            poolsByName.putIfAbsent(ps.name(), pool);
        }
        host.pools = List.copyOf(pools);

        List<Domain> domains = new ArrayList<>();
        List<Vcpu> vcpus = new ArrayList<>(guestVcpus + n);
        List<List<Domain>> poolDomains = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) poolDomains.add(new ArrayList<>());
        int nextDomid = 1;
        for (DomainSpec ds : scenario.domains()) {
            CpuPool pool = poolNamed(ds, poolsByName);
            Domain d = new Domain(ds.control() ? 0 : nextDomid++, ds, pool);
            List<Vcpu> own = new ArrayList<>(ds.vcpus());
            for (int j = 0; j < ds.vcpus(); j++) {
                List<Integer> cpus = ds.affinityOf(j);
                CpuMask affinity = cpus.isEmpty() ? hostMask : CpuMask.of(cpus);
                CpuMask inPool = affinity.and(pool.mask());
                if (inPool.isEmpty()) {
                    throw new IllegalArgumentException("domain " + ds.name() + ", VCPU " + j + ": affinity " + affinity
                            + " has no pCPU of pool " + pool.name());
                }
                Vcpu v = new Vcpu(vcpus.size(), d, j, false);
                v.affinity = affinity;
                v.affinityInPool = inPool;
                own.add(v);
                vcpus.add(v);
            }
            d.setVcpus(own);
            domains.add(d);
            poolDomains.get(pool.id()).add(d);
        }
        for (CpuPool pool : pools) pool.domains = List.copyOf(poolDomains.get(pool.id()));
        vcpus.addAll(idles);
        host.domains = List.copyOf(domains);
        host.vcpus = List.copyOf(vcpus);
    }

    private CpuPool poolNamed(DomainSpec ds, Map<String, CpuPool> poolsByName) {
        if (ds.pool() == null && host.pools.size() == 1) return host.pools.get(0);
        CpuPool pool = ds.pool() == null ? null : poolsByName.get(ds.pool());
        if (pool == null) throw new IllegalArgumentException("domain " + ds.name() + ": unknown pool " + Quoted.of(ds.pool()));
        return pool;
    }

    /**
     * Brings the host up at time 0: each policy is initialised and given its pool parameters, then each domain
     * that starts at boot, in scenario order, is created ({@link #createDomain}). A domain with a later start
     * exists from then on: until its creation it is paused and its VCPUs are offline. Every VCPU starts blocked;
     * the guest model wakes those with work.
     */
    public void start() {
        for (CpuPool pool : host.pools) {
            pool.scheduler.init(new PoolContext(pool));
            if (pool.params != null) pool.scheduler.adjustGlobal(pool.params);
        }
        for (int i = 0; i < creations.length; i++) {
            Domain d = host.domains.get(i);
            if (creations[i] == null) {
                createDomain(d);
            } else {
                d.pauseCount++; // created paused, like xl create before its unpause
                for (Vcpu v : d.vcpus()) changeState(v, RunState.OFFLINE, 0);
                creations[i].set(d.spec().startNs());
            }
        }
    }

    /**
     * Domain creation: the policy gets the domain's parameters ({@code adjust}), then each VCPU is placed on a
     * successive pCPU of the pool (F17), corrected by the policy's pick (F18), and inserted. Xen starts a
     * server's first period here, so a later start shifts the policy's periods where the policy anchors them at
     * insertion.
     */
    private void createDomain(Domain d) {
        d.live = true;
        VcpuScheduler sched = d.pool().scheduler;
        sched.adjust(d, d.params);
        List<Pcpu> poolCpus = d.pool().pcpus();
        for (Vcpu v : d.vcpus()) {
            // Successive pCPUs of the pool (F17; sched_move_domain too), corrected by the policy's pick (F18).
            v.processor = host.pcpus.get(v.affinityInPool.atOrAfter(poolCpus.get(v.index() % poolCpus.size()).id()));
            Pcpu placed = sched.pickCpu(v);
            checkPlacement(v, placed);
            v.processor = placed;
            sched.insert(v);
        }
    }

    // ---------------------------------------------------------------------------------------------- guest-facing operations

    /** Unblocks {@code v} (event delivery, F7): clears its blocked flag and, if it is now runnable, wakes it. */
    public void wake(Vcpu v) {
        if (!v.blocked) return;
        executing = v.processor; // the VCPU's timers and event channel are bound to its pCPU
        v.blocked = false;
        vcpuWake(v);
    }

    /** The current VCPU {@code v} blocks (SCHEDOP_block, F5): no sleep hook; its pCPU reschedules now. */
    public void block(Vcpu v) {
        if (!v.isCurrent()) throw new IllegalStateException(v + " blocks but is not current on " + v.processor);
        if (v.blocked) return;
        v.blocked = true;
        raiseSoftirq(v.processor);
    }

    /** The current VCPU {@code v} yields (SCHEDOP_yield, F8): the policy's yield hook, then a reschedule. */
    public void yield(Vcpu v) {
        if (!v.isCurrent()) throw new IllegalStateException(v + " yields but is not current");
        schedulerOf(v).yield(v);
        raiseSoftirq(v.processor);
    }

    /**
     * Runs an administrative action (an {@code xl} command) as the toolstack does, on pCPU 0: policy hooks it
     * triggers see pCPU 0 as {@link SchedContext#thisCpu()}.
     */
    public void runOnToolstackCpu(Runnable action) {
        if (removing != null || pausesInFlight > 0) { // xl is still blocked in a hypercall: later commands wait their turn
            toolstackBacklog.add(action);
            return;
        }
        executing = host.pcpus.get(0);
        action.run();
    }

    /** Pauses {@code v} (vcpu_pause_nosync, F6): it becomes non-runnable and the policy's sleep hook runs. */
    public void pause(Vcpu v) {
        v.pauseCount++;
        vcpuSleep(v);
    }

    /** Undoes one {@link #pause}; the VCPU is woken when no pause is left and it is otherwise runnable. */
    public void unpause(Vcpu v) {
        if (v.pauseCount == 0) throw new IllegalStateException(v + " is not paused");
        if (--v.pauseCount == 0) vcpuWake(v);
    }

    /**
     * Changes the hard affinity of {@code v} and migrates it as Xen does (F14): migrating flag, sleep hook, and
     * once it is not running (now, or after its context is saved) pickCpu and wake.
     */
    public void setAffinity(Vcpu v, CpuMask affinity) {
        CpuMask inPool = affinity.and(v.domain().pool().mask());
        if (inPool.isEmpty()) throw new IllegalArgumentException("affinity " + affinity + " has no pCPU of " + v.domain().pool());
        schedulerOf(v).adjustAffinity(v, affinity);
        v.affinity = affinity;
        v.affinityInPool = inPool;
        if (v.domain().live) migrate(v);
    }

    /** F14: the migrating flag, the sleep hook, and once v is not running, pickCpu and wake. */
    private void migrate(Vcpu v) {
        v.migrating = true;
        vcpuSleep(v);
        if (!v.running) finishMigration(v);
    }

    /** Sets domain {@code d}'s scheduling parameters at run time (domctl putinfo, {@code xl sched-*}): the policy's adjust hook. */
    public void adjust(Domain d, SchedParams params) {
        d.params = params;
        if (d.live) schedulerOf(d).adjust(d, params);
    }

    /** Sets pool {@code pool}'s pool-wide parameters at run time (sysctl adjust_global): the policy's hook. */
    public void adjustGlobal(CpuPool pool, PoolParams params) {
        pool.params = params;
        pool.scheduler.adjustGlobal(params);
    }

    /**
     * Pauses every VCPU of {@code d} ({@code xl pause}, domain_pause_by_systemcontroller, F6); the hypercall returns
     * once none of them runs, so administrative commands given at or after it wait until then.
     */
    public void pauseDomain(Domain d) {
        pauseNoSync(d);
        awaitDescheduled(d);
    }

    /** Xen's domain_pause_nosync: every VCPU of {@code d} is paused and the policy's sleep hook runs. */
    private void pauseNoSync(Domain d) {
        d.pauseCount++;
        for (Vcpu v : d.vcpus()) vcpuSleep(v);
    }

    /** The toolstack waits until no VCPU of {@code d} runs (domain_pause's vcpu_sleep_sync), after the steps queued before. */
    private void awaitDescheduled(Domain d) {
        pausesInFlight++;
        whenDescheduled(d, () -> {
            pausesInFlight--;
            resumeToolstack();
        });
    }

    /** Undoes one {@link #pauseDomain} ({@code xl unpause}); VCPUs with work are woken when no pause is left. */
    public void unpauseDomain(Domain d) {
        if (d.pauseCount == 0) throw new IllegalStateException(d + " is not paused");
        if (--d.pauseCount == 0) {
            for (Vcpu v : d.vcpus()) vcpuWake(v);
        }
    }

    /**
     * Moves {@code d} to pool {@code to} ({@code xl cpupool-migrate}, Xen's sched_move_domain): the domain is
     * paused, and once none of its VCPUs runs each leaves the old policy ({@code remove}); in the new pool it gets
     * that policy's default parameters (Xen allocates fresh scheduler data), every VCPU's hard affinity is reset
     * to all pCPUs, the VCPUs are placed on successive pCPUs of the new pool from its first one on, inserted, and
     * the domain is unpaused. The hypercall returns only then (domain_pause waits for every VCPU to be descheduled),
     * so administrative commands given at or after it wait until the domain has moved.
     */
    public void moveDomain(Domain d, CpuPool to) {
        if (d.pool() == to) return;
        if (!d.live) { // not created yet: it will be created in the new pool
            changePool(d, to);
            return;
        }
        pauseNoSync(d);
        whenDescheduled(d, () -> {
            for (Vcpu v : d.vcpus()) schedulerOf(v).remove(v);
            changePool(d, to);
            createDomain(d);
            unpauseDomain(d);
        });
        awaitDescheduled(d);
    }

    private void changePool(Domain d, CpuPool to) {
        CpuPool from = d.pool();
        List<Domain> left = new ArrayList<>(from.domains);
        left.remove(d);
        from.domains = List.copyOf(left);
        List<Domain> joined = new ArrayList<>(to.domains);
        joined.add(d);
        joined.sort(Comparator.comparingInt(host.domains::indexOf));
        to.domains = List.copyOf(joined);
        d.pool = to;
        d.params = null;
        for (Vcpu v : d.vcpus()) {
            v.affinity = hostMask;
            v.affinityInPool = to.mask();
        }
    }

    /**
     * Destroys {@code d} ({@code xl destroy}): it is paused, its guest stops, and once none of its VCPUs runs each
     * leaves its policy ({@code remove}) and stays offline for the rest of the run; administrative commands given at
     * or after it wait until then (domain_kill pauses synchronously).
     */
    public void destroy(Domain d) {
        pauseNoSync(d);
        d.destroyed = true;
        guest.domainDestroyed(d, queue.now());
        if (trace != null) trace.domainDestroyed(queue.now(), d);
        whenDescheduled(d, () -> {
            for (Vcpu v : d.vcpus()) {
                schedulerOf(v).remove(v);
                changeState(v, RunState.OFFLINE, queue.now());
            }
            d.live = false;
        });
        awaitDescheduled(d);
    }

    /**
     * Removes pCPU {@code p} from its pool ({@code xl cpupool-cpu-remove}; Xen's cpu_disable_scheduler then
     * schedule_cpu_rm): the pool no longer offers it, a VCPU whose affinity held no other pCPU of the pool has it
     * broken to all pCPUs ("Breaking affinity"), the policy hears of it ({@code pcpuLeaving}), the VCPUs assigned to
     * it migrate away (F14), and once it runs its idle VCPU the policy forgets it ({@code leavePool}) and it becomes
     * free.
     */
    public void removePcpu(Pcpu p) {
        CpuPool pool = p.pool;
        checkResizable(pool);
        List<Pcpu> rest = new ArrayList<>(pool.pcpus());
        rest.remove(p);
        pool.setPcpus(rest);
        p.leaving = true;
        for (Domain d : pool.domains()) {
            for (Vcpu v : d.vcpus()) {
                v.affinityInPool = v.affinity.and(pool.mask());
                if (v.affinityInPool.isEmpty()) {
                    // sched_set_affinity(all), as for a pin (F14); a domain not created yet or destroyed has no
                    // state in the policy to adjust
                    if (d.live) pool.scheduler.adjustAffinity(v, hostMask);
                    v.affinity = hostMask;
                    v.affinityInPool = pool.mask();
                }
            }
        }
        pool.scheduler.pcpuLeaving(p);
        for (Domain d : pool.domains()) {
            for (Vcpu v : d.vcpus()) {
                // A domain being destroyed only waits to be descheduled; it leaves its policy then, not for a pCPU
                if (v.processor == p && d.live && !d.destroyed) migrate(v);
            }
        }
        if (p.isIdle() && !p.isSwitching()) {
            finishPcpuRemoval(p);
        } else {
            removing = p;
            raiseSoftirq(p);
        }
    }

    private static void checkResizable(CpuPool pool) {
        if (!pool.scheduler.canResizePool()) throw new IllegalStateException(pool + "'s policy cannot change its pCPUs at run time");
    }

    private void finishPcpuRemoval(Pcpu p) {
        p.leaving = false;
        p.pool.scheduler.leavePool(p);
        p.pool = null;
        p.sTimer.stop();
        p.softirq.stop();
        if (p == removing) {
            removing = null;
            resumeToolstack();
        }
    }

    /**
     * A hypercall the toolstack waited for has returned (a remove once the pCPU is free: Xen's cpupool_unassign_cpu
     * runs on as a continuation until no VCPU is left there; a pause, destroy or move once the domain is descheduled
     * and, for a move, in its new pool), so the commands it issued after it run now, in order.
     */
    private void resumeToolstack() {
        Pcpu was = executing;
        while (removing == null && pausesInFlight == 0 && !toolstackBacklog.isEmpty()) runOnToolstackCpu(toolstackBacklog.poll());
        executing = was;
    }

    /**
     * Adds the free pCPU {@code p} to pool {@code pool} ({@code xl cpupool-cpu-add}; Xen's schedule_cpu_add): the
     * pool's VCPUs may now run there as their affinity allows, and the policy sets it up ({@code joinPool}); it runs
     * its idle VCPU until the policy tickles it.
     */
    public void addPcpu(CpuPool pool, Pcpu p) {
        if (p.pool != null) throw new IllegalStateException(p + " is in " + p.pool);
        checkResizable(pool);
        List<Pcpu> members = new ArrayList<>(pool.pcpus());
        members.add(p);
        pool.setPcpus(members);
        p.pool = pool;
        for (Domain d : pool.domains()) {
            for (Vcpu v : d.vcpus()) v.affinityInPool = v.affinity.and(pool.mask());
        }
        pool.scheduler.joinPool(p);
    }

    /** Runs {@code then} once no VCPU of {@code d} is running (now, or when the last one's context is saved). */
    private void whenDescheduled(Domain d, Runnable then) {
        d.whenDescheduled.add(then);
        runIfDescheduled(d);
    }

    private void runIfDescheduled(Domain d) {
        if (d.whenDescheduled.isEmpty()) return;
        for (Vcpu v : d.vcpus()) {
            if (v.running) return;
        }
        List<Runnable> steps = List.copyOf(d.whenDescheduled);
        d.whenDescheduled.clear();
        for (Runnable r : steps) r.run();
    }

    // ---------------------------------------------------------------------------------------------- core paths

    private static VcpuScheduler schedulerOf(Vcpu v) {
        return v.domain().pool().scheduler;
    }

    private static VcpuScheduler schedulerOf(Domain d) {
        return d.pool().scheduler;
    }

    private void vcpuWake(Vcpu v) {
        long now = queue.now();
        if (!v.domain().live) return;
        if (v.isRunnable()) {
            if (v.runState == RunState.BLOCKED || v.runState == RunState.OFFLINE) changeState(v, RunState.RUNNABLE, now);
            schedulerOf(v).wake(v);
        } else if (v.runState == RunState.RUNNABLE) {
            changeState(v, v.blocked ? RunState.BLOCKED : RunState.OFFLINE, now);
        } else if (v.runState == RunState.BLOCKED && !v.blocked) {
            changeState(v, RunState.OFFLINE, now); // unblocked while paused: no longer blocked, not runnable (Xen's vcpu_wake)
        }
        if (v.blocked && !v.migrating && v.pauseCount == 0 && v.domain().pauseCount == 0) {
            schedulerOf(v).resumedWhileBlocked(v);
        }
    }

    private void vcpuSleep(Vcpu v) {
        if (v.isRunnable()) return;
        if (v.runState == RunState.RUNNABLE) changeState(v, RunState.OFFLINE, queue.now());
        if (v.domain().live) schedulerOf(v).sleep(v);
    }

    private void finishMigration(Vcpu v) {
        Pcpu dest = schedulerOf(v).pickCpu(v);
        checkPlacement(v, dest);
        v.processor = dest;
        v.migrating = false;
        vcpuWake(v);
    }

    private static void checkPlacement(Vcpu v, Pcpu dest) {
        if (dest == null || !v.affinityInPool.contains(dest.id())) {
            throw new IllegalStateException("pickCpu(" + v + ") returned " + dest + ", outside " + v.affinityInPool);
        }
    }

    /** Raises the SCHEDULE softirq on {@code p} at the current time (F9); idempotent while one is pending. */
    void raiseSoftirq(Pcpu p) {
        if (!p.softirq.isActive()) p.softirq.set(queue.now());
    }

    private void onSoftirq(Pcpu p, long now) {
        if (p.pool == null) return; // a free pCPU runs its idle VCPU and no scheduler
        if (p.switchingOut != null) {
            // The pCPU is still inside a context switch: its softirq runs when the switch completes.
            p.softirq.set(p.contextSaved.expiry());
            return;
        }
        schedule(p, now);
    }

    private void onSliceTimer(Pcpu p, long now) {
        p.softirq.stop(); // s_timer only raises the softirq (F10); run it directly
        onSoftirq(p, now);
    }

    /** The per-pCPU schedule path (F11). */
    private void schedule(Pcpu p, long now) {
        executing = p;
        p.scheduleCalls++;
        Vcpu prev = p.current;
        Decision d = p.pool.scheduler.schedule(p, now);
        Vcpu next = d.next();
        long slice = d.sliceNs();
        // F11.2 stops s_timer before do_schedule and F11.5 re-arms it; no hook can observe s_timer, so one
        // re-arm (or stop) after the decision is equivalent and saves a queue operation.
        if (slice >= 0) p.sTimer.set(now + slice); else p.sTimer.stop();
        long scheduleNs = overheads.scheduleNs();
        if (next == prev) {
            // A policy may keep a VCPU it has just asked to migrate (Credit2's balancing, which also raises the
            // softirq that switches it out), never one that blocked: its guest has nothing to run.
            if (prev.blocked) throw new IllegalStateException(p + " kept " + prev + ", which is blocked");
            if (scheduleNs > 0 && !prev.isIdle()) {
                guest.stopped(prev, now);
                p.progressFrom = now + scheduleNs;
                guest.resumed(prev, p.progressFrom);
            }
            return;
        }
        checkDecision(p, next);
        if (trace != null) trace.contextSwitch(now, p, prev, next);
        p.current = next;
        p.contextSwitches++;
        long cost = scheduleNs + overheads.contextSwitchNs();
        if (!prev.isIdle()) {
            changeState(prev, prev.blocked ? RunState.BLOCKED : prev.isRunnable() ? RunState.RUNNABLE : RunState.OFFLINE, now);
            p.busyNs += now - p.busySince;
            guest.stopped(prev, now);
        }
        if (!next.isIdle()) {
            next.processor = p; // pull migration (F15): the framework moves it here
            if (next.lastRanOn != null && next.lastRanOn != p) {
                p.migrations++;
                cost += overheads.migrationNs();
            }
            next.lastRanOn = p;
            changeState(next, RunState.RUNNING, now);
            p.busySince = now;
        }
        next.running = true;
        p.switchingOut = prev;
        p.contextSaved.set(now + overheads.contextSwitchNs());
        if (!next.isIdle()) {
            p.progressFrom = now + cost;
            guest.resumed(next, p.progressFrom);
        }
    }

    private static void checkDecision(Pcpu p, Vcpu next) {
        if (next.isIdle()) {
            if (next != p.idleVcpu()) throw new IllegalStateException(p + " was given the idle VCPU of another pCPU");
            return;
        }
        if (next.domain().pool() != p.pool || !next.affinityInPool.contains(p.id())) {
            throw new IllegalStateException(p + " was given " + next + ", outside its affinity " + next.affinityInPool);
        }
        if (!next.isRunnable()) throw new IllegalStateException(p + " was given " + next + ", which is not runnable");
        if (next.isCurrent()) throw new IllegalStateException(p + " was given " + next + ", current on " + next.processor);
    }

    /** End of a context switch on {@code p} (F11.9): clear prev's is_running, contextSaved hook, pending migration. */
    private void onContextSaved(Pcpu p) {
        executing = p;
        Vcpu prev = p.switchingOut;
        p.switchingOut = null;
        if (!prev.isCurrent()) prev.running = false;
        p.pool.scheduler.contextSaved(prev);
        if (!prev.isIdle()) {
            if (prev.migrating && !prev.running) finishMigration(prev);
            runIfDescheduled(prev.domain());
        }
        if (p.leaving && p.isIdle()) finishPcpuRemoval(p);
    }

    private void changeState(Vcpu v, RunState to, long now) {
        if (trace != null && v.runState != to) trace.runState(now, v, v.runState, to);
        v.stateNs[v.runState.ordinal()] += now - v.stateSince;
        v.runState = to;
        v.stateSince = now;
    }

    // ---------------------------------------------------------------------------------------------- start and end

    /** Closes every open accounting interval at {@code end} (the simulation's duration). */
    public void finish(long end) {
        for (Vcpu v : host.vcpus) {
            if (!v.isIdle()) changeState(v, v.runState, end);
        }
        for (Pcpu p : host.pcpus) {
            if (!p.isIdle()) {
                p.busyNs += end - p.busySince;
                p.busySince = end;
            }
        }
    }

    /** The context a pool's policy sees. */
    private final class PoolContext implements SchedContext {
        private final CpuPool pool;

        PoolContext(CpuPool pool) {
            this.pool = pool;
        }

        @Override
        public long now() {
            return queue.now();
        }

        @Override
        public Timer newTimer(TimerCallback callback) {
            return newTimer(pool.pcpus().get(0), callback);
        }

        @Override
        public Timer newTimer(Pcpu cpu, TimerCallback callback) {
            return queue.newTimer(EventClass.POLICY_TIMER, now -> {
                executing = cpu;
                callback.fire(now);
            });
        }

        @Override
        public Pcpu thisCpu() {
            return executing;
        }

        @Override
        public void tickle(Pcpu pcpu) {
            if (pcpu.pool != pool) throw new IllegalArgumentException(pcpu + " is not in " + pool);
            raiseSoftirq(pcpu);
        }

        @Override
        public void pause(Vcpu v) {
            checkInPool(v);
            SchedulingFramework.this.pause(v);
        }

        @Override
        public void unpause(Vcpu v) {
            checkInPool(v);
            SchedulingFramework.this.unpause(v);
        }

        @Override
        public void migrate(Vcpu v) {
            checkInPool(v);
            if (!v.running) throw new IllegalArgumentException(v + " is not running; only a running VCPU is marked migrating");
            v.migrating = true;
            // A VCPU being switched out is no longer current: it is now offline until the migration ends (F14).
            if (!v.isCurrent() && v.runState == RunState.RUNNABLE) changeState(v, RunState.OFFLINE, queue.now());
        }

        @Override
        public void setProcessor(Vcpu v, Pcpu pcpu) {
            checkInPool(v);
            if (v.running) throw new IllegalArgumentException(v + " is running; only the framework moves a running VCPU");
            if (!v.affinityInPool.contains(pcpu.id())) throw new IllegalArgumentException(pcpu + " is outside the affinity of " + v);
            v.processor = pcpu;
        }

        @Override
        public void budgetExhausted(Vcpu v) {
            if (trace != null) trace.budgetExhausted(queue.now(), v);
        }

        @Override
        public void budgetReplenished(Vcpu v) {
            if (trace != null) trace.budgetReplenished(queue.now(), v);
        }

        private void checkInPool(Vcpu v) {
            if (v.isIdle() || v.domain().pool() != pool) throw new IllegalArgumentException(v + " is not a VCPU of " + pool);
        }

        @Override
        public CpuPool pool() {
            return pool;
        }

        @Override
        public SplittableRandom random(String... path) {
            String[] full = new String[path.length + 2];
            full[0] = "pool";
            full[1] = pool.name();
            System.arraycopy(path, 0, full, 2, path.length);
            return RandomStreams.of(seed, full);
        }
    }
}
