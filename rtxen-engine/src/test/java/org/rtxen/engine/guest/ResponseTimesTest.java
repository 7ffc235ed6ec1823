package org.rtxen.engine.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.rtxen.model.result.ResponseStats;

/**
 * The response-time histogram's statistics: exact counts (past 256 and 2^24 per bucket, with or without a bounded
 * count) and exact means past a long and a double, a nearest-rank p99 reported as its bucket's upper edge (at most 1/64
 * above the value) clamped to the minimum and maximum, a windowed histogram reporting what the full one does, and
 * values outside its range rejected as a defect.
 */
class ResponseTimesTest {
    @Test
    void stats_oneToHundred_nearestRankP99IsNinetyNine() {
        ResponseTimes r = new ResponseTimes(0, Long.MAX_VALUE);
        for (long v = 1; v <= 100; v++) r.record(v);
        // ceil(0.99 * 100) = 99th smallest value = 99; values below 128 ns are exact. Sum 5050, mean 50.5.
        assertEquals(new ResponseStats(100, 1, BigInteger.valueOf(5050), 99, 100), r.stats());
        assertEquals(new BigDecimal("50.5"), r.stats().meanNs());
    }

    @Test
    void stats_allEqual_p99IsExact() {
        ResponseTimes r = new ResponseTimes(0, Long.MAX_VALUE);
        for (int i = 0; i < 1000; i++) r.record(3_000_001);
        assertEquals(3_000_001, r.stats().p99Ns());
    }

    @Test
    void stats_nothingRecorded_isEmpty() {
        assertEquals(ResponseStats.EMPTY, new ResponseTimes(0, Long.MAX_VALUE).stats());
    }

    /** A bucket's upper edge is at least the value and at most 1/64 above it. */
    @Property
    void bucket_anyValue_upperEdgeWithinOneSixtyFourth(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long v) {
        long edge = ResponseTimes.upperEdge(ResponseTimes.bucketOf(v));
        assertTrue(edge >= v);
        assertTrue(edge - v <= v / 64, () -> v + " -> " + edge);
    }

    @Test
    void mean_sumBeyondLong_staysExactAndPositive() {
        // Three responses of 2^62 ns sum to 3·2^62 > 2^63 − 1: a long sum wraps negative. The mean is 2^62 exactly.
        ResponseTimes r = new ResponseTimes(0, Long.MAX_VALUE);
        for (int i = 0; i < 3; i++) r.record(1L << 62);
        assertEquals(new BigDecimal("4611686018427387904"), r.stats().meanNs());
        // The largest duration lands in the last histogram bucket instead of past the end.
        r.record(Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, r.stats().maxNs());
        // (3·2^62 + 2^63 − 1)/4 = 5·2^60 − 1/4, which a double (53 bits) would round to 5·2^60.
        assertEquals(new BigDecimal("5764607523034234879.75"), r.stats().meanNs());
    }

    @Test
    void mean_pastADoublesPrecision_isExact() {
        // One job of 2^53 + 1 ns: the mean is 9007199254740993, which a double rounds to 9007199254740992. A second
        // job of 2^53 + 2 ns: (2^54 + 3)/2 = 9007199254740993.5.
        ResponseTimes r = new ResponseTimes(0, Long.MAX_VALUE);
        r.record(9_007_199_254_740_993L);
        assertEquals(new BigDecimal("9007199254740993"), r.stats().meanNs());
        r.record(9_007_199_254_740_994L);
        assertEquals(new BigDecimal("9007199254740993.5"), r.stats().meanNs());
    }

    /** A histogram kept only over the owner's range reports exactly what the full histogram reports. */
    @Property
    void stats_window_sameAsFullHistogram(@ForAll @LongRange(min = 0, max = 1L << 40) long low,
                                          @ForAll @LongRange(min = 0, max = 1L << 40) long span,
                                          @ForAll @LongRange(min = 1, max = 500) long n) {
        ResponseTimes window = new ResponseTimes(low, low + span);
        ResponseTimes full = new ResponseTimes(0, Long.MAX_VALUE);
        SplittableRandom random = new SplittableRandom(low ^ span ^ n);
        for (long i = 0; i < n; i++) {
            long v = low + (i % 3 == 0 ? span : random.nextLong(span + 1)); // the range's top value recurs
            window.record(v);
            full.record(v);
        }
        assertEquals(full.stats(), window.stats());
    }

