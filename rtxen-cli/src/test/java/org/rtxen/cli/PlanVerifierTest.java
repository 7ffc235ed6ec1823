package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.Scenario;

/** The misses {@code plan --verify} names are dated as the guest releases its jobs: from its domain's start. */
class PlanVerifierTest {
    private static Scenario late(String task, String duration) {
        return ScenarioReader.parse("""
                duration: %s
                host: {pcpus: 1}
                domains:
                  - name: a
                    start: 5ms
                    guest: {tasks: [%s]}
                """.formatted(duration, task), "late.yaml");
    }

    /** Created at 5 ms, job 0 (released 5, deadline 15 ms) runs its 12 ms WCET alone: late at 17 ms. */
    @Test
    void lateCompletion_releaseCountsFromTheDomainsStart() {
        PlanVerifier.Result r = PlanVerifier.verify(late("{name: t, period: 10ms, wcet: 12ms}", "50ms"), 0, 1);
        assertEquals(List.of(new PlanVerifier.Miss("synchronous release, WCET", "a", "t", 0, 5_000_000, 15_000_000,
                17_000_000)), r.misses());
    }

    /** Created at 5 ms, job 0 (released 5, deadline 25 ms) needs 40 ms: unfinished at 40 ms, missed at 25 ms. */
    @Test
    void unfinishedJob_releaseCountsFromTheDomainsStart() {
        PlanVerifier.Result r = PlanVerifier.verify(
                late("{name: t, period: 50ms, wcet: 40ms, deadline: 20ms}", "40ms"), 0, 1);
        assertEquals(List.of(new PlanVerifier.Miss("synchronous release, WCET", "a", "t", 0, 5_000_000, 25_000_000,
                -1)), r.misses());
    }
}
