package org.rtxen.analysis.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.ComponentInterface.Vcpu;
import org.rtxen.analysis.component.MultiprocessorInterfaces;
import org.rtxen.analysis.component.Policy;

/**
 * The host schedulability tests on hand-derived task sets: global EDF (GFB, BCL, BAK and response-time analysis),
 * uniprocessor EDF and fixed priority with periodic and deferrable servers, the partitioning heuristics, the split of a
 * budget into VCPUs, and the limits past which a test says it cannot decide.
 */
class HostTestsTest {
    private static final java.util.function.Predicate<List<Task>> EDF =
            core -> UniprocessorTests.edf(core, ServerKind.PERIODIC).schedulable();

    private static List<Task> copies(int n, long period, long wcet) {
        return Collections.nCopies(n, Task.implicit("v", period, wcet));
    }

    @Test
    void gfb_threeTasksOf49PercentOnTwoCpus_passesFourFail() {
        // Σδ = 1.47 ≤ 2 − 0.49 = 1.51; with four tasks Σδ = 1.96 > 1.51.
        assertTrue(GlobalEdfTests.gfb(copies(3, 100, 49), 2).schedulable());
        assertFalse(GlobalEdfTests.gfb(copies(4, 100, 49), 2).schedulable());
    }

    @Test
    void bcl_threeTasksOf60PercentOnTwoCpus_fails() {
        // D − C + 1 = 5; each other task contributes min(6, 5) = 5, Σ = 10, not < 2·5. (Truly unschedulable: after a
        // synchronous release two run [0, 6) and the third finishes at 12 > 10.)
        TestResult r = GlobalEdfTests.bcl(copies(3, 10, 6), 2, ServerKind.PERIODIC);
        assertFalse(r.schedulable());
        assertFalse(GlobalEdfTests.rta(copies(3, 10, 6), 2, ServerKind.PERIODIC).schedulable());
    }

    @Test
    void bcl_threeTasksOf40PercentOnTwoCpus_passes() {
        // D − C + 1 = 7; each other task contributes min(4, 7) = 4, Σ = 8 < 14.
        assertTrue(GlobalEdfTests.bcl(copies(3, 10, 4), 2, ServerKind.PERIODIC).schedulable());
        assertTrue(GlobalEdfTests.bclIterative(copies(3, 10, 4), 2, ServerKind.PERIODIC).schedulable());
        assertTrue(GlobalEdfTests.bak(copies(3, 10, 4), 2).schedulable());
    }

    @Test
    void rta_threeTasksOf40PercentOnTwoCpus_responseEightIsSchedulable() {
        // R: 4 → 4 + ⌊(1+1)/2⌋ = 5 → 4 + ⌊(2+2)/2⌋ = 6 → 7 → 4 + ⌊(4+4)/2⌋ = 8 (caps min(W, I = 4, R − C + 1)),
        // fixed at 8 ≤ 10: the exact synchronous worst case (two run [0,4), the third [4,8)).
        assertTrue(GlobalEdfTests.rta(copies(3, 10, 4), 2, ServerKind.DEFERRABLE).schedulable());
    }

    /** examples/analysis/taskset.yaml in ns: a, b = (T 100 µs, C 49 µs, D 100 µs), c = (T 10 ms, C 2 ms, D 8 ms). */
    private static List<Task> exampleTaskSet(long unit) {
        return List.of(new Task("a", 100 * unit, 49 * unit, 100 * unit), Task.implicit("b", 100 * unit, 49 * unit),
                new Task("c", 10_000 * unit, 2_000 * unit, 8_000 * unit));
    }

