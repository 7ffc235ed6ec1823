package org.rtxen.analysis.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.supply.Prm;

/**
 * The minimum PRM and EDP interfaces of uniprocessor components derived by hand under EDF and RM, with their
 * infeasibility reasons, the bracket reported when the exact minimum is out of reach, scaling between time units, PRM
 * schedulability at and just below the minimum budget (and its refusal when the hyperperiod passes 2^63), and the
 * least-bandwidth choice over a range of periods.
 */
class UniprocessorInterfacesTest {
    private static final Task HALF = Task.implicit("t", 10, 5);

    @Test
    void prm_oneHalfLoadTaskAtItsOwnPeriod_needsFifteenHalves() {
        // dbf(10) = 5. For Θ < 10, n = ⌊(10 − (10 − Θ))/10⌋ = 0, so sbf(10) = max(0, 10 − 2(10 − Θ)) = 2Θ − 10 ≥ 5
        // gives Θ ≥ 15/2. With Θ = 15/2 the cut is t* = (3/4 · 5)/(3/4 − 1/2) = 15, so the only other deadline to
        // check is none (20 > 15); sbf(20) = 15/2 + (20 − 5 − 10) = 25/2 ≥ 10 agrees.
        ComponentInterface c = UniprocessorInterfaces.prm(List.of(HALF), Policy.EDF, 10);
        assertTrue(c.feasible());
        assertEquals(Rational.of(15, 2), c.budget());
    }

    @Test
    void prm_fiftyUnrelatedPeriods_budgetBracketsTheMinimumFromUtilization() {
        // 50 tasks, periods 10 000..100 000 drawn from seed 7 (as AnalysisBenchmark), U ≈ 0.6, Π = 5 000: dbf stays
        // below sbf at Θ = UΠ for the first 50 million deadlines (their demand only lines up near the astronomically
        // long hyperperiod), so no linear cut exists and the exact minimum is out of reach. Per hyperperiod L dbf
        // grows by U·L and sbf by (Θ/Π)·L, so the minimum is at least UΠ: the result must bracket it in [UΠ, Θ].
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<Task> tasks = new java.util.ArrayList<>();
        Rational u = Rational.ZERO;
        for (int i = 0; i < 50; i++) {
            long period = 10_000 + random.nextInt(90_001);
            long wcet = Math.max(1, Math.round(period * 0.6 / 50 * (0.5 + random.nextDouble())));
            tasks.add(new Task("t" + i, period, wcet, Math.max(wcet, period * (80 + random.nextInt(21)) / 100)));
            u = u.add(Rational.of(wcet, period));
        }
        ComponentInterface c = UniprocessorInterfaces.prm(tasks, Policy.EDF, 5_000);
        assertFalse(c.minimal());
        assertEquals(u.multiply(5_000), c.lowerBound());
        assertTrue(c.budget().compareTo(c.lowerBound()) > 0);
        assertTrue(UniprocessorInterfaces.prmSchedulable(tasks, Policy.EDF, 5_000, c.budget()));
    }

    @Test
    void prm_lightTaskAtShortPeriod_needsOneUnit() {
        // Task (10, 1), Π = 4: θ(10, 1): 10 = 2·4 + 2, Θ slightly below 1 gives n = 1 and sbf = Θ + max(0, 2Θ − 4) < 1,
        // Θ = 1 gives sbf(10) = 1. Cut t* = (1/4 · 6)/(1/4 − 1/10) = 10, so t = 10 is the last point.
        assertEquals(Rational.ONE, UniprocessorInterfaces.prm(List.of(Task.implicit("t", 10, 1)), Policy.EDF, 4).budget());
    }

    @Test
    void prm_rateMonotonicPairAtPeriodTwo_needsFiveQuarters() {
        // RM (4, 1), (6, 1), Π = 2. High task: rbf(4) = 1, θ(4, 1) = 1. Low task: points 4 and 6.
        // rbf(4) = 2: on Θ ∈ [1, 2), n = 1 and sbf(4) = Θ + (2Θ − 2) = 3Θ − 2 ≥ 2 → 4/3.
        // rbf(6) = 3: on Θ ∈ [1, 5/4], n = 2 and sbf(6) = 2Θ + (2Θ − 2) = 4Θ − 2 ≥ 3 → 5/4.
        // The low task needs min(4/3, 5/4) = 5/4; the interface needs max(1, 5/4) = 5/4.
        List<Task> tasks = List.of(Task.implicit("a", 4, 1), Task.implicit("b", 6, 1));
        assertEquals(Rational.of(5, 4), UniprocessorInterfaces.prm(tasks, Policy.RM, 2).budget());
    }

