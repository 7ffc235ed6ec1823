package org.rtxen.analysis.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;

/** Which server periods {@code plan --period} tries; every expectation is worked out by hand below. */
class PeriodSearchTest {
    private static TaskSpec task(String name, long periodUs) {
        return new TaskSpec(name, periodUs * 1000, 1000, 0, 0, TaskSpec.NO_PRIORITY, 0, new ExecTimeModel.Wcet());
    }

    private static GuestSpec guest(TaskSpec... tasks) {
        return new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, false, List.of(tasks));
    }

    @Test
    void oneToTwentyMs_samplesEveryMillisecond_andAddsTheDivisorsOfTaskPeriods() {
        // 20 points over 1000..20000 µs: 1000 + 19000·i/19 = every whole ms. Task 10 ms: 10000/k for k = 1..8 in
        // whole µs: 10000, 5000, 2500, 2000, 1250 (k = 3, 6, 7 are not whole µs; k = 8 gives 1250). Task 7 ms:
        // 7000, 3500, 1750, 1400 (k = 5), 1000 (k = 7), 875 (k = 8, below the range). Configured 12 ms is a sample.
        long[] expected = {1000, 1250, 1400, 1750, 2000, 2500, 3000, 3500, 4000, 5000, 6000, 7000, 8000, 9000, 10000,
            11000, 12000, 13000, 14000, 15000, 16000, 17000, 18000, 19000, 20000};
        assertArrayEquals(expected, GuestDesigner.searchedPeriods(guest(task("a", 10_000), task("b", 7_000)),
                new long[] {12_000}, 1000, 20_000, 1));
    }

    @Test
    void narrowRange_keepsOnlyWhatLiesInside() {
        // 3000..3010 µs: 11 whole-µs points, every one sampled (fewer than 20). Task 9 ms: 9000/3 = 3000 is one of
        // them; configured 4 ms lies outside.
        long[] expected = {3000, 3001, 3002, 3003, 3004, 3005, 3006, 3007, 3008, 3009, 3010};
        assertArrayEquals(expected, GuestDesigner.searchedPeriods(guest(task("a", 9_000)), new long[] {4_000},
                3000, 3010, 1));
    }

    @Test
    void singlePeriod_isTheOnlyOne() {
        assertArrayEquals(new long[] {5000}, GuestDesigner.searchedPeriods(guest(task("a", 10_000)),
                new long[] {10_000}, 5000, 5000, 1));
    }

    @Test
    void wholeMillisecondUnit_roundsTheSamplesUp_andKeepsOnlyWholeMilliseconds() {
        // RT-Xen 2.0 (unit 1000 µs) over 100..1500 µs: the samples 100, 173, ..., 1500 round up to 1000 or 2000, and
        // 2000 lies outside; task 10 ms gives 10000/k = 10000, 5000, 2000 (whole ms) and 2500, 1250 (not), none inside.
        assertArrayEquals(new long[] {1000}, GuestDesigner.searchedPeriods(guest(task("a", 10_000)),
                new long[] {10_000}, 100, 1500, 1000));
        // 100..900 µs holds no whole millisecond: nothing to try.
        assertArrayEquals(new long[] {}, GuestDesigner.searchedPeriods(guest(task("a", 10_000)),
                new long[] {10_000}, 100, 900, 1000));
    }
}