    @Test
    void rta_exampleTaskSetInNanoseconds_terminatesWithHandDerivedResponses() {
        // Regression: the accelerated iteration used to oscillate forever on c (a tie min(W, R − C + 1) took slope 1).
        // m = 2, slacks 0, unit u (1 000 for ns).
        // R_a: I_b(D_a) = 49u (one job due), I_c(D_a) = min(C_c, D_a) = 100u; W_b(R) ≥ 49u and W_c(R) = 2 000u for
        //   R ≥ 49u, so f(R) = 49u + ⌊(min(49u, R − 49u + 1) + min(100u, R − 49u + 1))/2⌋ = R + 1 up to R = 98u − 1,
        //   then f(98u − 1) = 49u + 49u = 98u and f(98u) = 49u + ⌊(49u + 49u + 1)/2⌋ = 98u: R_a = R_b = 98u ≤ 100u.
        // R_c: I_a(D_c) = 80·49u = 3 920u; with L = R + 51u, W_a(R) = ⌊L/100u⌋·49u + min(49u, L mod 100u) and
        //   f(R) = 2 000u + min(W_a(R), 3 920u, R − 2 000u + 1) (two equal terms halved). On W's rising parts
        //   f(R) − R = 2 051u − 51u·N > 0 for N = ⌊L/100u⌋ ≤ 40; on the plateau N = 40 (R ∈ [3 998u, 4 049u))
        //   f = 2 000u + 41·49u = 4 009u, inside it: R_c = 4 009u ≤ 8 000u. All meet their deadlines.
        for (long unit : new long[] {1, 1_000}) {
            List<Task> tasks = exampleTaskSet(unit);
            long[] noSlack = new long[3];
            assertEquals(98 * unit, GlobalEdfTests.responseTime(tasks, 0, 2, noSlack, Long.MAX_VALUE));
            assertEquals(98 * unit, GlobalEdfTests.responseTime(tasks, 1, 2, noSlack, Long.MAX_VALUE));
            assertEquals(4_009 * unit, GlobalEdfTests.responseTime(tasks, 2, 2, noSlack, Long.MAX_VALUE));
            assertTrue(GlobalEdfTests.rta(tasks, 2, ServerKind.PERIODIC).schedulable());
            assertTrue(GlobalEdfTests.rta(tasks, 2, ServerKind.DEFERRABLE).schedulable());
        }
    }

    @Test
    void edf_constrainedPair_demandAtThreeDecides() {
        // (4, 1, 2), (6, 2, 3): U = 7/12, c = 1/4·2 + 1/3·3 = 3/2, cut at (3/2)/(5/12) = 18/5; dbf(2) = 1, dbf(3) = 3.
        assertTrue(UniprocessorTests.edf(List.of(new Task("a", 4, 1, 2), new Task("b", 6, 2, 3)), ServerKind.PERIODIC)
                .schedulable());
        // With C_b = 3: dbf(3) = 4 > 3.
        TestResult r = UniprocessorTests.edf(List.of(new Task("a", 4, 1, 2), new Task("b", 6, 3, 3)), ServerKind.PERIODIC);
        assertFalse(r.schedulable());
        assertEquals("demand 4ns in an interval of length 3ns exceeds its length", r.reason().format(Reason.NANOSECONDS));
    }

    @Test
    void edf_twoDeferrableServersOf40Percent_failWherePeriodicServersPass() {
        // Periodic: U = 0.8 ≤ 1. Deferrable: both may defer to [6, 10) of the same period: dbf of (10, 4, 4) twice
        // is 8 at t = 4.
        List<Task> vcpus = copies(2, 10, 4);
        assertTrue(UniprocessorTests.edf(vcpus, ServerKind.PERIODIC).schedulable());
        assertFalse(UniprocessorTests.edf(vcpus, ServerKind.DEFERRABLE).schedulable());
    }

    @Test
    void fp_deferrableHighPriorityServer_backToBackHitBreaksLowServer() {
        // RM, both period 10: high (10, 5), low (10, 4). Periodic: R = 4 + ⌈R/10⌉·5 = 9 ≤ 10.
        // Deferrable, jitter 5: R = 4 + ⌈(R + 5)/10⌉·5: 4 → 9 → 14 > 10.
        List<Task> vcpus = List.of(Task.implicit("hi", 10, 5), new Task("lo", 10, 4, 10));
        assertTrue(UniprocessorTests.fp(vcpus, Policy.RM, ServerKind.PERIODIC).schedulable());
        assertFalse(UniprocessorTests.fp(vcpus, Policy.RM, ServerKind.DEFERRABLE).schedulable());
    }

    @Test
    void partitioning_fourHalfVcpusOnTwoCpus_firstFitPairsThem() {
        Partitioning.Assignment a = Partitioning.pack(copies(4, 10, 5), 2, Partitioning.Heuristic.FIRST_FIT, false, EDF);
        assertTrue(a.feasible());
        assertArrayEquals(new int[] {0, 0, 1, 1}, a.cpuOf());
        Partitioning.Assignment w = Partitioning.pack(copies(4, 10, 5), 2, Partitioning.Heuristic.WORST_FIT, false, EDF);
        assertArrayEquals(new int[] {0, 1, 0, 1}, w.cpuOf());
        assertFalse(Partitioning.pack(copies(3, 10, 6), 2, Partitioning.Heuristic.BEST_FIT, true, EDF).feasible());
    }

