package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.cli.SimulateCommandTest.Run;
import org.rtxen.io.OutputFile;
import picocli.CommandLine;

/** --max-events and --timeout (exit status 3, partial results marked), and inputs that used to hang or be refused. */
class WorkLimitsTest {
    private static final String RTDS = """
            duration: 1s
            host: {pcpus: 1}
            domains:
              - name: vm
                rtds: {period: 10ms, budget: 4ms}
                guest: {tasks: [{name: t, period: 10ms, wcet: 2ms}]}
            """;

    /**
     * An RTDS pool and an ARINC653 pool with three domains (the shape that did not finish in 60 s). part1 owns the
     * slot [0, 10ms) of a 30 ms frame: from the slot's end a window gets nothing for 20 ms, so sbf(t) = t − 20ms
     * up to 10 ms per frame; its EDF task (30ms, 10ms) has U = 1/3 = the slots' rate and dbf(30k ms) = 10k ms =
     * sbf(30k ms): every deadline is guaranteed.
     */
    private static final String MIXED = """
            duration: 1s
            host: {pcpus: 3}
            pools:
              - {name: Pool-0, scheduler: rtds, pcpus: [0, 1]}
              - name: a653
                scheduler: arinc653
                pcpus: [2]
                arinc653:
                  major_frame: 30ms
                  slots:
                    - {domain: part1, runtime: 10ms}
                    - {domain: part2, runtime: 15ms}
            domains:
              - name: vm1
                pool: Pool-0
                rtds: {period: 10ms, budget: 5ms}
                guest: {tasks: [{name: a, period: 40ms, wcet: 12ms}, {name: b, period: 50ms, wcet: 15ms}]}
              - name: part1
                pool: a653
                guest: {scheduler: edf, tasks: [{name: nav, period: 30ms, wcet: 10ms}]}
              - name: part2
                pool: a653
                guest: {tasks: [{name: display, period: 30ms, wcet: 12ms}, {name: io, period: 60ms, wcet: 2ms}]}
            """;

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    @Timeout(60)
    void simulate_maxEvents_stopsThereWithPartialResultsAndExit3() throws IOException {
        Path f = file("s.yaml", RTDS);
        Run text = SimulateCommandTest.rtxen("simulate", f.toString(), "--max-events", "100");
        assertEquals(Main.EXIT_STOPPED, text.status());
        assertTrue(text.out().contains("(partial: stopped by max-events)"), text.out());
        assertTrue(text.err().startsWith("rtxen: stopped by --max-events 100 after 100 events at "), text.err());
        assertEquals(1, text.err().strip().lines().count());

        Run json = SimulateCommandTest.rtxen("simulate", f.toString(), "--max-events", "100", "--json");
        assertEquals(Main.EXIT_STOPPED, json.status());
        JsonNode r = new ObjectMapper().readTree(json.out());
        // The first check point is at min(CHECK_EVERY, N) = 100 events: exactly 100 ran.
        assertEquals(100, r.get("events").asLong());
        assertTrue(r.get("partial").asBoolean());
        assertEquals("max-events", r.get("stopped_by").asText());
        long span = r.get("duration_ns").asLong();
        assertTrue(span > 0 && span < 1_000_000_000L, "reached " + span);
        // The run states of the VCPU still add up to the (partial) span.
        JsonNode v = r.get("domains").get(0).get("vcpus").get(0);
        assertEquals(span, v.get("run_ns").asLong() + v.get("runnable_ns").asLong() + v.get("blocked_ns").asLong()
                + v.get("offline_ns").asLong());
    }

    @Test
    void timeoutWithoutUnit_isBadInput() throws IOException {
        Run r = SimulateCommandTest.rtxen("simulate", file("s.yaml", RTDS).toString(), "--timeout", "30");
        assertEquals(2, r.status());
        assertEquals("rtxen: --timeout: '30' needs a unit, e.g. 30s or 500ms", r.err().strip());
    }

    @Test
    @Timeout(60)
    void simulate_withoutLimits_isCompleteAndUnmarked() throws IOException {
        Run r = SimulateCommandTest.rtxen("simulate", file("s.yaml", RTDS).toString(), "--json");
        assertEquals(0, r.status());
        assertTrue(!r.out().contains("partial"), r.out());
    }

