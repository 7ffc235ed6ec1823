package org.rtxen.analysis.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.demand.Demand;

/**
 * The EDF demand test against its definition on small sets: U ≤ 1 and dbf(t) ≤ t at every t up to max D plus the
 * hyperperiod; and the partitioning's verdict without a reason is the same.
 */
class UniprocessorEdfPropertiesTest {
    /** Small periods and WCETs (utilization 1 exactly, and deadlines on both sides of the period, are common). */
    @Provide
    Arbitrary<List<Task>> taskSets() {
        Arbitrary<Task> one = Combinators.combine(Arbitraries.longs().between(1, 12), Arbitraries.longs().between(0, 12),
                Arbitraries.longs().between(1, 16)).as((period, wcet, deadline) -> new Task("t", period, wcet, deadline));
        return one.list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 3000)
    boolean edf_anySmallSet_isTheDemandTestByDefinition(@ForAll("taskSets") List<Task> tasks,
            @ForAll ServerKind kind) {
        List<Task> demand = kind.edfDemandTasks(tasks);
        List<Rational> u = demand.stream().map(Task::utilization).toList();
        long horizon = demand.stream().mapToLong(Task::deadline).max().orElse(0);
        long lcm = 1;
        for (Task t : demand) lcm = lcm / Rational.gcd(lcm, t.period()) * t.period();
        boolean bruteForce = Rational.sum(u).compareTo(Rational.ONE) <= 0;
        for (long t = 1; bruteForce && t <= horizon + lcm; t++) bruteForce = Demand.dbf(demand, t) <= t;
        return UniprocessorTests.edf(tasks, kind).schedulable() == bruteForce;
    }

    /**
     * Up to 8 tasks with periods dividing 720 (the hyperperiod stays short enough to check every t) and deadlines
     * mostly below them: many deadlines per task, so the downward jumps decide most sets before the forward walk would.
     */
    @Provide
    Arbitrary<List<Task>> denseSets() {
        List<Long> divisors = LongStream.rangeClosed(4, 720).filter(p -> 720 % p == 0).boxed().toList();
        Arbitrary<Task> one = Arbitraries.of(divisors).flatMap(period -> Combinators.combine(
                Arbitraries.longs().between(0, Math.max(1, period / 4)), Arbitraries.longs().between(1, period + period / 4))
                .as((wcet, deadline) -> new Task("t", period, wcet, deadline)));
        return one.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 1500)
    boolean edf_denseSet_isTheDemandTestByDefinition(@ForAll("denseSets") List<Task> tasks, @ForAll ServerKind kind) {
        List<Task> demand = kind.edfDemandTasks(tasks);
        boolean bruteForce = Rational.sum(demand.stream().map(Task::utilization).toList()).compareTo(Rational.ONE) <= 0;
        long horizon = demand.stream().mapToLong(Task::deadline).max().orElse(0) + 720;
        for (long t = 1; bruteForce && t <= horizon; t++) bruteForce = Demand.dbf(demand, t) <= t;
        return UniprocessorTests.edf(tasks, kind).schedulable() == bruteForce
                && UniprocessorTests.edfSchedulable(tasks, kind) == bruteForce;
    }

    /**
     * a (10, 3, D 3), b (10, 3, D 4), c (100, 9, D 13): U = 0.69, c/(1 − U) = 11.73/0.31 ≈ 37.8. dbf exceeds t at 4
     * (6), 13 (18), 14 (21), 23 (24) and 24 (27), not at 3, 33 or 34 (30, 33). The downward check goes from 34 to 24 and
     * fails there; the message names the first deadline that fails, 4.
     */
    @Test
    void edf_severalExcesses_namesTheFirst() {
        List<Task> tasks = List.of(new Task("a", 10, 3, 3), new Task("b", 10, 3, 4), new Task("c", 100, 9, 13));
        TestResult r = UniprocessorTests.edf(tasks, ServerKind.PERIODIC);
        assertFalse(r.schedulable());
        assertEquals("demand 6ns in an interval of length 4ns exceeds its length", r.reason().format(Reason.NANOSECONDS));
        assertFalse(UniprocessorTests.edfSchedulable(tasks, ServerKind.PERIODIC));
    }

