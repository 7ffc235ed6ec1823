package org.rtxen.experiments.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The mean of doubles, the same in every order of adding them. */
class ExactMeanTest {
    private static double mean(double... values) {
        ExactMean m = new ExactMean();
        for (double v : values) m.add(v, 1);
        return m.mean();
    }

    @Test
    void theMean_isTheDoubleNearestTheExactOne_inEveryOrder() {
        // Added as doubles: 0.20000000000000004 one way, 0.19999999999999998 (0.6 / 3) the other.
        assertEquals(0.2, mean(0.1, 0.2, 0.3));
        assertEquals(0.2, mean(0.3, 0.2, 0.1));
        // A value counted many times at once: 3 x 0.1 and 0.2 give 0.5 / 4 = 0.125 (exactly 0.12500000000000000694).
        ExactMean counted = new ExactMean();
        counted.add(0.1, 3);
        counted.add(0.2, 1);
        assertEquals(0.125, counted.mean());
    }

    @Test
    void aValueThatIsNotFinite_makesTheMeanWhatAddingDoublesGives() {
        assertEquals(Double.POSITIVE_INFINITY, mean(0.1, Double.POSITIVE_INFINITY));
        assertEquals(Double.NaN, mean(Double.POSITIVE_INFINITY, 0.1, Double.NEGATIVE_INFINITY));
        assertEquals(Double.NaN, mean(0.1, Double.NaN));
        assertEquals(0.0, mean());
    }
}
