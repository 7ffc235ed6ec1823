package org.rtxen.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.result.VcpuResult;

/**
 * Every budgeted policy reports "out of budget" through the engine's neutral hook, so the VCPU track shows it. One
 * pCPU, one domain whose guest is a CPU hog (always runnable), 2 ms of budget every 10 ms without extra time, 30 ms.
 */
@Timeout(60)
class BudgetTrackTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String scenario(String pool, String domain) {
        return "duration: 30ms\nseed: 1\nhost: {pcpus: 1}\npools: [{name: P, scheduler: " + pool + ", pcpus: [0]}]\n"
                + "domains:\n  - name: hog\n    " + domain + "\n    guest: {busy: true}\n";
    }

    /** The VCPU track of domain 1 (pid 2, tid 0) as "name start-end" in ms, in time order. */
    private static List<String> vcpuTrack(JsonNode trace) {
        List<JsonNode> events = new ArrayList<>();
        trace.get("traceEvents").forEach(e -> {
            if (e.get("ph").asText().equals("X") && e.get("pid").asInt() == 2 && e.get("tid").asInt() == 0) {
                events.add(e);
            }
        });
        events.sort(Comparator.comparing(e -> e.get("ts").decimalValue()));
        return events.stream().map(e -> e.get("name").asText() + " " + ms(e.get("ts")) + "-"
                + ms(e.get("ts").decimalValue().add(e.get("dur").decimalValue()))).toList();
    }

    private static String ms(JsonNode micros) {
        return ms(micros.decimalValue());
    }

    private static String ms(java.math.BigDecimal micros) {
        return micros.movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    /**
     * Periodic budgets from 0: the hog runs its 2 ms at the start of each period and then waits out of budget until
     * the next one, 10 ms later: running 0-2, out of budget 2-10, and so on.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rtds 4.10     | rtds   | 'rtds: {period: 10ms, budget: 2ms, extratime: false}'",
        "rtxen1 deferrable | rtxen1 | 'rtxen1: {period: 10ms, budget: 2ms}'",
        "rtxen1 periodic | 'rtxen1, rtxen1: {server: periodic}' | 'rtxen1: {period: 10ms, budget: 2ms}'",
    })
    void periodicBudget_runsTwoThenOutOfBudgetEightPerPeriod(String name, String pool, String domain)
            throws IOException {
        JsonNode trace = JSON.readTree(Runs.run(ScenarioReader.parse(scenario(pool, domain), name + ".yaml"),
                PerfettoTraceWriter::new).bytes());
        assertEquals(List.of("running 0-2", "out of budget 2-10", "running 10-12", "out of budget 12-20",
                "running 20-22", "out of budget 22-30"), vcpuTrack(trace), name);
    }

    /**
     * A pause is not a park: the RTDS hog paused at 5 ms while out of budget and unpaused at 15 ms is offline 5-15 (its
     * budget refilled meanwhile), runs 15-17 and is out of budget 17-20, runs 20-22; destroyed at 25 ms while out of
     * budget again, it is offline 25-30. "parked" is only for a VCPU its policy paused (a cap); these used to show as
     * parked 5-15 and 25-30.
     */
    @Test
    void pausedOrDestroyedOutOfBudget_isOffline_notParked() throws IOException {
        String yaml = scenario("rtds", "rtds: {period: 10ms, budget: 2ms, extratime: false}")
                + "commands:\n  - {at: 5ms, xl: \"pause hog\"}\n  - {at: 15ms, xl: \"unpause hog\"}\n"
                + "  - {at: 25ms, xl: \"destroy hog\"}\n";
        JsonNode trace = JSON.readTree(Runs.run(ScenarioReader.parse(yaml, "paused.yaml"), PerfettoTraceWriter::new)
                .bytes());
        assertEquals(List.of("running 0-2", "out of budget 2-5", "offline 5-15", "running 15-17", "out of budget 17-20",
                "running 20-22", "out of budget 22-25", "offline 25-30"), vcpuTrack(trace));
    }

    /**
     * RT-Xen 2.0 replenishes a queued VCPU only when now is strictly past its deadline (G8), at a 1 ms quantum: the
     * first deadline is 10 ms (G4), so the refill comes at the 11 ms quantum, and the next deadline is then 20 ms
     * (G6.3): running 0-2, out of budget 2-11, running 11-13, out of budget 13-21, running 21-23, then out of budget.
     * The first-burn-free and free-boundary quirks are turned off (E25, E29), so every quantum is charged.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rtglobal", "rtpartition"})
    void rtxen2_refillsAtTheQuantumAfterTheDeadline(String policy) throws IOException {
        String pool = policy + ", " + policy + ": {first_burn_free: false, free_boundary_quantum: false}";
        JsonNode trace = JSON.readTree(Runs.run(ScenarioReader.parse(scenario(pool, policy
                + ": {period: 10ms, budget: 2ms}"), policy + ".yaml"), PerfettoTraceWriter::new).bytes());
        assertEquals(List.of("running 0-2", "out of budget 2-11", "running 11-13", "out of budget 13-21",
                "running 21-23", "out of budget 23-30"), vcpuTrack(trace), policy);
    }

    /**
     * SEDF (Xen 4.5) gives a waking VCPU the deadline now + slice (S5.11): 2 ms, so its next period is [2, 12) and it
     * is periodic from there: running 2-4, out of budget (waiting on the waitq) 4-12, running 12-14, and so on. The
     * first 2 ms depend on how a new VCPU starts (best effort, S5.4) and are not pinned here.
     */
    @Test
    void sedf_periodicFromTheFirstDeadline() throws IOException {
        JsonNode trace = JSON.readTree(Runs.run(ScenarioReader.parse(scenario("sedf",
                "sedf: {period: 10ms, slice: 2ms, extratime: false}"), "sedf.yaml"), PerfettoTraceWriter::new).bytes());
        List<String> track = vcpuTrack(trace);
        assertEquals(List.of("running 2-4", "out of budget 4-12", "running 12-14", "out of budget 14-22",
                "running 22-24", "out of budget 24-30"), track.subList(track.indexOf("running 2-4"), track.size()));
    }

    /**
     * Credit parks a capped VCPU that overspent (C1.18): the track shows those times as "parked" instead of
     * "offline", and parked plus offline time is exactly what the run accounts as offline (Xen's view of a pause).
     */
    @Test
    void creditCap_parkedTimeIsTheOfflineTimeOfTheRun() throws IOException {
        Runs.Output out = Runs.run(ScenarioReader.parse(scenario("credit", "credit: {cap: 20}")
                .replace("duration: 30ms", "duration: 300ms"), "credit.yaml"), PerfettoTraceWriter::new);
        JsonNode trace = JSON.readTree(out.bytes());
        long parked = 0;
        long offline = 0;
        for (JsonNode e : trace.get("traceEvents")) {
            if (!e.get("ph").asText().equals("X") || e.get("pid").asInt() != 2 || e.get("tid").asInt() != 0) continue;
            long dur = e.get("dur").decimalValue().movePointRight(3).longValueExact();
            if (e.get("name").asText().equals("parked")) parked += dur;
            if (e.get("name").asText().equals("offline")) offline += dur;
        }
        VcpuResult v = out.result().domains().get(0).vcpus().get(0);
        assertTrue(parked > 0, "a hog capped at 20% is parked some of the time");
        assertEquals(v.offlineNs(), parked + offline);
    }
}