    @Test
    @Timeout(60)
    void analyze_timeoutReached_exit3WithOneLineAndNoOutput() throws IOException {
        // 1 ns of wall-clock time ends before the file is even read.
        Path f = file("set.yaml", "tasks:\n  - {period: 10, wcet: 5}\n");
        Run r = SimulateCommandTest.rtxen("analyze", f.toString(), "--timeout", "1ns");
        assertEquals(Main.EXIT_STOPPED, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("rtxen: stopped by --timeout 1ns"), r.err());
    }

    @Test
    @Timeout(60)
    void plan_rtdsAndArinc653PoolsWithThreeDomains_finishesAndGuaranteesTheSlotPartition() throws IOException {
        Run r = SimulateCommandTest.rtxen("plan", file("mixed.yaml", MIXED).toString(), "--timeout", "50s");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("part1 (pool a653): every deadline guaranteed"), r.out());
    }

    @Test
    @Timeout(120)
    void scenarioAboveSnakeYamlsDefault3MiB_isRead() throws IOException {
        // 3.5 MiB of comment, below the 16 MiB input limit: SnakeYAML's default limit called this a syntax error.
        Path f = file("big.yaml", "#" + "x".repeat(7 << 19) + "\n" + RTDS);
        Run r = SimulateCommandTest.rtxen("simulate", f.toString(), "--duration", "10ms");
        assertEquals(0, r.status(), r.err());
    }

    /**
     * A report whose plan takes minutes: 800 fixed-priority tasks, each of the 400 with a period near 19 s checks about
     * 400 × 1,900 test points against every higher-priority task. {@code --timeout} used to bound only the simulation,
     * so the command ran on for minutes; now it bounds the planning too: the page is written without the plan (its
     * verdict says why), one line on standard error, exit status 3.
     */
    @Test
    @Timeout(60)
    void report_timeoutReachedWhilePlanning_writesThePageWithoutThePlanAndExits3() throws IOException {
        StringBuilder yaml = new StringBuilder("""
                duration: 1ms
                host: {pcpus: 1}
                domains:
                  - name: a
                    rtds: {period: 1ms, budget: 500us}
                    guest:
                      tasks:
                """);
        for (int i = 0; i < 400; i++) {
            yaml.append("        - {name: h").append(i).append(", period: ").append(10_000 + i).append("us, wcet: 1ns}\n")
                    .append("        - {name: l").append(i).append(", period: ").append(19_000 + i).append("ms, wcet: 1ns}\n");
        }
        Path page = dir.resolve("r.html");
        Path scenario = file("slow.yaml", yaml.toString());
        Run r = SimulateCommandTest.rtxen("report", scenario.toString(), "-o", page.toString(), "--timeout", "3s");
        assertEquals(Main.EXIT_STOPPED, r.status(), r.err());
        assertEquals("rtxen: stopped by --timeout 3s while planning; the report was written without the plan",
                r.err().strip());
        String html = Files.readString(page);
        assertTrue(html.contains("Plan: not computed: --timeout 3s stopped the planning"), "plan verdict");
        assertTrue(html.contains("Simulation: all 800 tasks met every deadline in 1.000ms"), "simulation verdict");
    }

    /**
     * {@code analyze --carts-xml out.xml --timeout}, whose time ran out while its worker put the file in place (or
     * printed its result after that): the command said "no result" and exited 3, yet the file was written. The
     * timeout now waits for a work that began to commit: the file is written and the command reports its result.
     * (The work sleeps well past the timeout after the commit, taking no notice of the interrupt that used to stop it.)
     */
    @Test
    @Timeout(60)
    void aTimeoutWhileTheWorkCommits_waitsForIt_andTheCommandReportsItsResult() throws IOException {
        Path file = dir.resolve("out.xml");
        OutputFile xml = OutputFile.claim(file, "--carts-xml", List.of(), List.of());
        Files.writeString(xml.partial(), "new");
        WorkLimits limits = timeout("100ms");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = limits.call(printed -> {
            limits.commit(List.of(xml));
            sleepIgnoringInterrupts(TimeUnit.SECONDS.toNanos(1));
            printed.print("the result");
            return 0;
        }, "analysing in.xml", new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, status, err.toString());
        assertEquals("", err.toString());
        assertEquals("the result", out.toString());
        assertEquals("new", Files.readString(file));
    }

    /**
     * The other side of that race: a timeout just before the work commits (here, once it has interrupted the work)
     * stopped the command with "no result" while the worker, which did not look at the interrupt, went on and wrote the
     * file. The commit is now refused: the file stays as it was and no hidden file is left.
     */
    @Test
    @Timeout(60)
    void aTimeoutBeforeTheWorkCommits_stopsIt_andNothingIsWritten() throws IOException {
        Path file = Files.writeString(dir.resolve("out.xml"), "old");
        WorkLimits limits = timeout("100ms");
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        int status = limits.call(printed -> {
            try (OutputFile xml = OutputFile.claim(file, "--carts-xml", List.of(), List.of())) {
                Files.writeString(xml.partial(), "new");
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException stopped) {
                    // the timeout's stop, which the work does not look at
                }
                limits.commit(List.of(xml));
            }
            printed.print("the result");
            return 0;
        }, "analysing in.xml", new PrintWriter(out), new PrintWriter(err));
        assertEquals(Main.EXIT_STOPPED, status);
        assertEquals("rtxen: stopped by --timeout 100ms (100.000ms of wall-clock time) while analysing in.xml; no result",
                err.toString().strip());
        assertEquals("", out.toString());
        assertEquals("old", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    /**
     * {@code simulate} opens its output files on a worker, so that --timeout can stop a FIFO's wait for its reader. An
     * open that ended just as the time ran out was dropped: its files stayed open and their hidden partial files stayed
     * beside the user's until the JVM's exit. Here the opener ends only once the timeout has stopped it (it takes no
     * notice of the interrupt): what it opened is closed and every hidden file removed before {@code open} returns.
     */
    @Test
    @Timeout(60)
    void anOpenThatEndsAsTheTimeoutStopsIt_isClosed_andLeavesNoHiddenFile() throws IOException {
        Path scenario = file("s.yaml", RTDS);
        Path trace = file("t.json", "KEEP");
        Path jobs = dir.resolve("j.csv");
        SimulationLimits limits = new SimulationLimits();
        new CommandLine(limits).parseArgs("--timeout", "100ms");
        List<CloseRecorder> streams = new CopyOnWriteArrayList<>();
        StringWriter err = new StringWriter();
        PrintWriter errors = new PrintWriter(err);
        Optional<TimelineFiles> opened = limits.open(open -> {
            TimelineFiles files = TimelineFiles.open(scenario, trace, jobs, null, file -> {
                CloseRecorder stream = new CloseRecorder(open.apply(file));
                streams.add(stream);
                return stream;
            });
            sleepUntilInterrupted(); // the files are open; the timeout's stop comes now
            return files;
        }, TimelineFiles::discard, limits.progress(errors), errors);
        assertTrue(opened.isEmpty());
        assertEquals("rtxen: stopped by --timeout 100ms (100.000ms of wall-clock time) while opening the output files;"
                + " no result", err.toString().strip());
        assertEquals(2, streams.size());
        for (CloseRecorder stream : streams) assertTrue(stream.closed, "an opened file was left open");
        assertEquals("KEEP", Files.readString(trace));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(scenario, trace), files.sorted().toList());
        }
    }

    /**
     * The bound every such open goes through ({@code report}'s page, {@code sweep}'s exports into a FIFO): a result
     * the work has only after the stop is given to the discard, on the worker, before {@code within} returns.
     */
    @Test
    @Timeout(60)
    void within_aResultThatComesAfterTheStop_isDiscardedBeforeItReturns() {
        List<String> discarded = new CopyOnWriteArrayList<>();
        Optional<String> result = WorkLimits.within(TimeUnit.MILLISECONDS.toNanos(100), () -> {
            sleepUntilInterrupted();
            return "opened";
        }, discarded::add);
        assertEquals(Optional.empty(), result);
        assertEquals(List.of("opened"), discarded);
    }

    /** An output stream that records whether it was closed. */
    private static final class CloseRecorder extends FilterOutputStream {
        volatile boolean closed;

        CloseRecorder(OutputStream out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    /** Sleeps until the thread is interrupted, as the timeout's stop does. */
    private static void sleepUntilInterrupted() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException stopped) {
            // the work ends all the same, with what it has
        }
    }

    /** The limits of a command given {@code --timeout duration}. */
    private static WorkLimits timeout(String duration) {
        WorkLimits limits = new WorkLimits();
        new CommandLine(limits).parseArgs("--timeout", duration);
        return limits;
    }

    /** Sleeps {@code ns}, however often the thread is interrupted meanwhile. */
    private static void sleepIgnoringInterrupts(long ns) {
        long until = System.nanoTime() + ns;
        for (long left = ns; left > 0; left = until - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                // the timeout's stop, which this work does not look at
            }
        }
    }
}
