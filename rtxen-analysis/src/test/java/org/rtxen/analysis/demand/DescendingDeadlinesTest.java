package org.rtxen.analysis.demand;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.rtxen.analysis.Task;

/**
 * The descending deadline walk: after each move to a lower bound it stands on the largest deadline at or below that
 * bound with the demand bound function's value there, checked against enumeration on random task sets.
 */
class DescendingDeadlinesTest {
    @Property(tries = 300)
    boolean moveTo_anyDescendingBounds_landsOnLargestDeadlineWithItsDbf(
            @ForAll("tasks") List<Task> tasks, @ForAll @IntRange(min = 0, max = 2_000) int start,
            @ForAll("steps") List<Integer> steps) {
        DescendingDeadlines walk = new DescendingDeadlines(tasks, start);
        long bound = start;
        if (!matches(walk, tasks, bound)) return false;
        for (int step : steps) {
            if (walk.time() < 0) break;
            bound = Math.min(bound - step, walk.time() - 1);
            walk.moveTo(bound);
            if (!matches(walk, tasks, bound)) return false;
        }
        return true;
    }

    /** The walk's point is the largest deadline ≤ bound (by enumeration) and its demand is dbf there. */
    private static boolean matches(DescendingDeadlines walk, List<Task> tasks, long bound) {
        long largest = -1;
        for (Task t : tasks) {
            for (long d = t.deadline(); d <= bound; d += t.period()) largest = Math.max(largest, d);
        }
        long demand = largest < 0 ? 0 : Demand.dbf(tasks, largest);
        return walk.time() == largest && walk.demand() == demand;
    }

    @Provide
    Arbitrary<List<Task>> tasks() {
        Arbitrary<Task> task = Combinators.combine(Arbitraries.integers().between(1, 60),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(1, 90))
                .as((p, c, d) -> new Task("t", p, c, d));
        return task.list().ofMinSize(1).ofMaxSize(6).map(ArrayList::new);
    }

    @Provide
    Arbitrary<List<Integer>> steps() {
        // Short moves (at most one job of a task) and long ones (several periods at once).
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 10), Arbitraries.integers().between(0, 300))
                .list().ofMaxSize(40);
    }
}
