package org.rtxen.analysis.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The campaign's oracle on schedules worked out by hand. */
class ScheduleOracleTest {
    /**
     * EDF, a (4, 2, D 3) and b (6, 3): U = 1, H = 12. a runs [0, 2), b [2, 5) (a's second job, released at 4 and due 7,
     * waits for b, due 6), a [5, 7), b [7, 8), a [8, 10), b [10, 12): a done at 2, 7, 10 (due 3, 7, 11), b at 5 and 12
     * (due 6, 12). With b's WCET 4, U &gt; 1.
     */
    @Test
    void uniprocessorEdf_fullUtilization_meetsEveryDeadline() {
        assertTrue(ScheduleOracle.uniprocessorEdf(new long[] {4, 6}, new long[] {2, 3}, new long[] {3, 6}));
        assertFalse(ScheduleOracle.uniprocessorEdf(new long[] {4, 6}, new long[] {2, 4}, new long[] {3, 6}));
    }

    /** EDF, a (4, 1, D 2) and b (6, 3, D 3): both due by 3 with 4 units of work, b done at 4. */
    @Test
    void uniprocessorEdf_constrainedPair_missesAtThree() {
        assertFalse(ScheduleOracle.uniprocessorEdf(new long[] {4, 6}, new long[] {1, 3}, new long[] {2, 3}));
        assertTrue(ScheduleOracle.uniprocessorEdf(new long[] {4, 6}, new long[] {1, 2}, new long[] {2, 3}));
    }

    /**
     * EDF with D &gt; T, a (2, 1, D 4) and b (4, 2, D 4): U = 1, H = 4. a runs [0, 1) (the tie at 4 to the task given
     * first), b [1, 3), a's second job (due 6) [3, 4): all done by 4, and the pattern repeats.
     */
    @Test
    void uniprocessorEdf_deadlinesPastPeriods_meetsEveryDeadline() {
        assertTrue(ScheduleOracle.uniprocessorEdf(new long[] {2, 4}, new long[] {1, 2}, new long[] {4, 4}));
    }

    /**
     * Deadline-monotonic, a (10, 5, D 10) and b (10, 5, D 5) in that order: b first by its deadline, b [0, 5), a [5, 10),
     * both in time (a first would have made b miss). a (10, 5, D 6) over b (20, 6, D 10): b runs [5, 10), is preempted
     * by a's second job at 10 with one unit left, and misses 10 (U = 0.8); with b's WCET 5 it ends at 10, in time.
     */
    @Test
    void uniprocessorDm_priorityByDeadline() {
        assertTrue(ScheduleOracle.uniprocessorDm(new long[] {10, 10}, new long[] {5, 5}, new long[] {10, 5}));
        assertFalse(ScheduleOracle.uniprocessorDm(new long[] {10, 20}, new long[] {5, 6}, new long[] {6, 10}));
        assertTrue(ScheduleOracle.uniprocessorDm(new long[] {10, 20}, new long[] {5, 5}, new long[] {6, 10}));
    }

    /**
     * Dhall's effect on 2 processors: two light tasks (20, 2) run first (due 20) on both, the heavy (21, 20) starts at 2
     * and ends at 22 &gt; 21 (U = 1.15 ≤ 2). With the heavy task's WCET 19 it ends at 21, in time.
     */
    @Test
    void globalEdf_dhallsEffect_missesOnTwoProcessors() {
        long[] t = {20, 20, 21};
        long[] d = {20, 20, 21};
        for (ScheduleOracle.TieBreak tie : ScheduleOracle.TieBreak.values()) {
            assertTrue(ScheduleOracle.globalEdfMissesSynchronous(t, new long[] {2, 2, 20}, d, 2, 840, tie));
            assertFalse(ScheduleOracle.globalEdfMissesSynchronous(t, new long[] {2, 2, 19}, d, 2, 840, tie));
        }
    }

    /**
     * A task's jobs never run at once: a (2, 2, D 4) alone on 2 processors runs one job after the other, each done 2
     * after the previous (done at 2, 4, 6, ...; due 4, 6, 8): in time. With WCET 3 (U = 1.5 on 2 processors) job k is
     * done at 3(k + 1) against a deadline of 2k + 4: job 1 (done 6, due 6) is in time, job 2 (9 &gt; 8) misses, though
     * two processors could have run the jobs side by side.
     */
    @Test
    void globalEdf_jobsOfOneTaskRunInOrder() {
        assertFalse(ScheduleOracle.globalEdfMissesSynchronous(new long[] {2}, new long[] {2}, new long[] {4}, 2, 8,
                ScheduleOracle.TieBreak.FIRST_TASK));
        assertTrue(ScheduleOracle.globalEdfMissesSynchronous(new long[] {2}, new long[] {3}, new long[] {4}, 2, 8,
                ScheduleOracle.TieBreak.FIRST_TASK));
        assertFalse(ScheduleOracle.globalEdfMissesSporadic(new long[] {2}, new long[] {2}, new long[] {4}, 2, 8,
                new Random(1)));
    }
}