    /**
     * Utilizations 0.5, 0.7, 0.2 on three pCPUs, each heuristic placing them differently (hand-derived). In input
     * order: a on 0; b fits only on an empty pCPU, 1; c fits on 0 (0.7) and 1 (0.9): first fit takes 0, best fit the
     * fuller 1, worst fit the empty 2. Decreasing (b, a, c): b on 0, a on 1; c fits everywhere: first and best fit
     * take 0 (0.9, the fullest), worst fit 2. Then the set's loads as running sums, and an item too large for all.
     */
    @Test
    void partitioning_threeItemsOnThreeCpus_eachHeuristicPlacesThemItsWay() {
        List<Task> tasks = List.of(Task.implicit("a", 10, 5), Task.implicit("b", 10, 7), Task.implicit("c", 10, 2));
        int[][] expected = {{0, 1, 0}, {0, 1, 1}, {0, 1, 2}, {1, 0, 0}, {1, 0, 0}, {1, 0, 2}};
        int k = 0;
        for (boolean decreasing : new boolean[] {false, true}) {
            for (Partitioning.Heuristic h : Partitioning.Heuristic.values()) {
                Partitioning.Assignment a = Partitioning.pack(tasks, 3, h, decreasing, EDF);
                assertTrue(a.feasible());
                assertArrayEquals(expected[k++], a.cpuOf(), h + (decreasing ? " decreasing" : ""));
            }
        }
        Partitioning.Assignment none = Partitioning.pack(List.of(Task.implicit("big", 10, 11)), 2,
                Partitioning.Heuristic.FIRST_FIT, false, EDF);
        assertFalse(none.feasible());
        assertArrayEquals(new int[] {-1}, none.cpuOf());
    }

    @Test
    void toVcpus_budget23OnThreeCpus_splitsEightEightSeven() {
        // a = 23 mod 3 = 2 VCPUs get ⌊23/3⌋ + 1 = 8, the other gets 7; 8 + 8 + 7 = 23.
        List<Vcpu> v = MultiprocessorInterfaces.toVcpus(10, 23, 3);
        assertEquals(List.of(Rational.of(8), Rational.of(8), Rational.of(7)), v.stream().map(Vcpu::budget).toList());
    }

    @Test
    @Timeout(10)
    void edf_fullUtilizationWithDeadlinesPastPeriods_isSchedulable() {
        // {T 10, C 10, D 20}: U = 1 and the job released at k·10 has until k·10 + 20; run back to back, it ends at
        // k·10 + 10. By hand, dbf(t) = 10(⌊(t − 20)/10⌋ + 1) = t − 10 ≤ t for t ≥ 20 (0 before).
        TestResult r = UniprocessorTests.edf(List.of(new Task("a", 10, 10, 20)), ServerKind.PERIODIC);
        assertTrue(r.schedulable(), r.reason()::toString);
        // Two tasks at U = 1/2 + 1/2 with D = T and D = 2T: dbf(t) ≤ t/2 + t/2.
        assertTrue(UniprocessorTests.edf(List.of(new Task("a", 4, 2, 4), new Task("b", 6, 3, 12)), ServerKind.PERIODIC)
                .schedulable());
    }

    @Test
    @Timeout(10)
    void edf_fullUtilizationWithConstrainedDeadlines_decidedExactly() {
        // {T 10, C 5, D 5} + {T 10, C 5, D 10}: U = 1. By hand, at t = 10k + 5 dbf = 5(k + 1) + 5k = 10k + 5 ≤ t
        // and at t = 10k dbf = 5k + 5k = 10k ≤ t: schedulable (EDF runs a in [10k, 10k + 5), b after it).
        assertTrue(UniprocessorTests.edf(List.of(new Task("a", 10, 5, 5), new Task("b", 10, 5, 10)),
                ServerKind.PERIODIC).schedulable());
        // {T 10, C 5, D 4} + {T 10, C 5, D 10}: dbf(4) = 5 > 4.
        TestResult late = UniprocessorTests.edf(List.of(new Task("a", 10, 5, 4), new Task("b", 10, 5, 10)),
                ServerKind.PERIODIC);
        assertFalse(late.schedulable());
        String why = late.reason().format(Reason.NANOSECONDS);
        assertTrue(why.contains("demand 5ns in an interval of length 4ns"), why);
        // {T 4, C 2, D 3} + {T 6, C 3, D 6}: U = 1, H = 12; deadlines up to max D + H = 18 are 3, 6, 7, 11, 12, 15,
        // 18 with dbf 2, 5, 7, 9, 12, 14, 17: each ≤ t, schedulable.
        assertTrue(UniprocessorTests.edf(List.of(new Task("a", 4, 2, 3), new Task("b", 6, 3, 6)), ServerKind.PERIODIC)
                .schedulable());
    }

