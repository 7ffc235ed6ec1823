package org.rtxen.analysis.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
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
