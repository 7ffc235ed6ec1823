package org.rtxen.sched.nul;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Host;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.Decision;
import org.rtxen.engine.machine.SchedContext;
import org.rtxen.engine.machine.VcpuScheduler;
import org.rtxen.model.params.SchedParams;

/**
 * Xen's null scheduler, following {@code xen/common/sched/null.c} of Xen 4.17.0 (spec section 4, rules N4.x).
 *
 * <p>Each pCPU of the pool has at most one assigned VCPU ({@code npc->unit}); {@code cpus_free} holds the pCPUs
 * with none. A VCPU is assigned when it is inserted or woken and its pCPU (or, failing that, the first free pCPU
 * of its affinity) is free (N4.2, N4.3, N4.5); otherwise it joins the FIFO {@code waitq} and waits until a pCPU of
 * its affinity is freed by removal or migration (N4.4, N4.7, N4.9). A pCPU runs its assigned VCPU whenever that is
 * runnable and idles otherwise: a blocked VCPU keeps its pCPU, so the policy is not work conserving (N4.6, N4.8).
 * There are no timers, weights or slices. The model has no soft affinity and its VCPUs never go offline, so only
 * the hard-affinity balance step and the online paths are modelled. Deviations are listed in docs/fidelity.md.
 */
public final class NullScheduler implements VcpuScheduler {
    private SchedContext ctx;
    private Host host;
    /** The VCPU assigned to each pCPU ({@code npc->unit}), by pCPU id; null when free. */
    private Vcpu[] assigned;
    /** The free pCPUs ({@code cpus_free}), pCPU c at bit c % 64 of word c / 64, so that a pick meets them a word at a time. */
    private long[] cpusFree;
    /** The VCPUs waiting for a pCPU, in arrival order. */
    private final List<Vcpu> waitq = new ArrayList<>();
    private boolean[] waiting;
    private boolean[] inserted;
    /** What every schedule call returns, refilled each time so that deciding never allocates. */
    private final Decision decision = new Decision();
    private SplittableRandom random;

    @Override
    public void init(SchedContext context) {
        ctx = context;
        host = context.host();
        int n = host.pcpus().size();
        assigned = new Vcpu[n];
        waiting = new boolean[host.vcpuCount()];
        inserted = new boolean[host.vcpuCount()];
        cpusFree = new long[(n + 63) >>> 6];
        for (Pcpu p : context.pool().pcpus()) {
            setFree(p.id(), true);
        }
        random = context.random("null", "pick"); // cpumask_any in pick_res (7.N2)
    }

    /** The null scheduler takes no per-domain parameters; a null or {@link NullParams} record is accepted. */
    @Override
    public void adjust(Domain d, SchedParams p) {
        if (p != null && !(p instanceof NullParams)) {
            throw new IllegalArgumentException("domain " + d.name() + ": null pool takes no scheduling parameters, not " + p);
        }
    }

    /**
     * {@code null_res_pick}, and at the end of a migration also the {@code migrate} hook (N4.2, N4.7): the VCPU's pCPU
     * if it is allowed and free or already its own, else the first free pCPU of its affinity, else a random pCPU of
     * its affinity as a mere placeholder (it then waits). When a VCPU that was already inserted moves to another
     * pCPU, it leaves its old pCPU (which may go to a waiter) and is assigned to the new one if free, else it waits.
     */
    @Override
    public Pcpu pickCpu(Vcpu v) {
        int cpu = pick(v);
        if (inserted[v.id()] && cpu != v.processor().id()) migrate(v, cpu);
        return host.pcpu(cpu);
    }

    /** {@code pick_res} (N4.2). */
    private int pick(Vcpu v) {
        CpuMask hard = v.affinityInPool();
        int cpu = v.processor().id();
        if (hard.contains(cpu) && (assigned[cpu] == null || assigned[cpu] == v)) return cpu;
        int free = hard.nextCommon(cpusFree, 0);
        return free >= 0 ? free : hard.nth(random.nextInt(hard.size()));
    }

    /** {@code null_unit_migrate} for an online VCPU moving from its pCPU to {@code newCpu} (N4.7). */
    private void migrate(Vcpu v, int newCpu) {
        if (assigned[v.processor().id()] == v) deassign(v);
        if (assigned[newCpu] == null && v.affinityInPool().contains(newCpu)) {
            if (waiting[v.id()]) leaveWaitq(v);
            assign(v, newCpu);
        } else if (!waiting[v.id()]) {
            joinWaitq(v);
        }
    }

    /** {@code null_unit_insert} (N4.3): assign to the picked pCPU if it is free, else wait. */
    @Override
    public void insert(Vcpu v) {
        inserted[v.id()] = true;
        int cpu = v.processor().id();
        if (assigned[cpu] == null) {
            assign(v, cpu);
        } else {
            // pick_res returns a free pCPU of the affinity whenever there is one, so Xen's retry never applies here.
            joinWaitq(v);
        }
    }

    /** {@code null_unit_remove}: leave the wait queue, or free the pCPU (which may go to a waiter). */
    @Override
    public void remove(Vcpu v) {
        inserted[v.id()] = false;
        if (waiting[v.id()]) {
            leaveWaitq(v);
        } else if (assigned[v.processor().id()] == v) {
            deassign(v);
        }
    }

    /** {@code null_unit_wake} (N4.5). */
    @Override
    public void wake(Vcpu v) {
        if (v.isCurrent() || waiting[v.id()]) return;
        int cpu = v.processor().id();
        if (assigned[cpu] == v) {
            ctx.tickle(v.processor());
            return;
        }
        if (assigned[cpu] == null && v.affinityInPool().contains(cpu)) {
            assign(v, cpu);
            ctx.tickle(v.processor());
            return;
        }
        joinWaitq(v);
        CpuMask hard = v.affinityInPool();
        for (int c = hard.nextCommon(cpusFree, 0); c >= 0; c = hard.nextCommon(cpusFree, c + 1)) {
            ctx.tickle(host.pcpu(c));
        }
    }

