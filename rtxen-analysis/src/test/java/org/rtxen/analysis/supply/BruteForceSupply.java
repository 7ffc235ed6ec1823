package org.rtxen.analysis.supply;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact worst-case supply of a periodic multiprocessor resource on integer time, by enumeration: every way to
 * place Θ units in a period of Π slots with at most m per slot and, for an explicit deadline, only in the first Δ
 * slots. Periods are independent, so the least supply in a window starting at offset o of a period is the least
 * suffix of one period, plus Θ per whole period inside, plus the least prefix of the last one.
 */
final class BruteForceSupply {
    private final int period;
    private final int budget;
    private final List<int[]> placements = new ArrayList<>();

    BruteForceSupply(int period, int budget, int cpus, int deadline) {
        this.period = period;
        this.budget = budget;
        enumerate(new int[period], 0, budget, cpus, deadline);
    }

    private void enumerate(int[] slots, int slot, int left, int cpus, int deadline) {
        if (slot == period) {
            if (left == 0) placements.add(slots.clone());
            return;
        }
        int most = slot < deadline ? Math.min(cpus, left) : 0;
        for (int v = 0; v <= most; v++) {
            slots[slot] = v;
            enumerate(slots, slot + 1, left - v, cpus, deadline);
        }
        slots[slot] = 0;
    }

    /** The least supply in any window of length t. */
    long worst(int t) {
        long best = Long.MAX_VALUE;
        for (int o = 0; o < period; o++) best = Math.min(best, worstFrom(o, t));
        return best;
    }

    private long worstFrom(int o, int t) {
        if (o + t <= period) return minSum(o, o + t);
        int rest = o + t - period;
        return minSum(o, period) + (long) (rest / period) * budget + minSum(0, rest % period);
    }

    private long minSum(int from, int to) {
        long best = Long.MAX_VALUE;
        for (int[] p : placements) {
            long s = 0;
            for (int j = from; j < to; j++) s += p[j];
            best = Math.min(best, s);
        }
        return best;
    }
}