    @Test
    void edp_oneHalfLoadTaskAtItsOwnPeriod_isBudgetFiveDeadlineFive() {
        // With Δ = Θ the blackout is Π − Θ: sbf(10) = Θ ≥ 5 → Θ = 5. The largest Δ keeping sbf(10) ≥ 5: the least
        // window with block supply 5 is u = (Π − Θ) + 5 = 10, so Δ = Θ + 10 − 10 = 5; t = 20 gives the same.
        ComponentInterface c = UniprocessorInterfaces.edp(List.of(HALF), Policy.EDF, 10);
        assertEquals(Rational.of(5), c.budget());
        assertEquals(Rational.of(5), c.deadline());
    }

    @Test
    void prm_utilizationAboveOne_isInfeasibleWithReason() {
        ComponentInterface c = UniprocessorInterfaces.prm(List.of(Task.implicit("a", 2, 1), Task.implicit("b", 3, 2)),
                Policy.EDF, 1);
        assertFalse(c.feasible());
        assertEquals("utilization 7/6 exceeds 1", c.reason().format(Reason.NANOSECONDS));
    }

    @Test
    void prm_wcetAboveDeadline_isInfeasibleAtThatPoint() {
        ComponentInterface c = UniprocessorInterfaces.prm(List.of(new Task("a", 100, 5, 4)), Policy.EDF, 10);
        assertFalse(c.feasible());
        // In µs (the planner's unit) the durations print as such.
        assertEquals("demand 5us in an interval of length 4us exceeds its length",
                c.reason().format(Reason.MICROSECONDS));
    }

    @Test
    void prm_sameTaskSetInMillisecondsAndNanoseconds_givesScaledBudget() {
        List<Task> ms = List.of(Task.implicit("a", 7, 2), Task.implicit("b", 11, 3), new Task("c", 13, 1, 9));
        List<Task> ns = ms.stream().map(t -> new Task(t.name(), t.period() * 1_000_000, t.wcet() * 1_000_000,
                t.deadline() * 1_000_000)).toList();
        Rational small = UniprocessorInterfaces.prm(ms, Policy.EDF, 5).budget();
        assertEquals(small.multiply(1_000_000), UniprocessorInterfaces.prm(ns, Policy.EDF, 5_000_000).budget());
    }

    @Test
    void prmSchedulable_atMinimumBudget_isTrueAndJustBelowFalse() {
        List<Task> tasks = List.of(Task.implicit("a", 7, 2), Task.implicit("b", 11, 3));
        Rational min = UniprocessorInterfaces.prm(tasks, Policy.EDF, 3).budget();
        assertTrue(UniprocessorInterfaces.prmSchedulable(tasks, Policy.EDF, 3, min));
        assertFalse(UniprocessorInterfaces.prmSchedulable(tasks, Policy.EDF, 3, min.subtract(Rational.of(1, 1000))));
    }

    @Test
    @Timeout(10)
    void prmSchedulable_rateEqualsUtilizationWithHyperperiodPast2To63_isNotDecided() {
        // Periods 4a and 4b, a = 2^31 − 1 and b = 2^31 + 1 coprime, one unit each, on Γ(1, U): at an integer t the
        // supply is (t − 1)·U, U short of U·t. Below the hyperperiod 4ab ≈ 2^64 one task's deadline leaves the other
        // (k·4a mod 4b)/4b ≥ 1/b ≥ U of its demand unreleased, so every deadline passes; at 4ab nothing is left.
        long a = (1L << 31) - 1;
        long b = (1L << 31) + 1;
        List<Task> tasks = List.of(Task.implicit("a", 4 * a, 1), Task.implicit("b", 4 * b, 1));
        Rational rate = Rational.of(1, 4 * a).add(Rational.of(1, 4 * b));
        assertThrows(ArithmeticException.class,
                () -> UniprocessorInterfaces.prmSchedulable(tasks, Policy.EDF, 1, rate));
    }

    @Test
    void overPeriods_range_picksLeastBandwidth() {
        List<Task> tasks = List.of(Task.implicit("a", 20, 4));
        ComponentInterface best = UniprocessorInterfaces.overPeriods(tasks, Policy.EDF, ComponentInterface.Model.PRM, 1, 20);
        for (long p = 1; p <= 20; p++) {
            Rational bw = UniprocessorInterfaces.prm(tasks, Policy.EDF, p).bandwidth();
            assertTrue(best.bandwidth().compareTo(bw) <= 0, "period " + p);
        }
        assertTrue(Prm.sbf(20, best.period(), best.budget()).compareTo(4) >= 0);
    }
}