    /**
     * 1 000 tasks of period 1 000 and WCET 1 with deadlines 1, 1, 3, 4, ..., 1 000 (the second task's deadline moved
     * from 2 to 1): U = 1, checked up to max D + H = 2 000 (2 000 deadlines); dbf(t) = t everywhere but at 1 and 1 001 (one
     * more). Downwards, no jump skips a deadline; once the jumps have cost as much as the forward walk would, the walk
     * finds the excess at 1. With the deadline back at 2, dbf(t) = t everywhere: schedulable.
     */
    @Test
    void edf_demandEqualToSupplyEverywhereButAtOne_fails() {
        List<Task> tasks = new ArrayList<>();
        for (long d = 1; d <= 1000; d++) tasks.add(new Task("t" + d, 1000, 1, d == 2 ? 1 : d));
        assertFalse(UniprocessorTests.edfSchedulable(tasks, ServerKind.PERIODIC));
        assertEquals("demand 2ns in an interval of length 1ns exceeds its length",
                UniprocessorTests.edf(tasks, ServerKind.PERIODIC).reason().format(Reason.NANOSECONDS));
        tasks.set(1, new Task("t2", 1000, 1, 2));
        assertTrue(UniprocessorTests.edfSchedulable(tasks, ServerKind.PERIODIC));
    }

    /**
     * a (3, 1) and b (q, b, D b + 1) with q = 2^62 + 1 and b = (2q − 1)/3: U = 1 − 1/(3q), too close to 1 for the
     * fixed-point bound on the walk's end, which the exact sums give instead. dbf(b + 1) = b + ⌊(b + 1)/3⌋ exceeds
     * b + 1.
     */
    @Test
    void edfSchedulable_utilizationWithin2ToTheMinus63OfOne_stillFindsTheExcess() {
        long q = (1L << 62) + 1;
        long b = 3_074_457_345_618_258_603L;
        assertFalse(UniprocessorTests.edfSchedulable(List.of(Task.implicit("a", 3, 1), new Task("b", q, b, b + 1)),
                ServerKind.PERIODIC));
    }

    /**
     * The same set, with its reason: c/(1 − U) lies past 2^63, and dbf(2^63 − 1) = (2^63 − 4)/3 + 1 + 2b = 2^63 (a's
     * jobs and b's two) exceeds 2^63 − 1. The first excess, at b + 1 ≈ 3·10^18, lies 10^18 deadlines of a forwards;
     * the test walked there to name it (for ever, in effect) and now names the excess it found.
     */
    @Test
    @Timeout(60)
    void edf_excessFarAway_isNamedWhereFoundWithoutWalkingToTheFirst() {
        long q = (1L << 62) + 1;
        long b = 3_074_457_345_618_258_603L;
        TestResult r = UniprocessorTests.edf(List.of(Task.implicit("a", 3, 1), new Task("b", q, b, b + 1)),
                ServerKind.PERIODIC);
        assertFalse(r.schedulable());
        assertEquals("demand more than 9223372036854775807ns in an interval of length 9223372036854775807ns exceeds its"
                + " length", r.reason().format(Reason.NANOSECONDS));
    }

    /**
     * Three tasks with prime periods near 1.9 ms (in ns), a (1 899 929, 1 518 184, D T − 5), b (1 899 949, 326 903) and
     * e (1 899 983, 54 847): U = 1 − 7/(T_a·T_b·T_e), c = 5·C_a/T_a ≈ 4.0, so the demand must be checked up to
     * c/(1 − U) ≈ 3.9·10^18, 6.2·10^12 deadlines. dbf(t) − t there is c − (1 − U)·t minus the three tasks' partial
     * jobs, about half a period's work, so each downward jump skips about one deadline of each task: 10^12 jumps, days.
     * The test stops after its limit of task visits and says so.
     */
    @Test
    @Timeout(60)
    void edf_utilizationWithin10ToTheMinus18OfOne_saysNotDecidedWithinSeconds() {
        List<Task> tasks = List.of(new Task("a", 1_899_929, 1_518_184, 1_899_924), Task.implicit("b", 1_899_949, 326_903),
                Task.implicit("e", 1_899_983, 54_847));
        TestResult r = UniprocessorTests.edf(tasks, ServerKind.PERIODIC);
        assertFalse(r.schedulable());
        String why = r.reason().format(Reason.NANOSECONDS);
        assertTrue(why.startsWith("not decided: the demand must be checked at the 6,181,107,2"), why);
        assertTrue(why.endsWith("and the downward jumps skip too few of them (utilization very close to 1) to do it"
                + " within 300,000,000 task visits"), why);
        assertFalse(UniprocessorTests.edfSchedulable(tasks, ServerKind.PERIODIC));
    }

