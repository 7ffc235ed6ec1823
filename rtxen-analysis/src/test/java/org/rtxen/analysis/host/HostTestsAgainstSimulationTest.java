package org.rtxen.analysis.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.Policy;
import org.rtxen.analysis.host.Partitioning.Heuristic;

/**
 * The host-level tests against exact schedules ({@link ScheduleOracle}, which shares no code with them) on random small
 * task sets of 1 to 10 tasks: utilizations near and at 1 (or m), harmonic and unrelated periods up to 720 720 with
 * hyperperiods of at most 10^6, equal periods and deadlines, WCET equal to the deadline, deadlines of 1, and the same
 * sets scaled by 1 000 and 10^6 (microseconds and milliseconds in nanoseconds). Uniprocessor {@code edf} and {@code fp}
 * must equal the simulated synchronous release; the global tests must never accept a set that global EDF misses with;
 * every partition a partitioned test claims must pass the exact simulation. 1 000 tries per property in the default
 * build, 100 000 with {@code -Psoak}, any number with {@code -Djqwik.tries.default} (docs/testing.md).
 */
class HostTestsAgainstSimulationTest {
    private static final List<String> GLOBAL = List.of("gfb", "bak", "bcl", "bcl-iter", "rta");
    /**
     * Periods to draw from, each with the most its hyperperiod may reach (a period that would raise it above is
     * lowered to the largest divisor of the hyperperiod so far below it).
     */
    private static final List<Family> PERIOD_FAMILIES = List.of(
            new Family(divisors(720), 720), new Family(divisors(3600), 3600), new Family(divisors(5040), 5040),
            new Family(divisors(27_720), 27_720),
            new Family(divisors(720_720).stream().filter(p -> p >= 100).toList(), 720_720), // few jobs per task
            new Family(LongStream.rangeClosed(0, 12).map(k -> 1L << k).boxed().toList(), 4096), // harmonic
            new Family(LongStream.rangeClosed(0, 10).map(k -> 3L << k).boxed().toList(), 3072), // harmonic
            new Family(LongStream.rangeClosed(1, 40).boxed().toList(), 27_720), // unrelated, short
            new Family(LongStream.rangeClosed(100, 3000).boxed().toList(), 1_000_000)); // unrelated, long

    /** A set of periods and the largest hyperperiod allowed. */
    record Family(List<Long> periods, long cap) {}

    private long tries;
    private long schedulable;
    private final long[] acceptedBy = new long[GLOBAL.size()];
    private long partitionsChecked;
    private final long[] bySize = new long[11];

    /** One task's draw: which period of its family, its share of the work, and how its deadline is set. */
    record Draw(int period, int weight, int deadlineKind, int fraction, boolean copyOfPrevious) {}

