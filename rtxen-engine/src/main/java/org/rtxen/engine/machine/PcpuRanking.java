package org.rtxen.engine.machine;

import java.util.Arrays;

/**
 * A tournament tree over pCPU ids for a policy's tickle: each pCPU is either absent or present with a key of two
 * longs (compared major first), and {@link #highest} answers the present pCPU with the largest key, ties going to the
 * first in cyclic order from a given pCPU, in O(log n) instead of a walk over every pCPU. {@link #set} and
 * {@link #clear} are O(log n); nothing allocates after construction.
 *
 * <p>It answers exactly what a walk answers that visits the present pCPUs in cyclic order from {@code start} and
 * replaces its choice only by a strictly larger key: each node holds the winner of its range, the larger key or, on
 * equal keys, the lower id (the one such a walk from 0 meets first), and the cyclic walk from {@code start} is the
 * range {@code [start, n)} followed by {@code [0, start)}. A policy that keys its pCPUs by the priority of the VCPU
 * each runs (lower priority, larger key) finds its victim this way; it must call {@link #set} whenever that priority
 * changes, so the keys here are copies, read without reaching into the policy's state.
 */
public final class PcpuRanking {
    private static final int NONE = -1;
    private final int leaves; // a power of two >= the number of pCPUs
    private final int[] winner; // heap-ordered: node k has children 2k and 2k + 1, leaf of pCPU c at leaves + c
    private final long[] major; // by pCPU id
    private final long[] minor;
    private final boolean[] present;

    /** An empty ranking of pCPU ids {@code 0 .. pcpus - 1}. */
    public PcpuRanking(int pcpus) {
        int size = 1;
        while (size < pcpus) size <<= 1;
        leaves = size;
        winner = new int[2 * size];
        Arrays.fill(winner, NONE);
        major = new long[pcpus];
        minor = new long[pcpus];
        present = new boolean[pcpus];
    }

    /** Makes {@code cpu} present with the key ({@code keyMajor}, {@code keyMinor}), or updates its key. */
    public void set(int cpu, long keyMajor, long keyMinor) {
        if (present[cpu] && major[cpu] == keyMajor && minor[cpu] == keyMinor) return;
        major[cpu] = keyMajor;
        minor[cpu] = keyMinor;
        present[cpu] = true;
        winner[leaves + cpu] = cpu;
        replay(cpu);
    }

    /** Makes {@code cpu} absent. */
    public void clear(int cpu) {
        if (!present[cpu]) return;
        present[cpu] = false;
        winner[leaves + cpu] = NONE;
        replay(cpu);
    }

    /** Whether {@code cpu} is present. */
    public boolean isPresent(int cpu) {
        return present[cpu];
    }

    /** The major part of {@code cpu}'s key (meaningful while it is present). */
    public long keyMajor(int cpu) {
        return major[cpu];
    }

    /** The minor part of {@code cpu}'s key (meaningful while it is present). */
    public long keyMinor(int cpu) {
        return minor[cpu];
    }

    /**
     * The present pCPU with the largest key, the first in cyclic order from {@code start} (itself included) among
     * equal keys, or -1 when none is present.
     */
    public int highest(int start) {
        int best = winner[1];
        if (best == NONE || best >= start) return best; // the lowest-id holder of the largest key is at or after start
        int after = rangeWinner(start, leaves);
        return after != NONE && !above(best, after) ? after : best;
    }

    /** Re-plays the matches above {@code cpu}'s leaf; stops where a node's winner is unchanged and not {@code cpu}. */
    private void replay(int cpu) {
        for (int k = (leaves + cpu) >>> 1; k >= 1; k >>>= 1) {
            int old = winner[k];
            int now = match(winner[2 * k], winner[2 * k + 1]);
            winner[k] = now;
            if (now == old && now != cpu) return; // neither this node's winner nor its key changed
        }
    }

    /** The winner of [{@code from}, {@code to}) in leaf positions. */
    private int rangeWinner(int from, int to) {
        int left = NONE;
        int right = NONE;
        for (int l = from + leaves, r = to + leaves; l < r; l >>>= 1, r >>>= 1) {
            if ((l & 1) != 0) left = match(left, winner[l++]);
            if ((r & 1) != 0) right = match(winner[--r], right);
        }
        return match(left, right);
    }

    /** The winner of {@code first} and {@code second}, {@code first} coming earlier in the walk: ties go to it. */
    private int match(int first, int second) {
        if (first == NONE) return second;
        if (second == NONE) return first;
        return above(second, first) ? second : first;
    }

    /** Whether {@code a}'s key is strictly larger than {@code b}'s. */
    private boolean above(int a, int b) {
        return major[a] != major[b] ? major[a] > major[b] : minor[a] > minor[b];
    }
}
