package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate}'s verdict line and its timeline files (--trace, --jobs, --xentrace). */
@Timeout(60)
class SimulateOutputsTest {
    /**
     * One pCPU, RTDS without extratime. ok's server (4 ms / 10 ms) covers its 2 ms job every 10 ms; late's server
     * (1 ms / 10 ms) gets 1 ms per 10 ms for a 2 ms job: job 0 completes at 13 ms (after ok's 10-12 ms), late; job 1
     * (ready at 13 ms) has had 1 ms by 30 ms, unfinished past its 20 ms deadline; job 2 (released at 20 ms) never
     * became ready: 2 of its 3 released jobs missed.
     */
    static final String SCENARIO = """
            duration: 30ms
            host: {pcpus: 1}
            pools: [{name: Pool-0, scheduler: rtds, pcpus: [0]}]
            domains:
              - name: ok
                rtds: {period: 10ms, budget: 4ms, extratime: false}
                guest: {tasks: [{name: a, period: 10ms, wcet: 2ms}]}
              - name: late
                rtds: {period: 10ms, budget: 1ms, extratime: false}
                guest: {tasks: [{name: b, period: 10ms, wcet: 2ms}]}
            """;

    @TempDir
    Path dir;

    @Test
    void simulate_endsWithVerdictNamingEveryTaskThatMissed() throws IOException {
        Path f = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", f.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("1 of 2 tasks missed in 30.000ms: late/b (2 of 3 jobs)", lines.get(lines.size() - 1));
    }

    @Test
    void simulate_noMiss_verdictSaysAllMet() throws IOException {
        Path f = Files.writeString(dir.resolve("s.yaml"), SCENARIO.replace("budget: 1ms", "budget: 3ms"));
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", f.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("all 2 tasks met every deadline in 30.000ms", lines.get(lines.size() - 1));
    }

