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
    /** RTDS events kept as a list; later ones are only counted, so memory stays bounded on long traces. */
    public static final int EVENTS_KEPT = 100_000;
    private static final int EXHAUSTIONS = 0;
    private static final int REPLENISHMENTS = 1;
    private static final int BOOSTS = 2;

    private final TscRate rate;
    private final List<RtdsEvent> rtdsEvents = new ArrayList<>();
    private final long[] picksPerPcpu = new long[256];
    private long eventsNotKept;
    /** Last priority level seen per domain and VCPU (-1: none yet), allocated per domain on first use. */
    private final int[][] priorityLevels = new int[1 << 16][];
    /** Per domain, per VCPU: exhaustions, replenishments and Credit boosts; allocated per domain on first use. */
    private final long[][][] counts = new long[1 << 16][][];
    private long firstTsc = -1;

    /** Collects with times converted at {@code rate}. */
    public SchedulerRecords(TscRate rate) {
        this.rate = rate;
    }

    /** The first {@value #EVENTS_KEPT} RTDS events in trace order. */
    public List<RtdsEvent> rtdsEvents() {
        return List.copyOf(rtdsEvents);
    }

    /** RTDS events after the first {@value #EVENTS_KEPT}, counted but not kept. */
    public long rtdsEventsNotKept() {
        return eventsNotKept;
    }

    /** RTDS run-queue picks on one pCPU. */
    public long picks(int pcpu) {
        return picksPerPcpu[pcpu];
    }

    /** RTDS budget exhaustions of one VCPU. */
    public long exhaustions(int domain, int vcpu) {
        return count(domain, vcpu, EXHAUSTIONS);
    }

    /** RTDS replenishments of one VCPU. */
    public long replenishments(int domain, int vcpu) {
        return count(domain, vcpu, REPLENISHMENTS);
    }

    /** Credit boosts (BOOST_START) of one VCPU. */
    public long creditBoosts(int domain, int vcpu) {
        return count(domain, vcpu, BOOSTS);
    }

    private long count(int domain, int vcpu, int what) {
        long[][] ofDomain = counts[domain];
        return ofDomain == null || ofDomain[vcpu] == null ? 0 : ofDomain[vcpu][what];
    }

    private void increment(int domain, int vcpu, int what) {
        long[][] ofDomain = counts[domain];
        if (ofDomain == null) ofDomain = counts[domain] = new long[1 << 16][];
        if (ofDomain[vcpu] == null) ofDomain[vcpu] = new long[3];
        ofDomain[vcpu][what]++;
    }

    @Override
    public void record(TraceRecord r) {
        if (firstTsc < 0 && r.hasTsc()) firstTsc = r.tsc();
        switch (r.event()) {
            case TraceEventIds.RTDS_RUNQ_PICK -> {
                if (r.extraWords() >= 5) {
                    picksPerPcpu[r.pcpu()]++;
                    add(r, RtdsEvent.Kind.PICKED, r.longAt(1), r.longAt(3), -1);
                }
            }
            case TraceEventIds.RTDS_BUDGET_BURN -> {
                if (r.extraWords() >= 5) burn(r);
            }
            case TraceEventIds.RTDS_BUDGET_REPLENISH -> {
                if (r.extraWords() >= 6) {
                    int level = r.word(1);
                    levels(r.word(0))[r.word(0) & 0xffff] = level;
                    increment(r.word(0) >>> 16, r.word(0) & 0xffff, REPLENISHMENTS);
                    add(r, RtdsEvent.Kind.REPLENISHED, r.longAt(2), r.longAt(4), level);
                }
            }
            case TraceEventIds.CREDIT_BOOST_START -> {
                if (r.extraWords() >= 2) increment(r.word(0) & 0xffff, r.word(1) & 0xffff, BOOSTS);
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
        if (budget == 0 || raised) {
            increment(r.word(0) >>> 16, vcpu, EXHAUSTIONS);
            add(r, RtdsEvent.Kind.EXHAUSTED, -1, budget, level);
        }
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
        if (rtdsEvents.size() == EVENTS_KEPT) {
            eventsNotKept++;
            return;
        }
        int ids = r.word(0);
        rtdsEvents.add(new RtdsEvent(rate.toNs(r.tsc() - firstTsc), r.pcpu(), kind, ids >>> 16, ids & 0xffff,
                deadline, budget, level));
    }
}