    @Test
    @Timeout(10)
    void edf_fullUtilizationWithHugeHyperperiod_saysSoUpFront() {
        // T = 2·10000019 and 2·9999991 (primes), each C = T/2, U = 1, one D < T: the pattern repeats only after
        // max D + lcm = 2·10000019·9999991 + D ≈ 2·10^14, with ≈ 2·10^7 deadlines (> EDF_POINT_LIMIT 5·10^6), so
        // the test says so before walking any.
        List<Task> tasks = List.of(new Task("a", 20_000_038, 10_000_019, 20_000_037),
                new Task("b", 19_999_982, 9_999_991, 19_999_982));
        TestResult r = UniprocessorTests.edf(tasks, ServerKind.PERIODIC);
        assertFalse(r.schedulable());
        assertTrue(r.reason().format(Reason.NANOSECONDS).startsWith("not decided"), r.reason().toString());
    }

    @Test
    void quadraticTests_refuseAboveThePairLimit_withTheCount() {
        // 4000 tasks: 16,000,000 pairs > PAIR_LIMIT 10,000,000; gfb (linear) still runs.
        List<Task> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < 4000; i++) tasks.add(new Task("t" + i, 1000, 1, 1000));
        List<TestResult> r = HostTests.run(tasks, 64, List.of("bak", "gfb"), ServerKind.PERIODIC);
        assertFalse(r.get(0).schedulable());
        assertTrue(r.get(0).reason().format(Reason.NANOSECONDS).contains("16,000,000 task pairs"), r.get(0).reason().toString());
        assertTrue(r.get(1).schedulable(), r.get(1).reason().toString());
    }

    /**
     * a (2^e, 2^e − 1) over b (2^62, 2^(62 − e), D 2^62): R_b = C_b + ⌈R/2^e⌉·(2^e − 1) has its least fixed point where
     * k = ⌈R/2^e⌉ satisfies C_b + k(2^e − 1) ≤ k·2^e, i.e. k = C_b = 2^(62 − e), R = 2^62 = D_b: schedulable. The
     * iteration from R = C_b adds few of a's jobs per step (a's utilization is 1 − 2^-e): 1.4 million steps for e = 16,
     * decided; some 10^9 for e = 30 (45 s), where a limit of 10^6 terms says so instead.
     */
    @Test
    void fp_higherPriorityUtilizationCloseToOne_decidedWithinTheLimitOrSaysSo() {
        assertTrue(UniprocessorTests.fp(List.of(Task.implicit("a", 1L << 16, (1L << 16) - 1),
                Task.implicit("b", 1L << 62, 1L << 46)), Policy.DM, ServerKind.PERIODIC).schedulable());
        TestResult r = UniprocessorTests.fp(List.of(Task.implicit("a", 1L << 30, (1L << 30) - 1),
                Task.implicit("b", 1L << 62, 1L << 32)), Policy.DM, ServerKind.PERIODIC, 1_000_000);
        assertFalse(r.schedulable());
        assertEquals("not decided: the response time of task b (deadline 4611686018427387904ns) needs more than 1,000,000"
                + " interference terms: its higher-priority tasks' utilization is close to 1, and each step adds few of"
                + " their jobs", r.reason().format(Reason.NANOSECONDS));
    }

    /**
     * a (100 us, 49 us), b (2^60 ns, 2^53 + 1 ns) and c (10 ms, 2 ms, D 8 ms) on 2 CPUs: b's deadline spans 10^13 of
     * a's periods, so b's iteration would pass about 2·10^13 linear stretches; with a limit of 10^6 terms it says so.
     */
    @Test
    void rta_deadlineFarBeyondAnotherPeriod_saysNotDecidedInsteadOfRunningForDays() {
        List<Task> tasks = List.of(new Task("a", 100_000, 49_000, 100_000),
                new Task("b", 1L << 60, (1L << 53) + 1, 1L << 60), new Task("c", 10_000_000, 2_000_000, 8_000_000));
        TestResult r = GlobalEdfTests.rta(tasks, 2, ServerKind.PERIODIC, 1_000_000);
        assertFalse(r.schedulable());
        assertEquals("not decided: the response time of task b (deadline 1152921504606846976ns) needs more than 1,000,000"
                + " interference terms: other periods are far shorter than its deadline; bcl decides without iterating",
                r.reason().format(Reason.NANOSECONDS));
    }
}