    /**
     * The p99 is the upper edge of the bucket of the nearest-rank value (the ceil(0.99 n)-th smallest), clamped to
     * [min, max]: checked against the sorted values, for sets whose values cluster in a few buckets or spread over
     * many octaves.
     */
    @Property
    void stats_p99_isTheNearestRankValuesBucketEdge(@ForAll @LongRange(min = 1, max = 3000) long n,
                                                     @ForAll @IntRange(min = 1, max = 40) int octaves,
                                                     @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] values = new long[(int) n];
        ResponseTimes r = new ResponseTimes(0, Long.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            values[i] = random.nextLong(1L << octaves);
            r.record(values[i]);
        }
        Arrays.sort(values);
        long nearest = values[(int) ((n * 99 + 99) / 100) - 1];
        long edge = ResponseTimes.upperEdge(ResponseTimes.bucketOf(nearest));
        assertEquals(Math.max(values[0], Math.min(values[(int) n - 1], edge)), r.stats().p99Ns());
    }

    /** Counting in 32 bits when the owner bounds the count reports exactly what counting with high halves does. */
    @Property
    void stats_boundedCount_sameAsUnbounded(@ForAll @LongRange(min = 0, max = 1L << 40) long low,
                                            @ForAll @LongRange(min = 1, max = 500) long n) {
        ResponseTimes bounded = new ResponseTimes(low, 4 * low, n);
        ResponseTimes unbounded = new ResponseTimes(low, 4 * low);
        SplittableRandom random = new SplittableRandom(low ^ n);
        for (long i = 0; i < n; i++) {
            long v = low + random.nextLong(3 * low + 1);
            bounded.record(v);
            unbounded.record(v);
        }
        assertEquals(unbounded.stats(), bounded.stats());
    }

    /**
     * Byte counts that wrap, with their multiples of 256 in the spill table (a bounded count) or in one count per
     * bucket (unbounded), count exactly: n values from a few distinct ones, so that several buckets pass 256, 512,
     * ..., in increasing or decreasing order (the table is kept sorted), and one outlier above them all.
     */
    @Property
    void stats_bucketsPastTwoHundredFiftySix_countedExactly(@ForAll @LongRange(min = 128, max = 1L << 40) long low,
                                                             @ForAll @IntRange(min = 1, max = 5) int distinct,
                                                             @ForAll @IntRange(min = 256, max = 3000) int n,
                                                             @ForAll boolean descending) {
        ResponseTimes bounded = new ResponseTimes(low, 2 * low, n + 1);
        ResponseTimes unbounded = new ResponseTimes(low, 2 * low);
        long step = low / 32 + 1; // wider than a bucket (low / 64 at most), so one value per bucket
        for (int i = 0; i < n; i++) {
            int k = descending ? distinct - 1 - i % distinct : i % distinct;
            bounded.record(low + k * step);
            unbounded.record(low + k * step);
        }
        bounded.record(2 * low);
        unbounded.record(2 * low);
        // The outlier is 1 of n + 1 >= 257 values, under 1 %: the p99 (nearest rank ceil(0.99 (n + 1)) <= n) is the
        // largest regular value's bucket, reported as its upper edge. Counts that lost their multiples of 256 would
        // not reach that rank, and the p99 would be the outlier.
        long top = low + (distinct - 1) * step;
        assertEquals(n + 1, bounded.stats().count());
        assertEquals(ResponseTimes.upperEdge(ResponseTimes.bucketOf(top)), bounded.stats().p99Ns());
        assertEquals(unbounded.stats(), bounded.stats());
    }

    /**
     * Without a bound on the count, each bucket counts its 256s in 16 bits and the table takes their multiples of
     * 2^16: 2^24 + 300 values of 1 ms and 3 of 2 ms count exactly. The 2 ms values are under 1 %, so the p99 is the
     * upper edge of 1 ms's bucket: 1 ms lies in [2^19, 2^20), buckets 2^13 = 8 192 ns wide, the 122nd of which is
     * [999 424, 1 007 615]. Counts that lost 2^24 would put the p99 at 2 ms.
     */
    @Test
    void stats_bucketPastTwoToTheTwentyFour_countedExactly() {
        ResponseTimes r = new ResponseTimes(1_000_000, 2_000_000);
        long n = (1L << 24) + 300;
        for (long i = 0; i < n; i++) r.record(1_000_000);
        for (int i = 0; i < 3; i++) r.record(2_000_000);
        assertEquals(new ResponseStats(n + 3, 1_000_000, BigInteger.valueOf(n * 1_000_000 + 3 * 2_000_000), 1_007_615,
                2_000_000), r.stats());
    }

    @Test
    void record_outsideItsRange_isADefect() {
        ResponseTimes r = new ResponseTimes(1_000_000, 2_000_000);
        // 1 ms..2 ms spans the blocks of 2^19 and 2^20 ns; 2^18 and 2^21 lie in neither.
        r.record(1L << 19);
        r.record((1L << 21) - 1);
        assertThrows(IllegalStateException.class, () -> r.record((1L << 19) - 1));
        assertThrows(IllegalStateException.class, () -> r.record(1L << 21));
        assertThrows(IllegalStateException.class, () -> r.record(-1));
        assertEquals(2, r.count());
    }
}
