package org.rtxen.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtxen.engine.Simulation;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.Scenario;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.model.result.VcpuResult;
import org.rtxen.sched.Schedulers;

/**
 * The Perfetto trace: tracks and job slices derived by hand (a budget running out, a destroy, a late start, a run
 * stopped at a destroy or a release), release, deadline and miss instants for every job the run counts, including jobs
 * that never became ready, instants agreeing with the task metrics on every example, VCPU tracks that tile the run and
 * match its accounting with no overlapping pCPU slices, a golden file byte for byte, and microseconds with three exact
 * decimals.
 */
@Timeout(60)
class PerfettoTraceWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode trace(String scenario) throws IOException {
        return JSON.readTree(Runs.run(Runs.scenario(scenario), PerfettoTraceWriter::new).bytes());
    }

    /** Track (pid, tid)'s events but metadata, as "NAME CATEGORY TS_US" and " missed=B" for a job slice. */
    private static List<String> jobEvents(JsonNode trace, int pid, int tid) {
        List<String> events = new ArrayList<>();
        trace.get("traceEvents").forEach(e -> {
            if (e.get("pid").asInt() == pid && e.get("tid").asInt() == tid && !e.get("ph").asText().equals("M")) {
                events.add(e.get("name").asText() + " " + e.get("cat").asText() + " "
                        + e.get("ts").decimalValue().stripTrailingZeros().toPlainString()
                        + (e.has("args") && e.get("args").has("missed") ? " missed=" + e.get("args").get("missed") : ""));
            }
        });
        return events;
    }

    /** The complete ("X") events of one track as "name start-end" in µs, in time order. */
    private static List<String> slices(JsonNode trace, int pid, int tid) {
        List<JsonNode> events = new ArrayList<>();
        trace.get("traceEvents").forEach(e -> {
            if (e.get("ph").asText().equals("X") && e.get("pid").asInt() == pid && e.get("tid").asInt() == tid) {
                events.add(e);
            }
        });
        events.sort(Comparator.comparing(e -> e.get("ts").decimalValue()));
        return events.stream().map(e -> e.get("name").asText() + " " + e.get("ts").decimalValue().stripTrailingZeros()
                .toPlainString() + "-" + e.get("ts").decimalValue().add(e.get("dur").decimalValue())
                .stripTrailingZeros().toPlainString()).toList();
    }

    /**
     * golden/budget.yaml (derived in JobCsvWriterTest): the pCPU runs vm 0-2, slow 2-3 (its budget ends), vm 10-12,
     * vm 20-22, slow 22-23, vm 30-32 ms. slow's VCPU is runnable 0-2 ms behind vm, out of budget 3-20 ms, runnable
     * 20-22 ms (refilled, behind vm's earlier deadline), and out of budget again from 23 ms to the end. Its first job
     * spans 0-23 ms and misses its 20 ms deadline; the second is unfinished at 40 ms.
     */
    @Test
    void budgetScenario_tracksAsDerivedByHand() throws IOException {
        JsonNode trace = trace("golden/budget.yaml");
        assertEquals(1, trace.get("otherData").get("schema_version").asInt());
        assertEquals(List.of("vm v0 0-2000", "slow v0 2000-3000", "vm v0 10000-12000", "vm v0 20000-22000",
                "slow v0 22000-23000", "vm v0 30000-32000"), slices(trace, 1, 0));
        assertEquals(List.of("runnable 0-2000", "running 2000-3000", "out of budget 3000-20000",
                "runnable 20000-22000", "running 22000-23000", "out of budget 23000-40000"), slices(trace, 3, 0));
        assertEquals(List.of("job 0 0-23000", "job 1 (unfinished) 23000-40000"), slices(trace, 3, 1000));
        List<String> instants = new ArrayList<>();
        trace.get("traceEvents").forEach(e -> {
            if (e.get("ph").asText().equals("i") && e.get("pid").asInt() == 3) {
                instants.add(e.get("name").asText() + " " + e.get("ts").decimalValue().stripTrailingZeros().toPlainString());
            }
        });
        assertEquals(List.of("release 0", "deadline 20000", "deadline miss 20000", "release 20000", "deadline 40000"),
                instants);
    }

    /**
     * golden/destroyed.yaml (derived in JobCsvWriterTest): job 0 runs from 0 until the destroy at 1 ms and never
     * completes, so its slice ends there, marked missed, with the miss at the destroy (its deadline, 10 ms, is later).
     */
    @Test
    void destroyedDomain_unfinishedJobEndsAtTheDestroy_missed() throws IOException {
        JsonNode trace = trace("golden/destroyed.yaml");
        assertEquals(List.of("job 0 (unfinished) 0-1000"), slices(trace, 2, 1000));
        assertEquals(List.of("release job 0", "deadline job 10000", "job 0 (unfinished) job,miss 0 missed=true",
                "deadline miss job 1000"), jobEvents(trace, 2, 1000));
    }

    /**
     * golden/destroyed.yaml stopped by an event limit right after the destroy's event at 1 ms, by hand: the run covers
     * [0, 1 ms) (cli.md, "Bounding long work"), so the destroy is past its end, as the summary counts it (job 0
     * released, not missed: its deadline, 10 ms, is after the end). Job 0's slice ends at the end, unfinished and not
     * missed, and there is no deadline miss (the trace used to mark one at the destroy).
     */
    @Test
    void runStoppedAtADestroysInstant_theDestroyIsPastTheEnd_asTheSummaryCountsIt() throws IOException {
        Runs.Output out = Destroys.runStoppedAtTheFirst(Runs.scenario("golden/destroyed.yaml"), PerfettoTraceWriter::new);
        assertEquals(1_000_000, out.result().durationNs());
        JsonNode trace = JSON.readTree(out.bytes());
        assertEquals(List.of("job 0 (unfinished) 0-1000"), slices(trace, 2, 1000));
        assertEquals(List.of("release job 0", "deadline job 10000", "job 0 (unfinished) job 0 missed=false"),
                jobEvents(trace, 2, 1000));
    }

    /**
     * golden/late-start.yaml (derived in JobCsvWriterTest): each job is ready when the one before completes and runs at
     * once, so the slices are the jobs' runs, job 3 from its start at 41 ms (the CSV's start_ns) to the end, unfinished.
     */
    @Test
    void lateStart_jobStillRunningAtTheEnd_isUnfinishedFromItsStart() throws IOException {
        assertEquals(List.of("job 0 5000-17000", "job 1 17000-29000", "job 2 29000-41000", "job 3 (unfinished) 41000-50000"),
                slices(trace("golden/late-start.yaml"), 2, 1000));
    }

    /** The instants ("name job at-µs") of task track {@code tid} of process {@code pid}, in the order written. */
    private static List<String> instants(JsonNode trace, int pid, int tid) {
        List<String> out = new ArrayList<>();
        trace.get("traceEvents").forEach(e -> {
            if (e.get("ph").asText().equals("i") && e.get("pid").asInt() == pid && e.get("tid").asInt() == tid) {
                out.add(e.get("name").asText() + " " + e.get("args").get("job").asLong() + " "
                        + e.get("ts").decimalValue().stripTrailingZeros().toPlainString());
            }
        });
        return out;
    }

    private static final String OVERRUN = """
            duration: 50ms
            host: {pcpus: 1}
            domains:
              - name: a
                rtds: {period: 10ms, budget: 10ms}
                guest:
                  tasks:
                    - {name: t, period: 10ms, wcet: 25ms}
            """;

    /**
     * A task that always overruns (25 ms every 10 ms on a pCPU of its own), by hand: jobs are released at 0, 10, 20,
     * 30 and 40 ms; job 0 runs 0-25 ms (missed at its 10 ms deadline), job 1 from 25 ms to the end at 50 ms (missed at
     * 20 ms); jobs 2-4 never become ready, so they have no slice, but the run counts them released (5) and missed when
     * their deadline is before the end (30 and 40 ms, not 50 ms): 4 misses. Each gets its release, deadline and miss
     * instants, as the CSV has its rows (the trace used to show 2 releases and 2 misses).
     */
    @Test
    void overrunningTask_jobsNeverReady_haveTheirInstants() throws IOException {
        Runs.Output out = Runs.run(ScenarioReader.parse(OVERRUN, "overrun.yaml"), PerfettoTraceWriter::new);
        JsonNode trace = JSON.readTree(out.bytes());
        assertEquals(List.of("job 0 0-25000", "job 1 (unfinished) 25000-50000"), slices(trace, 2, 1000));
        assertEquals(List.of("release 0 0", "deadline 0 10000", "deadline miss 0 10000", "release 1 10000",
                "deadline 1 20000", "deadline miss 1 20000", "release 2 20000", "deadline 2 30000",
                "deadline miss 2 30000", "release 3 30000", "deadline 3 40000", "deadline miss 3 40000",
                "release 4 40000", "deadline 4 50000"), instants(trace, 2, 1000));
        TaskResult t = out.result().domains().get(0).tasks().get(0);
        assertEquals(List.of(5L, 1L, 4L), List.of(t.released(), t.completed(), t.missed()));
    }

    /**
     * The same task destroyed at 45 ms, by hand: job 1's slice ends at the destroy, and jobs 2-4 (released by then)
     * are missed there, each at its deadline or at the destroy if that comes first (job 4's deadline is 50 ms).
     */
    @Test
    void overrunningTask_destroyed_jobsNeverReadyMissedAtTheDestroy() throws IOException {
        String yaml = OVERRUN + "commands:\n  - {at: 45ms, xl: \"destroy a\"}\n";
        Runs.Output out = Runs.run(ScenarioReader.parse(yaml, "overrun-destroyed.yaml"), PerfettoTraceWriter::new);
        JsonNode trace = JSON.readTree(out.bytes());
        assertEquals(List.of("job 0 0-25000", "job 1 (unfinished) 25000-45000"), slices(trace, 2, 1000));
        assertEquals(List.of("release 0 0", "deadline 0 10000", "deadline miss 0 10000", "release 1 10000",
                "deadline 1 20000", "deadline miss 1 20000", "release 2 20000", "deadline 2 30000",
                "deadline miss 2 30000", "release 3 30000", "deadline 3 40000", "deadline miss 3 40000",
                "release 4 40000", "deadline 4 50000", "deadline miss 4 45000"), instants(trace, 2, 1000));
        TaskResult t = out.result().domains().get(0).tasks().get(0);
        assertEquals(List.of(5L, 1L, 5L), List.of(t.released(), t.completed(), t.missed()));
    }

    /**
     * A run stopped after its first event (a limit, as {@code --max-events 1}): that event is the release of job 0 at
     * time 0, and the run covers [0, 0), so it counts no job released; the trace marks none either (it used to write
     * that job's release and deadline as it was released).
     */
    @Test
    void runStoppedAtARelease_marksNoJobItDoesNotCount() throws IOException {
        Scenario s = ScenarioReader.parse(OVERRUN, "overrun.yaml");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimulationResult r = Simulation.of(s, Schedulers.factory()).trace(new PerfettoTraceWriter(out))
                .limit(1, Long.MAX_VALUE).run();
        assertEquals(List.of(true, 0L, 0L), List.of(r.partial(), r.durationNs(), r.domains().get(0).tasks().get(0)
                .released()));
        assertEquals(List.of(), instants(JSON.readTree(out.toByteArray()), 2, 1000));
    }

    /**
     * For every example and JobCsvWriterTest's scenarios, each task track has one release instant per released job
     * and one deadline-miss instant per missed job, as the run's task metrics count them.
     */
    @ParameterizedTest
    @MethodSource("org.rtxen.timeline.JobCsvWriterTest#scenarios")
    void instantsAgreeWithTaskMetrics(String scenario) throws IOException {
        Scenario s = scenario.startsWith("..") ? ScenarioReader.parse(Files.readString(Path.of(scenario)), scenario)
                : Runs.scenario(scenario);
        Runs.Output out = Runs.run(s, PerfettoTraceWriter::new);
        JsonNode trace = JSON.readTree(out.bytes());
        List<DomainResult> domains = out.result().domains();
        for (int d = 0; d < domains.size(); d++) {
            List<TaskResult> tasks = domains.get(d).tasks();
            for (int k = 0; k < tasks.size(); k++) {
                List<String> marks = instants(trace, d + 2, 1000 + k);
                String who = domains.get(d).name() + "/" + tasks.get(k).name();
                assertEquals(tasks.get(k).released(), marks.stream().filter(m -> m.startsWith("release ")).count(),
                        who);
                assertEquals(tasks.get(k).missed(), marks.stream().filter(m -> m.startsWith("deadline miss ")).count(),
                        who);
            }
        }
    }

    /** The whole file, byte for byte, as reviewed once by hand (same scenario and seed give the same bytes). */
    @Test
    void budgetScenario_matchesGoldenFile() {
        assertEquals(Runs.text("golden/budget.trace.json"),
                Runs.run(Runs.scenario("golden/budget.yaml"), PerfettoTraceWriter::new).text());
    }

    /**
     * On a 4-pCPU global scenario with migrations and overheads, every VCPU track tiles [0, duration) with
     * non-overlapping state slices whose running total equals the run's own accounting, and no pCPU track overlaps.
     */
    @Test
    void globalScenario_vcpuTracksTileTheRunAndMatchAccounting() throws IOException {
        Runs.Output out = Runs.run(Runs.scenario("global.yaml"), PerfettoTraceWriter::new);
        JsonNode trace = JSON.readTree(out.bytes());
        Map<String, List<long[]>> tracks = new HashMap<>();
        Map<String, Long> running = new HashMap<>();
        trace.get("traceEvents").forEach(e -> {
            if (!e.get("ph").asText().equals("X") || !e.get("cat").asText().matches("vcpu|pcpu")) return;
            long from = e.get("ts").decimalValue().movePointRight(3).longValueExact();
            long to = from + e.get("dur").decimalValue().movePointRight(3).longValueExact();
            String key = e.get("pid").asInt() + "/" + e.get("tid").asInt();
            tracks.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {from, to});
            if (e.get("name").asText().equals("running")) running.merge(key, to - from, Long::sum);
        });
        long duration = out.result().durationNs();
        for (Map.Entry<String, List<long[]>> t : tracks.entrySet()) {
            List<long[]> s = t.getValue();
            s.sort(Comparator.comparingLong(a -> a[0]));
            for (int i = 1; i < s.size(); i++) assertTrue(s.get(i)[0] >= s.get(i - 1)[1], "overlap on " + t.getKey());
            if (!t.getKey().startsWith("1/")) {
                assertEquals(0, s.get(0)[0], t.getKey());
                assertEquals(duration, s.get(s.size() - 1)[1], t.getKey());
                assertEquals(duration, s.stream().mapToLong(a -> a[1] - a[0]).sum(), t.getKey());
            }
        }
        List<DomainResult> domains = out.result().domains();
        for (int d = 0; d < domains.size(); d++) {
            for (VcpuResult v : domains.get(d).vcpus()) {
                assertEquals(v.runNs(), running.getOrDefault((d + 2) + "/" + v.id(), 0L), domains.get(d).name());
            }
        }
    }

    @Test
    void micros_threeDecimalsExact() {
        assertEquals("0.000", PerfettoTraceWriter.micros(0));
        assertEquals("0.007", PerfettoTraceWriter.micros(7));
        assertEquals("1.050", PerfettoTraceWriter.micros(1050));
        assertEquals("60000000.123", PerfettoTraceWriter.micros(60_000_000_123L));
    }
}
