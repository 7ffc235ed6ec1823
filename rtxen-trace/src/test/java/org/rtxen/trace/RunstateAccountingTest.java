package org.rtxen.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.trace.TraceBuilder.BLOCKED;
import static org.rtxen.trace.TraceBuilder.IDLE;
import static org.rtxen.trace.TraceBuilder.OFFLINE;
import static org.rtxen.trace.TraceBuilder.RUNNABLE;
import static org.rtxen.trace.TraceBuilder.RUNNING;
import static org.rtxen.trace.TraceBuilder.continueRunning;
import static org.rtxen.trace.TraceBuilder.runstate;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schedule of spec/xentrace.md section 6 (2 pCPUs, d1/d2/d3 with one VCPU each, 100 ms, 1 GHz TSC based at
 * 5e9, so 1 cycle = 1 ns), written record by record, and the run-state times derived by hand from the schedule:
 *
 * <pre>
 * p0: d1 [0,10) | d2 [10,30) blk | d3 [30,42) blk | idle [42,55.5) | d2 [55.5,100)  (continue at 80)
 * p1: d3 [0,20) | d1 [20,45) blk | idle [45,70)   | d1 [70,85)     | d3 [85,100)
 * wakes: d2 at 55 (on p0), d1 at 68 (on p1), d3 at 80 (on p0, dispatched on p1 at 85)
 * </pre>
 */
class RunstateAccountingTest {
    private static final long BASE = 5_000_000_000L;
    private static final long MS = 1_000_000L;

    private static long t(double ms) {
        return BASE + Math.round(ms * MS);
    }

    /** p0's records; {@code prime} adds the zero-length run of d2 at t0, {@code close} the close-out at 100 ms. */
    private static List<byte[]> pcpu0(boolean prime, boolean close) {
        TraceBuilder.Stream s = new TraceBuilder.Stream();
        if (prime) {
            s.add(runstate(t(0), 2, 0, RUNNABLE, RUNNING)).add(runstate(t(0), 2, 0, RUNNING, RUNNABLE));
        }
        s.add(runstate(t(0), 1, 0, RUNNABLE, RUNNING))
                .add(runstate(t(10), 1, 0, RUNNING, RUNNABLE)).add(runstate(t(10), 2, 0, RUNNABLE, RUNNING))
                .add(runstate(t(30), 2, 0, RUNNING, BLOCKED)).add(runstate(t(30), 3, 0, RUNNABLE, RUNNING))
                .add(runstate(t(42), 3, 0, RUNNING, BLOCKED)).add(runstate(t(42), IDLE, 0, RUNNABLE, RUNNING))
                .add(runstate(t(55), 2, 0, BLOCKED, RUNNABLE))
                .add(runstate(t(55.5), IDLE, 0, RUNNING, RUNNABLE)).add(runstate(t(55.5), 2, 0, RUNNABLE, RUNNING))
                .add(runstate(t(80), 3, 0, BLOCKED, RUNNABLE)).add(continueRunning(t(80), 2, 0));
        if (close) {
            s.add(runstate(t(100), 2, 0, RUNNING, OFFLINE)).add(runstate(t(100), IDLE, 0, RUNNABLE, OFFLINE));
        }
        return s.records;
    }

    private static List<byte[]> pcpu1(boolean close) {
        TraceBuilder.Stream s = new TraceBuilder.Stream();
        s.add(runstate(t(0), 3, 0, RUNNABLE, RUNNING))
                .add(runstate(t(20), 3, 0, RUNNING, RUNNABLE)).add(runstate(t(20), 1, 0, RUNNABLE, RUNNING))
                .add(runstate(t(45), 1, 0, RUNNING, BLOCKED)).add(runstate(t(45), IDLE, 1, RUNNABLE, RUNNING))
                .add(runstate(t(68), 1, 0, BLOCKED, RUNNABLE))
                .add(runstate(t(70), IDLE, 1, RUNNING, RUNNABLE)).add(runstate(t(70), 1, 0, RUNNABLE, RUNNING))
                .add(runstate(t(85), 1, 0, RUNNING, RUNNABLE)).add(runstate(t(85), 3, 0, RUNNABLE, RUNNING));
        if (close) {
            s.add(runstate(t(100), 3, 0, RUNNING, OFFLINE)).add(runstate(t(100), 1, 0, RUNNABLE, OFFLINE));
        }
        return s.records;
    }

