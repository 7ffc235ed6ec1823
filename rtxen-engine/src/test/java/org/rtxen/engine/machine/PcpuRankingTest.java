package org.rtxen.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * PcpuRanking against the walk it replaces (R19/G12): visit the present pCPUs in cyclic order from the start and keep
 * the first of the largest keys. Keys come from tiny ranges so that ties are the rule; sizes that are and are not
 * powers of two.
 */
class PcpuRankingTest {
    @Property(tries = 300)
    void randomSetsAndClears_highestIsTheCyclicWalksChoice(@ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(70);
        PcpuRanking ranking = new PcpuRanking(n);
        boolean[] present = new boolean[n];
        long[] major = new long[n];
        long[] minor = new long[n];
        for (int step = 0; step < 300; step++) {
            int cpu = rnd.nextInt(n);
            if (rnd.nextInt(4) == 0) {
                present[cpu] = false;
                ranking.clear(cpu);
            } else {
                present[cpu] = true;
                major[cpu] = rnd.nextInt(3);
                minor[cpu] = rnd.nextInt(3) - 1;
                ranking.set(cpu, major[cpu], minor[cpu]);
            }
            for (int start = 0; start < n; start++) {
                assertEquals(walk(present, major, minor, start), ranking.highest(start), "from " + start);
            }
        }
    }

    /**
     * By hand: pCPUs 1, 4 and 6 hold the largest key (2, 5), pCPU 3 a larger minor under a smaller major; from 5 the
     * walk meets 6 first, from 7 it wraps to 1, from 2 it meets 4.
     */
    @Test
    void highest_tiedLargestKeys_firstInCyclicOrder() {
        PcpuRanking r = new PcpuRanking(8);
        r.set(1, 2, 5);
        r.set(3, 1, 9);
        r.set(4, 2, 5);
        r.set(6, 2, 5);
        r.set(0, 2, 4);
        assertEquals(6, r.highest(5));
        assertEquals(1, r.highest(7));
        assertEquals(4, r.highest(2));
        r.clear(4);
        assertEquals(6, r.highest(2));
        r.set(6, 0, 0);
        assertEquals(1, r.highest(2));
    }

    private static int walk(boolean[] present, long[] major, long[] minor, int start) {
        int n = present.length;
        int best = -1;
        for (int k = 0; k < n; k++) {
            int c = (start + k) % n;
            if (!present[c]) continue;
            if (best < 0 || major[c] > major[best] || major[c] == major[best] && minor[c] > minor[best]) best = c;
        }
        return best;
    }
}
