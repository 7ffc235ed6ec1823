package org.rtxen.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
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
import org.rtxen.sched.Schedulers;

/**
 * The job CSV on hand-derived golden scenarios (a budget running out, a domain destroyed mid-job or at a release, a run
 * stopped at a destroy's instant, a late start, a domain created after the end): one row per released job with its
 * release, start, completion, response, deadline and miss as the run counts them; rows that agree with the run's task
 * metrics and with the Perfetto trace's job slices for every example; and names quoted as RFC 4180 says.
 */
@Timeout(60)
class JobCsvWriterTest {
    /**
     * golden/budget.yaml by hand (RTDS is EDF on the VCPUs' server deadlines, one pCPU):
     * <ul>
     * <li>0 ms: both jobs released; vm (deadline 10 ms) runs first: vm job 0 runs 0-2 ms, response 2 ms;
     * <li>2 ms: slow runs its job 0 (start 2 ms) until its 1 ms budget is gone at 3 ms, then waits out of budget;
     * <li>10 ms: vm job 1 runs 10-12 ms;
     * <li>20 ms: both replenished and released; vm's deadline (30 ms) is earlier than slow's (40 ms): vm job 2 runs
     * 20-22 ms, then slow finishes job 0's last 1 ms at 23 ms, after its 20 ms deadline: response 23 ms, missed;
     * its budget is gone again at 23 ms, so job 1 (ready at 23 ms, deadline 40 ms) never runs;
     * <li>30 ms: vm job 3 runs 30-32 ms;
     * <li>40 ms: the end; slow's job 1 is unfinished, its deadline (40 ms) is not before the end: not missed.
     * </ul>
     */
    @Test
    void budgetScenario_oneRowPerJob_asDerivedByHand() {
        Runs.Output out = Runs.csv(Runs.scenario("golden/budget.yaml"));
        String expected = """
                domain,task,job,release_ns,start_ns,completion_ns,deadline_ns,response_ns,missed
                vm,t,0,0,0,2000000,10000000,2000000,0
                vm,t,1,10000000,10000000,12000000,20000000,2000000,0
                vm,t,2,20000000,20000000,22000000,30000000,2000000,0
                slow,t,0,0,2000000,23000000,20000000,23000000,1
                vm,t,3,30000000,30000000,32000000,40000000,2000000,0
                slow,t,1,20000000,,,40000000,,0
                """;
        assertEquals(expected, out.text());
        assertEquals(expected, Runs.text("golden/budget.jobs.csv"));
    }

    /**
     * golden/destroyed.yaml by hand (one VCPU alone on its pCPU runs whenever it has work; no overheads): job 0 is
     * released at 0 and runs from 0; the destroy at 1 ms stops it with 4 ms left. It never completes, so it is missed
     * at the destroy although its deadline (10 ms) is later; no job is released after the destroy (10, 20, ... ms).
     */
    @Test
    void destroyedDomain_rowsEndAtTheDestroy_andItsUnfinishedJobIsMissed() {
        Runs.Output out = Runs.csv(Runs.scenario("golden/destroyed.yaml"));
        assertEquals("""
                domain,task,job,release_ns,start_ns,completion_ns,deadline_ns,response_ns,missed
                a,t,0,0,0,,10000000,,1
                """, out.text());
    }

    /**
     * golden/destroyed-at-release.yaml by hand: job 0 runs 0-5 ms and completes (response 5 ms, deadline 10 ms met);
     * job 1 is released at 10 ms, the destroy's instant (the release comes first), and never runs: missed.
     */
    @Test
    void destroyedAtARelease_thatJobCounts_andIsMissed() {
        Runs.Output out = Runs.csv(Runs.scenario("golden/destroyed-at-release.yaml"));
        assertEquals("""
                domain,task,job,release_ns,start_ns,completion_ns,deadline_ns,response_ns,missed
                a,t,0,0,0,5000000,10000000,5000000,0
                a,t,1,10000000,,,20000000,,1
                """, out.text());
    }

    /**
     * golden/destroyed.yaml stopped by an event limit right after the destroy's event, at 1 ms, by hand: the results
     * cover [0, 1 ms) (cli.md, "Bounding long work"), so the destroy at 1 ms is past the end and the summary counts job 0
     * (released at 0, running from 0, deadline 10 ms) as unfinished with its deadline after the end: released 1, missed
     * 0. Its row says the same (it used to count the destroy and mark the job missed, unlike the summary).
     */
    @Test
    void runStoppedAtADestroysInstant_theDestroyIsPastTheEnd_asTheSummaryCountsIt() {
        Scenario s = Runs.scenario("golden/destroyed.yaml");
        Runs.Output out = Destroys.runStoppedAtTheFirst(s, Runs::csvWriter);
        assertEquals(1_000_000, out.result().durationNs());
        TaskResult t = out.result().domains().get(0).tasks().get(0);
        assertEquals(List.of(1L, 0L, 0L), List.of(t.released(), t.completed(), t.missed()));
        assertEquals("""
                domain,task,job,release_ns,start_ns,completion_ns,deadline_ns,response_ns,missed
                a,t,0,0,0,,10000000,,0
                """, out.text());
    }

