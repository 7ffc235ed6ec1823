package org.rtxen.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the scheduler-specific records worth reporting: RTDS picks, budget exhaustions and replenishments
 * (decoded with the hypervisor's layouts, including BUDGET_REPLENISH's priority_level word that xenalyze's
 * decoder lacks; spec/xentrace.md 3.1) and Credit boosts (3.2).
 */
public final class SchedulerRecords implements RecordVisitor {
    private final TscRate rate;
    private final List<RtdsEvent> rtdsEvents = new ArrayList<>();
    /** Last priority level seen per domain and VCPU (-1: none yet), allocated per domain on first use. */
    private final int[][] priorityLevels = new int[1 << 16][];
    /** BOOST_START count per domain and VCPU, allocated per domain on first use. */
    private final long[][] creditBoosts = new long[1 << 16][];
    private long firstTsc = -1;

    /** Collects with times converted at {@code rate}. */
    public SchedulerRecords(TscRate rate) {
        this.rate = rate;
    }

    /** RTDS events in trace order. */
    public List<RtdsEvent> rtdsEvents() {
        return List.copyOf(rtdsEvents);
    }

    /** Credit boosts (BOOST_START) of one VCPU. */
    public long creditBoosts(int domain, int vcpu) {
        long[] n = creditBoosts[domain];
        return n == null ? 0 : n[vcpu];
    }

    @Override
    public void record(TraceRecord r) {
        if (firstTsc < 0 && r.hasTsc()) firstTsc = r.tsc();
        switch (r.event()) {
            case TraceEventIds.RTDS_RUNQ_PICK -> {
                if (r.extraWords() >= 5) add(r, RtdsEvent.Kind.PICKED, r.longAt(1), r.longAt(3), -1);
            }
            case TraceEventIds.RTDS_BUDGET_BURN -> {
                if (r.extraWords() >= 5) burn(r);
            }
            case TraceEventIds.RTDS_BUDGET_REPLENISH -> {
                if (r.extraWords() >= 6) {
                    int level = r.word(1);
                    levels(r.word(0))[r.word(0) & 0xffff] = level;
                    add(r, RtdsEvent.Kind.REPLENISHED, r.longAt(2), r.longAt(4), level);
                }
            }
            case TraceEventIds.CREDIT_BOOST_START -> {
                if (r.extraWords() >= 2) {
                    int domain = r.word(0) & 0xffff;
                    if (creditBoosts[domain] == null) creditBoosts[domain] = new long[1 << 16];
                    creditBoosts[domain][r.word(1) & 0xffff]++;
                }
            }
            default -> { }
        }
    }

    /** Budget 0 means depleted; a higher priority level than last seen means extratime took over. */
    private void burn(TraceRecord r) {
        long budget = r.longAt(1);
        int level = r.word(4);
        int[] known = levels(r.word(0));
        int vcpu = r.word(0) & 0xffff;
        boolean raised = known[vcpu] >= 0 && level > known[vcpu];
        known[vcpu] = level;
        if (budget == 0 || raised) add(r, RtdsEvent.Kind.EXHAUSTED, -1, budget, level);
    }

    private int[] levels(int ids) {
        int domain = ids >>> 16;
        if (priorityLevels[domain] == null) {
            priorityLevels[domain] = new int[1 << 16];
            Arrays.fill(priorityLevels[domain], -1);
        }
        return priorityLevels[domain];
    }

    private void add(TraceRecord r, RtdsEvent.Kind kind, long deadline, long budget, int level) {
        int ids = r.word(0);
        rtdsEvents.add(new RtdsEvent(rate.toNs(r.tsc() - firstTsc), r.pcpu(), kind, ids >>> 16, ids & 0xffff,
                deadline, budget, level));
    }
}
