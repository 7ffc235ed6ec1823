package org.rtxen.engine.guest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.rtxen.model.result.ResponseStats;

/**
 * Streaming response-time statistics in constant memory: exact count, min, mean and max, and a p99 from a
 * log-linear histogram (exact below 128 ns, then 64 buckets per power of two, so at most 1/64 relative error;
 * the reported p99 is the upper edge of its bucket clamped to [min, max], hence exact when all values agree).
 */
public final class ResponseTimes {
    private static final int LINEAR = 128;
    private static final int PER_OCTAVE = 64;
    private static final int BUCKETS = LINEAR + (63 - 7) * PER_OCTAVE;

    private final long[] buckets = new long[BUCKETS];
    private long count;
    private long min = Long.MAX_VALUE;
    private long max;
    /** The exact sum of recorded values as a 128-bit unsigned number: {@code sumHigh·2^64 + sumLow}. */
    private long sumLow;
    private long sumHigh;

    /** Records one response time in ns (non-negative). */
    public void record(long ns) {
        if (ns < 0) throw new IllegalArgumentException("negative response time " + ns + " ns");
        count++;
        sumLow += ns;
        if (Long.compareUnsigned(sumLow, ns) < 0) sumHigh++; // carry: a long run of long responses exceeds 2^63 ns

        if (ns < min) min = ns;
        if (ns > max) max = ns;
        buckets[bucketOf(ns)]++;
    }

    static int bucketOf(long v) {
        if (v < LINEAR) return (int) v;
        int e = 63 - Long.numberOfLeadingZeros(v); // 7..62
        return LINEAR + (e - 7) * PER_OCTAVE + (int) ((v >>> (e - 6)) - PER_OCTAVE);
    }

    static long upperEdge(int bucket) {
        if (bucket < LINEAR) return bucket;
        int e = 7 + (bucket - LINEAR) / PER_OCTAVE;
        long m = PER_OCTAVE + (bucket - LINEAR) % PER_OCTAVE;
        return ((m + 1) << (e - 6)) - 1;
    }

    /** Recorded values so far. */
    public long count() {
        return count;
    }

    /** The statistics, or {@link ResponseStats#EMPTY} when nothing was recorded. */
    public ResponseStats stats() {
        if (count == 0) return ResponseStats.EMPTY;
        long rank = (count * 99 + 99) / 100; // nearest rank: ceil(0.99 * count)
        long seen = 0;
        long p99 = max;
        for (int b = 0; b < BUCKETS; b++) {
            seen += buckets[b];
            if (seen >= rank) {
                p99 = Math.max(min, Math.min(max, upperEdge(b)));
                break;
            }
        }
        return new ResponseStats(count, min, mean(), p99, max);
    }

    /** The mean of the exact sum; the plain long division when the sum fits in a long. */
    private double mean() {
        if (sumHigh == 0 && sumLow >= 0) return (double) sumLow / count;
        BigInteger sum = BigInteger.valueOf(sumHigh).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(sumLow)));
        return new BigDecimal(sum).divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue();
    }
}
