package org.rtxen.analysis.plan;

import java.util.List;
import java.util.Set;
import org.rtxen.model.Overheads;

/**
 * What one RTDS VCPU can lose in one of its periods to the costs the framework charges (docs/analysis.md
 * "Overheads"). The framework delays guest progress after each scheduler invocation by the schedule cost, after a
 * switch by the context-switch cost and after a migration by the migration cost, and RTDS burns the VCPU's budget
 * meanwhile; the preempted VCPU's state is saved a context-switch cost later, so it cannot run elsewhere before.
 * Hence each time a VCPU is switched in it loses at most δ = schedule + 2·context switch + migration, and a
 * reschedule that keeps it costs it the schedule cost (≤ δ).
 *
 * <p>Every scheduler invocation on the VCPU's pCPU is caused by an event: a replenishment, a budget exhaustion, a
 * wake or a block of some VCPU that may run on that pCPU (a chain of preemptions started by one event hits each
 * pCPU at most once, moving to ever lower priorities). So in one period Π_v the VCPU loses at most
 * δ·(2 + E_v): its own switch-in and replenishment, plus one for every event of the other VCPUs sharing a pCPU
 * with it in a window of length Π_v, counted as 2(⌈Π_v/Π_w⌉ + 1) replenishments and exhaustions plus, unless the
 * guest never blocks, 2(⌈Π_v/T_j⌉ + 1) wakes and blocks per guest task j placed on w.
 */
final class OverheadCharge {
    private OverheadCharge() {}

    /**
     * One VCPU as a source of scheduler events.
     *
     * @param periodNs      its server period
     * @param neverBlocks   its guest has the busy hog (or it runs no task that releases jobs and never wakes)
     * @param taskPeriodsNs periods of the guest tasks placed on it (each release may wake it)
     * @param pcpus         the pCPUs it may run on
     */
    record Source(long periodNs, boolean neverBlocks, long[] taskPeriodsNs, Set<Integer> pcpus) {}

    /** δ = schedule + 2·context switch + migration (migration only when the VCPU may run on several pCPUs). */
    static long perSwitchNs(Overheads o, boolean mayMigrate) {
        return o.scheduleNs() + 2 * o.contextSwitchNs() + (mayMigrate ? o.migrationNs() : 0);
    }

    /** The most {@code self} can lose in one of its periods, given every VCPU of its pool (self included). */
    static long perPeriodNs(Overheads o, Source self, List<Source> pool) {
        long delta = perSwitchNs(o, self.pcpus().size() > 1);
        if (delta == 0) return 0;
        long events = 2;
        for (Source w : pool) {
            if (w == self || java.util.Collections.disjoint(w.pcpus(), self.pcpus())) continue;
            events = Math.addExact(events, eventsIn(w, self.periodNs()));
        }
        return Math.multiplyExact(delta, events);
    }

    /** The scheduler events {@code w} can cause in any window of length {@code window}. */
    static long eventsIn(Source w, long window) {
        long n = 2 * (ceilDiv(window, w.periodNs()) + 1);
        if (!w.neverBlocks()) {
            for (long t : w.taskPeriodsNs()) n = Math.addExact(n, 2 * (ceilDiv(window, t) + 1));
        }
        return n;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