    /**
     * A task set drawn from a family of periods, its total work aimed at {@code permille}/1000 of {@code cpus}
     * processors and filled to it as exactly as the periods allow.
     */
    record Spec(int family, List<Draw> draws, int permille, int cpus, long scale, boolean arbitraryDeadlines) {
        /** The tasks in the unit of the draws (scale 1). */
        List<Task> tasks() {
            Family family = PERIOD_FAMILIES.get(family());
            int n = draws.size();
            long[] period = new long[n];
            long h = 1;
            for (int i = 0; i < n; i++) {
                long p = family.periods().get(draws.get(i).period() % family.periods().size());
                if (h / ScheduleOracle.gcd(h, p) * p > family.cap()) {
                    long q = p;
                    while (h % q != 0) q--;
                    p = q;
                }
                period[i] = draws.get(i).copyOfPrevious() && i > 0 ? period[i - 1] : p;
                h = h / ScheduleOracle.gcd(h, period[i]) * period[i];
            }
            long work = h * cpus * permille / 1000;
            long weights = draws.stream().mapToLong(Draw::weight).sum();
            long[] wcet = new long[n];
            long used = 0;
            for (int i = 0; i < n; i++) {
                wcet[i] = Math.min(period[i], work * draws.get(i).weight() / weights / (h / period[i]));
                used += wcet[i] * (h / period[i]);
            }
            for (int pass = 0; pass < 2; pass++) { // fill the rest, coarse jobs first, then fine ones
                for (int i = 0; i < n && used < work; i++) {
                    long g = h / period[i];
                    if (pass == 0 && g == 1) continue;
                    long more = Math.min(period[i] - wcet[i], (work - used) / g);
                    wcet[i] += more;
                    used += more * g;
                }
            }
            List<Task> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Draw d = draws.get(i);
                if (d.copyOfPrevious() && i > 0) {
                    Task prev = tasks.get(i - 1);
                    tasks.add(new Task("t" + i, prev.period(), prev.wcet(), prev.deadline()));
                    continue;
                }
                long c = wcet[i];
                long t = period[i];
                long deadline = switch (d.deadlineKind()) {
                    case 0, 1 -> t;
                    case 2 -> Math.max(1, c) + (t - Math.max(1, c)) * d.fraction() / 100;
                    case 3 -> Math.max(1, c);
                    case 4 -> 1;
                    case 5 -> Math.max(1, c - 1 - d.fraction() % 3);
                    default -> arbitraryDeadlines ? t + 1 + 2 * t * d.fraction() / 100 : t;
                };
                if (d.deadlineKind() == 4) c = Math.min(c, d.fraction() % 2); // a deadline of 1 with WCET 0 or 1
                tasks.add(new Task("t" + i, t, c, deadline));
            }
            return tasks;
        }

        /** Jobs of one hyperperiod (the simulations' cost). */
        long jobs() {
            List<Task> tasks = tasks();
            long h = ScheduleOracle.hyperperiod(periods(tasks), Long.MAX_VALUE / 4);
            return tasks.stream().mapToLong(t -> h / t.period()).sum();
        }

