package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.analysis.plan.Plan;
import org.rtxen.analysis.plan.PlanOptions;
import org.rtxen.analysis.plan.Planner;
import org.rtxen.engine.Simulation;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.Scenario;
import org.rtxen.model.params.ServerParams;
import org.rtxen.model.params.VcpuServer;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Schedulers;

/**
 * What a plan does not guarantee: RTDS 4.5 and 4.7 pools are not analysed (docs/analysis.md, "RTDS 4.5 and 4.7 pools:
 * not analysed"), and neither are a scenario's run-time commands, which {@code --verify} simulates as printed
 * (docs/analysis.md, "Run-time commands: not analysed").
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PlanNotCoveredTest {
    private static final String TWO_GUESTS = """
            duration: 400ms
            host: {pcpus: 1}
            pools:
              - {name: P, scheduler: rtds, pcpus: [0], rtds: {variant: "VARIANT"}}
            domains:
              - name: vm1
                guest:
                  busy: true
                  tasks:
                    - {name: a, period: 10ms, wcet: 2400us}
              - name: vm2
                guest:
                  tasks:
                    - {name: b, period: 40ms, wcet: 11400us}
            """;

    @TempDir
    Path dir;

    @Test
    void rtds47_budgetEqualToPeriod_isNotAnalysed_andVerifyFindsTheHalvedShare() throws IOException {
        Path file = Files.writeString(dir.resolve("v47.yaml"), """
                duration: 100ms
                host: {pcpus: 1}
                pools:
                  - {name: P, scheduler: rtds, pcpus: [0], rtds: {variant: "4.7"}}
                domains:
                  - name: vm1
                    guest:
                      tasks:
                        - {name: t, period: 10ms, wcet: 10ms}
                """);
        SimulateCommandTest.Run plain = SimulateCommandTest.rtxen("plan", file.toString());
        assertEquals(0, plain.status(), plain.err());
        assertTrue(plain.out().startsWith("NOT guaranteed for the whole host: 1 pool(s) not analysed (P: not analysed:"
                + " Xen 4.7's RTDS (variant 4.7) keeps a VCPU's last_start across a replenishment (spec E6"), plain.out());
        assertTrue(plain.out().contains("  vm1 (pool P): interface found, NOT guaranteed: its pool is not analysed\n"),
                plain.out());
        // The budget is still the one an exact server needs: sbf(10ms) ≥ 10ms at Π = 10ms only with Θ = 10ms.
        assertTrue(plain.out().contains("    vcpu0: period 10ms, budget 10ms (guest 10ms + overhead 0ns), tasks t\n"),
                plain.out());
        // E6: job 0 runs [0, 10ms); the refill at 10ms keeps last_start at 0, so the next charge takes the whole new
        // budget; the VCPU waits for the refill at 20ms, and job 1 (due 20ms) runs [20ms, 30ms).
        SimulateCommandTest.Run verified = SimulateCommandTest.rtxen("plan", file.toString(), "--verify");
        assertEquals(1, verified.status(), verified.out() + verified.err());
        assertTrue(verified.out().contains("11 simulated runs (synchronous release and random phasings, WCET jobs): 11"
                + " with a missed deadline\n  synchronous release, WCET: vm1.t job 1 released at 10ms, due at 20ms,"
                + " completed at 30ms\n"), verified.out());
        JsonNode json = new ObjectMapper().readTree(SimulateCommandTest.rtxen("plan", file.toString(), "--json").out());
        assertFalse(json.get("schedulable").asBoolean());
        assertEquals("[\"P\"]", json.get("not_analysed").toString());
        assertFalse(json.get("pools").get(0).get("analysed").asBoolean());
    }

    @Test
    void rtds47_twoGuests_keepTheirExactServerBudgets_butGetNoGuarantee() {
        // vm1's (10ms, 2.4ms) at Π = 10ms: 10 − 2(10 − Θ) ≥ 2.4, Θ = 6.2ms; vm2's (40ms, 11.4ms): sbf(40ms) with
        // Θ = 3.8ms is 2 × 3.8 + min(3.8, 40 − 12.4 − 20) = 11.4ms. Together exactly one pCPU: schedulable as exact
        // servers, but not analysed on 4.7.
        Plan plan = Planner.plan(ScenarioReader.parse(TWO_GUESTS.replace("VARIANT", "4.7"), "v47"),
                PlanOptions.DEFAULTS);
        assertFalse(plan.schedulable());
        assertEquals(1, plan.notAnalysed().size());
        assertTrue(plan.notAnalysed().get(0).reason().endsWith(", which no rtxen server test accounts for"),
                plan.notAnalysed().get(0).reason());
        assertEquals(new VcpuServer(10_000_000, 6_200_000), server(plan, 0));
        assertEquals(new VcpuServer(10_000_000, 3_800_000), server(plan, 1));
        assertTrue(plan.extraTimeOff().isEmpty(), "4.7 has no extratime to turn off");
        // The same host on 4.10 is planned with the same budgets and guaranteed.
        Plan today = Planner.plan(ScenarioReader.parse(TWO_GUESTS.replace("VARIANT", "4.10"), "v410"),
                PlanOptions.DEFAULTS);
        assertTrue(today.schedulable(), today.pools().toString());
        assertEquals(server(plan, 0), server(today, 0));
    }

    @Test
    void rtds45_quantumOverrun_isNotAnalysed() throws IOException {
        Plan plan = Planner.plan(ScenarioReader.parse(TWO_GUESTS.replace("VARIANT", "4.5"), "v45"),
                PlanOptions.DEFAULTS);
        assertFalse(plan.schedulable());
        assertTrue(plan.notAnalysed().get(0).reason().startsWith("not analysed: Xen 4.5/4.6's RTDS (variant 4.5)"
                + " charges budgets in 1 ms quanta"), plan.notAnalysed().get(0).reason());
        assertEquals(new VcpuServer(10_000_000, 6_200_000), server(plan, 0));
        // Why: busy vm1 gets slices of min(6.2ms, 1ms) charged at the next decision (E2), so it runs 7 whole
        // quanta of every 10ms period, 280ms in 400ms, not the 248ms its budget allows.
        SimulationResult r = Simulation.of(plan.planned(), Schedulers.factory()).run();
        assertEquals(280_000_000L, r.domains().get(0).vcpus().get(0).runNs());
        Path file = Files.writeString(dir.resolve("v45.yaml"), TWO_GUESTS.replace("VARIANT", "4.5"));
        SimulateCommandTest.Run run = SimulateCommandTest.rtxen("plan", file.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("NOT guaranteed for the whole host: 1 pool(s) not analysed (P: not analysed:"
                + " Xen 4.5/4.6's RTDS"), run.out());
    }

    @Test
    void commands_areNotAnalysed_keptInThePlannedScenario_andVerified() throws IOException {
        Path file = Files.writeString(dir.resolve("c2.yaml"), """
                duration: 100ms
                host: {pcpus: 1}
                domains:
                  - name: vm1
                    guest:
                      tasks:
                        - {name: t, period: 10ms, wcet: 3ms}
                commands:
                  - {at: 50ms, xl: "sched-rtds -d vm1 -v all -p 10000 -b 1000 -e 0"}
                """);
        String notAnalysed = "1 run-time command(s) from 50ms on not analysed (the plan is of the configuration at"
                + " the start)";
        SimulateCommandTest.Run plain = SimulateCommandTest.rtxen("plan", file.toString());
        assertEquals(0, plain.status(), plain.err());
        assertTrue(plain.out().startsWith("NOT guaranteed for the whole host: " + notAnalysed
                + "; every analysed pool passes\n  overheads charged: none configured\n  commands: " + notAnalysed
                + "; they are kept in the planned scenario, and --verify simulates them\n"), plain.out());
        String printed = plain.out().substring(plain.out().indexOf("Scenario with the planned parameters:\n") + 38);
        assertTrue(printed.endsWith("commands:\n  - {at: 50ms, xl: \"sched-rtds -d vm1 -v all -p 10000 -b 1000 -e 0\"}\n"),
                printed);
        // From the refill at 60ms (R14) vm1 gets 1ms per 10ms: job 6 (60ms) runs [60, 61), [70, 71), [80, 81) and
        // misses at 70ms; job 7 runs from 90ms and job 8 (due 90ms) never: 3 of 10 jobs, as the printed scenario does.
        SimulateCommandTest.Run verified = SimulateCommandTest.rtxen("plan", file.toString(), "--verify");
        assertEquals(1, verified.status(), verified.out() + verified.err());
        assertTrue(verified.out().contains("  synchronous release, WCET: vm1.t job 6 released at 60ms, due at 70ms,"
                + " completed at 81ms\n"), verified.out());
        SimulationResult asPrinted = Simulation.of(ScenarioReader.parse(printed, "printed"), Schedulers.factory()).run();
        assertEquals(3, asPrinted.domains().get(0).tasks().get(0).missed());
        JsonNode json = new ObjectMapper().readTree(SimulateCommandTest.rtxen("plan", file.toString(), "--json").out());
        assertFalse(json.get("schedulable").asBoolean());
        assertEquals(1, json.get("commands_not_analysed").get("count").asInt());
        assertEquals(50_000_000L, json.get("commands_not_analysed").get("from_ns").asLong());
        assertEquals(printed, json.get("scenario").asText());
    }

    private static VcpuServer server(Plan plan, int domain) {
        Scenario s = plan.planned();
        return ((ServerParams) s.domains().get(domain).params()).server(0);
    }
}
