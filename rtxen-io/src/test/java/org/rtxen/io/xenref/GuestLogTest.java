package org.rtxen.io.xenref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rtxen.io.InputException;
import org.rtxen.model.result.TaskResult;

class GuestLogTest {
    @Test
    void parse_jobLines_countsJobsAndResponseTimes() {
        String log = """
                [    0.5] some kernel line
                rtxen-load: go T0=123
                rtxen-load: calibration 2001
                J t1 0 0 10 2000010
                J t1 1 10000000 10000000 13000000
                J t1 2 20000000 20000000 -1
                T t1 jobs=3 completed=2 misses=0 resp_min=2000010 resp_mean=2500005 resp_max=3000000
                rtxen-load: done
                """;
        GuestLog g = GuestLog.parse(log, "g.log");
        assertEquals(2001, g.calibrationPsPerIter());
        assertTrue(g.complete());
        TaskResult t = g.tasks().get(0);
        // Responses: 2000010 - 0 and 13000000 - 10000000 = 3000000; the third job still runs.
        assertEquals(3, t.released());
        assertEquals(2, t.completed());
        assertEquals(0, t.missed());
        assertEquals(2000010, t.response().minNs());
        assertEquals(3000000, t.response().maxNs());
        assertEquals(2500005.0, t.response().meanNs());
        // Nearest-rank p99 of 2 values: rank ceil(1.98) = 2, the larger one.
        assertEquals(3000000, t.response().p99Ns());
    }

    @Test
    void parse_noDoneLine_isIncomplete() {
        assertFalse(GuestLog.parse("rtxen-load: go T0=1\n", "g.log").complete());
    }

    @Test
    void parse_jobWithoutSummary_isRejectedNamingTheTask() {
        InputException e = assertThrows(InputException.class, () -> GuestLog.parse("J t9 0 0 0 5\n", "g.log"));
        assertTrue(e.getMessage().contains("t9"), e.getMessage());
    }
}
