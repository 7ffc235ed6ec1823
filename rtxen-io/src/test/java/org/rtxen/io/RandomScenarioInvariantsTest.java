package org.rtxen.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.io.RandomScenarios.Size;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.sched.Schedulers;

/**
 * The framework's and every policy's invariants after every event, on random valid scenarios
 * ({@link RandomScenarios}): pools, topologies, affinity, late domains, tasks and run-time commands. The default
 * build runs {@value #CI_SCENARIOS} small scenarios and {@value #CI_LARGE} large ones per registered policy (a few
 * seconds); {@code -Pinvariants} runs {@code rtxen.invariants.scenarios} small (10 000) and
 * {@code rtxen.invariants.large} large ones (docs/testing.md has the last long run). A failure names the policy, size
 * and seed and prints the scenario's YAML, which {@code rtxen simulate} reproduces.
 */
class RandomScenarioInvariantsTest {
    private static final int CI_SCENARIOS = 1000;
    private static final int CI_LARGE = 4;
    private static final int SCENARIOS = Integer.getInteger("rtxen.invariants.scenarios", CI_SCENARIOS);
    private static final int LARGE = Integer.getInteger("rtxen.invariants.large", CI_LARGE);
    /** The first seed ({@code rtxen.invariants.first}, 0), so that a long run can go in rounds. */
    private static final int FIRST = Integer.getInteger("rtxen.invariants.first", 0);
    /**
     * The VCPU count above which the run-queue indexes (RtdsScheduler and Rtxen2Scheduler.INDEXED_ABOVE) and, with a
     * timer per VCPU, the timing wheel (EventQueue.WHEEL_ABOVE) take over: copies of package-private thresholds, to
     * move with them.
     */
    private static final int MANY_VCPUS = 512;
    /** Failures kept in the message; a long run goes on past the first to count them all. */
    private static final int FAILURES_SHOWN = 3;

    static Stream<String> policies() {
        return Schedulers.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void randomScenarios_keepEveryInvariantAfterEveryEvent(String policy) {
        check(policy, Size.SMALL, SCENARIOS);
    }

    /** Small scenarios whose times are aligned, so that events fall on one another far more often. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void alignedRandomScenarios_keepEveryInvariantAfterEveryEvent(String policy) {
        check(policy, Size.ALIGNED, SCENARIOS);
    }

    /**
     * Large hosts and guests, past the sizes where the event queue, RTDS, rtglobal and the guests' ready queues change
     * structure; the seeds are drawn so that every such size is crossed (asserted, so that the generator cannot
     * shrink out of them unnoticed).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void largeRandomScenarios_keepEveryInvariantAfterEveryEvent(String policy) {
        check(policy, Size.LARGE, LARGE);
    }

    private static void check(String policy, Size size, int count) {
        List<String> failures = new ArrayList<>();
        int failed = 0;
        long events = 0;
        int manyVcpus = 0;
        int manyTasks = 0;
        long start = System.nanoTime();
        for (int i = FIRST; i < FIRST + count; i++) {
            Scenario s = RandomScenarios.generate(policy, i, size);
            if (s.domains().stream().mapToInt(DomainSpec::vcpus).sum() > MANY_VCPUS) manyVcpus++;
            if (s.domains().stream().anyMatch(d -> d.guest().tasks().size() > RandomScenarios.BITS_ABOVE_TASKS
                    && d.guest().scheduler() == GuestScheduler.FP)) {
                manyTasks++;
            }
            try {
                events += Simulation.of(s, Schedulers.factory()).observe(new InvariantChecker()).run().events();
            } catch (RuntimeException | StackOverflowError e) {
                failed++;
                if (failures.size() < FAILURES_SHOWN) {
                    failures.add("seed " + i + ": " + e + "\n" + ScenarioWriter.yaml(s));
                }
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("invariants %s %s: %d scenarios from seed %d (%d with over %d VCPUs, %d with an FP guest of"
                + " over %d tasks), %d events, %d failed, %d ms%n", policy, size, count, FIRST, manyVcpus, MANY_VCPUS,
                manyTasks, RandomScenarios.BITS_ABOVE_TASKS, events, failed, ms);
        if (failed > 0) {
            fail(policy + ": " + failed + " of " + count + " " + size + " random scenarios broke an invariant; the"
                    + " first:\n" + String.join("\n", failures));
        }
        assertTrue(events > 0);
        if (size == Size.LARGE) {
            assertTrue(manyVcpus > 0 && manyTasks > 0, "the large scenarios cross the structures' thresholds");
        }
    }
}
