package org.rtxen.timeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtxen.io.ScenarioWriter;
import org.rtxen.model.Scenario;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.PcpuResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.model.result.VcpuResult;
import org.rtxen.sched.Schedulers;

/**
 * The Perfetto trace against the simulation's own result on random scenarios of every policy, each run whole and
 * stopped by an event limit at a random event: each VCPU track's
 * slices add up to its time in each state, each pCPU track's to its busy time, no two slices of one track overlap,
 * and each task track has one release, one completed job and one deadline miss per job the result counts. The default
 * build runs {@value #CI_SCENARIOS} seeds per policy, each seed's fine and aligned scenario ({@link CampaignScenario});
 * {@code -Drtxen.perfetto.scenarios=N} runs more.
 */
class PerfettoCampaignTest {
    private static final int CI_SCENARIOS = 8;
    private static final int SCENARIOS = Integer.getInteger("rtxen.perfetto.scenarios", CI_SCENARIOS);
    /** Seeds apart from the other campaigns'. */
    private static final long FIRST_SEED = 2_000_000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static Stream<String> policies() {
        return Schedulers.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    @Timeout(300)
    void randomScenarios_wholeAndStopped_traceAddsUpToTheResult(String policy) throws IOException {
        List<String> failures = new ArrayList<>();
        for (CampaignScenario c : CampaignScenario.of(policy, FIRST_SEED, SCENARIOS)) {
            Scenario s = c.scenario();
            Runs.Output whole = Runs.run(s, PerfettoTraceWriter::new);
            List<String> problems = new ArrayList<>(check(whole));
            long events = whole.result().events();
            if (events > 0) { // else nothing to stop
                long stopAt = c.stopAt(events);
                check(Runs.run(s, PerfettoTraceWriter::new, stopAt))
                        .forEach(p -> problems.add("stopped after " + stopAt + " events: " + p));
            }
            if (!problems.isEmpty()) failures.add(c.name() + ": " + problems + "\n" + ScenarioWriter.yaml(s));
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + 2 * SCENARIOS + " scenarios failed; first: " + failures.get(0));
    }

    /** What the trace in {@code out} gets wrong about its run's result; empty if nothing. */
    private static List<String> check(Runs.Output out) throws IOException {
        Map<String, Long> total = new HashMap<>(); // "pid/tid what": summed slice length, or a count of instants
        Map<String, List<long[]>> slices = new HashMap<>();
        for (JsonNode e : JSON.readTree(out.bytes()).get("traceEvents")) {
            String track = e.path("pid").asInt() + "/" + e.path("tid").asInt();
            String cat = e.path("cat").asText();
            if (e.path("ph").asText().equals("i")) total.merge(track + " " + e.path("name").asText(), 1L, Long::sum);
            if (!e.path("ph").asText().equals("X")) continue;
            if (cat.startsWith("job")) {
                if (!e.get("args").path("response_ns").isMissingNode()) total.merge(track + " completed", 1L, Long::sum);
                continue;
            }
            long ts = ns(e.get("ts"));
            long dur = ns(e.get("dur"));
            total.merge(track + " " + (cat.equals("vcpu") ? e.get("name").asText() : cat), dur, Long::sum);
            slices.computeIfAbsent(track, k -> new ArrayList<>()).add(new long[] {ts, ts + dur});
        }
        List<String> problems = new ArrayList<>();
        slices.forEach((track, list) -> {
            list.sort(Comparator.comparingLong(x -> x[0]));
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i)[0] < list.get(i - 1)[1]) problems.add(track + ": slices overlap at " + list.get(i)[0]);
            }
        });
        SimulationResult r = out.result();
        for (PcpuResult p : r.pcpus()) {
            long busy = total.getOrDefault(PerfettoTraceWriter.PCPU_PID + "/" + p.id() + " pcpu", 0L);
            if (busy != p.busyNs()) problems.add("pCPU " + p.id() + ": busy " + p.busyNs() + ", traced " + busy);
        }
        for (int d = 0; d < r.domains().size(); d++) {
            DomainResult dr = r.domains().get(d);
            int pid = PerfettoTraceWriter.PCPU_PID + 1 + d;
            for (VcpuResult v : dr.vcpus()) {
                String k = pid + "/" + v.id() + " ";
                List<Long> traced = List.of(total.getOrDefault(k + "running", 0L),
                        total.getOrDefault(k + "runnable", 0L) + total.getOrDefault(k + "out of budget", 0L),
                        total.getOrDefault(k + "blocked", 0L),
                        total.getOrDefault(k + "offline", 0L) + total.getOrDefault(k + "parked", 0L));
                List<Long> result = List.of(v.runNs(), v.runnableNs(), v.blockedNs(), v.offlineNs());
                if (!traced.equals(result)) problems.add(dr.name() + " v" + v.id() + ": " + result + ", traced " + traced);
            }
            for (int t = 0; t < dr.tasks().size(); t++) {
                TaskResult tr = dr.tasks().get(t);
                String k = pid + "/" + (PerfettoTraceWriter.TASK_TID_BASE + t) + " ";
                List<Long> traced = List.of(total.getOrDefault(k + "release", 0L), total.getOrDefault(k + "completed", 0L),
                        total.getOrDefault(k + "deadline miss", 0L));
                List<Long> result = List.of(tr.released(), tr.completed(), tr.missed());
                if (!traced.equals(result)) problems.add(dr.name() + "/" + tr.name() + ": " + result + ", traced " + traced);
            }
        }
        return problems;
    }

    /** A timestamp or duration in microseconds with three decimals, in nanoseconds. */
    private static long ns(JsonNode micros) {
        return micros.decimalValue().movePointRight(3).longValueExact();
    }
}
