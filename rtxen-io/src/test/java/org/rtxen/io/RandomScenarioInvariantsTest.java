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
import org.rtxen.model.Scenario;
import org.rtxen.sched.Schedulers;

/**
 * The framework's and every policy's invariants after every event, on random valid scenarios
 * ({@link RandomScenarios}): pools, topologies, affinity, late domains, tasks and run-time commands. The default
 * build runs {@value #CI_SCENARIOS} scenarios per registered policy (a few seconds); {@code -Pinvariants} runs
 * {@code rtxen.invariants.scenarios} of them (10 000; docs/testing.md has the last long run). A failure names the
 * policy and seed and prints the scenario's YAML, which {@code rtxen simulate} reproduces.
 */
class RandomScenarioInvariantsTest {
    private static final int CI_SCENARIOS = 1000;
    private static final int SCENARIOS = Integer.getInteger("rtxen.invariants.scenarios", CI_SCENARIOS);
    /** The first seed ({@code rtxen.invariants.first}, 0), so that a long run can go in rounds. */
    private static final int FIRST = Integer.getInteger("rtxen.invariants.first", 0);
    /** Failures kept in the message; a long run goes on past the first to count them all. */
    private static final int FAILURES_SHOWN = 3;

    static Stream<String> policies() {
        return Schedulers.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void randomScenarios_keepEveryInvariantAfterEveryEvent(String policy) {
        List<String> failures = new ArrayList<>();
        int failed = 0;
        long events = 0;
        long start = System.nanoTime();
        for (int i = FIRST; i < FIRST + SCENARIOS; i++) {
            Scenario s = RandomScenarios.generate(policy, i);
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
        System.out.printf("invariants %s: %d scenarios from seed %d, %d events, %d failed, %d ms%n", policy, SCENARIOS,
                FIRST, events, failed, ms);
        if (failed > 0) {
            fail(policy + ": " + failed + " of " + SCENARIOS + " random scenarios broke an invariant; the first:\n"
                    + String.join("\n", failures));
        }
        assertTrue(events > 0);
    }
}
