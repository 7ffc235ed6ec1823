package org.rtxen.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The response collector's nearest-rank quantiles (0 for no value) and its merge of a domain's tasks' responses into
 * one sorted array.
 */
class ResponseCollectorTest {
    @Test
    void nearestRankQuantiles() {
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) hundred[i] = i + 1;
        // Nearest rank: the q-quantile of n sorted values is the ceil(q n)-th: 50th, 90th, 99th of 1..100.
        assertEquals(50, ResponseCollector.quantile(hundred, 0.5));
        assertEquals(90, ResponseCollector.quantile(hundred, 0.9));
        assertEquals(99, ResponseCollector.quantile(hundred, 0.99));
        assertEquals(100, ResponseCollector.quantile(hundred, 1.0));
        // One value is every quantile; none gives 0.
        assertEquals(7, ResponseCollector.quantile(new long[] {7}, 0.5));
        assertEquals(0, ResponseCollector.quantile(new long[0], 0.99));
    }

    @Test
    void aDomainsResponsesAreItsTasksTogether() {
        assertArrayEquals(new long[] {1, 2, 3, 5, 8}, ResponseCollector.merge(new long[][] {{1, 5}, {2, 3, 8}, {}}));
    }
}
