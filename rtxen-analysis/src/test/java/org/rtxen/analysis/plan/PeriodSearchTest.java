package org.rtxen.analysis.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Which server periods {@code plan --period} tries; every expectation is worked out by hand below. */
class PeriodSearchTest {
    @Test
    void oneToTwentyMs_samplesEveryMillisecond() {
        // 20 points over 1000..20000 µs: 1000 + 19000·i/19 = every whole ms.
        long[] expected = new long[20];
        for (int i = 0; i < 20; i++) expected[i] = 1000L * (i + 1);
        assertArrayEquals(expected, GuestDesigner.searchedPeriods(1000, 20_000));
    }

    @Test
    void threeToSevenMs_twentyPointsRoundedDownToWholeMicroseconds() {
        // 3000 + 4000·i/19 in integer µs: i = 1 gives 4000/19 = 210.5… → 3210, i = 2 → 3421, …, i = 19 → 7000.
        long[] got = GuestDesigner.searchedPeriods(3000, 7000);
        assertArrayEquals(new long[] {3000, 3210, 3421}, java.util.Arrays.copyOf(got, 3));
        assertArrayEquals(new long[] {7000}, java.util.Arrays.copyOfRange(got, 19, 20));
    }

    @Test
    void narrowRange_triesEveryWholeMicrosecond_andASingleValueOnce() {
        assertArrayEquals(new long[] {3000, 3001, 3002, 3003}, GuestDesigner.searchedPeriods(3000, 3003));
        assertArrayEquals(new long[] {5000}, GuestDesigner.searchedPeriods(5000, 5000));
    }
}
