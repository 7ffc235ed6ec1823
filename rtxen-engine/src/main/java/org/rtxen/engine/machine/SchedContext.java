package org.rtxen.engine.machine;

import java.util.SplittableRandom;
import org.rtxen.engine.event.Timer;
import org.rtxen.engine.event.TimerCallback;

/** What the framework offers a policy instance: time, timers, tickling, its pool and seeded random streams. */
public interface SchedContext {
    /** The current simulated time in ns (Xen's {@code NOW()}). */
    long now();

    /**
     * Creates a policy timer (Xen's {@code init_timer}); arm it with {@link Timer#set} and cancel it with
     * {@link Timer#stop}. Create timers in {@link VcpuScheduler#init}; the callback runs atomically with the
     * other hooks and must not allocate. Policy timers that expire at the same time fire in creation order,
     * after pending context-saved events and before SCHEDULE events (spec M2).
     */
    Timer newTimer(TimerCallback callback);

    /**
     * Creates a policy timer that runs on {@code cpu} (Xen's {@code init_timer(timer, fn, data, cpu)}): while its
     * callback runs, {@link #thisCpu()} is {@code cpu}. {@link #newTimer(TimerCallback)} runs on the pool's first pCPU.
     */
    Timer newTimer(Pcpu cpu, TimerCallback callback);

    /**
     * The pCPU executing the current hook (Xen's {@code smp_processor_id()}): the pCPU that schedules or saves a
     * context, the pCPU a policy timer runs on, the woken VCPU's pCPU for a guest wake (its timers and event
     * channels are bound there), and pCPU 0, where the toolstack runs, for administrative actions.
     */
    Pcpu thisCpu();

    /**
     * Asks for a scheduling decision on {@code pcpu} (raise the SCHEDULE softirq, F9): the framework calls
     * {@link VcpuScheduler#schedule} for it at the current time, after the running hook returns. Idempotent
     * while one is pending.
     */
    void tickle(Pcpu pcpu);

    /**
     * Pauses {@code v} for the policy, like Xen's {@code sched_unit_pause_nosync} (Credit parks capped VCPUs this
     * way): its pause count goes up and, as it is no longer runnable, the policy's {@link VcpuScheduler#sleep} hook
     * runs before this returns (F6). Run-state accounting shows it OFFLINE while not running.
     */
    void pause(Vcpu v);

    /** Undoes one {@link #pause}; when no pause is left and it is otherwise runnable, {@link VcpuScheduler#wake} runs. */
    void unpause(Vcpu v);

    /**
     * Marks the current VCPU {@code v} (or one whose context is still being switched out) as migrating, like Xen's {@code sched_set_pause_flags(v, _VPF_migrating)}
     * (Credit's tick does this when another pCPU suits a running VCPU better, C1.15): it stops being runnable, no
     * hook is called now; the policy tickles its pCPU, and after the switch-out the framework finishes the
     * migration with {@link VcpuScheduler#pickCpu} and {@link VcpuScheduler#wake} (F14).
     */
    void migrate(Vcpu v);

    /**
     * Moves {@code v}, which is not running (queued, blocked or waiting), to {@code pcpu}, like Xen's
     * {@code sched_set_res} from a policy (Credit2's run-queue migration, null's assignment of a waiting VCPU):
     * its {@code processor} becomes {@code pcpu}, which must be in {@code v.affinityInPool()}. No hook is called.
     */
    void setProcessor(Vcpu v, Pcpu pcpu);

    /**
     * Tells tracing that {@code v} ran out of budget and must wait for a refill (RTDS marks it depleted); a policy
     * without budgets never calls it. Costs one null check when no trace is attached.
     */
    default void budgetExhausted(Vcpu v) {}

    /** Tells tracing that {@code v} received a fresh budget (RTDS replenishment); see {@link #budgetExhausted}. */
    default void budgetReplenished(Vcpu v) {}

    /** The pool this instance schedules. */
    CpuPool pool();

    /** The host, e.g. for {@link Host#vcpuCount()} to size arrays indexed by VCPU id. */
    default Host host() {
        return pool().host();
    }

    /**
     * A random stream derived from the scenario seed, this pool and {@code path} (the policy's name, then the stream's):
     * the same path gives the same sequence in every run with the same seed. Create streams once, in
     * {@link VcpuScheduler#init}.
     */
    SplittableRandom random(String... path);
}
