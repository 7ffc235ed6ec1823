package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.rtxen.analysis.host.HostTests;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyze and plan commands: interfaces and test verdicts for CARTS XML, task sets and scenarios in text and JSON
 * (exact budgets, every digit kept, times with units), the CARTS XML output, what is printed for domains whose pool
 * gets no interface, and the one-line error with exit status 2 for an unwritable output, an output naming the input,
 * options that do not apply to the input, unknown tests, bad XML and directories.
 */
class AnalyzeCommandTest {
    @TempDir
    Path dir;

    private static SimulateCommandTest.Run rtxen(String... args) {
        return SimulateCommandTest.rtxen(args);
    }

    @Test
    void analyze_cartsXmlWithJsonAndCartsOut_printsContractAndWritesXml() throws IOException {
        Path in = Files.writeString(dir.resolve("in.xml"), """
                <system os_scheduler="EDF" period="10">
                  <component name="C" scheduler="EDF" period="10"><task name="T" p="10" d="10" e="5"/></component>
                </system>""");
        Path out = dir.resolve("out.xml");
        SimulateCommandTest.Run r = rtxen("analyze", in.toString(), "--json", "--carts-xml", out.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode c = json.get("components").get(1);
        // Hand-derived in UniprocessorInterfacesTest: Θ = 15/2 at Π = 10.
        assertEquals("15/2", c.get("budget_exact").asText());
        assertEquals(7.5, c.get("budget").asDouble());
        assertTrue(Files.readString(out).contains("execution_time=\"7.5\""));
    }

    @Test
    void analyze_cartsXmlThirteenDigitPeriod_textJsonAndXmlKeepEveryDigit() throws IOException {
        // P = 1234567890123 and one task (P, 1000) at Π = P: C1's Θ = (P + 1000)/2 = 617283945561.5 (sbf(P) = 2Θ − P),
        // the system's (P + 617283945562)/2 = 925925917842.5 (the VCPU rounded up to a whole unit); bandwidths
        // 3/4 + 500.5/2P = 0.7500000002027… and 1/2 + 500/P = 0.5000000004050000036…, rounded up to 12 digits.
        Path in = Files.writeString(dir.resolve("in.xml"), """
                <system os_scheduler="EDF" min_period="1234567890123" max_period="1234567890123">
                  <component name="C1" scheduler="EDF" period="1234567890123">
                    <task name="T1" p="1234567890123" d="1234567890123" e="1000"/>
                  </component>
                </system>""");
        SimulateCommandTest.Run text = rtxen("analyze", in.toString());
        assertEquals(0, text.status(), text.err());
        assertEquals("""
                Interfaces (times in the file's own unit):
                  system (EDF PRM): period 1234567890123 budget 925925917842.5 (= 1851851835685/2) \
                bandwidth 0.750000000203 cpus 1
                    C1 (EDF PRM): period 1234567890123 budget 617283945561.5 (= 1234567891123/2) \
                bandwidth 0.500000000406 cpus 1
                """, text.out().replace(System.lineSeparator(), "\n"));
        Path out = dir.resolve("out.xml");
        SimulateCommandTest.Run r = rtxen("analyze", in.toString(), "--json", "--carts-xml", out.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode system = new ObjectMapper().readTree(r.out()).get("components").get(0);
        assertEquals("1234567890123", system.get("period").asText());
        assertEquals("925925917842.5", system.get("budget").decimalValue().toPlainString());
        assertEquals("1851851835685/2", system.get("budget_exact").asText());
        assertTrue(r.out().contains("\"period\": 1234567890123,"), r.out());
        String xml = Files.readString(out);
        assertTrue(xml.contains("<model period=\"1234567890123\" bandwidth=\"0.750000000203\" "
                + "execution_time=\"925925917842.5\" execution_time_exact=\"1851851835685/2\" cpus=\"1\"/>"), xml);
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void analyze_cartsXmlToFullDevice_isOneLineWithoutJavaClassNames() throws IOException {
        Path in = Files.writeString(dir.resolve("in.xml"), """
                <system os_scheduler="EDF" period="10">
                  <component name="C" scheduler="EDF" period="10"><task name="T" p="10" d="10" e="5"/></component>
                </system>""");
        SimulateCommandTest.Run r = rtxen("analyze", in.toString(), "--carts-xml", "/dev/full");
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: /dev/full: --carts-xml: cannot write: No space left on device", r.err().strip());
    }

    @Test
    void analyze_cartsXmlNamingTheInput_isRefused_andTheInputKept() throws IOException {
        String xml = """
                <system os_scheduler="EDF" period="10">
                  <component name="C" scheduler="EDF" period="10"><task name="T" p="10" d="10" e="5"/></component>
                </system>""";
        Path in = Files.writeString(dir.resolve("in.xml"), xml);
        SimulateCommandTest.Run r = rtxen("analyze", in.toString(), "--carts-xml", in.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: " + in + ": --carts-xml: is the input file " + in + "; writing it would destroy it",
                r.err().strip());
        assertEquals(xml, Files.readString(in));
    }

    /** Options that apply to another kind of input are refused, not ignored; so is a --test list naming no test. */
    @Test
    void analyze_optionsForAnotherKindOfInput_areRefused() throws IOException {
        Path tasks = Files.writeString(dir.resolve("t.yaml"), "cpus: 1\ntasks: [{period: 10, wcet: 2}]\n");
        Path xml = Files.writeString(dir.resolve("c.xml"), """
                <system os_scheduler="EDF" period="10">
                  <component name="C" scheduler="EDF" period="10"><task name="T" p="10" d="10" e="5"/></component>
                </system>""");
        Path scenario = Path.of("../examples/rtds-two-vms.yaml");
        String[][] refused = {
            {tasks.toString(), "--carts-xml", dir.resolve("o.xml").toString(), "--carts-xml: does not apply to a task set"},
            {tasks.toString(), "--model", "prm", "--model: does not apply to a task set"},
            {tasks.toString(), "--sbf", "xu", "--sbf: does not apply to a task set"},
            {tasks.toString(), "--test", ",,", "--test: names no test"},
            {xml.toString(), "--test", "edf", "--test: does not apply to CARTS XML (task sets only)"},
            {scenario.toString(), "--test", "edf", "--test: does not apply to a scenario"},
            {scenario.toString(), "--carts-xml", dir.resolve("o.xml").toString(), "--carts-xml: does not apply to a scenario"},
        };
        for (String[] c : refused) {
            SimulateCommandTest.Run r = rtxen("analyze", c[0], c[1], c[2]);
            assertEquals(2, r.status(), r.err());
            assertEquals("rtxen: " + c[3], r.err().strip());
        }
        assertEquals(false, Files.exists(dir.resolve("o.xml")));
    }

    /** ARINC653 partitions have a fixed supply, no interface: said so, not "infeasible" with an empty reason. */
    @Test
    void analyze_scenarioWithArinc653Partitions_saysTheirSupplyIsFixed() {
        SimulateCommandTest.Run r = rtxen("analyze", "../examples/arinc653-slots.yaml");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("  part1: no interface: its pool a653 gives it a fixed supply (rtxen plan checks it"
                + " against that)"), r.out());
        r = rtxen("analyze", "../examples/arinc653-slots.yaml", "--json");
        assertTrue(r.out().contains("\"feasible\": true") && !r.out().contains("\"reason\": \"\""), r.out());
    }

    /**
     * A guest in a Credit or null pool gets no interface, as the planner does not analyse those pools: the output
     * names it and its pool's reason instead of leaving it out, in the text and in the JSON.
     */
    @Test
    void analyze_scenarioWithUnanalysedPools_namesTheirDomains() throws IOException {
        Path in = Files.writeString(dir.resolve("pools.yaml"), """
                duration: 1s
                host: {pcpus: 3}
                pools:
                  - {name: rt, scheduler: rtds, pcpus: [0]}
                  - {name: cr, scheduler: credit, pcpus: [1]}
                  - {name: nl, scheduler: "null", pcpus: [2]}
                domains:
                  - {name: r1, pool: rt, guest: {tasks: [{name: a, period: 10ms, wcet: 2ms}]}}
                  - {name: c1, pool: cr, guest: {tasks: [{name: a, period: 10ms, wcet: 4ms}]}}
                  - {name: n1, pool: nl, guest: {tasks: [{name: a, period: 10ms, wcet: 10ms}]}}
                  - {name: idle, pool: cr}
                """);
        SimulateCommandTest.Run r = rtxen("analyze", in.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("  c1: no interface: its pool cr is not analysed: proportional share (weights,"
                + " caps) gives no deadline guarantee\n"), r.out());
        assertTrue(r.out().contains("  n1: no interface: its pool nl is not analysed: rtxen has no schedulability"
                + " analysis for the null scheduler\n"), r.out());
        assertFalse(r.out().contains("idle"), r.out());
        r = rtxen("analyze", in.toString(), "--json");
        assertTrue(r.out().contains("\"domain\": \"c1\",\n      \"reason\": \"its pool cr is not analysed: proportional"),
                r.out());
        assertTrue(r.out().contains("\"domain\": \"n1\""), r.out());
    }

    @Test
    void analyze_directoryInput_isOneLine() {
        SimulateCommandTest.Run r = rtxen("analyze", dir.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: " + dir + ": is a directory, not a file", r.err().strip());
    }

    @Test
    void analyze_taskSetWithTests_printsVerdictMap() throws IOException {
        Path in = Files.writeString(dir.resolve("ts.yaml"), """
                cpus: 2
                tasks: [{period: 100, wcet: 49}, {period: 100, wcet: 49}, {period: 100, wcet: 49}]
                """);
        SimulateCommandTest.Run r = rtxen("analyze", in.toString(), "--test", "gfb,bcl", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode tests = new ObjectMapper().readTree(r.out()).get("tests");
        // GFB: 3 × 0.49 = 1.47 ≤ 2 − 0.49 (HostTestsTest).
        assertTrue(tests.get("gfb").asBoolean());
        assertEquals(2, tests.size());
    }

    @Test
    @Timeout(value = 120, threadMode = ThreadMode.SEPARATE_THREAD) // turns a hang into a failure; not a speed check
    void analyze_exampleTaskSetEachTest_everyTestAnswers() throws IOException {
        // examples/analysis/taskset.yaml: a, b = (100us, 49us, 100us), c = (10ms, 2ms, 8ms) on 2 cpus; rta once looped.
        String example = Path.of("..", "examples", "analysis", "taskset.yaml").toString();
        for (String test : HostTests.NAMES) {
            SimulateCommandTest.Run r = rtxen("analyze", example, "--test", test, "--json");
            assertEquals(0, r.status(), test + ": " + r.err());
            JsonNode tests = new ObjectMapper().readTree(r.out()).get("tests");
            assertTrue(tests.get(test).isBoolean(), test + ": " + r.out());
        }
        // Σδ = 0.49 + 0.49 + 0.25 = 1.23 ≤ 2 − 0.49 = 1.51 (GFB); RTA: R_a = R_b = 98us, R_c = 4009us (HostTestsTest).
        JsonNode tests = new ObjectMapper().readTree(rtxen("analyze", example, "--test", "gfb,rta", "--json").out())
                .get("tests");
        assertTrue(tests.get("gfb").asBoolean());
        assertTrue(tests.get("rta").asBoolean());
    }

    @Test
    void analyze_taskSetReasons_printTimesWithUnits() throws IOException {
        // One task (10ms, 6ms, deadline 5ms) on one CPU: EDF demand dbf(5ms) = 6ms > 5ms; DM response 6ms > 5ms.
        Path ts = Files.writeString(dir.resolve("late.yaml"),
                "cpus: 1\ntasks: [{period: 10ms, wcet: 6ms, deadline: 5ms}]\n");
        SimulateCommandTest.Run r = rtxen("analyze", ts.toString(), "--test", "edf,fp");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("demand 6ms in an interval of length 5ms exceeds its length"), r.out());
        assertTrue(r.out().contains("response time exceeds deadline 5ms"), r.out());
        JsonNode json = new ObjectMapper().readTree(rtxen("analyze", ts.toString(), "--test", "edf", "--json").out());
        assertEquals("demand 6ms in an interval of length 5ms exceeds its length",
                json.get("test_details").get(0).get("reason").asText());
    }

    @Test
    void analyze_unknownTestOrBadXml_exitsTwoWithOneLine() throws IOException {
        Path ts = Files.writeString(dir.resolve("ts.yaml"), "tasks: [{period: 10, wcet: 1}]\n");
        SimulateCommandTest.Run r = rtxen("analyze", ts.toString(), "--test", "magic");
        assertEquals(2, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        Path xml = Files.writeString(dir.resolve("bad.xml"), "<system><task p=\"1\" d=\"1\"/></system>");
        r = rtxen("analyze", xml.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("wcet of a task is missing"), r.err());
    }

    @Test
    void analyze_scenario_printsGuestInterfacesInNanoseconds() throws IOException {
        SimulateCommandTest.Run r = rtxen("analyze", Path.of("..", "examples", "analysis", "plan-mixed.yaml").toString(),
                "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(1, json.get("schema_version").asInt());
        // vm3: RM tasks (50ms, 10ms), (80ms, 8ms) on a 10ms VCPU. High task: rbf(50000) = 10000 with t = 5Π, so
        // θ = d/(q − 1) = 10000/4 = 2500 (sbf(50000) = 4Θ at Θ = 2500 ≤ Π − r = 10000). Low task: points 50000 and
        // 80000; rbf(80000) = 8000 + 2·10000 = 28000, t = 8Π: (q − 1)Θ = 7Θ = 28000 → Θ = 4000, which covers
        // (sbf(80000; 4000) = 7·4000 + max(0, 0 + 8000 − 10000) = 28000); rbf(50000) = 18000 needs 18000/4 = 4500.
        // The interface needs max(2500, min(4000, 4500)) = 4000 µs, written in ns.
        JsonNode vm3 = json.get("components").get(3);
        assertEquals("vm3.vcpu0", vm3.get("name").asText());
        assertEquals("4000000", vm3.get("budget_exact_ns").asText());
        assertEquals(10_000_000, vm3.get("period_ns").asLong());
    }

    @Test
    void plan_exampleScenario_printsXlCommandsAndVerdict() {
        SimulateCommandTest.Run r = rtxen("plan", Path.of("..", "examples", "analysis", "plan-mixed.yaml").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("schedulable"), r.out());
        assertTrue(r.out().contains("xl sched-rtds -d vm1 -v 0 -p 10000"), r.out());
    }
}
