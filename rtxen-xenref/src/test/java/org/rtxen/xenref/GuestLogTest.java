package org.rtxen.xenref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.result.TaskResult;

/**
 * A guest load's log: its calibration, job lines, the mark of when the trace began and whether the load got to its end,
 * and a task's statistics over a window, which leave out jobs released before it, count late, unfinished and unreached
 * jobs as misses, and give the responses' minimum, mean, maximum and nearest-rank p99.
 */
class GuestLogTest {
    private static final TaskSpec T1 = new TaskSpec("t1", 10_000_000, 2_000_000, 10_000_000, 0, 0, -1,
            new ExecTimeModel.Wcet());
    private static final String LOG = """
            [    0.5] some kernel line
            rtxen-load: calibration 6000
            rtxen-load: ready
            rtxen-load: go T0=123
            J t1 0 0 10 2000010
            J t1 1 10000000 10000000 13000000
            J t1 2 20000000 20000000 32000000
            J t1 3 30000000 32000000 -1
            T t1 jobs=4 completed=3 misses=2 resp_min=2000010 resp_mean=5666670 resp_max=12000000
            rtxen-load: done
            """;

    @Test
    void parse_jobLines_keepsReleaseAndCompletion() {
        GuestLog g = GuestLog.parse(LOG, "g.log");
        assertEquals(6000, g.calibrationPsPerIter());
        assertTrue(g.complete());
        assertEquals(4, g.jobs().get("t1").size());
    }

    @Test
    void stats_windowOfFourPeriods_countsUnreachedAndLateJobsAsMisses() {
        // Window [0, 50 ms): releases at 0, 10, 20, 30, 40 ms = 5 jobs. Responses: 2.00001 ms, 3 ms, 12 ms (late:
        // deadline 10 ms); the 30 ms job never completed and the 40 ms job was never reached: 3 misses.
        TaskResult t = GuestLog.parse(LOG, "g.log").stats(T1, 0, 50_000_000);
        assertEquals(5, t.released());
        assertEquals(3, t.completed());
        assertEquals(3, t.missed());
        assertEquals(2_000_010, t.response().minNs());
        assertEquals(12_000_000, t.response().maxNs());
        assertEquals(BigDecimal.valueOf((2_000_010 + 3_000_000 + 12_000_000) / 3), t.response().meanNs());
        // Nearest-rank p99 of 3 values: rank ceil(2.97) = 3, the largest.
        assertEquals(12_000_000, t.response().p99Ns());
    }

    @Test
    void stats_windowFromTheSecondRelease_leavesEarlierJobsOut() {
        // Window [5 ms, 25 ms): releases at 10 and 20 ms; responses 3 ms (met) and 12 ms (missed).
        TaskResult t = GuestLog.parse(LOG, "g.log").stats(T1, 5_000_000, 25_000_000);
        assertEquals(2, t.released());
        assertEquals(2, t.completed());
        assertEquals(1, t.missed());
    }

    @Test
    void parse_markLine_keepsWhenTheTraceBeganInTheLoadsTime() {
        // dom0's mark reached the load 1.25 s after T0; the echo of dom0's line ("mark") is not a mark line.
        GuestLog g = GuestLog.parse("rtxen-load: go T0=5\nmark\nrtxen-load: mark T=1250000000\nrtxen-load: done\n", "g.log");
        assertEquals(1_250_000_000L, g.markNs());
    }

    @Test
    void parse_noMarkLine_hasNoMark() {
        assertEquals(GuestLog.NO_MARK, GuestLog.parse(LOG, "g.log").markNs());
    }

    @Test
    void parse_noDoneLine_isIncomplete() {
        assertFalse(GuestLog.parse("rtxen-load: go T0=1\n", "g.log").complete());
    }
}