    @Test
    void simulate_timelineOptions_writeAllThreeFiles() throws IOException {
        Path f = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        Path trace = dir.resolve("t.json");
        Path jobs = dir.resolve("j.csv");
        Path xen = dir.resolve("x.bin");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", f.toString(), "--trace", trace.toString(),
                "--jobs", jobs.toString(), "--xentrace", xen.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(trace).startsWith("{\"displayTimeUnit\":\"ns\""));
        // Header, 3 completed jobs of a, b's 3 released jobs (one completed).
        assertEquals(7, Files.readAllLines(jobs).size());
        assertEquals(0x03, Files.readAllBytes(xen)[0]); // the first cpu_change header word, 0x2001f003, little-endian
    }

    /**
     * Golden: a simulated run written with --xentrace and read back by {@code trace summary --json}. One pCPU, one
     * VCPU with a 2 ms job every 10 ms over 20 ms: running 0-2 and 10-12 ms (4 ms, 2 run intervals), blocked the
     * other 16 ms, never runnable (each wake is dispatched at once, a zero-length wait that counts no interval);
     * the pCPU is busy 4 ms and idle 16 ms; 25 records (3 at the start, 10 per job, 2 at the end: rtxen-timeline's
     * XentraceWriterTest lists them).
     */
    @Test
    void simulateXentrace_readBackAsJson_matchesGolden() throws IOException {
        Path f = Files.writeString(dir.resolve("tiny.yaml"), """
                duration: 20ms
                seed: 1
                host: {pcpus: 1}
                pools: [{name: Pool-0, scheduler: rtds, pcpus: [0]}]
                domains:
                  - name: vm
                    rtds: {period: 10ms, budget: 4ms, extratime: false}
                    guest: {tasks: [{name: t, period: 10ms, wcet: 2ms}]}
                """);
        Path xen = dir.resolve("tiny.xentrace");
        assertEquals(0, SimulateCommandTest.rtxen("simulate", f.toString(), "--xentrace", xen.toString()).status());
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("trace", "summary", xen.toString(), "--cpu-hz", "1G",
                "--json");
        assertEquals(0, r.status(), r.err());
        String golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/tiny-trace-summary.json")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(golden, r.out().replace(xen.toString(), "TRACE").replace(System.lineSeparator(), "\n"));
    }

    @Test
    void simulate_unwritableTraceFile_exit2WithOneLine() throws IOException {
        Path f = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        Path bad = dir.resolve("no/such/dir/t.json");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", f.toString(), "--trace", bad.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("rtxen: " + bad + ": --trace: cannot write: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void simulate_anOutputNamingTheScenario_isRefused_andTheScenarioKept() throws IOException {
        Path f = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        for (String option : List.of("--trace", "--jobs", "--xentrace")) {
            SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", f.toString(), option, f.toString());
            assertEquals(2, r.status(), r.err());
            assertEquals("rtxen: " + f + ": " + option + ": is the input file " + f + "; writing it would destroy it",
                    r.err().strip());
            assertEquals(SCENARIO, Files.readString(f));
        }
    }

    @Test
    void simulate_twoOutputsNamingOneFile_areRefused() throws IOException {
        Path f = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        Path out = dir.resolve("o");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", f.toString(), "--trace", out.toString(),
                "--jobs", out.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: " + out + ": --jobs: is also the file of --trace", r.err().strip());
        assertEquals(false, Files.exists(out));
    }

    @Test
    void simulate_anExistingFile_isKept_whenAnotherOutputCannotBeWritten() throws IOException {
        Path f = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        Path kept = Files.writeString(dir.resolve("k.json"), "KEEP");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", f.toString(), "--trace", kept.toString(),
                "--jobs", dir.resolve("no/j.csv").toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("KEEP", Files.readString(kept));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count()); // no hidden partial file left beside
        }
    }

    /** The trace fails on a full disk while the run writes it: the message names --trace, the jobs file stays as it was. */
    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void simulate_aWriteFailingDuringTheRun_namesItsOption_andReplacesNoFile() throws IOException {
        Path f = Files.writeString(dir.resolve("s.yaml"), SCENARIO.replace("30ms", "3s"));
        Path jobs = Files.writeString(dir.resolve("j.csv"), "KEEP");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", f.toString(), "--jobs", jobs.toString(),
                "--trace", "/dev/full");
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: /dev/full: --trace: cannot write: No space left on device", r.err().strip());
        assertEquals("KEEP", Files.readString(jobs));
    }

    /**
     * The report's task table groups counts by thousands as simulate's text table and the verdict above it do: a 100 us
     * job every 1 ms for 1 s, alone on a pCPU, releases and completes 1,000 jobs and misses none.
     */
    @Test
    void report_taskCounts_groupedAsInTheTextTable() throws IOException {
        Path f = Files.writeString(dir.resolve("k.yaml"), """
                duration: 1s
                host: {pcpus: 1}
                domains:
                  - name: vm
                    guest: {tasks: [{name: t, period: 1ms, wcet: 100us}]}
                """);
        Path page = dir.resolve("k.html");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("report", f.toString(), "-o", page.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(page).contains("<td>vm</td><td>t</td><td>1,000</td><td>1,000</td><td>0</td>"));
        String text = SimulateCommandTest.rtxen("simulate", f.toString()).out();
        assertTrue(text.lines().map(l -> List.of(l.trim().split(" +")))
                .anyMatch(c -> c.size() > 5 && c.subList(0, 5).equals(List.of("vm", "t", "1,000", "1,000", "0"))), text);
    }

    @Test
    void report_anOutputNamingTheScenario_isRefused_andTheScenarioKept() throws IOException {
        Path f = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("report", f.toString(), "-o", f.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: " + f + ": --output: is the input file " + f + "; writing it would destroy it",
                r.err().strip());
        assertEquals(SCENARIO, Files.readString(f));
    }

    /**
     * A value with a newline stays on one line in picocli's message; a --verify count below 0 or above
     * {@link PlanVerifier#MAX_PHASINGS} is refused (2147483647 was taken: two billion simulations, and a run count of
     * 1 + N that overflowed).
     */
    @Test
    void optionValues_withANewline_orOutOfRange_areOneLine() throws IOException {
        Path f = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", f.toString(), "--seed", "1\n2");
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("'1\\n2'"), r.err());
        r = SimulateCommandTest.rtxen("plan", f.toString(), "--verify=-1");
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: --verify: must be from 0 to 10000, not -1", r.err().strip());
        for (String count : List.of("10001", "2147483647")) {
            r = SimulateCommandTest.rtxen("plan", f.toString(), "--verify", count);
            assertEquals(2, r.status(), r.err());
            assertEquals("rtxen: --verify: must be from 0 to 10000, not " + count, r.err().strip());
            assertEquals("", r.out());
        }
        r = SimulateCommandTest.rtxen("simulate", "");
        assertEquals("rtxen: the input file name is empty", r.err().strip());
    }

    /**
     * A domain created at 5 ms of a 10 ms run, another after the end: the xentrace file (once a NullPointerException:
     * their VCPUs had no pCPU yet) reads back with a's VCPU offline 5 ms then blocked 5 ms, as the simulation says,
     * and b absent, as in Xen, where it does not exist yet.
     */
    @Test
    void simulateXentrace_ofDomainsCreatedLate_readsBackAsSimulated() throws IOException {
        Path f = Files.writeString(dir.resolve("late.yaml"), """
                duration: 10ms
                host: {pcpus: 1}
                domains:
                  - {name: a, start: 5ms}
                  - {name: b, start: 20ms}
                """);
        Path xen = dir.resolve("late.xentrace");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", f.toString(), "--xentrace", xen.toString());
        assertEquals(0, r.status(), r.err());
        r = SimulateCommandTest.rtxen("trace", "summary", xen.toString(), "--cpu-hz", "1G", "--json");
        assertEquals(0, r.status(), r.err());
        com.fasterxml.jackson.databind.JsonNode domains = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.out()).get("domains");
        assertEquals(1, domains.size());
        com.fasterxml.jackson.databind.JsonNode vcpu = domains.get(0).get("vcpus").get(0);
        assertEquals(5_000_000, vcpu.get("offline_ns").asLong());
        assertEquals(5_000_000, vcpu.get("blocked_ns").asLong());
    }

    /** The report's timeline stops growing at its cap (it once filled 4.5 GB before its size was checked). */
    @Test
    void reportTrace_pastItsCap_failsAtTheWriteThatPassesIt() throws IOException {
        ReportCommand.CappedTrace trace = new ReportCommand.CappedTrace(10);
        trace.write(new byte[8], 0, 8);
        trace.write(1);
        trace.write(2);
        java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
                () -> trace.write(3));
        assertTrue(e.getCause() instanceof ReportCommand.CappedTrace.Full);
        org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
                () -> trace.write(new byte[1], 0, 1));
        assertEquals(10, trace.size());
    }

    /** A pCPU in no pool stays unused: the trace names it so instead of failing (it once threw a NullPointerException). */
    @Test
    void simulateTrace_withAPcpuInNoPool_namesIt() throws IOException {
        Path f = Files.writeString(dir.resolve("np.yaml"), """
                duration: 10ms
                host: {pcpus: 2}
                pools: [{name: P, scheduler: rtds, pcpus: [0]}]
                domains: [{name: a}]
                """);
        Path trace = dir.resolve("t.json");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", f.toString(), "--trace", trace.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(trace).contains("\"pCPU 1 (no pool)\""));
    }

    /**
     * {@code --jobs /dev/stdout}: the rows go where standard output goes, before the summary. Standard output a pipe
     * ({@code | grep}), the link's target {@code pipe:[N]} is no path and the command said "cannot write: no such
     * directory" (exit 2); a file ({@code > out.txt}), it was replaced by a rename after the run and the summary,
     * printed after that, was lost with the old file; opened again through the name, the summary would be written
     * over the rows (two descriptors, two offsets). A real child process, since only it has a standard output of its own.
     */
    @Test
    void jobsToDevStdout_givesTheRowsThenTheSummary_toAPipeAndToAFile() throws IOException, InterruptedException {
        Path f = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        Path file = dir.resolve("out.txt");
        for (boolean toFile : new boolean[] {false, true}) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder b = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "simulate", f.toString(), "--jobs", "/dev/stdout");
            if (toFile) b.redirectOutput(file.toFile());
            Process child = b.redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out;
            try (InputStream s = child.getInputStream()) {
                out = new String(s.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertEquals(0, child.waitFor(), "exit status, standard output to a " + (toFile ? "file" : "pipe"));
            if (toFile) out = Files.readString(file);
            List<String> lines = out.lines().toList();
            assertEquals("domain,task,job,release_ns,start_ns,completion_ns,deadline_ns,response_ns,missed", lines.get(0));
            assertEquals(6, lines.stream().filter(l -> l.matches("(ok,a|late,b),.*")).count(), out);
            assertEquals("1 of 2 tasks missed in 30.000ms: late/b (2 of 3 jobs)", lines.get(lines.size() - 1));
        }
    }

    /**
     * {@code simulate --trace /dev/stdout | head -c 10}: the reader stops after 10 bytes, and the command ends as it does
     * when its own printing meets the closed pipe: exit 0, nothing on standard error. It exited 2 with "cannot write:
     * Broken pipe". A real child process, whose standard output is a pipe this test closes.
     */
    @Test
    void traceToDevStdout_whoseReaderStopsEarly_endsQuietly() throws IOException, InterruptedException {
        Path f = Files.writeString(dir.resolve("s.yaml"), SCENARIO.replace("duration: 30ms", "duration: 10s"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "simulate", f.toString(), "--trace", "/dev/stdout").start();
        try (InputStream s = child.getInputStream()) {
            assertEquals(10, s.readNBytes(10).length);
        }
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), err);
        assertEquals("", err);
    }

    /**
     * xentrace files hold pCPUs 0..255 (xenalyze's MAX_CPUS, spec xentrace.md 1.3): a 257-pCPU host's --xentrace file
     * was written and then refused by rtxen trace summary ("pCPU 256 is out of range (0-255)") and by xenalyze. It is
     * refused before the run, naming the option, and nothing is written.
     */
    @Test
    void xentrace_ofAHostOfMoreThan256Pcpus_isRefusedBeforeTheRun() throws IOException {
        Path f = Files.writeString(dir.resolve("s.yaml"), SCENARIO.replace("pcpus: 1}", "pcpus: 257}"));
        Path x = dir.resolve("run.xentrace");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", f.toString(), "--xentrace", x.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: " + x + ": --xentrace: the host has 257 pCPUs, and a xentrace file holds pCPUs 0..255 only"
                + " (xenalyze's MAX_CPUS, spec xentrace.md 1.3)", r.err().strip());
        assertEquals("", r.out());
        assertTrue(Files.notExists(x));
    }
}
