package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rtxen trace summary} on the synthetic trace of spec/xentrace.md section 6 (see
 * src/test/resources/traces/README.md for the schedule and xenalyze's figures for it).
 */
class TraceCommandTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    private Path trace() throws Exception {
        Path file = dir.resolve("spec-section6.bin");
        try (var in = getClass().getResourceAsStream("/traces/spec-section6.bin")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void summary_json_givesPerVcpuTimesOfTheSchedule() throws Exception {
        Run r = run("trace", "summary", trace().toString(), "--cpu-hz", "1G", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        // Domains 1, 2, 3 with one VCPU each; the idle domain is reported as pCPU idle time.
        JsonNode d2 = root.get("domains").get(1);
        assertEquals(2, d2.get("id").asInt());
        JsonNode v = d2.get("vcpus").get(0);
        assertEquals(0, v.get("id").asInt());
        // d2: run 10-30, 55.5-100 = 64.5 ms; runnable 0-10, 55-55.5 = 10.5 ms; blocked 30-55 = 25 ms.
        assertEquals(64_500_000L, v.get("run_ns").asLong());
        assertEquals(10_500_000L, v.get("runnable_ns").asLong());
        assertEquals(25_000_000L, v.get("blocked_ns").asLong());
        assertEquals(100_000_000L, root.get("span_ns").asLong());
        // pCPU0 is idle 42-55.5.
        assertEquals(13_500_000L, root.get("pcpus").get(0).get("idle_ns").asLong());
    }

    @Test
    void summary_text_isTheSimulatorsLayoutWithTheSchedulesTimes() throws Exception {
        Path file = trace();
        Run r = run("trace", "summary", file.toString(), "--cpu-hz=1G");
        assertEquals(0, r.status(), r.err());
        // Times from the schedule (d1 runs 0-10, 20-45, 70-85; ...), percentages of the 100 ms span; wake wait is
        // d1 68-70, d2 55-55.5, d3 80-85; pCPU0 idle 42-55.5, pCPU1 idle 45-70. No RTDS records in this trace.
        String expected = String.join("\n",
                "Trace " + file + ": 100.000ms, 28 records, TSC 1 GHz, accounting whole trace",
                "",
                "Domain  ID  VCPUs       Run  CPU%",
                "d1       1      1  50.000ms  50.0",
                "d2       2      1  64.500ms  64.5",
                "d3       3      1  47.000ms  47.0",
                "",
                "Domain  VCPU       Run  Run%  Runnable  Runnable%   Blocked  Blocked%  Offline  Offline%  Wake wait"
                        + "  Exhausted  Replenished",
                "d1         0  50.000ms  50.0  27.000ms       27.0  23.000ms      23.0        0       0.0    2.000ms"
                        + "          0            0",
                "d2         0  64.500ms  64.5  10.500ms       10.5  25.000ms      25.0        0       0.0  500.000us"
                        + "          0            0",
                "d3         0  47.000ms  47.0  15.000ms       15.0  38.000ms      38.0        0       0.0    5.000ms"
                        + "          0            0",
                "",
                "pCPU      Busy  Busy%      Idle  RTDS picks",
                "   0  86.500ms   86.5  13.500ms           0",
                "   1  75.000ms   75.0  25.000ms           0",
                "");
        assertEquals(expected, r.out());
    }

    @Test
    void summary_cpuHz2g_halvesTheTimes() throws Exception {
        // The same cycles at 2 GHz: d2's 64.5e6 cycles are 32.25 ms.
        Run r = run("trace", "summary", trace().toString(), "--cpu-hz", "2000M", "--json");
        JsonNode v = new ObjectMapper().readTree(r.out()).get("domains").get(1).get("vcpus").get(0);
        assertEquals(32_250_000L, v.get("run_ns").asLong());
    }

    @Test
    void summary_xenalyzeAccounting_isSelectedByTheOption() throws Exception {
        // The trace is primed and closed out (spec 2.4, 2.5), so xenalyze's accounting gives the same 64.5 ms.
        Run r = run("trace", "summary", trace().toString(), "--cpu-hz", "1G", "--json", "--accounting", "xenalyze");
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("xenalyze", root.get("accounting").asText());
        assertEquals(64_500_000L, root.get("domains").get(1).get("vcpus").get(0).get("run_ns").asLong());
    }

    @Test
    void summary_badAccounting_exits2NamingTheOption() throws Exception {
        Run r = run("trace", "summary", trace().toString(), "--accounting", "both");
        assertEquals(2, r.status());
        assertEquals("rtxen: --accounting: 'both' is not whole-trace or xenalyze" + System.lineSeparator(), r.err());
    }

    @Test
    void summary_truncatedTrace_exits2WithOneLine() throws Exception {
        Path whole = trace();
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(bytes, bytes.length - 10));
        Run r = run("trace", "summary", cut.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("rtxen: " + cut + ": truncated: the window at byte "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void summary_notATrace_exits2() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a trace");
        Run r = run("trace", "summary", text.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("not a xentrace file"), r.err());
    }

    @Test
    void summary_missingFile_exits2() {
        Run r = run("trace", "summary", dir.resolve("nope.bin").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().endsWith("nope.bin: no such file" + System.lineSeparator()), r.err());
    }

    @Test
    void summary_badCpuHz_exits2NamingTheOption() throws Exception {
        Run r = run("trace", "summary", trace().toString(), "--cpu-hz", "fast");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("rtxen: --cpu-hz: 'fast' is not a TSC rate"), r.err());
    }

    @Test
    void summary_ofADirectory_isOneLine() {
        Run r = run("trace", "summary", dir.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: " + dir + ": is a directory, not a file", r.err().strip());
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void summary_ofADevice_orAnEmptyName_isOneLine() {
        Run r = run("trace", "summary", "/dev/zero");
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: /dev/zero: is not a regular file (a FIFO, socket or device cannot be read)", r.err().strip());
        r = run("trace", "summary", "");
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: the input file name is empty", r.err().strip());
    }
}
