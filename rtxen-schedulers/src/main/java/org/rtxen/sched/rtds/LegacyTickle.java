package org.rtxen.sched.rtds;

import java.util.function.IntPredicate;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.Vcpu;

/**
 * {@code runq_tickle} as Xen 4.5 to 4.9 had it (R44, R45, E5; changed by de8b2f49d7 in 4.10): (1) the VCPU's own
 * pCPU if it is idle, even if already tickled; (2) else the first idle not-tickled pCPU it may run on, in increasing
 * id order; (3) else, if its deadline is strictly earlier, the pCPU of the latest-deadline running VCPU among those
 * (the first of equal ones).
 */
final class LegacyTickle {
    private LegacyTickle() {}

    /**
     * The pCPU to tickle for {@code v}, or -1 for none; the caller marks it tickled and raises SCHEDULE.
     *
     * @param deadline absolute deadlines by VCPU id
     * @param tickled  whether a pCPU (by id) is tickled
     */
    static int choose(Vcpu v, Pcpu[] pcpus, long[] deadline, IntPredicate tickled) {
        if (v == null || v.isIdle()) return -1;
        if (v.processor().isIdle()) return v.processor().id();
        CpuMask candidates = v.affinityInPool();
        Vcpu latest = null;
        for (int cpu = candidates.first(); cpu >= 0; cpu = candidates.nextFrom(cpu + 1)) {
            if (tickled.test(cpu)) continue;
            Vcpu cur = pcpus[cpu].current();
            if (cur.isIdle()) return cpu;
            if (latest == null || deadline[cur.id()] > deadline[latest.id()]) latest = cur;
        }
        return latest != null && deadline[v.id()] < deadline[latest.id()] ? latest.processor().id() : -1;
    }
}
