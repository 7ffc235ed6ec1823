package org.rtxen.engine.machine;

import org.rtxen.engine.event.Timer;

/** A physical CPU: its topology position, pool, idle VCPU, current VCPU and counters. */
public final class Pcpu {
    private final int id;
    private final int socket;
    private final int core;
    private final int thread;
    private final int hostCore;
    Vcpu idle;
    CpuPool pool;
    Vcpu current;
    /** The VCPU switched out and not yet context-saved (M3), or null. */
    Vcpu switchingOut;
    /** Being removed from its pool: it becomes free once it runs its idle VCPU. */
    boolean leaving;
    Timer sTimer;
    Timer softirq;
    Timer contextSaved;
    /** When the guest on the current VCPU may resume after framework overheads (schedule, switch, migration). */
    long progressFrom;
    long busyNs;
    long busySince;
    long contextSwitches;
    long migrations;
    long scheduleCalls;

    Pcpu(int id, int socket, int core, int thread, int hostCore) {
        this.id = id;
        this.socket = socket;
        this.core = core;
        this.thread = thread;
        this.hostCore = hostCore;
    }

    /** The pCPU id, dense from 0 (Xen's {@code smp_processor_id}). */
    public int id() {
        return id;
    }

    /** Socket index of this pCPU. */
    public int socket() {
        return socket;
    }

    /** Core index within its socket. */
    public int core() {
        return core;
    }

    /** Its core's index over the whole host, dense from 0: the same for exactly the pCPUs that share its core. */
    public int hostCore() {
        return hostCore;
    }

    /** Hardware thread index within its core. */
    public int thread() {
        return thread;
    }

    /** The cpupool this pCPU belongs to, or null while it is free (removed from every pool). */
    public CpuPool pool() {
        return pool;
    }

    /** This pCPU's idle VCPU (F13): always runnable, never queued. */
    public Vcpu idleVcpu() {
        return idle;
    }

    /** The VCPU the last scheduling decision put on this pCPU ({@code curr}); set before the context switch (F11.6). */
    public Vcpu current() {
        return current;
    }

    /** Whether the current VCPU is the idle VCPU. */
    public boolean isIdle() {
        return current == idle;
    }

    /** Whether a context switch is in progress: the previous VCPU's context is not saved yet (M3). */
    public boolean isSwitching() {
        return switchingOut != null;
    }

    /** Whether a SCHEDULE softirq is raised and not yet run (it waits, e.g., for a context switch to finish). */
    public boolean isReschedulePending() {
        return softirq.isActive();
    }

    /** Time spent running non-idle VCPUs up to the last accounting point. */
    public long busyNs() {
        return busyNs;
    }

    /** Context switches done (decisions with next != prev). */
    public long contextSwitches() {
        return contextSwitches;
    }

    /** VCPUs that started running here after last running on another pCPU. */
    public long migrations() {
        return migrations;
    }

    /** Scheduler invocations ({@code do_schedule} calls) on this pCPU. */
    public long scheduleCalls() {
        return scheduleCalls;
    }

    @Override
    public String toString() {
        return "pcpu" + id;
    }
}
