package org.rtxen.engine.guest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.rtxen.model.result.ResponseStats;

/**
 * Streaming response-time statistics in constant memory: exact count, min, mean and max, and a p99 from a
 * log-linear histogram (exact below 128 ns, then 64 buckets per power of two, so at most 1/64 relative error;
 * the reported p99 is the upper edge of its bucket clamped to [min, max], hence exact when all values agree).
 *
 * <p>The histogram holds only the powers of two between the smallest and the largest value the owner can record
 * (a task: its shortest execution time and the run's length), a window of whole 64-bucket blocks allocated once:
 * its counts, and so the p99, are those of the full histogram, in a fraction of its size (about 5 KB for a
 * 1 ms task in a 20-minute run), which keeps thousands of tasks' histograms in cache and nothing is allocated
 * while recording. Counts are unsigned 32-bit; only an owner that may record 2^32 values or more (a 1 µs task in
 * a run of over an hour) gets a second array for the high halves, so the common window is half the size.
 */
public final class ResponseTimes {
    private static final int LINEAR = 128;
    private static final int PER_OCTAVE = 64;
    private static final int BLOCK_SHIFT = 6; // 64 buckets per block: one power of two above LINEAR

    /** Counts of buckets {@code base .. base + buckets.length - 1}, low 32 bits (unsigned). */
    private final int[] buckets;
    /** The counts' high 32 bits, or null when at most {@code 2^32 - 1} values can be recorded. */
    private final long[] high;
    private final int base;
    private long count;
    private long min = Long.MAX_VALUE;
    private long max;
    /** The exact sum of recorded values as a 128-bit unsigned number: {@code sumHigh·2^64 + sumLow}. */
    private long sumLow;
    private long sumHigh;

    /** A histogram for any number of values in [{@code minNs}, {@code maxNs}] ({@code 0 <= minNs <= maxNs}). */
    public ResponseTimes(long minNs, long maxNs) {
        this(minNs, maxNs, Long.MAX_VALUE);
    }

    /** A histogram for at most {@code maxCount} values in [{@code minNs}, {@code maxNs}]. */
    public ResponseTimes(long minNs, long maxNs, long maxCount) {
        if (minNs < 0 || maxNs < minNs) throw new IllegalArgumentException("bad range [" + minNs + ", " + maxNs + "]");
        int first = bucketOf(minNs) >>> BLOCK_SHIFT;
        int last = bucketOf(maxNs) >>> BLOCK_SHIFT;
        base = first << BLOCK_SHIFT;
        buckets = new int[(last - first + 1) << BLOCK_SHIFT];
        high = maxCount > 0xFFFF_FFFFL ? new long[buckets.length] : null;
    }

    /** Records one response time in ns, which must lie in the range given at construction. */
    public void record(long ns) {
        int b = ns < 0 ? -1 : bucketOf(ns) - base;
        if (b < 0 || b >= buckets.length) {
            throw new IllegalStateException("response time " + ns + " ns outside the histogram's range");
        }
        if (++buckets[b] == 0 && high != null) high[b]++; // without high, no bucket can reach 2^32
        count++;
        sumLow += ns;
        if (Long.compareUnsigned(sumLow, ns) < 0) sumHigh++; // carry: a long run of long responses exceeds 2^63 ns
        if (ns < min) min = ns;
        if (ns > max) max = ns;
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
        for (int b = 0; b < buckets.length; b++) {
            seen += Integer.toUnsignedLong(buckets[b]) + (high == null ? 0 : high[b] << 32);
            if (seen >= rank) {
                p99 = Math.max(min, Math.min(max, upperEdge(base + b)));
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
