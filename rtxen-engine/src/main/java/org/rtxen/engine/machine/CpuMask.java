package org.rtxen.engine.machine;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/** An immutable set of pCPU ids (Xen's {@code cpumask_t}), with Xen's cyclic "next after" search. */
public final class CpuMask {
    private final long[] words;
    private final int first;

    private CpuMask(long[] words) {
        this.words = words;
        this.first = nextFrom(0);
    }

    /** The mask holding exactly the given pCPU ids. */
    public static CpuMask of(List<Integer> cpus) {
        int max = 0;
        for (int c : cpus) max = Math.max(max, c);
        long[] w = new long[(max >>> 6) + 1];
        for (int c : cpus) w[c >>> 6] |= 1L << c;
        return new CpuMask(w);
    }

    /** The pCPUs in both this mask and {@code other}. */
    public CpuMask and(CpuMask other) {
        long[] w = new long[Math.min(words.length, other.words.length)];
        for (int i = 0; i < w.length; i++) w[i] = words[i] & other.words[i];
        return new CpuMask(w);
    }

    /** Whether pCPU {@code cpu} is in the mask. */
    public boolean contains(int cpu) {
        int i = cpu >>> 6;
        return i < words.length && (words[i] & (1L << cpu)) != 0;
    }

    /** Whether the mask holds no pCPU. */
    public boolean isEmpty() {
        return first < 0;
    }

    /** The lowest pCPU id in the mask, or -1 when empty. */
    public int first() {
        return first;
    }

    /**
     * The lowest pCPU id {@code >= from} both in the mask and set in {@code bits} (bit {@code c % 64} of word
     * {@code c / 64}), or -1 if none: a search of idle-pCPU sets that costs a word operation per 64 pCPUs.
     */
    public int nextCommon(long[] bits, int from) {
        int n = Math.min(words.length, bits.length);
        int i = from >>> 6;
        if (from < 0 || i >= n) return -1;
        long w = words[i] & bits[i] & (-1L << from);
        while (true) {
            if (w != 0) return (i << 6) + Long.numberOfTrailingZeros(w);
            if (++i == n) return -1;
            w = words[i] & bits[i];
        }
    }

    /** The mask as a new {@link BitSet}, built a word of pCPUs at a time. */
    public BitSet toBitSet() {
        return BitSet.valueOf(words);
    }

    /** The number of pCPUs in the mask. */
    public int size() {
        int n = 0;
        for (long w : words) n += Long.bitCount(w);
        return n;
    }

    /**
     * The pCPU of rank {@code k} in the mask (0 for the lowest; Xen's {@code cpumask_any} after drawing k), found a word
     * of pCPUs at a time; -1 if the mask holds {@code k} or fewer.
     */
    public int nth(int k) {
        if (k < 0) return -1;
        for (int i = 0; i < words.length; i++) {
            long w = words[i];
            int n = Long.bitCount(w);
            if (k >= n) {
                k -= n;
                continue;
            }
            for (; k > 0; k--) w &= w - 1; // drop the k lowest bits
            return (i << 6) + Long.numberOfTrailingZeros(w);
        }
        return -1;
    }

    /** The lowest pCPU id {@code >= from} in the mask, or -1 if none. */
    public int nextFrom(int from) {
        int i = from >>> 6;
        if (from < 0 || i >= words.length) return -1;
        long w = words[i] & (-1L << from);
        while (true) {
            if (w != 0) return (i << 6) + Long.numberOfTrailingZeros(w);
            if (++i == words.length) return -1;
            w = words[i];
        }
    }

    /** The first pCPU strictly after {@code cpu}, wrapping around to the lowest (Xen's {@code cpumask_cycle}); -1 if empty. */
    public int cycle(int cpu) {
        int n = nextFrom(cpu + 1);
        return n >= 0 ? n : first;
    }

    /** {@code cpu} itself if it is in the mask, otherwise {@link #cycle(int)} of it. */
    public int atOrAfter(int cpu) {
        return contains(cpu) ? cpu : cycle(cpu);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CpuMask m)) return false;
        int n = Math.max(words.length, m.words.length);
        for (int i = 0; i < n; i++) {
            long a = i < words.length ? words[i] : 0;
            long b = i < m.words.length ? m.words[i] : 0;
            if (a != b) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        int len = words.length;
        while (len > 0 && words[len - 1] == 0) len--;
        return Arrays.hashCode(Arrays.copyOf(words, len));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int c = first; c >= 0; c = nextFrom(c + 1)) {
            if (b.length() > 1) b.append(',');
            b.append(c);
        }
        return b.append('}').toString();
    }
}
