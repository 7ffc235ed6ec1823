package org.rtxen.experiments.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.analysis.supply.Mpr;
import org.rtxen.analysis.plan.PlanOptions;
import org.rtxen.analysis.plan.Planner;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.Scenario;

/**
 * Verdicts on RT-Xen 2.0 pools (rtglobal, rtpartition): each configuration gets only the tests of its own scheduling
 * policy, and only those that describe it are checked against the simulation.
 */
@Timeout(60)
class Rtxen2VerdictsTest {
    private static final List<String> ALL = List.of("plan", "csa:rta", "csa:bcl", "csa:edf", "csa:fp");

    /** Two single-VCPU VMs with one light task each (U = 0.1), on two cores, under {@code pool}. */
    private static Scenario scenario(String scheduler, String priority, String server, boolean pinned) {
        String pin0 = pinned ? "affinity: [0]" : "";
        String pin1 = pinned ? "affinity: [1]" : "";
        return ScenarioReader.parse("""
                duration: 100ms
                host: {pcpus: 2}
                pools: [{name: p, scheduler: %1$s, pcpus: [0, 1], %1$s: {priority: %2$s, server: %3$s}}]
                domains:
                  - name: a
                    pool: p
                    %4$s
                    guest: {scheduler: edf, tasks: [{name: t, period: 100ms, wcet: 10ms}]}
                  - name: b
                    pool: p
                    %5$s
                    guest: {scheduler: edf, tasks: [{name: t, period: 100ms, wcet: 10ms}]}
                """.formatted(scheduler, priority, server, pin0, pin1), "test");
    }

    private static Map<String, Boolean> verdicts(Scenario s) {
        return Analyses.verdicts(ALL, Planner.plan(s, new PlanOptions(PlanOptions.GuestModel.MPR, Mpr.Variant.XU, 0, 0)),
                List.of(), 2);
    }

    private static Map<String, Boolean> allSchedulable() {
        Map<String, Boolean> v = new LinkedHashMap<>();
        for (String a : ALL) v.put(a, true);
        return v;
    }

    @Test
    void globalEdfGetsTheGlobalEdfTestsAndTheyAreChecked() {
        Scenario s = scenario("rtglobal", "edf", "deferrable", false);
        assertTrue(Analyses.assumptionsHold(s, List.of("a", "b")));
        Map<String, Boolean> v = verdicts(s);
        // Two light VMs on two cores: every EDF test passes; fp is a fixed-priority test, so no verdict; the planner
        // does not analyse RT-Xen 2.0 pools (1 ms quanta), so plan gives none either.
        assertNull(v.get("plan"));
        assertEquals(true, v.get("csa:rta"));
        assertEquals(true, v.get("csa:bcl"));
        assertNull(v.get("csa:fp"));
        // Unpinned: the global tests describe the VMM, the partitioned edf does not.
        assertEquals(List.of("plan", "csa:rta", "csa:bcl"), Analyses.defects(allSchedulable(), 1, s));
    }

    @Test
    void globalDmGetsNoVerdictAtAll() {
        // No global fixed-priority test exists, and the planner does not analyse RT-Xen 2.0 pools: every verdict is
        // null.
        Map<String, Boolean> v = verdicts(scenario("rtglobal", "dm", "periodic", false));
        for (String a : ALL) assertNull(v.get(a), a);
        assertEquals(List.of(), Analyses.defects(v, 1, scenario("rtglobal", "dm", "periodic", false)));
    }

    @Test
    void partitionedDmGetsUniprocessorFpPerCoreChecked() {
        Scenario s = scenario("rtpartition", "dm", "deferrable", true);
        Map<String, Boolean> v = verdicts(s);
        assertNull(v.get("plan"));
        assertNull(v.get("csa:rta"));
        assertNull(v.get("csa:edf"));
        assertEquals(true, v.get("csa:fp"));
        // Pinned one VM per core: fp per core describes the VMM (jitter Π − Θ covers deferral); so does plan.
        assertEquals(List.of("plan", "csa:fp"), Analyses.defects(allSchedulable(), 1, s));
    }

    @Test
    void partitionedEdfChecksUniprocessorEdfOnlyWithPeriodicServers() {
        Scenario ds = scenario("rtpartition", "edf", "deferrable", true);
        Scenario ps = scenario("rtpartition", "edf", "periodic", true);
        assertEquals(true, verdicts(ps).get("csa:edf"));
        assertNull(verdicts(ps).get("csa:fp"));
        // The EDF demand test is not proven for deferrable servers that block and resume (docs/analysis.md).
        assertEquals(List.of("plan"), Analyses.defects(Map.of("plan", true, "csa:edf", true), 1, ds));
        Map<String, Boolean> v = new LinkedHashMap<>();
        v.put("plan", true);
        v.put("csa:edf", true);
        assertEquals(List.of("plan", "csa:edf"), Analyses.defects(v, 1, ps));
    }
}
