package org.rtxen.engine.machine;

import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * A VCPU scheduling policy for one cpupool, like Xen's {@code struct scheduler} (spec F1-F3).
 *
 * <p>The policy decides, the framework acts: {@link #schedule} returns a {@link Decision} and the framework
 * arms the slice timer, switches context, accounts run states and later calls {@link #contextSaved}. A policy
 * never changes a {@link Vcpu} or {@link Pcpu} itself; to get a decision made on some pCPU it calls
 * {@link SchedContext#tickle}. Every hook runs atomically (one pool = one scheduler lock, spec 0.4) and at
 * the current simulated time {@link SchedContext#now()}. Hooks are never called for idle VCPUs, except that
 * {@link #schedule} may return one and {@link #contextSaved} is called for one after it is switched out.
 */
public interface VcpuScheduler {
    /**
     * Called once, at time 0, before any other hook: the pool's pCPUs are in {@code ctx.pool()}, their
     * current VCPU is their idle VCPU, and no domain VCPU has been inserted yet. Create timers here.
     */
    void init(SchedContext ctx);

    /**
     * A VCPU joins the pool (domain creation, F2). Its {@code processor} has already been set by the framework
     * from {@link #pickCpu} (F18), and {@link #adjust} has already given its domain's parameters. Called at
     * time 0, in domain then VCPU-index order; the VCPU is blocked (not runnable) and not running. Never called
     * for idle VCPUs.
     */
    void insert(Vcpu v);

    /** A VCPU leaves the pool (domain destroyed or moved, F17): forget it. It is not running and not runnable. */
    void remove(Vcpu v);

    /**
     * The VCPU became runnable (unblock, unpause, end of a migration; F7, F14). {@link Vcpu#isRunnable()} is
     * true. It may be the current VCPU of its pCPU already (woken before its block was acted on), or be in the
     * middle of being switched out ({@link Vcpu#isRunning()} true, not current; spec M3).
     */
    void wake(Vcpu v);

    /**
     * The VCPU was paused or starts migrating and is not runnable (F6, F14). It may be current on its pCPU,
     * in which case the policy typically tickles that pCPU so the switch-out happens there. <b>Not</b> called
     * when a VCPU blocks (F5): the policy sees that in {@link #schedule} as a current VCPU that is not runnable.
     */
    void sleep(Vcpu v);

    /**
     * A VCPU blocked in its guest is no longer paused or migrating (an unpause, the end of a migration). Xen calls no
     * hook here, since {@code vcpu_wake} wakes only a runnable VCPU, but a policy that models a guest which never
     * blocks (RT-Xen 2.0's periodic server, G2) or keeps blocked VCPUs on a pCPU's queue (RT-Xen 1.0, S1) must hear of
     * it. Default: nothing.
     */
    default void resumedWhileBlocked(Vcpu v) {}

    /**
     * The current VCPU of its pCPU yields (SCHEDOP_yield, F8); the framework raises SCHEDULE on that pCPU right
     * after this hook. Default: nothing, so the yield is just a reschedule.
     */
    default void yield(Vcpu v) {}

    /**
     * The hard affinity of {@code v} is about to become {@code hard} (Xen's {@code adjust_affinity}, called by
     * {@code sched_set_affinity} before the masks change; F14): {@code v.hardAffinity()} is still the old mask.
     * The migration that follows calls {@link #sleep}, {@link #pickCpu} and {@link #wake} as usual. Default: nothing.
     */
    default void adjustAffinity(Vcpu v, CpuMask hard) {}

    /**
     * Chooses the pCPU for {@code v} at insertion and at the end of a migration (F14, F18). Must return a pCPU
     * in {@code v.affinityInPool()}. The framework assigns the result to {@code v.processor()}.
     */
    Pcpu pickCpu(Vcpu v);

    /**
     * Xen's {@code do_schedule} on {@code pcpu} at time {@code now} (F11.3): {@code pcpu.current()} is the VCPU
     * that ran up to now (possibly idle, possibly no longer runnable because it blocked or was paused). Return
     * the VCPU to run next (the idle VCPU if nothing; a queued VCPU whose processor is another pCPU is pulled
     * here, F15) and the slice after which the framework calls schedule again (negative: no timer). The framework
     * then applies the decision:
     * if next equals the current VCPU nothing is switched and {@link #contextSaved} is not called.
     */
    Decision schedule(Pcpu pcpu, long now);

    /**
     * After a real context switch away from {@code v} on some pCPU (F11.9): {@code v} is no longer current,
     * {@link Vcpu#isRunning()} has just become false. Called for idle VCPUs too. If {@code v} is migrating, the
     * framework finishes the migration right after this hook (pickCpu, then wake). Default: nothing.
     */
    default void contextSaved(Vcpu v) {}

    /**
     * Sets the scheduling parameters of domain {@code d} (domctl putinfo). The framework calls it once per
     * domain at creation, before its VCPUs are inserted (so they start with their configured parameters, as
     * if allocated with them), and may call it again at run time. {@code p} is this policy's own record type
     * (rtxen-io validated it); a null {@code p} means the policy's defaults.
     */
    void adjust(Domain d, SchedParams p);

    /**
     * Sets the pool-wide parameters (sysctl adjust_global), called once after {@link #init} and again when they
     * change at run time. Default: ignored.
     */
    default void adjustGlobal(PoolParams p) {}

    /**
     * Whether the policy implements {@link #joinPool} and {@link #leavePool}, so that its pool may gain and lose pCPUs
     * at run time ({@code xl cpupool-cpu-add}/{@code -remove}); the scenario reader refuses those commands otherwise.
     * Default: false.
     */
    default boolean canResizePool() {
        return false;
    }

    /**
     * A free pCPU joined the pool at run time ({@code xl cpupool-cpu-add}; Xen's schedule_cpu_add and the policy's
     * init_pdata/switch_sched): it is in {@code ctx.pool().pcpus()} and runs its idle VCPU, and the pool's VCPUs'
     * {@link Vcpu#affinityInPool()} include it where their affinity allows. Set up its per-pCPU state here.
     */
    default void joinPool(Pcpu p) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support adding a pCPU to its pool");
    }

    /**
     * A pCPU starts leaving the pool at run time ({@code xl cpupool-cpu-remove}; Xen's cpupool_unassign_cpu_start): it
     * is no longer in {@code ctx.pool().pcpus()} or any VCPU's {@link Vcpu#affinityInPool()}, but may still run a
     * VCPU; the framework migrates the VCPUs assigned to it right after this call. Policies that cache affinities
     * or the pool's pCPUs update them here, so that nothing is placed on it any more. Default: nothing.
     */
    default void pcpuLeaving(Pcpu p) {}

    /**
     * A pCPU leaves the pool at run time ({@code xl cpupool-cpu-remove}; the policy's deinit_pdata): it is no
     * longer in {@code ctx.pool().pcpus()} or any VCPU's {@link Vcpu#affinityInPool()}, it runs its idle VCPU and
     * no VCPU of the pool is assigned to it. Forget its per-pCPU state and timers here; the framework will not
     * call {@link #schedule} on it again.
     */
    default void leavePool(Pcpu p) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support removing a pCPU from its pool");
    }

    /**
     * Whether the policy declares itself work conserving: a runnable VCPU does not wait for long while a pCPU it may
     * run on idles. The conformance suite checks liveness of every busy domain only for work-conserving policies.
     * Default: true.
     */
    default boolean isWorkConserving() {
        return true;
    }

    /**
     * Test support: verifies the policy's own invariants (queue order, budgets within bounds, ...) and throws
     * {@link IllegalStateException} naming the broken one. Called by invariant checkers after events; never
     * by the framework itself. Default: nothing to check.
     */
    default void checkInvariants(long now) {}
}