    private static RunstateAccounting account(TraceBuilder trace, Accounting mode) throws Exception {
        RunstateAccounting accounting = new RunstateAccounting(mode, new TraceWarnings());
        XentraceReader.read(trace.buffer(), "test", accounting, new TraceWarnings());
        return accounting;
    }

    private static VcpuRunstates vcpu(RunstateAccounting a, int domain) {
        return a.vcpus().stream().filter(v -> v.domain() == domain).findFirst().orElseThrow();
    }

    /** running, runnable, wake, preempt, blocked, in ms, and the number of running intervals. */
    private static void assertTimes(VcpuRunstates v, double run, double runnable, double wake, double preempt,
                                    double blocked, long runIntervals) {
        String who = "d" + v.domain() + "v" + v.vcpu();
        assertEquals(Math.round(run * MS), v.cycles(Runstate.RUNNING), who + " running");
        assertEquals(Math.round(runnable * MS), v.cycles(Runstate.RUNNABLE), who + " runnable");
        assertEquals(Math.round(wake * MS), v.wakeCycles(), who + " wake");
        assertEquals(Math.round(preempt * MS), v.preemptCycles(), who + " preempt");
        assertEquals(Math.round(blocked * MS), v.cycles(Runstate.BLOCKED), who + " blocked");
        assertEquals(runIntervals, v.count(Runstate.RUNNING), who + " running intervals");
    }

    @Test
    void record_primedAndClosedTrace_givesTheSchedulesTimesInBothModes() throws Exception {
        TraceBuilder trace = new TraceBuilder().window(0, pcpu0(true, true)).window(1, pcpu1(true));
        for (Accounting mode : Accounting.values()) {
            RunstateAccounting a = account(trace, mode);
            // d1: run 0-10, 20-45, 70-85 = 50; runnable 10-20 and 85-100 (preempt 25), 68-70 (wake 2); blocked 45-68.
            assertTimes(vcpu(a, 1), 50, 27, 2, 25, 23, 3);
            // d2: run 10-30, 55.5-80, 80-100 = 64.5 (3 intervals: the continue at 80 splits one);
            // runnable 0-10 (primed, counted as preempt) and 55-55.5 (wake); blocked 30-55.
            assertTimes(vcpu(a, 2), 64.5, 10.5, 0.5, 10, 25, 3);
            // d3: run 0-20, 30-42, 85-100 = 47; runnable 20-30 (preempt), 80-85 (wake); blocked 42-80.
            assertTimes(vcpu(a, 3), 47, 15, 5, 10, 38, 3);
            // p0 idle 42-55.5, busy the rest; p1 idle 45-70.
            assertEquals(List.of(new RunstateAccounting.PcpuTime(0, 86_500_000, 13_500_000),
                    new RunstateAccounting.PcpuTime(1, 75_000_000, 25_000_000)), a.pcpus(), mode.name());
        }
    }

    @Test
    void record_windowsInterleavedAcrossPcpus_givesTheSameTimes() throws Exception {
        List<byte[]> p0 = pcpu0(true, true);
        List<byte[]> p1 = pcpu1(true);
        TraceBuilder trace = new TraceBuilder()
                .window(1, p1.subList(0, 3)).window(0, p0.subList(0, 5))
                .window(0, p0.subList(5, 9)).window(1, p1.subList(3, 7)).window(1, List.of())
                .window(0, p0.subList(9, p0.size())).window(1, p1.subList(7, p1.size()));
        RunstateAccounting a = account(trace, Accounting.XENALYZE);
        assertTimes(vcpu(a, 1), 50, 27, 2, 25, 23, 3);
        assertTimes(vcpu(a, 2), 64.5, 10.5, 0.5, 10, 25, 3);
        assertTimes(vcpu(a, 3), 47, 15, 5, 10, 38, 3);
    }

