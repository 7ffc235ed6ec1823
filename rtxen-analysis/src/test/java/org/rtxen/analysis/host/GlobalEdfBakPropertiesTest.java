package org.rtxen.analysis.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.Task;

/** BAK's floating-point filter against the exact test: it may only ever pass a task the exact test passes. */
class GlobalEdfBakPropertiesTest {
    /** Constrained-deadline tasks with periods up to {@code maxPeriod} (small ones make exact ties common). */
    private static Arbitrary<List<Task>> taskSets(long maxPeriod) {
        Arbitrary<Task> one = Combinators.combine(Arbitraries.longs().between(1, maxPeriod),
                Arbitraries.integers().between(1, 100), Arbitraries.integers().between(0, 100))
                .as((period, dPct, cPct) -> {
                    long d = Math.min(period, Math.max(1, (long) (period * (dPct / 100.0)))); // doubles round up
                    long c = Math.min(d, (long) (d * (cPct / 100.0)));
                    return new Task("t", period, c, d);
                });
        return one.list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Task>> smallSets() {
        return taskSets(12);
    }

    @Provide
    Arbitrary<List<Task>> largeSets() {
        return taskSets(Long.MAX_VALUE / 2);
    }

    @Property(tries = 3000)
    boolean smallSets_filterNeverPassesWhatTheExactTestFails(@ForAll("smallSets") List<Task> tasks,
            @ForAll @IntRange(min = 1, max = 4) int m) {
        return agrees(tasks, m);
    }

    @Property(tries = 3000)
    boolean largeSets_filterNeverPassesWhatTheExactTestFails(@ForAll("largeSets") List<Task> tasks,
            @ForAll @IntRange(min = 1, max = 64) int m) {
        return agrees(tasks, m);
    }

    /** Every k the filter passes also passes exactly, and the test's verdict and message are the exact test's. */
    private static boolean agrees(List<Task> tasks, int m) {
        Reason first = null;
        for (Task k : tasks) {
            Reason exceeded = GlobalEdfTests.bakExceeded(tasks, k, m);
            if (GlobalEdfTests.bakClearlyHolds(tasks, k, m) && exceeded != null) return false;
            if (first == null) first = exceeded;
        }
        TestResult r = GlobalEdfTests.bak(tasks, m);
        return r.schedulable() == (first == null) && (first == null || r.reason().equals(first));
    }

    /**
     * Found by searching large random sets for a task whose BAK sum exceeds the bound by less than a double can see
     * (about 2.5·10^-17 here): the same formula in plain doubles, without the error bounds, passes it.
     */
    @Test
    void bak_sumAboveTheBoundByLessThanARoundoff_fails() {
        List<Task> tasks = List.of(Task.implicit("a", 91164007923673305L, 14576259505846483L),
                new Task("b", 76433824088829464L, 36509846179509621L, 58109329767421160L));
        assertFailsOnlyExactly(tasks, 1);
    }

    /** The same on two CPUs with four tasks: exceeded by about 5.7·10^-18. */
    @Test
    void bak_twoCpusSumAboveTheBoundByLessThanARoundoff_fails() {
        List<Task> tasks = List.of(new Task("a", 85215432046330221L, 52637266405829729L, 82886321050547241L),
                new Task("b", 105674758474099756L, 6041483022985074L, 93221795648312513L),
                new Task("c", 120117423950746855L, 10460413575045370L, 117980669083120600L),
                Task.implicit("d", 116451078023639479L, 66936399589867725L));
        assertFailsOnlyExactly(tasks, 2);
    }

    /**
     * On 32 CPUs the bound m − (m − 1)·λ is about 32 times larger than the sum's terms, so its own rounding error is what
     * hides an excess of 2.6·10^-16 (found by search; the sum's error bound alone does not cover it).
     */
    @Test
    void bak_manyCpusSumAboveTheBoundByLessThanTheBoundsRoundoff_fails() {
        List<Task> tasks = List.of(Task.implicit("a", 20917643915235388L, 20568900132605950L),
                Task.implicit("b", 28045576165339231L, 14962634006096442L));
        assertFailsOnlyExactly(tasks, 32);
    }

    /**
     * The filter decides a set well inside the bound without the exact test, for each k (hand-derived, m = 1, bound
     * 1, times in ns). k = a: λ = 2/8 &lt; U_b = 0.4, so β_b = 0.4 + (4 − 2.5)/8 = 0.5875 and β_a = 0.2 · (1 + 2/8) =
     * 0.25: Σ = 0.8375. k = b: λ = 0.4, β_a = 0.2 · 1.2 = 0.24 and β_b = 0.4: Σ = 0.64.
     */
    @Test
    void bakClearlyHolds_setWellInsideTheBound_isDecidedInDoubles() {
        long ms = 1_000_000;
        List<Task> tasks = List.of(new Task("a", 10 * ms, 2 * ms, 8 * ms), Task.implicit("b", 10 * ms, 4 * ms));
        assertTrue(GlobalEdfTests.bakClearlyHolds(tasks, tasks.get(0), 1));
        assertTrue(GlobalEdfTests.bakClearlyHolds(tasks, tasks.get(1), 1));
        assertTrue(GlobalEdfTests.bak(tasks, 1).schedulable());
    }

    /**
     * The same with a third task like b on two CPUs. k = a: Σ = 0.25 + 2 · 0.5875 = 1.425 against 2 · 0.75 + 0.25 =
     * 1.75; k = b or c: Σ = 0.24 + 0.4 + 0.4 = 1.04 against 2 · 0.6 + 0.4 = 1.6.
     */
    @Test
    void bakClearlyHolds_threeTasksWellInsideTheBoundOnTwoCpus_isDecidedInDoubles() {
        long ms = 1_000_000;
        List<Task> tasks = List.of(new Task("a", 10 * ms, 2 * ms, 8 * ms), Task.implicit("b", 10 * ms, 4 * ms),
                Task.implicit("c", 10 * ms, 4 * ms));
        for (Task k : tasks) assertTrue(GlobalEdfTests.bakClearlyHolds(tasks, k, 2), k.name());
    }

    /** An exact tie holds: three tasks (10, 5) on two CPUs, Σ = 3 · 0.5 = 1.5 = 2 · (1 − 0.5) + 0.5. */
    @Test
    void bak_sumEqualToTheBound_holds() {
        List<Task> tasks = List.of(Task.implicit("a", 10, 5), Task.implicit("b", 10, 5), Task.implicit("c", 10, 5));
        assertNull(GlobalEdfTests.bakExceeded(tasks, tasks.get(0), 2));
        assertTrue(GlobalEdfTests.bak(tasks, 2).schedulable());
    }

    /** The first task exceeds BAK's bound, which the filter must leave to the exact test, and the test fails. */
    private static void assertFailsOnlyExactly(List<Task> tasks, int m) {
        assertNotNull(GlobalEdfTests.bakExceeded(tasks, tasks.get(0), m));
        assertFalse(GlobalEdfTests.bakClearlyHolds(tasks, tasks.get(0), m));
        assertFalse(GlobalEdfTests.bak(tasks, m).schedulable());
    }
}
