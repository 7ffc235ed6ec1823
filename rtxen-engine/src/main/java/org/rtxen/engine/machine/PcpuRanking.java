package org.rtxen.engine.machine;

import java.util.Arrays;

/**
 * A ranking of pCPU ids for a policy's tickle: each pCPU is either absent or present with a key of two longs (compared
 * major first), and {@link #highest} answers the present pCPU with the largest key, ties going to the first in cyclic
 * order from a given pCPU, without a walk over every pCPU. The ids are cut into blocks of {@value #BLOCK} consecutive
 * ids, each with its winner; {@link #set} and {@link #clear} touch one block, and {@link #highest} reads the blocks'
 * winners and at most one block's ids. Nothing allocates after construction.
 *
 * <p>It answers exactly what a walk answers that visits the present pCPUs in cyclic order from {@code start} and
 * replaces its choice only by a strictly larger key: a block's winner is its largest key held by its lowest id (the
 * one such a walk meets first in the block), and the walk from {@code start} is the rest of {@code start}'s block, the
 * blocks after it, the blocks before it, then the beginning of {@code start}'s block. A policy that keys its pCPUs by
 * the priority of the VCPU each runs (lower priority, larger key) finds its victim this way; it must call {@link #set}
 * whenever that priority changes, so the keys here are copies, read without reaching into the policy's state.
 */
public final class PcpuRanking {
    private static final int NONE = -1;
    /** The ids of a block (16 measured against a tournament tree on RTDS's and rtglobal's busy pCPUs at p256). */
    private static final int BLOCK = 16;
    private final int pcpus;
    private final long[] major; // by pCPU id
    private final long[] minor;
    private final boolean[] present;
    /** Per block, its present pCPU with the largest key (the lowest id among equal keys), or -1. */
    private final int[] winner;

    /** An empty ranking of pCPU ids {@code 0 .. pcpus - 1}. */
    public PcpuRanking(int pcpus) {
        this.pcpus = pcpus;
        major = new long[pcpus];
        minor = new long[pcpus];
        present = new boolean[pcpus];
        winner = new int[(pcpus + BLOCK - 1) / BLOCK];
        Arrays.fill(winner, NONE);
    }

    /** Makes {@code cpu} present with the key ({@code keyMajor}, {@code keyMinor}), or updates its key. */
    public void set(int cpu, long keyMajor, long keyMinor) {
        boolean was = present[cpu];
        if (was && major[cpu] == keyMajor && minor[cpu] == keyMinor) return;
        boolean lowered = was && (keyMajor != major[cpu] ? keyMajor < major[cpu] : keyMinor < minor[cpu]);
        major[cpu] = keyMajor;
        minor[cpu] = keyMinor;
        present[cpu] = true;
        int b = cpu / BLOCK;
        int w = winner[b];
        if (w == cpu) {
            if (lowered) rescan(b);
        } else if (w == NONE || above(cpu, w) || !above(w, cpu) && cpu < w) {
            winner[b] = cpu;
        }
    }

    /** Makes {@code cpu} absent. */
    public void clear(int cpu) {
        if (!present[cpu]) return;
        present[cpu] = false;
        if (winner[cpu / BLOCK] == cpu) rescan(cpu / BLOCK);
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
        int first = start / BLOCK;
        int best = better(NONE, start, Math.min(pcpus, (first + 1) * BLOCK));
        for (int b = first + 1; b < winner.length; b++) best = better(best, winner[b]);
        for (int b = 0; b < first; b++) best = better(best, winner[b]);
        return better(best, first * BLOCK, start);
    }

    /** The walk's choice after {@code best} meets the present ids of [{@code from}, {@code to}) in order. */
    private int better(int best, int from, int to) {
        for (int c = from; c < to; c++) {
            if (present[c]) best = better(best, c);
        }
        return best;
    }

    /** The walk's choice after {@code best} meets {@code cpu} (absent if -1): it changes only for a larger key. */
    private int better(int best, int cpu) {
        return cpu != NONE && (best == NONE || above(cpu, best)) ? cpu : best;
    }

    /** Recomputes block {@code b}'s winner from its ids. */
    private void rescan(int b) {
        winner[b] = better(NONE, b * BLOCK, Math.min(pcpus, (b + 1) * BLOCK));
    }

    /** Whether {@code a}'s key is strictly larger than {@code b}'s. */
    private boolean above(int a, int b) {
        return major[a] != major[b] ? major[a] > major[b] : minor[a] > minor[b];
    }
}
