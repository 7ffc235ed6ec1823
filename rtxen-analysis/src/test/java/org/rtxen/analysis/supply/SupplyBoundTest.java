package org.rtxen.analysis.supply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rtxen.analysis.Rational;

class SupplyBoundTest {
    @Test
    void prmSbf_period5Budget2_matchesHandDerivedWorstCase() {
        // Worst case: the budget at the very start of one period and at the very end of the next, so 2(Π − Θ) = 6
        // units of starvation, then 2 units, a gap of 3, 2 units, ...: 0 up to t = 6, 1 at 7, 2 at 8..11, 3 at 12,
        // 4 at 13..16.
        long[] expected = {0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 3, 4, 4, 4, 4, 5};
        for (int t = 0; t < expected.length; t++) {
            assertEquals(Rational.of(expected[t]), Prm.sbf(t, 5, Rational.of(2)), "t=" + t);
        }
    }

    @Test
    void edpSbf_deadlineEqualsPeriod_isPrm() {
        for (int t = 0; t < 40; t++) {
            assertEquals(Prm.sbf(t, 7, Rational.of(3)), Edp.sbf(t, 7, Rational.of(3), Rational.of(7)), "t=" + t);
        }
    }

    @Test
    void edpSbf_period10Budget3Deadline4_matchesHandDerivedWorstCase() {
        // Blackout Π + Δ − 2Θ = 8: budget at [0,3) of one period, then at [11,14) of the next (latest start Δ − Θ = 1
        // after its start): 0 up to t = 8, then 1, 2, 3 at 9, 10, 11, flat 3 until 18, 4 at 19.
        long[] expected = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 4};
        for (int t = 0; t < expected.length; t++) {
            assertEquals(Rational.of(expected[t]), Edp.sbf(t, 10, Rational.of(3), Rational.of(4)), "t=" + t);
        }
    }

    @Test
    void prmSbf_everySmallIntegerResource_equalsEnumeratedWorstCase() {
        for (int period = 1; period <= 6; period++) {
            for (int budget = 0; budget <= period; budget++) {
                BruteForceSupply brute = new BruteForceSupply(period, budget, 1, period);
                for (int t = 0; t <= 4 * period; t++) {
                    assertEquals(Rational.of(brute.worst(t)), Prm.sbf(t, period, Rational.of(budget)),
                            "Π=" + period + " Θ=" + budget + " t=" + t);
                }
            }
        }
    }

    @Test
    void edpSbf_everySmallIntegerResource_equalsEnumeratedWorstCase() {
        for (int period = 1; period <= 6; period++) {
            for (int budget = 0; budget <= period; budget++) {
                for (int deadline = Math.max(budget, 1); deadline <= period; deadline++) {
                    BruteForceSupply brute = new BruteForceSupply(period, budget, 1, deadline);
                    for (int t = 0; t <= 4 * period; t++) {
                        assertEquals(Rational.of(brute.worst(t)),
                                Edp.sbf(t, period, Rational.of(budget), Rational.of(deadline)),
                                "Π=" + period + " Θ=" + budget + " Δ=" + deadline + " t=" + t);
                    }
                }
            }
        }
    }

    @Test
    void mprSbf_bothVariantsOnSmallIntegerResources_neverExceedEnumeratedWorstCase() {
        int exactXu = 0;
        int points = 0;
        for (int period = 1; period <= 5; period++) {
            for (int m = 1; m <= 3; m++) {
                for (int budget = 1; budget <= m * period; budget++) {
                    BruteForceSupply brute = new BruteForceSupply(period, budget, m, period);
                    for (int t = 0; t <= 4 * period; t++) {
                        long worst = brute.worst(t);
                        long xu = Mpr.sbfXu(t, period, budget, m);
                        long easwaran = Mpr.sbfEaswaran(t, period, budget, m);
                        String where = "Π=" + period + " Θ=" + budget + " m'=" + m + " t=" + t;
                        assertTrue(xu <= worst, "Xu above worst case at " + where + ": " + xu + " > " + worst);
                        assertTrue(easwaran <= worst, "Easwaran above worst case at " + where);
                        // The one exception to "improved ≥ original" on this grid is Π = 1, Θ = 2, m' = 3, t = 1,
                        // where the improved formula's 0 ≤ t' ≤ 1 branch gives β(t − 2(Π − α)) < 0 → 0.
                        assertTrue(easwaran <= xu || period == 1, "Xu below Easwaran at " + where);
                        points++;
                        if (xu == worst) exactXu++;
                    }
                }
            }
        }
        assertTrue(exactXu * 2 > points, "the improved sbf should be exact at most points: " + exactXu + "/" + points);
    }

    @Test
    void dmprSbf_smallResources_neverExceedsEnumeratedWorstCase() {
        // m' − 1 dedicated processors supply t each; the partial VCPU is a PRM, enumerated on its own.
        for (int period = 1; period <= 5; period++) {
            for (int partial = 0; partial <= period; partial++) {
                BruteForceSupply brute = new BruteForceSupply(period, partial, 1, period);
                for (int m = 1; m <= 3; m++) {
                    Dmpr d = new Dmpr(period, partial, m);
                    for (int t = 0; t <= 4 * period; t++) {
                        assertEquals(Rational.of(brute.worst(t) + (long) (m - 1) * t), d.sbf(t));
                    }
                }
            }
        }
    }
}
