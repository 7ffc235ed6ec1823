package org.rtxen.trace;

import java.util.HashMap;
import java.util.Map;

/**
 * The longest time each VCPU spent offline at once in a trace (paused, or parked by a cap: Credit2's
 * {@code _VPF_parked}), from its runstate changes (spec/xentrace.md 2.1); an interval that the trace's start or end
 * cuts is not counted, since its length is unknown.
 */
public final class LongestOffline implements RecordVisitor {
    private final TscRate rate;
    private final Map<Integer, Long> offlineSince = new HashMap<>();   // domain << 16 | vcpu -> TSC it went offline
    private final Map<Integer, Long> longestCycles = new HashMap<>();

    /** Converts times at {@code rate}. */
    public LongestOffline(TscRate rate) {
        this.rate = rate;
    }

    @Override
    public void record(TraceRecord r) {
        if (!r.hasTsc() || (r.event() & TraceEventIds.RUNSTATE_CHANGE_MASK) != TraceEventIds.RUNSTATE_CHANGE
                || r.extraWords() < 1) {
            return;
        }
        int id = r.word(0);
        Runstate from = Runstate.ofXenCode(r.event() >>> 8 & 0xf);
        Runstate to = Runstate.ofXenCode(r.event() >>> 4 & 0xf);
        if (to == Runstate.OFFLINE) {
            offlineSince.put(id, r.tsc());
        } else if (from == Runstate.OFFLINE) {
            Long since = offlineSince.remove(id);
            if (since != null) longestCycles.merge(id, r.tsc() - since, Math::max);
        }
    }

    /** The longest complete offline interval of VCPU {@code vcpu} of domain {@code domain}, ns; 0 if it had none. */
    public long longestNs(int domain, int vcpu) {
        Long cycles = longestCycles.get(domain << 16 | vcpu);
        return cycles == null ? 0 : rate.toNs(cycles);
    }
}