        /** The tasks in the tool's unit: every time multiplied by {@code scale}. */
        List<Task> scaled() {
            return tasks().stream().map(t -> new Task(t.name(), t.period() * scale, t.wcet() * scale,
                    t.deadline() * scale)).toList();
        }
    }

    @Provide
    Arbitrary<Spec> uniprocessorSets() {
        return specs(Arbitraries.just(1), true);
    }

    @Provide
    Arbitrary<Spec> constrainedUniprocessorSets() {
        return specs(Arbitraries.just(1), false);
    }

    /** On 1 to 6 processors; deadlines past periods in a quarter of the sets (only gfb takes them). */
    @Provide
    Arbitrary<Spec> multiprocessorSets() {
        Arbitrary<Integer> cpus = Arbitraries.frequency(Tuple.of(1, 1), Tuple.of(3, 2), Tuple.of(2, 3), Tuple.of(2, 4),
                Tuple.of(1, 6));
        return Arbitraries.integers().between(0, 3).flatMap(k -> specs(cpus, k == 0));
    }

    @Provide
    Arbitrary<Spec> partitionedSets() {
        return specs(Arbitraries.integers().between(2, 4), true);
    }

    private static Arbitrary<Spec> specs(Arbitrary<Integer> cpus, boolean arbitraryDeadlines) {
        Arbitrary<Draw> draw = Combinators.combine(Arbitraries.integers().between(0, 2999),
                Arbitraries.integers().between(1, 100), Arbitraries.integers().between(0, arbitraryDeadlines ? 7 : 5),
                Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, 5).map(k -> k == 0))
                .as(Draw::new);
        Arbitrary<Integer> permille = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(1000)),
                Tuple.of(4, Arbitraries.integers().between(900, 1000)),
                Tuple.of(2, Arbitraries.integers().between(300, 1100)),
                Tuple.of(2, Arbitraries.integers().between(300, 800)),
                Tuple.of(1, Arbitraries.integers().between(1000, 1050)));
        return Combinators.combine(Arbitraries.integers().between(0, PERIOD_FAMILIES.size() - 1),
                Arbitraries.integers().between(1, 10), draw.list().ofSize(10), permille, cpus,
                Arbitraries.of(1L, 1L, 1L, 1_000L, 1_000_000L))
                .as((family, n, draws, pm, m, scale) -> new Spec(family, draws.subList(0, n), pm, m, scale,
                        arbitraryDeadlines))
                .filter(spec -> spec.jobs() <= 200_000);
    }

    /** Uniprocessor {@code edf} (and the partitioning's reasonless form of it) is the simulated synchronous release. */
    @Property
    void edf_oneCpu_isTheSynchronousSchedule(@ForAll("uniprocessorSets") Spec spec) {
        List<Task> tasks = spec.tasks();
        boolean exact = ScheduleOracle.uniprocessorEdf(periods(tasks), wcets(tasks), deadlines(tasks));
        TestResult r = HostTests.run(spec.scaled(), 1, List.of("edf"), ServerKind.PERIODIC).get(0);
        assertFalse(r.reason().toString().contains("not decided"), () -> r.reason() + " for " + tasks);
        assertEquals(exact, r.schedulable(), () -> "edf " + r.reason() + " for " + tasks);
        assertEquals(exact, UniprocessorTests.edfSchedulable(spec.scaled(), ServerKind.PERIODIC), () -> tasks.toString());
        count(tasks, exact);
    }

    /** Uniprocessor {@code fp} (deadline-monotonic) is the simulated synchronous release (D ≤ T: fp needs it). */
    @Property
    void fp_oneCpu_isTheSynchronousSchedule(@ForAll("constrainedUniprocessorSets") Spec spec) {
        List<Task> tasks = spec.tasks();
        TestResult r = HostTests.run(spec.scaled(), 1, List.of("fp"), ServerKind.PERIODIC).get(0);
        boolean exact = ScheduleOracle.uniprocessorDm(periods(tasks), wcets(tasks), deadlines(tasks));
        assertEquals(exact, r.schedulable(), () -> "fp " + r.reason() + " for " + tasks);
        count(tasks, exact);
    }

    /**
     * The global EDF tests never accept a set that global EDF misses with, synchronously (three tie orders) or in
     * three random sporadic patterns, over two hyperperiods; BCL's acceptance implies iterative BCL's and RTA's (their
     * first round is BCL's bound or below it); on one processor an accepting test implies the exact one.
     */
    @Property
    void globalTests_neverAcceptAMiss(@ForAll("multiprocessorSets") Spec spec, @ForAll long seed) {
        int m = spec.cpus();
        List<Task> tasks = spec.tasks();
        List<TestResult> results = HostTests.run(spec.scaled(), m, GLOBAL, ServerKind.PERIODIC);
        boolean any = results.stream().anyMatch(TestResult::schedulable);
        boolean bcl = results.get(2).schedulable();
        assertTrue(!bcl || results.get(3).schedulable(), () -> "bcl but not bcl-iter: " + tasks);
        assertTrue(!bcl || results.get(4).schedulable(), () -> "bcl but not rta: " + tasks);
        for (TestResult r : results) {
            assertFalse(r.reason().toString().contains("not decided"), () -> r.reason() + " for " + tasks);
        }
        count(tasks, any);
        for (int k = 0; k < GLOBAL.size(); k++) if (results.get(k).schedulable()) acceptedBy[k]++;
        if (!any) return;
        long[] t = periods(tasks);
        long[] c = wcets(tasks);
        long[] d = deadlines(tasks);
        if (m == 1) {
            assertTrue(ScheduleOracle.uniprocessorEdf(t, c, d), () -> "accepted " + results + " for " + tasks);
            return;
        }
        long horizon = 2 * ScheduleOracle.hyperperiod(t, Long.MAX_VALUE / 4);
        Random random = new Random(seed);
        for (ScheduleOracle.TieBreak tie : ScheduleOracle.TieBreak.values()) {
            assertFalse(ScheduleOracle.globalEdfMissesSynchronous(t, c, d, m, horizon, tie),
                    () -> "global EDF on " + m + " cpus misses (" + tie + "), yet accepted: " + results + " for " + tasks);
        }
        for (int k = 0; k < 3; k++) {
            assertFalse(ScheduleOracle.globalEdfMissesSporadic(t, c, d, m, horizon, random),
                    () -> "global EDF on " + m + " cpus misses (sporadic, seed " + seed + "), yet accepted: " + results
                            + " for " + tasks);
        }
    }

    /** Every partition that a partitioned EDF or DM test claims passes the exact simulation, and the verdicts agree. */
    @Property
    void partitions_passTheSynchronousSchedule(@ForAll("partitionedSets") Spec spec) {
        List<Task> tasks = spec.scaled();
        boolean constrained = tasks.stream().allMatch(t -> t.deadline() <= t.period());
        boolean anyFeasible = false;
        for (boolean edf : new boolean[] {true, false}) {
            if (!edf && !constrained) continue;
            Predicate<List<Task>> fits = edf ? core -> UniprocessorTests.edfSchedulable(core, ServerKind.PERIODIC)
                    : core -> UniprocessorTests.fp(core, Policy.DM, ServerKind.PERIODIC).schedulable();
            for (Heuristic h : Heuristic.values()) {
                for (boolean decreasing : new boolean[] {false, true}) {
                    Partitioning.Assignment a = Partitioning.pack(tasks, spec.cpus(), h, decreasing, fits);
                    TestResult r = Partitioning.test(tasks, spec.cpus(), h, decreasing, edf, ServerKind.PERIODIC);
                    assertEquals(a.feasible(), r.schedulable(), () -> r + " for " + tasks);
                    if (!a.feasible()) continue;
                    anyFeasible = true;
                    int[] cpuOf = a.cpuOf();
                    for (int cpu = 0; cpu < spec.cpus(); cpu++) {
                        List<Task> core = new ArrayList<>();
                        for (int i = 0; i < cpuOf.length; i++) if (cpuOf[i] == cpu) core.add(spec.tasks().get(i));
                        if (core.isEmpty()) continue;
                        partitionsChecked++;
                        boolean exact = edf ? ScheduleOracle.uniprocessorEdf(periods(core), wcets(core), deadlines(core))
                                : ScheduleOracle.uniprocessorDm(periods(core), wcets(core), deadlines(core));
                        int at = cpu;
                        assertTrue(exact, () -> r.test() + " put " + core + " on cpu " + at + " of " + tasks);
                    }
                }
            }
        }
        List<TestResult> named = HostTests.run(tasks, spec.cpus(), List.of("edf", "ffd"), ServerKind.PERIODIC);
        assertEquals(named.get(0).schedulable(), named.get(1).schedulable(), () -> named + " for " + tasks);
        count(spec.tasks(), anyFeasible);
    }

    private void count(List<Task> tasks, boolean yes) {
        tries++;
        bySize[tasks.size()]++;
        if (yes) schedulable++;
    }

    /** The generator is worth something only if both verdicts are common; prints the counts for docs/testing.md. */
    @AfterProperty
    void bothVerdictsWereCommon() {
        StringBuilder sizes = new StringBuilder();
        for (int n = 1; n < bySize.length; n++) sizes.append(n == 1 ? "" : ", ").append(n).append(": ").append(bySize[n]);
        StringBuilder global = new StringBuilder();
        for (int k = 0; k < GLOBAL.size(); k++) global.append(", ").append(GLOBAL.get(k)).append(" ").append(acceptedBy[k]);
        System.out.println("oracle campaign: " + tries + " sets, " + schedulable + " schedulable (or accepted by some"
                + " test)" + global + ", partitions checked " + partitionsChecked + "; by task count " + sizes);
        if (tries >= 500) {
            assertTrue(schedulable * 20 >= tries && (tries - schedulable) * 20 >= tries,
                    schedulable + " of " + tries + " schedulable");
        }
    }

    private static long[] periods(List<Task> tasks) {
        return tasks.stream().mapToLong(Task::period).toArray();
    }

    private static long[] wcets(List<Task> tasks) {
        return tasks.stream().mapToLong(Task::wcet).toArray();
    }

    private static long[] deadlines(List<Task> tasks) {
        return tasks.stream().mapToLong(Task::deadline).toArray();
    }

    private static List<Long> divisors(long n) {
        return LongStream.rangeClosed(1, n).filter(d -> n % d == 0).boxed().toList();
    }
}
