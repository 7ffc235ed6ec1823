package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.analysis.plan.Plan;
import org.rtxen.analysis.plan.PlanOptions;
import org.rtxen.analysis.plan.Planner;
import org.rtxen.engine.Simulation;
import org.rtxen.io.ScenarioReader;
import org.rtxen.io.xl.XlCommands;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.params.ServerParams;
import org.rtxen.model.params.VcpuServer;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.sched.Schedulers;

/**
 * The planner plans RTDS pools with extratime off (docs/analysis.md, "Extratime"), and reports RT-Xen 2.0 pools as
 * not analysed (docs/analysis.md, "RT-Xen 2.0 pools").
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PlanExtraTimeAndServerPoolsTest {
    private static final Path REPRODUCER = Path.of("src", "test", "resources", "reproducers",
            "rtds-replq-stale-head.yaml");

    @Test
    void replqReproducer_missesAsConfigured_andIsPlannedWithExtraTimeOff_withoutAMiss() {
        // As configured (vm0 and vm2 with extratime, vm1 without), seed 1: vm2v0 is refilled while vm0v1, level 1
        // after exhausting its budget, still sits ahead of vm1 in replq; vm2v0's ordered insertion lands ahead of vm1,
        // and at 272ms the refill stops at vm2v0 (not due, R15), so vm1 gets no budget for 2ms and vm1.t1 misses.
        Scenario input = ScenarioReader.read(REPRODUCER);
        assertTrue(misses(run(input, 1)) > 0, "the reproducer no longer shows the gap as configured");
        Plan plan = Planner.plan(input, PlanOptions.DEFAULTS);
        assertTrue(plan.schedulable(), plan.pools().toString());
        assertEquals(List.of("vm0", "vm2"), plan.extraTimeOff());
        for (DomainSpec d : plan.planned().domains()) {
            assertFalse(((ServerParams) d.params()).runsBeyondBudget(), d.name());
        }
        List<String> xl = XlCommands.forScenario(plan.planned());
        assertTrue(xl.stream().anyMatch(l -> l.startsWith("xl sched-rtds -d vm0") && l.endsWith("-e 0")), xl.toString());
        assertTrue(xl.stream().noneMatch(l -> l.contains("-e 1")), xl.toString());
        // Every refill now happens at its period boundary, as the pool test assumes: no seed misses.
        for (long seed = 1; seed <= 3; seed++) assertEquals(0, misses(run(plan.planned(), seed)), "seed " + seed);
    }

    @Test
    void planVerify_onTheReproducer_saysWhyExtraTimeIsOff_andFindsNoMiss() throws IOException {
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("plan", REPRODUCER.toString(), "--verify", "3");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().startsWith("schedulable: every guest deadline on every pool is guaranteed with the planned"
                + " parameters (extratime off for vm0, vm2)"), r.out());
        assertTrue(r.out().contains("extratime turned off for vm0, vm2: on Xen 4.10 and later"), r.out());
        assertTrue(r.out().contains("no deadline missed"), r.out());
        JsonNode json = new ObjectMapper().readTree(
                SimulateCommandTest.rtxen("plan", REPRODUCER.toString(), "--json").out());
        assertEquals("[\"vm0\",\"vm2\"]", json.get("extratime_off").get("domains").toString());
        assertTrue(json.get("extratime_off").get("why").asText().contains("E9"), json.toString());
    }

    @Test
    void extraTimeAlreadyOff_isNotMentioned() throws IOException {
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("plan", "../examples/analysis/plan-mixed.yaml", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(Planner.plan(ScenarioReader.read(Path.of("..", "examples", "analysis", "plan-mixed.yaml")),
                PlanOptions.DEFAULTS).extraTimeOff().isEmpty(), json.get("extratime_off") == null);
    }

    @Test
    void rtxen2Pools_areNotAnalysed_andTheHeadlineSaysWhy() {
        // A light load everywhere (one 1ms task every 10ms per guest): the verdict is "not analysed" because of the
        // policy (1 ms quanta, G5/G6), whatever the load; global DM has no server test in rtxen either.
        Scenario s = ScenarioReader.parse("""
                duration: 200ms
                host: {pcpus: 4}
                pools:
                  - {name: gdm, scheduler: rtglobal, pcpus: [0, 1], rtglobal: {priority: dm}}
                  - {name: pedf, scheduler: rtpartition, pcpus: [2, 3], rtpartition: {server: periodic}}
                domains:
                  - {name: a, pool: gdm, rtglobal: {period: 10ms, budget: 4ms}, guest: {tasks: [{name: t, period: 10ms, wcet: 1ms}]}}
                  - {name: b, pool: pedf, affinity: [2], rtpartition: {period: 10ms, budget: 4ms}, guest: {tasks: [{name: t, period: 10ms, wcet: 1ms}]}}
                """, "rtxen2");
        Plan plan = Planner.plan(s, PlanOptions.DEFAULTS);
        assertFalse(plan.schedulable());
        assertEquals(2, plan.notAnalysed().size(), plan.pools().toString());
        Plan.PoolPlan gdm = plan.pools().get(0);
        Plan.PoolPlan pedf = plan.pools().get(1);
        assertTrue(gdm.reason().startsWith("not analysed: deadline-monotonic over deferrable servers in 1 ms"
                + " scheduling quanta"), gdm.reason());
        assertTrue(pedf.reason().startsWith("not analysed: EDF over periodic servers"), pedf.reason());
        // The guests still get interfaces and servers, in RT-Xen 2.0's whole milliseconds (G3): each task (10ms, 1ms)
        // on a PRM with Π = 10ms needs sbf(10ms) = 10ms − 2(10ms − Θ) ≥ 1ms, Θ = 5.5ms, rounded up to 6ms.
        assertEquals(2, plan.domains().size());
        for (DomainSpec d : plan.planned().domains()) {
            assertEquals(new VcpuServer(10_000_000, 6_000_000), ((ServerParams) d.params()).server(0), d.name());
        }
        assertTrue(PlanCommand.headline(plan).startsWith("NOT guaranteed for the whole host: 2 pool(s) not analysed"),
                PlanCommand.headline(plan));
    }

    private static SimulationResult run(Scenario s, long seed) {
        return Simulation.of(new Scenario(s.durationNs(), seed, s.host(), s.pools(), s.domains(), s.overheads()),
                Schedulers.factory()).run();
    }

    private static long misses(SimulationResult result) {
        long n = 0;
        for (DomainResult d : result.domains()) {
            for (TaskResult t : d.tasks()) n += t.missed();
        }
        return n;
    }
}
