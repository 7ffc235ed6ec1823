package org.rtxen.engine.sched;

import org.rtxen.engine.machine.Vcpu;

/**
 * What {@link VcpuScheduler#schedule} decided for one pCPU (Xen's {@code struct task_slice}).
 *
 * @param next     the VCPU to run next: the pCPU's idle VCPU, its current VCPU, or a VCPU of the pool allowed there
 * @param sliceNs  run it for this long before calling schedule again; negative means no timer (F11.5)
 * @param migrated true when {@code next} last ran on, or was assigned to, another pCPU (F15); the framework
 *                 moves it here and counts the migration
 */
public record Decision(Vcpu next, long sliceNs, boolean migrated) {
    /** Slice value meaning "arm no timer". */
    public static final long NO_TIMER = -1;
}
