package org.rtxen.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.trace.TraceBuilder.record;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RTDS and Credit records written in Xen 4.17's layouts (spec/xentrace.md 3.1, 3.2; rt.c's TRACE blocks). */
class SchedulerRecordsTest {
    private static final long BASE = 1_000_000L;
    private static final int D1V0 = 1 << 16;

    private static int lo(long v) {
        return (int) v;
    }

    private static int hi(long v) {
        return (int) (v >>> 32);
    }

    private static SchedulerRecords read(List<byte[]> records) throws Exception {
        SchedulerRecords s = new SchedulerRecords(TscRate.parse("1G"));
        XentraceReader.read(new TraceBuilder().window(1, records).buffer(), "t", s, new TraceWarnings());
        return s;
    }

    @Test
    void record_replenish_decodesPriorityLevelDeadlineAndBudget() throws Exception {
        // BUDGET_REPLENISH 0x00022804: ids, priority_level, deadline (2 words), budget (2 words).
        long deadline = 30_000_000_000L; // over 32 bits, to check both words
        var s = read(List.of(record(0x00022804, BASE, D1V0, 0, lo(deadline), hi(deadline), 4_000_000, 0)));
        assertEquals(List.of(new RtdsEvent(0, 1, RtdsEvent.Kind.REPLENISHED, 1, 0, deadline, 4_000_000, 0)),
                s.rtdsEvents());
    }

    @Test
    void record_burnToZero_isAnExhaustion() throws Exception {
        // BUDGET_BURN 0x00022803: ids, budget after (2 words), delta, priority_level, has_extratime byte.
        var s = read(List.of(
                record(0x00022803, BASE, D1V0, 1_000_000, 0, 3_000_000, 0, 0),
                record(0x00022803, BASE + 1_500_000, D1V0, 0, 0, 1_000_000, 0, 0)));
        // The first burn leaves 1 ms: no event. The second leaves 0: exhausted, 1.5 ms after the first record.
        assertEquals(List.of(new RtdsEvent(1_500_000, 1, RtdsEvent.Kind.EXHAUSTED, 1, 0, -1, 0, 0)), s.rtdsEvents());
    }

    @Test
    void record_extratimeBurnRaisingThePriorityLevel_isAnExhaustion() throws Exception {
        // With extratime, burn_budget refills the budget (4 ms) and raises priority_level from 0 to 1.
        var s = read(List.of(
                record(0x00022804, BASE, D1V0, 0, 10_000_000, 0, 4_000_000, 0),
                record(0x00022803, BASE + 4_000_000, D1V0, 4_000_000, 0, 4_000_000, 1, 1),
                record(0x00022803, BASE + 5_000_000, D1V0, 3_000_000, 0, 1_000_000, 1, 1)));
        assertEquals(List.of(
                new RtdsEvent(0, 1, RtdsEvent.Kind.REPLENISHED, 1, 0, 10_000_000, 4_000_000, 0),
                new RtdsEvent(4_000_000, 1, RtdsEvent.Kind.EXHAUSTED, 1, 0, -1, 4_000_000, 1)), s.rtdsEvents());
    }

    @Test
    void record_runqPick_isAPick() throws Exception {
        // RUNQ_PICK 0x00022802: ids (d2v1), deadline (2 words), budget (2 words).
        var s = read(List.of(record(0x00022802, BASE, 2 << 16 | 1, 20_000_000, 0, 2_000_000, 0)));
        assertEquals(List.of(new RtdsEvent(0, 1, RtdsEvent.Kind.PICKED, 2, 1, 20_000_000, 2_000_000, -1)),
                s.rtdsEvents());
    }

    @Test
    void record_creditBoostStart_countsPerVcpu() throws Exception {
        // BOOST_START 0x00022007: domid, vcpuid.
        var s = read(List.of(record(0x00022007, BASE, 3, 1), record(0x00022007, BASE + 5, 3, 1)));
        assertEquals(2, s.creditBoosts(3, 1));
        assertEquals(0, s.creditBoosts(3, 0));
    }
}
