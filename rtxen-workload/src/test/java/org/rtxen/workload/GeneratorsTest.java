package org.rtxen.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rtxen.model.Time;

/**
 * The task-set generators: seeds that depend only on their coordinates, UUniFast summing exactly and symmetric,
 * UUniFast-Discard keeping every task below its bound, RandFixedSum uniform on its segment and within its bounds, sets
 * reproducible and rounded to the unit within the documented bound either way, log-uniform and harmonic periods in
 * their sets, RT-Xen's generator filling to the target and giving up where no period admits a task, bimodal
 * distributions mixing their branches, the total check refusing exactly what generation refuses, and tasks dealt
 * round-robin.
 */
class GeneratorsTest {
    private static final int DRAWS = 20_000;

    @Test
    void seedsDependOnlyOnTheirCoordinates() {
        assertEquals(Seeds.derive(7, "u=0.5", "rep=3"), Seeds.derive(7, "u=0.5", "rep=3"));
        assertNotEquals(Seeds.derive(7, "u=0.5", "rep=3"), Seeds.derive(7, "u=0.5", "rep=4"));
        assertNotEquals(Seeds.derive(7, "u=0.5", "rep=3"), Seeds.derive(8, "u=0.5", "rep=3"));
        // The parts are separated: ("ab", "c") and ("a", "bc") are different coordinates.
        assertNotEquals(Seeds.derive(1, "ab", "c"), Seeds.derive(1, "a", "bc"));
    }

    @Test
    void uunifastSumsExactlyAndIsSymmetric() {
        SplittableRandom rng = new SplittableRandom(1);
        double first = 0;
        for (int i = 0; i < DRAWS; i++) {
            double[] u = Utilizations.uunifast(4, 0.8, rng);
            assertEquals(4, u.length);
            assertEquals(0.8, sum(u), 1e-12);
            for (double x : u) assertTrue(x >= 0 && x <= 0.8);
            first += u[0];
        }
        // Uniform on the simplex: every coordinate has mean total / n = 0.2.
        assertEquals(0.2, first / DRAWS, 0.005);
        assertThrows(IllegalArgumentException.class, () -> Utilizations.uunifast(4, 1.5, rng));
    }