    /** {@code null_unit_sleep} (N4.6): a VCPU that pauses or blocks keeps its pCPU; if it is running, reschedule. */
    @Override
    public void sleep(Vcpu v) {
        if (v.isCurrent()) ctx.tickle(v.processor());
    }

    /** {@code unit_assign}: the pCPU is now the VCPU's and no longer free. */
    private void assign(Vcpu v, int cpu) {
        assigned[cpu] = v;
        if (v.processor().id() != cpu && !v.isRunning()) ctx.setProcessor(v, host.pcpu(cpu));
        setFree(cpu, false);
    }

    /** {@code unit_deassign} (N4.4): free the pCPU and hand it to the first waiter allowed there. */
    private void deassign(Vcpu v) {
        int cpu = v.processor().id();
        assigned[cpu] = null;
        setFree(cpu, true);
        Vcpu w = firstWaiterFor(cpu);
        if (w != null) {
            leaveWaitq(w);
            assign(w, cpu);
            ctx.tickle(host.pcpu(cpu));
        }
    }

    private Vcpu firstWaiterFor(int cpu) {
        for (int i = 0, n = waitq.size(); i < n; i++) {
            Vcpu w = waitq.get(i);
            if (w.affinityInPool().contains(cpu)) return w;
        }
        return null;
    }

    private void joinWaitq(Vcpu v) {
        waiting[v.id()] = true;
        waitq.add(v);
    }

    private void leaveWaitq(Vcpu v) {
        waiting[v.id()] = false;
        waitq.remove(v);
    }

    /** Its pool may gain and lose pCPUs at run time. */
    @Override
    public boolean canResizePool() {
        return true;
    }

    /**
     * A pCPU joins the pool ({@code xl cpupool-cpu-add}): Xen's {@code null_init_pdata} only marks it free. A waiter
     * allowed there takes it at the pCPU's next {@code null_schedule} (N4.8), so the pCPU is tickled for that pass if
     * one is waiting ([R]: Xen's idle pCPU reaches that pass on its own; the model needs the tickle to get there).
     */
    @Override
    public void joinPool(Pcpu p) {
        int cpu = p.id();
        assigned[cpu] = null;
        setFree(cpu, true);
        if (firstWaiterFor(cpu) != null) ctx.tickle(p);
    }

    /**
     * A pCPU leaves the pool ({@code xl cpupool-cpu-remove}), Xen's {@code null_deinit_pdata}: its VCPU has already
     * migrated away (cpu_disable_scheduler, through {@link #pickCpu}: to a free pCPU of its affinity or to the
     * waitq, N4.7), so the pCPU is simply no longer free.
     */
    @Override
    public void leavePool(Pcpu p) {
        assigned[p.id()] = null;
        setFree(p.id(), false);
    }

    /**
     * {@code null_schedule} (N4.8): the assigned VCPU if it is runnable, else idle; a pCPU with nothing assigned
     * first takes the first waiter allowed on it. No timer is ever armed.
     */
    @Override
    public Decision schedule(Pcpu pcpu, long now) {
        int cpu = pcpu.id();
        Vcpu next = assigned[cpu];
        if (next == null) {
            Vcpu w = firstWaiterFor(cpu);
            if (w != null) {
                leaveWaitq(w);
                assign(w, cpu);
                next = w;
            } else {
                setFree(cpu, true);
            }
        }
        if (next == null || !next.isRunnable() || (next != pcpu.current() && next.isRunning())) {
            next = pcpu.idleVcpu();
        }
        return decision.set(next, Decision.NO_TIMER, false);
    }

    private void setFree(int cpu, boolean free) {
        if (free) cpusFree[cpu >>> 6] |= 1L << cpu; else cpusFree[cpu >>> 6] &= ~(1L << cpu);
    }

    private boolean isFree(int cpu) {
        return (cpusFree[cpu >>> 6] & (1L << cpu)) != 0;
    }

    @Override
    public void checkInvariants(long now) {
        for (Pcpu p : ctx.pool().pcpus()) {
            int cpu = p.id();
            Vcpu a = assigned[cpu];
            if ((a == null) != isFree(cpu)) throw new IllegalStateException(p + ": cpus_free disagrees with its assignment");
            if (a != null && waiting[a.id()]) throw new IllegalStateException(a + " is assigned to " + p + " and waiting");
            if (a != null && a.processor() != p && !a.isRunning()) {
                throw new IllegalStateException(a + " is assigned to " + p + " but placed on " + a.processor());
            }
            Vcpu cur = p.current();
            if (!cur.isIdle() && cur != a) throw new IllegalStateException(p + " runs " + cur + " but " + a + " is assigned");
        }
        // The flag and the queue agree, so the first loop's check that no assigned VCPU is flagged covers the queue.
        int flagged = 0;
        for (boolean w : waiting) if (w) flagged++;
        for (Vcpu w : waitq) {
            if (!waiting[w.id()]) throw new IllegalStateException(w + " is in the waitq but not flagged waiting");
        }
        if (flagged != waitq.size()) throw new IllegalStateException(flagged + " VCPUs flagged waiting, " + waitq.size() + " in the waitq");
    }

    /** Not work conserving: a blocked VCPU keeps its pCPU and waiting VCPUs never borrow it (N4.6, N4.9). */
    @Override
    public boolean isWorkConserving() {
        return false;
    }
}