    @Test
    void record_unprimedUnclosedTrace_xenalyzeModeDropsTheEnds() throws Exception {
        TraceBuilder trace = new TraceBuilder().window(0, pcpu0(false, false)).window(1, pcpu1(false));
        RunstateAccounting a = account(trace, Accounting.XENALYZE);
        // d1 as before but its last runnable interval (from 85) is never closed: runnable 10 + 2.
        assertTimes(vcpu(a, 1), 50, 12, 2, 10, 23, 3);
        // d2 is INIT until dispatched at 10; p0's stream ends at 80 (the continue), where d2 is cut as LOST:
        // run 10-30 and 55.5-80 = 44.5; runnable only 55-55.5.
        assertTimes(vcpu(a, 2), 44.5, 0.5, 0.5, 0, 25, 2);
        // d3 runs 0-20, 30-42; dispatched at 85 on p1 whose stream ends at 85: run 32.
        assertTimes(vcpu(a, 3), 32, 15, 5, 10, 38, 2);
        // p0 busy 0-42 and 55.5-80 = 66.5, idle 13.5; p1 busy 0-45 and 70-85 = 60, idle 25.
        assertEquals(List.of(new RunstateAccounting.PcpuTime(0, 66_500_000, 13_500_000),
                new RunstateAccounting.PcpuTime(1, 60_000_000, 25_000_000)), a.pcpus());
    }

    @Test
    void record_unprimedUnclosedTrace_wholeTraceModeCountsFromFirstToLastRecord() throws Exception {
        TraceBuilder trace = new TraceBuilder().window(0, pcpu0(false, false)).window(1, pcpu1(false));
        RunstateAccounting a = account(trace, Accounting.WHOLE_TRACE);
        // The trace spans 0-85 (p1's last record). d1: runnable from 85 is empty.
        assertTimes(vcpu(a, 1), 50, 12, 2, 10, 23, 3);
        // d2's first record (runnable->running at 10) says it was runnable since 0: runnable 10 + 0.5 ("other",
        // neither wake nor preempt); running 10-30, 55.5-80, 80-85 = 49.5 in 3 intervals.
        assertTimes(vcpu(a, 2), 49.5, 10.5, 0.5, 0, 25, 3);
        // d3: running 0-20, 30-42, 85-85 (empty) = 32.
        assertTimes(vcpu(a, 3), 32, 15, 5, 10, 38, 2);
        // Every VCPU's states add up to the span (85 ms): d2 49.5 + 10.5 + 25.
        VcpuRunstates d2 = vcpu(a, 2);
        assertEquals(85 * MS, d2.cycles(Runstate.RUNNING) + d2.cycles(Runstate.RUNNABLE) + d2.cycles(Runstate.BLOCKED));
        // p0 busy 0-42 and 55.5-85 = 71.5; p1 busy 0-45 and 70-85 = 60 (d3 from 85 is empty).
        assertEquals(List.of(new RunstateAccounting.PcpuTime(0, 71_500_000, 13_500_000),
                new RunstateAccounting.PcpuTime(1, 60_000_000, 25_000_000)), a.pcpus());
    }

