package org.rtxen.engine.guest;

import java.math.BigInteger;
import java.util.Arrays;
import org.rtxen.model.result.ResponseStats;

/**
 * Streaming response-time statistics in constant memory: exact count, min, mean and max, and a p99 from a
 * log-linear histogram (exact below 128 ns, then 64 buckets per power of two, so at most 1/64 relative error;
 * the reported p99 is the upper edge of its bucket clamped to [min, max], hence exact when all values agree).
 *
 * <p>The histogram holds only the powers of two between the smallest and the largest value the owner can record
 * (a task: its shortest execution time and the run's length), a window of whole 64-bucket blocks allocated once:
 * its counts, and so the p99, are those of the full histogram, in a fraction of its size, and nothing is allocated
 * while recording. Each bucket counts modulo 256 in one byte, so an octave's 64 buckets share one cache line and
 * the bytes of a 1 ms task in a 20-minute run take about 1.4 KB. The multiples of 256 are kept apart, set up once for
 * the most the owner can record: either a short table of the few buckets that can reach 256 (a task with at most
 * {@code n} jobs has at most {@code n / 256} of them), or, where that table would be larger, a 16-bit count of
 * 256s per bucket whose own multiples of 2^16 go to the table. A record touches the byte only, and the rest on every
 * 256th value of a bucket.
 */
public final class ResponseTimes {
    private static final int LINEAR = 128;
    private static final int PER_OCTAVE = 64;
    private static final int BLOCK_SHIFT = 6; // 64 buckets per block: one power of two above LINEAR

    /** Counts of buckets {@code base .. base + low.length - 1} modulo 256 (unsigned). */
    private final byte[] low;
    /** Each bucket's count divided by 256, modulo 2^16; null when the table takes every multiple of 256. */
    private final char[] mid;
    /** What the table counts in: 256 without {@link #mid}, else 2^24 (log2). */
    private final int spillShift;
    /** Spill table: the buckets whose count reached 2^spillShift, in increasing order, and their counts in those units. */
    private final int[] spilledBucket;
    private final long[] spilledHigh;
    private int spilled;
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
        low = new byte[(last - first + 1) << BLOCK_SHIFT];
        long most = Math.max(0, maxCount);
        // Whichever is smaller: a table entry (12 bytes) per bucket that can reach 256, or a char per bucket.
        boolean table = (most >>> 8) * (Integer.BYTES + Long.BYTES) < (long) low.length * Character.BYTES;
        mid = table ? null : new char[low.length];
        spillShift = table ? 8 : 8 + Character.SIZE;
        int entries = (int) Math.min(most >>> spillShift, low.length); // no more buckets than that can reach it
        spilledBucket = new int[entries];
        spilledHigh = new long[entries];
    }

    /** Records one response time in ns, which must lie in the range given at construction. */
    public void record(long ns) {
        int b = ns < 0 ? -1 : bucketOf(ns) - base;
        if (b < 0 || b >= low.length) {
            throw new IllegalStateException("response time " + ns + " ns outside the histogram's range");
        }
        if (++low[b] == 0) carry(b); // the byte wrapped: the bucket reached a multiple of 256
        count++;
        sumLow += ns;
        if (Long.compareUnsigned(sumLow, ns) < 0) sumHigh++; // carry: a long run of long responses exceeds 2^63 ns
        if (ns < min) min = ns;
        if (ns > max) max = ns;
    }

    /** Adds 256 to bucket {@code b}'s count outside its byte. */
    private void carry(int b) {
        if (mid != null && ++mid[b] != 0) return; // else the char wrapped too: 2^24 more for the table
        int i = Arrays.binarySearch(spilledBucket, 0, spilled, b);
        if (i >= 0) {
            spilledHigh[i]++;
            return;
        }
        i = -i - 1; // never full: at most maxCount / 2^spillShift buckets reach 2^spillShift
        System.arraycopy(spilledBucket, i, spilledBucket, i + 1, spilled - i);
        System.arraycopy(spilledHigh, i, spilledHigh, i + 1, spilled - i);
        spilledBucket[i] = b;
        spilledHigh[i] = 1;
        spilled++;
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
        // The p99's bucket is the lowest b with at most count - rank values above it. Walking down from max's
        // bucket (the p99 lies near the top, so this reads a few buckets, not the window), it is the first bucket at
        // which the values from it upwards exceed count - rank.
        long allowedAbove = count - rank;
        long fromHere = 0;
        int next = spilled - 1; // the last spill-table entry not yet passed
        int b = bucketOf(max) - base;
        while (true) {
            long spill = next >= 0 && spilledBucket[next] == b ? spilledHigh[next--] : 0;
            long units = mid == null ? 0 : mid[b]; // of 256
            fromHere += (spill << spillShift) + (units << 8) + Byte.toUnsignedLong(low[b]);
            if (fromHere > allowedAbove) break;
            b--;
        }
        long p99 = Math.max(min, Math.min(max, upperEdge(base + b)));
        return new ResponseStats(count, min, sum(), p99, max);
    }

    /** The exact sum, {@code sumHigh·2^64 + sumLow}, as a number (allocated once, for the final statistics). */
    private BigInteger sum() {
        return BigInteger.valueOf(sumHigh).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(sumLow)));
    }
}