    /**
     * a (4099·2^40, 4099·(2^40 − 1), D T − 2) and b (4097·2^40, 4097): U = 1, and max D + lcm ≈ 2^64 lies past
     * 2^63 − 1, below which there are only about 4 096 deadlines. At U = 1, dbf(t) − t = c − Σ C_i·((t − D_i) mod
     * T_i)/T_i with c = 2(2^40 − 1)/2^40 = 2 − 2^-39. At b's deadlines a's term is at least c. At a's deadlines
     * t = k·T_a − 2, b's term is r − 2^-39 with r = 4099k mod 4097 = 2k mod 4097 (r = 0 leaves it at
     * 4097·(1 − 2/T_b), far above), below c only for r = 1: k = 2049, t = 2049·4099·2^40 − 2 = 9 234 634 334 458 085 374 > 2^63 − 1, where
     * dbf(t) = t + 1. The test checked every deadline up to 2^63 − 1 and called the set schedulable; it cannot check
     * that far, so it is not decided.
     */
    @Test
    void edf_fullUtilizationWithTheFirstExcessPast2To63_isNotDecided() {
        long g = 1L << 40;
        List<Task> tasks = List.of(new Task("a", 4099 * g, 4099 * (g - 1), 4099 * g - 2), new Task("b", 4097 * g, 4097,
                4097 * g));
        BigInteger t = BigInteger.valueOf(2049 * 4099).multiply(BigInteger.valueOf(g)).subtract(BigInteger.TWO);
        assertTrue(t.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0);
        assertEquals(t.add(BigInteger.ONE), dbf(tasks, t));
        TestResult r = UniprocessorTests.edf(tasks, ServerKind.PERIODIC);
        assertFalse(r.schedulable());
        assertEquals("not decided: no deadline up to 9223372036854775807ns has more demand than its length, but the"
                + " check must go on to max D + lcm(periods), beyond that", r.reason().format(Reason.NANOSECONDS));
        assertFalse(UniprocessorTests.edfSchedulable(tasks, ServerKind.PERIODIC));
    }

    /**
     * a (T_a = 1 099 511 627 689, C 975 816 569 574, D T_a − 2) and b (T_b = 1 099 511 627 609, C 123 695 058 106), both
     * prime periods: U = 1 − 1/(T_a·T_b), c = 2·C_a/T_a ≈ 1.78, so the demand must be checked up to c/(1 − U) ≈
     * 2.1·10^24. dbf(t) − t = c − (1 − U)·t − C_a·(t − D_a mod T_a)/T_a − C_b·(t mod T_b)/T_b, so an excess needs
     * t − D_a ≡ 0 or 1 (mod T_a) at b's deadlines and t mod T_b = j ≤ 15 at a's; of those residues (each one
     * deadline per T_a·T_b, by the Chinese remainder theorem) the first excess is at a's deadline with j = 6,
     * t = 120 892 581 933 645 273 289 327 ≈ 1.2·10^23, past 2^63, where dbf(t) = t + 1 (checked below in big integers).
     * The test called the set schedulable after checking up to 2^63 − 1; it is not decided.
     */
    @Test
    void edf_utilizationBelowOneWithTheFirstExcessPast2To63_isNotDecided() {
        List<Task> tasks = List.of(new Task("a", 1_099_511_627_689L, 975_816_569_574L, 1_099_511_627_687L),
                Task.implicit("b", 1_099_511_627_609L, 123_695_058_106L));
        BigInteger t = new BigInteger("120892581933645273289327");
        assertEquals(t.add(BigInteger.ONE), dbf(tasks, t));
        TestResult r = UniprocessorTests.edf(tasks, ServerKind.PERIODIC);
        assertFalse(r.schedulable());
        assertEquals("not decided: no deadline up to 9223372036854775807ns has more demand than its length, but the"
                + " check must go on to c/(1 − U), beyond that", r.reason().format(Reason.NANOSECONDS));
        assertFalse(UniprocessorTests.edfSchedulable(tasks, ServerKind.PERIODIC));
    }

    /** dbf(t) in big integers: Σ max(0, ⌊(t − D)/T⌋ + 1)·C. */
    private static BigInteger dbf(List<Task> tasks, BigInteger t) {
        BigInteger sum = BigInteger.ZERO;
        for (Task k : tasks) {
            BigInteger late = t.subtract(BigInteger.valueOf(k.deadline()));
            if (late.signum() < 0) continue;
            sum = sum.add(late.divide(BigInteger.valueOf(k.period())).add(BigInteger.ONE)
                    .multiply(BigInteger.valueOf(k.wcet())));
        }
        return sum;
    }

    @Property(tries = 3000)
    boolean edfSchedulable_anySet_isEdfsVerdict(@ForAll("taskSets") List<Task> tasks, @ForAll ServerKind kind) {
        return UniprocessorTests.edfSchedulable(tasks, kind) == UniprocessorTests.edf(tasks, kind).schedulable();
    }

    /** Utilization 11/10: the test says so exactly, the partitioning's verdict is the same without the words. */
    @Test
    void edf_utilizationAboveOne_failsWithTheExactUtilization() {
        List<Task> tasks = List.of(Task.implicit("a", 10, 6), Task.implicit("b", 10, 5));
        TestResult r = UniprocessorTests.edf(tasks, ServerKind.PERIODIC);
        assertFalse(r.schedulable());
        assertEquals("utilization 11/10 exceeds 1", r.reason().format(Reason.NANOSECONDS));
        assertFalse(UniprocessorTests.edfSchedulable(tasks, ServerKind.PERIODIC));
    }
}