    @Test
    void record_lostRecords_hideTheGapAsLost() throws Exception {
        // p0: d1 runs from 0; records are lost from 10 ms (the record names d2 as current after the gap and is
        // written at 30); the first record after the gap is at 30, then d2 blocks at 40 and d1 runs again.
        TraceBuilder trace = new TraceBuilder().window(0, List.of(
                runstate(t(0), 1, 0, RUNNABLE, RUNNING),
                runstate(t(0), 2, 0, BLOCKED, RUNNABLE),
                TraceBuilder.record(0x0001f001, t(30), 7, 2, (int) t(10), (int) (t(10) >>> 32)),
                runstate(t(40), 2, 0, RUNNING, BLOCKED),
                runstate(t(40), 1, 0, RUNNABLE, RUNNING),
                runstate(t(50), 1, 0, RUNNING, OFFLINE)));
        for (Accounting mode : Accounting.values()) {
            RunstateAccounting a = account(trace, mode);
            // d1: running 0-10, then LOST 10-40 (not running), running 40-50.
            VcpuRunstates d1 = vcpu(a, 1);
            assertEquals(20 * MS, d1.cycles(Runstate.RUNNING), mode.name());
            assertEquals(30 * MS, d1.cycles(Runstate.LOST), mode.name());
            // d2: LOST 10-30, current again from the first record after the gap (30): running 30-40. Before the
            // gap it was runnable 0-10, which xenalyze ignores (d2 was never seen running: INIT).
            VcpuRunstates d2 = vcpu(a, 2);
            assertEquals(mode == Accounting.XENALYZE ? 0 : 10 * MS, d2.cycles(Runstate.RUNNABLE), mode.name());
            assertEquals(20 * MS, d2.cycles(Runstate.LOST), mode.name());
            assertEquals(10 * MS, d2.cycles(Runstate.RUNNING), mode.name());
        }
    }

    @Test
    void record_traceStartingMidSchedule_followsXenalyzesStartOfDayRules() throws Exception {
        // p0's first record is at 2 ms (its first TSC). d1 was running when the trace began: its first record takes
        // it running->blocked at 5. d2 continues running at 2 on p1 (first TSC 2), then is preempted at 8.
        // d3 is dispatched on p0 at 5 and blocks at 9; idle on p1 from 8 to 10, end of both streams at 10.
        TraceBuilder trace = new TraceBuilder()
                .window(0, List.of(TraceBuilder.record(0x00028008, t(2)),
                        runstate(t(5), 1, 0, RUNNING, BLOCKED), runstate(t(5), 3, 0, RUNNABLE, RUNNING),
                        runstate(t(9), 3, 0, RUNNING, BLOCKED), runstate(t(9), IDLE, 0, RUNNABLE, RUNNING),
                        runstate(t(10), IDLE, 0, RUNNING, OFFLINE)))
                .window(1, List.of(continueRunning(t(2), 2, 0),
                        runstate(t(8), 2, 0, RUNNING, RUNNABLE), runstate(t(8), IDLE, 1, RUNNABLE, RUNNING),
                        runstate(t(10), IDLE, 1, RUNNING, OFFLINE), runstate(t(10), 2, 0, RUNNABLE, OFFLINE)));
        RunstateAccounting x = account(trace, Accounting.XENALYZE);
        // xenalyze: d1's running->blocked only frees p0; d1 stays INIT and gets nothing (not even blocked 5-10).
        assertTimes(vcpu(x, 1), 0, 0, 0, 0, 0, 0);
        // d2's continue counts from p1's first TSC (2): running 2-8, runnable 8-10 (preempt).
        assertTimes(vcpu(x, 2), 6, 2, 0, 2, 0, 1);
        // d3: dispatched at 5 from INIT (its runnable wait before is unknown): running 5-9.
        assertTimes(vcpu(x, 3), 4, 0, 0, 0, 0, 1);
        RunstateAccounting w = account(trace, Accounting.WHOLE_TRACE);
        // Whole trace (2-10): d1 was running since 2 (running 2-5), then blocked 5-10.
        assertTimes(vcpu(w, 1), 3, 0, 0, 0, 5, 1);
        assertTimes(vcpu(w, 2), 6, 2, 0, 2, 0, 1);
        // d3 was runnable since 2 (neither wake nor preempt: "other"), running 5-9, blocked 9-10.
        assertTimes(vcpu(w, 3), 4, 3, 0, 0, 1, 1);
    }
}
