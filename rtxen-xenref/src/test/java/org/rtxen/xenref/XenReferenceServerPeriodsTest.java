package org.rtxen.xenref;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rtxen.trace.Accounting;
import org.rtxen.trace.GuestDispatches;
import org.rtxen.trace.RtdsEvent;
import org.rtxen.trace.TraceSummary;
import org.rtxen.trace.TraceWarnings;

/** {@link XenReference#serverPeriods}: running time per RTDS server period, on a hand-made 100 ms trace. */
class XenReferenceServerPeriodsTest {
    private static final long MS = 1_000_000;

    @Test
    void serverPeriods_handMadeTrace_classifiesEachPeriodAndCapsAtTheBudget() {
        // g1 (domain 1, VCPU 0), budget 4 ms; replenished at 10, 20, 30 and 40 ms of a 100 ms trace, so the
        // segments are [0,10) partial, [10,20), [20,30), [30,40) complete, [40,100) partial. g1 runs:
        //   [0, 3) (running when the trace begins: its first record is a descheduling), [9, 11), [12, 15.05),
        //   [20, 25), [35, 36), [99, 100) (still running at the end).
        // Per segment: 3 + 1 = 4 ms; 1 + 3.05 = 4.05 ms (within 0.1 ms of the budget); 5 ms (over: > 4.1);
        // 1 ms (under: < 3.9); 1 ms. Complete periods 3, over 1, under 1.
        // Within budget: min(4,4) + min(4.05,4) + min(5,4) + 1 + 1 = 4 + 4 + 4 + 1 + 1 = 14 ms.
        // g2 (domain 2) runs and is replenished in between; none of it counts for g1.
        long[] t = {3 * MS, 5 * MS, 6 * MS, 9 * MS, 11 * MS, 12 * MS, 15_050_000, 20 * MS, 25 * MS, 35 * MS, 36 * MS, 99 * MS};
        int[] dom = {1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        boolean[] running = {false, true, false, true, false, true, false, true, false, true, false, true};
        GuestDispatches dispatches = new GuestDispatches(t, dom, new int[t.length], running);
        List<RtdsEvent> events = List.of(replenished(1, 10 * MS), replenished(2, 12 * MS), replenished(1, 20 * MS),
                replenished(1, 30 * MS), replenished(1, 40 * MS));
        TraceSummary trace = new TraceSummary(XenReference.ICOUNT_TSC, Accounting.WHOLE_TRACE, 100 * MS, 0, List.of(),
                List.of(), events, 0, new TraceWarnings());
        // serverPeriods reads only the trace, the dispatches and the domain ids: no scenario needed.
        XenReference ref = new XenReference("s", null, trace, dispatches, Map.of("g1", 1, "g2", 2), Map.of(),
                Set.of(), null, 0, List.of());

        XenReference.ServerPeriods p = ref.serverPeriods("g1", 0, 4 * MS);

        assertEquals(new XenReference.ServerPeriods(3, 1, 1, 14 * MS), p);
    }

    private static RtdsEvent replenished(int domain, long timeNs) {
        return new RtdsEvent(timeNs, 0, RtdsEvent.Kind.REPLENISHED, domain, 0, timeNs + 10 * MS, 4 * MS, 0);
    }
}
