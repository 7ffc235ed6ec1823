package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.Scenario;

/** The misses {@code plan --verify} names are dated as the guest releases its jobs: from its domain's start. */
class PlanVerifierTest {
    private static final PrintWriter NO_TERMINAL = new PrintWriter(Writer.nullWriter());

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
        PlanVerifier.Result r = PlanVerifier.verify(late("{name: t, period: 10ms, wcet: 12ms}", "50ms"), 0, 1,
                NO_TERMINAL);
        assertEquals(List.of(new PlanVerifier.Miss("synchronous release, WCET", "a", "t", 0, 5_000_000, 15_000_000,
                17_000_000)), r.misses());
    }

    /** Created at 5 ms, job 0 (released 5, deadline 25 ms) needs 40 ms: unfinished at 40 ms, missed at 25 ms. */
    @Test
    void unfinishedJob_releaseCountsFromTheDomainsStart() {
        PlanVerifier.Result r = PlanVerifier.verify(
                late("{name: t, period: 50ms, wcet: 40ms, deadline: 20ms}", "40ms"), 0, 1, NO_TERMINAL);
        assertEquals(List.of(new PlanVerifier.Miss("synchronous release, WCET", "a", "t", 0, 5_000_000, 25_000_000,
                -1)), r.misses());
    }

    /**
     * Domain a/b's task c and domain a's task b/c are two tasks, whatever "/" would make of their names: on two pCPUs
     * each VCPU runs alone, and c's job 0 (released 0, deadline 10 ms) runs its 12 ms WCET, late at 12 ms; b/c's 100 ms
     * deadline is not c's.
     */
    @Test
    void namesWithSlashes_keepTheirTasksApart() {
        Scenario s = ScenarioReader.parse("""
                duration: 20ms
                host: {pcpus: 2}
                domains:
                  - name: a/b
                    guest: {tasks: [{name: c, period: 10ms, wcet: 12ms}]}
                  - name: a
                    guest: {tasks: [{name: b/c, period: 100ms, wcet: 1ms}]}
                """, "slashes.yaml");
        assertEquals(List.of(new PlanVerifier.Miss("synchronous release, WCET", "a/b", "c", 0, 0, 10_000_000,
                12_000_000)), PlanVerifier.verify(s, 0, 1, NO_TERMINAL).misses());
    }
}
