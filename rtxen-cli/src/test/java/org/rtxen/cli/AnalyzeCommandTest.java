package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void plan_exampleScenario_printsXlCommandsAndVerdict() {
        SimulateCommandTest.Run r = rtxen("plan", Path.of("..", "examples", "analysis", "plan-mixed.yaml").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("schedulable"), r.out());
        assertTrue(r.out().contains("xl sched-rtds -d vm1 -v 0 -p 10000"), r.out());
    }
}
