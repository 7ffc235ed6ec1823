package org.rtxen.experiments.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.Scenario;

/** Which verdicts count as soundness defects (docs/sweep.md, "Soundness"), with verdicts written by hand. */
class SoundnessTest {
    private static Scenario scenario(String extraDomainKeys, String extraTop) {
        return ScenarioReader.parse("""
                duration: 100ms
                host: {pcpus: 2}
                %s
                domains:
                  - name: a
                    rtds: {period: 10ms, budget: 4ms}
                    %s
                    guest: {scheduler: edf, tasks: [{name: t, period: 20ms, wcet: 2ms}]}
                """.formatted(extraTop, extraDomainKeys), "test");
    }

    private static Map<String, Boolean> allSchedulable() {
        Map<String, Boolean> v = new LinkedHashMap<>();
        v.put("plan", true);
        v.put("csa:rta", true);
        v.put("csa:gfb", true);
        v.put("csa:wfd", true);
        v.put("host:edf", true);
        return v;
    }

    @Test
    void onlyCheckableAnalysesThatSaidSchedulableAreDefects() {
        Scenario s = scenario("", "");
        assertTrue(Analyses.assumptionsHold(s, List.of("a")));
        // Unpinned RTDS with deferrable servers: plan and global RTA describe it; GFB is proven for sporadic tasks
        // (periodic servers) only, WFD describes a partitioned VMM, host:edf bare metal.
        assertEquals(List.of("plan", "csa:rta"), Analyses.defects(allSchedulable(), 3, s));
        Map<String, Boolean> v = allSchedulable();
        v.put("plan", false);
        assertEquals(List.of("csa:rta"), Analyses.defects(v, 3, s));
    }

    @Test
    void noMissNoDefect() {
        assertEquals(List.of(), Analyses.defects(allSchedulable(), 0, scenario("", "")));
    }

    @Test
    void busyGuestsMakeGfbCheckable() {
        Scenario busy = ScenarioReader.parse("""
                duration: 100ms
                host: {pcpus: 2}
                domains:
                  - name: a
                    rtds: {period: 10ms, budget: 4ms}
                    guest: {scheduler: edf, busy: true, tasks: [{name: t, period: 20ms, wcet: 2ms}]}
                """, "test");
        assertEquals(List.of("plan", "csa:rta", "csa:gfb"), Analyses.defects(allSchedulable(), 1, busy));
    }

    @Test
    void pinnedDomainsLeaveOnlyThePlanner() {
        assertEquals(List.of("plan"), Analyses.defects(allSchedulable(), 1, scenario("affinity: [0]", "")));
    }

    @Test
    void overheadsOffsetsOrOtherPoliciesBreakTheAssumptions() {
        assertFalse(Analyses.assumptionsHold(scenario("", "overheads: {schedule: 1us}"), List.of("a")));
        Scenario credit = ScenarioReader.parse("""
                duration: 100ms
                host: {pcpus: 1}
                pools: [{name: p, scheduler: credit}]
                domains:
                  - name: a
                    guest: {scheduler: edf, tasks: [{name: t, period: 20ms, wcet: 2ms}]}
                """, "test");
        assertFalse(Analyses.assumptionsHold(credit, List.of("a")));
        Scenario offset = ScenarioReader.parse("""
                duration: 100ms
                host: {pcpus: 1}
                domains:
                  - name: a
                    guest: {scheduler: edf, tasks: [{name: t, period: 20ms, wcet: 2ms, offset: 1ms}]}
                """, "test");
        assertFalse(Analyses.assumptionsHold(offset, List.of("a")));
    }
}