    /**
     * golden/late-start.yaml by hand: the domain is created at 5 ms, so releases are 5 + 10k ms (deadline 10 ms
     * after). Each job runs 12 ms back to back from 5 ms: job 0 5-17 (late), job 1 ready at 17, 17-29 (late), job 2
     * 29-41 (late); job 3 (released 35, deadline 45 ms) runs from 41 ms and is unfinished at 50 ms, missed; job 4,
     * released at 45 ms while job 3 overran, never ran and its deadline (55 ms) is after the end. Job 3 still runs at
     * the end, and its start (41 ms) is there all the same.
     */
    @Test
    void domainStartedLate_releasesCountFromItsStart() {
        Runs.Output out = Runs.csv(Runs.scenario("golden/late-start.yaml"));
        assertEquals("""
                domain,task,job,release_ns,start_ns,completion_ns,deadline_ns,response_ns,missed
                a,t,0,5000000,5000000,17000000,15000000,12000000,1
                a,t,1,15000000,17000000,29000000,25000000,14000000,1
                a,t,2,25000000,29000000,41000000,35000000,16000000,1
                a,t,3,35000000,41000000,,45000000,,1
                a,t,4,45000000,,,55000000,,0
                """, out.text());
    }

    /**
     * golden/never-created.yaml by hand: domain a's jobs are released at 0, 10, 20, 30 and 40 ms and each runs 1 ms at
     * once; domain never is created at 60 ms, after the 50 ms run, so it releases nothing: no row, and its task counts
     * 0 released and 0 missed (the count used to run from time 0: 5 released and 4 missed, with no row).
     */
    @Test
    void domainCreatedAfterTheEnd_releasesNothing() {
        Runs.Output out = Runs.csv(Runs.scenario("golden/never-created.yaml"));
        assertEquals("""
                domain,task,job,release_ns,start_ns,completion_ns,deadline_ns,response_ns,missed
                a,t,0,0,0,1000000,10000000,1000000,0
                a,t,1,10000000,10000000,11000000,20000000,1000000,0
                a,t,2,20000000,20000000,21000000,30000000,1000000,0
                a,t,3,30000000,30000000,31000000,40000000,1000000,0
                a,t,4,40000000,40000000,41000000,50000000,1000000,0
                """, out.text());
        TaskResult never = out.result().domains().get(1).tasks().get(0);
        assertEquals(List.of(0L, 0L, 0L), List.of(never.released(), never.completed(), never.missed()));
    }

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            List<String> examples = files.map(Path::toString).filter(f -> f.endsWith(".yaml")).sorted().toList();
            return Stream.concat(examples.stream(), Stream.of("golden/destroyed.yaml", "golden/destroyed-at-release.yaml",
                    "golden/late-start.yaml", "golden/never-created.yaml", "global.yaml"));
        }
    }

    /**
     * The CSV agrees with the run's own metrics for every example and the scenarios above: per task, one row per
     * released job, one completed row per completion, one missed row per miss, response = completion - release.
     */
    @ParameterizedTest
    @MethodSource("scenarios")
    void rowsAgreeWithTaskMetrics(String scenario) throws IOException {
        Scenario s = scenario.startsWith("..") ? ScenarioReader.parse(Files.readString(Path.of(scenario)), scenario)
                : Runs.scenario(scenario);
        Runs.Output out = Runs.csv(s);
        List<String[]> rows = JobRows.parse(out.text());
        long total = 0;
        for (DomainResult d : out.result().domains()) {
            for (TaskResult t : d.tasks()) {
                String who = d.name() + "/" + t.name();
                List<String[]> mine = rows.stream().filter(r -> r[0].equals(d.name()) && r[1].equals(t.name())).toList();
                total += mine.size();
                assertEquals(t.released(), mine.size(), who + " released");
                assertEquals(t.completed(), mine.stream().filter(r -> !r[5].isEmpty()).count(), who + " completed");
                assertEquals(t.missed(), mine.stream().filter(r -> r[8].equals("1")).count(), who + " missed");
                for (String[] r : mine) {
                    if (r[5].isEmpty()) continue;
                    assertEquals(Long.parseLong(r[5]) - Long.parseLong(r[3]), Long.parseLong(r[7]));
                }
            }
        }
        assertEquals(rows.size(), total, "rows of no task");
    }

    /**
     * The CSV and the Perfetto trace of one run tell the same story for every example and the scenarios above: each
     * job slice of the trace is the CSV row of that job (release, deadline, missed; completed at the slice's end, or
     * "(unfinished)" with an empty completion), a started job's start lies within its slice, and every job that
     * started or completed has a slice.
     */
    @ParameterizedTest
    @MethodSource("scenarios")
    void rowsAgreeWithTheTracesJobSlices(String scenario) throws IOException {
        Scenario s = scenario.startsWith("..") ? ScenarioReader.parse(Files.readString(Path.of(scenario)), scenario)
                : Runs.scenario(scenario);
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        SimulationResult result = Simulation.of(s, Schedulers.factory())
                .trace(TraceSinks.of(List.of(Runs.csvWriter(csv), new PerfettoTraceWriter(json)))).run();
        Map<String, String[]> rows = new HashMap<>();
        JobRows.parse(csv.toString(StandardCharsets.UTF_8)).forEach(r -> rows.put(r[0] + "/" + r[1] + "/" + r[2], r));
        Set<String> sliced = new HashSet<>();
        for (JsonNode e : new ObjectMapper().readTree(json.toByteArray()).get("traceEvents")) {
            if (!e.get("ph").asText().equals("X") || e.get("tid").asInt() < PerfettoTraceWriter.TASK_TID_BASE) continue;
            DomainResult d = result.domains().get(e.get("pid").asInt() - 2);
            JsonNode args = e.get("args");
            String key = d.name() + "/" + d.tasks().get(e.get("tid").asInt() - PerfettoTraceWriter.TASK_TID_BASE).name()
                    + "/" + args.get("job").asLong();
            String[] row = rows.get(key);
            assertNotNull(row, key + ": a slice without a row");
            sliced.add(key);
            long from = nanos(e.get("ts"));
            long to = from + nanos(e.get("dur"));
            assertEquals(row[3], args.get("release_ns").asText(), key);
            assertEquals(row[6], args.get("deadline_ns").asText(), key);
            assertEquals(row[8].equals("1"), args.get("missed").asBoolean(), key);
            assertEquals(row[5].isEmpty(), e.get("name").asText().endsWith(" (unfinished)"), key);
            if (!row[5].isEmpty()) assertEquals(Long.parseLong(row[5]), to, key);
            if (!row[4].isEmpty()) {
                long start = Long.parseLong(row[4]);
                assertTrue(from <= start && start < to, key + ": start " + start + " outside " + from + "-" + to);
            }
        }
        for (Map.Entry<String, String[]> r : rows.entrySet()) {
            if (!r.getValue()[4].isEmpty() || !r.getValue()[5].isEmpty()) {
                assertTrue(sliced.contains(r.getKey()), r.getKey() + ": started, but no slice");
            }
        }
    }

    /** A trace time, microseconds with three decimals, in nanoseconds. */
    private static long nanos(JsonNode micros) {
        return micros.decimalValue().movePointRight(3).longValueExact();
    }

    @Test
    void csvField_quotesCommasQuotesAndLineBreaks() {
        assertEquals("plain", Csv.field("plain"));
        assertEquals("\"a,b\"", Csv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"a\nb\"", Csv.field("a\nb"));
        assertEquals("\"a\rb\"", Csv.field("a\rb"));
    }

    /**
     * golden/quoted-names.yaml by hand (one VCPU alone on its pCPU, no overheads; FP with equal periods runs the tasks
     * in their order): "t,1" runs 0-1 and 10-11 ms, "cr\rhere" 1-3 and 11-13 ms. Each name is quoted as RFC 4180 says
     * (outputs.md), the quotes inside doubled and the line breaks kept, so a CSV parser gives every name back.
     */
    @Test
    void namesWithCommasQuotesAndLineBreaks_quoted_andReadBackByACsvParser() {
        Runs.Output out = Runs.csv(Runs.scenario("golden/quoted-names.yaml"));
        String domain = "\"vm, \"\"one\"\"\ntwo\"";
        assertEquals(JobCsvWriter.HEADER + "\n"
                + domain + ",\"t,1\",0,0,0,1000000,10000000,1000000,0\n"
                + domain + ",\"cr\rhere\",0,0,1000000,3000000,10000000,3000000,0\n"
                + domain + ",\"t,1\",1,10000000,10000000,11000000,20000000,1000000,0\n"
                + domain + ",\"cr\rhere\",1,10000000,11000000,13000000,20000000,3000000,0\n", out.text());
        List<String[]> rows = JobRows.parse(out.text());
        assertEquals(List.of("vm, \"one\"\ntwo", "t,1", "cr\rhere"),
                List.of(rows.get(0)[JobRows.DOMAIN], rows.get(0)[JobRows.TASK], rows.get(1)[JobRows.TASK]));
    }
}