    @Test
    void uunifastDiscardKeepsEveryTaskBelowTheBound() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 2_000; i++) {
            double[] u = Utilizations.uunifastDiscard(6, 2.5, 1.0, rng);
            assertEquals(2.5, sum(u), 1e-12);
            for (double x : u) assertTrue(x >= 0 && x <= 1.0);
        }
        // 2 tasks of at most 0.5 cannot sum to 1.5.
        assertThrows(IllegalArgumentException.class, () -> Utilizations.uunifastDiscard(2, 1.5, 0.5, rng));
    }

    @Test
    void randFixedSumIsUniformOnItsSegment() {
        // n = 2 in [0, 1] with sum 1.5: the admissible set is the segment u0 in [0.5, 1], u1 = 1.5 - u0, so u0 is
        // uniform on [0.5, 1]: mean 0.75 and a quarter of the draws below 0.625.
        SplittableRandom rng = new SplittableRandom(3);
        double mean = 0;
        int below = 0;
        for (int i = 0; i < DRAWS; i++) {
            double[] u = Utilizations.randFixedSum(2, 1.5, 0, 1, rng);
            assertEquals(1.5, sum(u), 1e-12);
            assertTrue(u[0] >= 0.5 - 1e-12 && u[0] <= 1 + 1e-12, "u0 = " + u[0]);
            mean += u[0];
            if (u[0] < 0.625) below++;
        }
        assertEquals(0.75, mean / DRAWS, 0.005);
        assertEquals(0.25, (double) below / DRAWS, 0.01);
    }

    @Test
    void randFixedSumRespectsBoundsInHigherDimensions() {
        SplittableRandom rng = new SplittableRandom(4);
        double first = 0;
        for (int i = 0; i < DRAWS; i++) {
            double[] u = Utilizations.randFixedSum(10, 3.7, 0.05, 0.6, rng);
            assertEquals(3.7, sum(u), 1e-9);
            for (double x : u) assertTrue(x >= 0.05 - 1e-12 && x <= 0.6 + 1e-12, "x = " + x);
            first += u[0];
        }
        // Symmetric after the shuffle: each coordinate has mean 3.7 / 10.
        assertEquals(0.37, first / DRAWS, 0.005);
    }

    @Test
    void generatedSetsAreReproducibleAndRoundDownToTheUnit() {
        Periods periods = new Periods(10 * Time.MS, 100 * Time.MS, Time.MS, Periods.Distribution.UNIFORM);
        TaskSetGenerator g = new TaskSetGenerator(TaskSetGenerator.Method.RANDFIXEDSUM, 8, periods, 1.0, null);
        assertEquals(g.generate(2.0, 42), g.generate(2.0, 42));
        assertNotEquals(g.generate(2.0, 42), g.generate(2.0, 43));
        for (long seed = 0; seed < 500; seed++) {
            List<PeriodicTask> set = g.generate(2.0, seed);
            assertEquals(8, set.size());
            for (PeriodicTask t : set) {
                assertTrue(t.periodNs() >= 10 * Time.MS && t.periodNs() <= 100 * Time.MS);
                assertEquals(0, t.periodNs() % Time.MS);
                assertEquals(0, t.wcetNs() % Time.MS);
                assertEquals(t.periodNs(), t.deadlineNs());
            }
            // Each WCET is rounded down by less than 1 ms on a period of at least 10 ms (at most 0.1 each), or
            // raised to 1 ms (at most 0.1): the total stays within 8 x 0.1 of the target.
            assertEquals(2.0, TaskSetGenerator.utilization(set), 0.8 + 1e-9);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void roundingToTheUnit_canRaiseTheTotalAboveTheTarget_byLessThanTasksTimesUnitOverMinPeriod() {
        // Three tasks of about 0.001/3 each at a 10 ms period in whole ms: ⌊10 × u⌋ = 0, raised to one unit, so each is
        // 1/10 and the set's total is 0.3 for a target of 0.001 (the docs said the rounding only falls short). The
        // documented bound holds both ways: |0.3 − 0.001| < 3 × 1 ms / 10 ms.
        Periods periods = new Periods(10 * Time.MS, 10 * Time.MS, Time.MS, Periods.Distribution.UNIFORM);
        List<PeriodicTask> set = new TaskSetGenerator(TaskSetGenerator.Method.UUNIFAST, 3, periods, 1.0, null)
                .generate(0.001, 7);
        assertEquals(0.3, TaskSetGenerator.utilization(set), 1e-12);
        assertTrue(Math.abs(TaskSetGenerator.utilization(set) - 0.001) < 3 * 1.0 / 10);
    }

    @Test
    void logUniformAndHarmonicPeriodsStayInTheirSets() {
        SplittableRandom rng = new SplittableRandom(5);
        Periods log = new Periods(Time.MS, 1000 * Time.MS, Time.MS, Periods.Distribution.LOG_UNIFORM);
        int belowTen = 0;
        for (int i = 0; i < DRAWS; i++) {
            long p = log.draw(rng);
            assertTrue(p >= Time.MS && p <= 1000 * Time.MS && p % Time.MS == 0);
            if (p < 10 * Time.MS) belowTen++;
        }
        // Log-uniform over three decades: one third of the draws in [1, 10) ms.
        assertEquals(1.0 / 3, (double) belowTen / DRAWS, 0.02);
        Periods harmonic = new Periods(100 * Time.MS, 1000 * Time.MS, Time.MS, Periods.Distribution.HARMONIC);
        for (int i = 0; i < 1000; i++) {
            long p = harmonic.draw(rng);
            // The powers of two (ms) in [100, 1000]: 128, 256, 512.
            assertTrue(p == 128 * Time.MS || p == 256 * Time.MS || p == 512 * Time.MS, "p = " + p);
        }
    }

    @Test
    void rtxenGeneratorFillsToTheTarget() {
        Periods periods = new Periods(NamedPeriodRange.MODERATE.minNs(), NamedPeriodRange.MODERATE.maxNs(), Time.MS,
                Periods.Distribution.UNIFORM);
        TaskSetGenerator g = new TaskSetGenerator(TaskSetGenerator.Method.RTXEN, 0, periods, 1.0,
                TaskUtilization.UNIFORM_MEDIUM);
        for (long seed = 0; seed < 300; seed++) {
            List<PeriodicTask> set = g.generate(3.0, seed);
            // Every task but the filler (the last) lies in U[0.1, 0.4] after rounding.
            for (PeriodicTask t : set.subList(0, set.size() - 1)) {
                assertTrue(t.utilization() >= 0.1 && t.utilization() <= 0.4, "u = " + t.utilization());
            }
            // The filler rounds its remainder down by less than 1 ms / 350 ms.
            double total = TaskSetGenerator.utilization(set);
            assertTrue(total <= 3.0 + 1e-9 && total > 3.0 - 1.0 / 350, "total " + total);
        }
        assertThrows(IllegalArgumentException.class, () -> new TaskSetGenerator(TaskSetGenerator.Method.RTXEN, 5,
                periods, 1.0, TaskUtilization.UNIFORM_MEDIUM));
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void rtxenGenerator_noPeriodAdmitsADistributionsTask_givesUpInsteadOfLoopingForever() {
        // Periods of exactly 1 ms in whole 1 ms units: a WCET is 0 ms (redrawn) or 1 ms (u = 1), so no task of
        // uniform-heavy (u in [0.5, 0.9]) can ever be admitted; with periods of 1 or 2 ms no uniform-light one either
        // (u in [0.001, 0.1]: 1 ms / 2 ms = 0.5 is the least positive one). Before, the draw loop ran forever.
        for (TaskUtilization per : List.of(TaskUtilization.UNIFORM_HEAVY, TaskUtilization.UNIFORM_LIGHT)) {
            Periods periods = new Periods(Time.MS, per == TaskUtilization.UNIFORM_HEAVY ? Time.MS : 2 * Time.MS, Time.MS,
                    Periods.Distribution.UNIFORM);
            TaskSetGenerator g = new TaskSetGenerator(TaskSetGenerator.Method.RTXEN, 0, periods, 1.0, per);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.generate(0.95, 1));
            assertTrue(e.getMessage().startsWith("the rtxen method redrew " + TaskSetGenerator.MAX_REDRAWS + " tasks in a"
                    + " row: at periods of 1ms to "), e.getMessage());
        }
        // Where a few periods admit a task they are found: from 1 ms to 20 ms only 11 ms and up admit a light task
        // (1 ms / 11 ms < 0.1), and every task but the filler is one of them.
        TaskSetGenerator light = new TaskSetGenerator(TaskSetGenerator.Method.RTXEN, 0,
                new Periods(Time.MS, 20 * Time.MS, Time.MS, Periods.Distribution.UNIFORM), 1.0, TaskUtilization.UNIFORM_LIGHT);
        List<PeriodicTask> set = light.generate(0.5, 3);
        for (PeriodicTask t : set.subList(0, set.size() - 1)) assertTrue(t.periodNs() >= 11 * Time.MS, "" + t);
    }

    @Test
    void bimodalDistributionsMixTheirBranches() {
        SplittableRandom rng = new SplittableRandom(6);
        int heavy = 0;
        for (int i = 0; i < DRAWS; i++) {
            double u = TaskUtilization.BIMODAL_LIGHT.draw(rng);
            assertTrue(u >= 0.001 && u <= 0.9);
            if (u >= 0.5) heavy++;
        }
        assertEquals(1.0 / 9, (double) heavy / DRAWS, 0.01);
    }

    @Test
    void checkTotal_refusesWhatGenerateRefusesAtEverySeed_withItsMessage_andOtherwiseOnlyDrawingTells() {
        // The sweep reader checks each utilisation point with checkTotal, and draws only where onlyDrawingTells.
        Periods periods = new Periods(10 * Time.MS, 50 * Time.MS, 100 * Time.US, Periods.Distribution.UNIFORM);
        List<TaskSetGenerator> generators = List.of(
                new TaskSetGenerator(TaskSetGenerator.Method.UUNIFAST, 4, periods, 1.0, null),
                new TaskSetGenerator(TaskSetGenerator.Method.UUNIFAST_DISCARD, 4, periods, 0.5, null),
                new TaskSetGenerator(TaskSetGenerator.Method.RANDFIXEDSUM, 4, periods, 0.75, null),
                new TaskSetGenerator(TaskSetGenerator.Method.RTXEN, 0, periods, 1.0, TaskUtilization.UNIFORM_MEDIUM));
        double[] totals = {-1, 0, Double.NaN, 0.0001, 0.3, 0.5, 1, 1.5, 2, 2.5, 3, 3.5};
        for (TaskSetGenerator g : generators) {
            for (double total : totals) {
                String checked = refusal(() -> g.checkTotal(total));
                for (long seed = 0; seed < 50; seed++) {
                    long s = seed;
                    String generated = refusal(() -> g.generate(total, s));
                    String where = g.method().label() + " at " + total + ", seed " + seed;
                    if (checked != null || !g.onlyDrawingTells(total)) assertEquals(checked, generated, where);
                    if (checked == null && !g.onlyDrawingTells(total)) {
                        assertEquals(g.tasks(), g.generate(total, s).size(), where);
                    }
                }
            }
        }
        assertEquals(List.of(false, true), List.of(generators.get(1).onlyDrawingTells(0.5),
                generators.get(1).onlyDrawingTells(0.51)));
    }

    /** The message of the IllegalArgumentException that {@code r} throws, or null when it throws none. */
    private static String refusal(Runnable r) {
        try {
            r.run();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void tasksAreDealtRoundRobin() {
        List<PeriodicTask> five = List.of(t(1), t(2), t(3), t(4), t(5));
        List<List<PeriodicTask>> dealt = TaskSetGenerator.deal(five, 2);
        assertEquals(List.of(t(1), t(3), t(5)), dealt.get(0));
        assertEquals(List.of(t(2), t(4)), dealt.get(1));
    }

    private static PeriodicTask t(long p) {
        return new PeriodicTask(p * 10, 1, p * 10);
    }

    private static double sum(double[] u) {
        double s = 0;
        for (double x : u) s += x;
        return s;
    }
}
