package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario in examples/ runs through {@code rtxen simulate}; the headline ones give hand-derived results. */
class ExamplesRunTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
    }

    @TempDir
    Path dir;

    /** Each example with all three timeline files (--xentrace once failed on a domain created late), read back. */
    @ParameterizedTest
    @MethodSource("examples")
    void simulate_example_exit0(Path example) {
        // Shortened to 200 ms to keep the build quick.
        Path xen = dir.resolve("x.xentrace");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", example.toString(), "--duration", "200ms",
                "--trace", dir.resolve("t.json").toString(), "--jobs", dir.resolve("j.csv").toString(), "--xentrace",
                xen.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        r = SimulateCommandTest.rtxen("trace", "summary", xen.toString(), "--cpu-hz", "1G");
        assertEquals(0, r.status(), r.err());
    }

    /** The {@code domains} array of the example's JSON result. */
    private static JsonNode domainsOf(String example) throws IOException {
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", EXAMPLES.resolve(example).toString(), "--json");
        assertEquals(0, r.status(), r.err());
        return new ObjectMapper().readTree(r.out()).get("domains");
    }

    private static long maxResponse(JsonNode domain, int task) {
        return domain.get("tasks").get(task).get("response").get("max_ns").asLong();
    }

    @Test
    void simulate_readmeHeadline_vm1MeetsEveryDeadlineAndVm2Misses() throws IOException {
        JsonNode domains = domainsOf("rtds-two-vms.yaml");
        // Two VCPUs on two pCPUs: each VCPU runs whenever it is runnable and has budget. vm1's server (5ms every
        // 10ms from 0) covers, per 20ms, control at [0,2) and logger at [2,4), then control at [10,12): control
        // (higher rate-monotonic priority) responds in 2ms, logger in 4ms, nothing misses.
        for (JsonNode t : domains.get(0).get("tasks")) assertEquals(0, t.get("missed").asLong(), t.toString());
        assertEquals(2_000_000L, maxResponse(domains.get(0), 0));
        assertEquals(4_000_000L, maxResponse(domains.get(0), 1));
        // vm2 demands 1ms per 5ms + 1ms per 10ms = 3ms per 10ms from a 2ms/10ms server without extratime. [0,10):
        // sensor(0) [0,1), filter(0) [1,2), budget gone; sensor(5) waits. Every later window [10k,10k+10): sensor
        // released at 10k-5 runs [10k,10k+1) (response 6ms, deadline 10k passed: a miss), sensor(10k) runs
        // [10k+1,10k+2) (2ms), and the budget is gone, so filter starves. Over [0,2s): 400 sensor jobs; 399 complete
        // (sensor(1995) would run at 2s); 199 miss (released at 5, 15, ..., 1985; sensor(1995)'s deadline 2s is
        // not inside the run). Filter: 200 jobs, only filter(0) completes (2ms); those released at 10..1980 miss.
        JsonNode sensor = domains.get(1).get("tasks").get(0);
        JsonNode filter = domains.get(1).get("tasks").get(1);
        assertEquals(List.of(400L, 399L, 199L, 1_000_000L, 6_000_000L), counts(sensor));
        assertEquals(List.of(200L, 1L, 198L, 2_000_000L, 2_000_000L), counts(filter));
    }

    /** Released, completed, missed, minimum and maximum response of a task. */
    private static List<Long> counts(JsonNode task) {
        JsonNode r = task.get("response");
        return List.of(task.get("released").asLong(), task.get("completed").asLong(), task.get("missed").asLong(),
                r.get("min_ns").asLong(), r.get("max_ns").asLong());
    }

    @Test
    void simulate_arinc653Example_responseTimesFollowTheSlotTable() throws IOException {
        JsonNode domains = domainsOf("arinc653-slots.yaml");
        // Each 30ms frame: part1 [0,10), part2 [10,25), idle [25,30); every release falls on a frame start (A3.4).
        // part1's nav (wcet 6ms) runs [0,6): 6ms. part2 runs display (30ms period, higher rate-monotonic priority)
        // in [10,22): 22ms, then io (60ms period, 2ms) in [22,24): 24ms. Every deadline is met.
        assertEquals(6_000_000L, maxResponse(domains.get(1), 0));
        assertEquals(22_000_000L, maxResponse(domains.get(2), 0));
        assertEquals(24_000_000L, maxResponse(domains.get(2), 1));
        for (int d = 1; d <= 2; d++) {
            for (JsonNode t : domains.get(d).get("tasks")) assertEquals(0, t.get("missed").asLong(), t.toString());
        }
    }

    @Test
    void simulate_nullExample_eachVcpuOwnsAPcpuAndTheSpareNeverRuns() throws IOException {
        JsonNode domains = domainsOf("null-pinning.yaml");
        // null-pinning.yaml: rt's two VCPUs get pCPUs 1 and 2 and hog pCPU 3, in creation order (N4.3); spare finds
        // no free pCPU and waits for good (N4.9). A job runs the moment it is released on its own pCPU, so every
        // response equals its execution time: control 300 us (1000 jobs in 1 s), sensor 500 us (500 jobs).
        assertEquals(List.of(1000L, 1000L, 0L, 300_000L, 300_000L), counts(domains.get(1).get("tasks").get(0)));
        assertEquals(List.of(500L, 500L, 0L, 500_000L, 500_000L), counts(domains.get(1).get("tasks").get(1)));
        assertEquals(1_000_000_000L, domains.get(2).get("run_ns").asLong());
        assertEquals(0L, domains.get(3).get("run_ns").asLong());
    }

    /** Deadline misses over every task of the domains whose name ends with {@code suffix}. */
    private static long missed(JsonNode domains, String suffix) {
        long missed = 0;
        for (JsonNode d : domains) {
            if (!d.get("name").asText().endsWith(suffix)) continue;
            for (JsonNode t : d.get("tasks")) missed += t.get("missed").asLong();
        }
        return missed;
    }

    /**
     * The EMSOFT 2011 findings (S8) on examples/rtxen1-servers.yaml: the Deferrable Server gives the best soft
     * real-time performance (no miss), the Periodic Server misses under this load, and of the four the Polling
     * Server misses most (docs/rtxen-servers.md quotes the run).
     */
    @Test
    void simulate_rtxen1Servers_deferrableBestPeriodicMisses() throws IOException {
        JsonNode domains = domainsOf("rtxen1-servers.yaml");
        assertEquals(0, missed(domains, "-de"));
        long sporadic = missed(domains, "-sp");
        long periodic = missed(domains, "-pe");
        long polling = missed(domains, "-po");
        assertTrue(sporadic < periodic && periodic < polling, sporadic + " " + periodic + " " + polling);
    }

    /** examples/rtxen2-global-partitioned.yaml: deferrable servers meet every deadline, periodic ones do not (G2). */
    @Test
    void simulate_rtxen2Example_periodicServersMissDeferrableOnesDoNot() throws IOException {
        JsonNode domains = domainsOf("rtxen2-global-partitioned.yaml");
        assertEquals(0, missed(domains, "-ds"));
        assertTrue(missed(domains, "-ps") > 0);
    }
    /**
     * examples/rtxen1-switch.yaml, RT-Xen 1.0's server switch (S9) as a run-time command, derived in
     * Rtxen1ServersTest: jobs released at 2, 22, ..., 82 ms take 11 ms under the Deferrable Server; the switch to the
     * Polling Server at 100 ms drops G's budget while G is idle, so jobs released from 102 ms on take 21 ms and miss
     * their 20 ms deadline. 11 releases in 210 ms; the one at 202 ms is unfinished.
     */
    @Test
    void simulate_rtxen1Switch_responseChangesAtTheSwitch() throws IOException {
        JsonNode task = domainsOf("rtxen1-switch.yaml").get(0).get("tasks").get(0);
        assertEquals(List.of(11L, 10L, 5L, 11_000_000L, 21_000_000L), counts(task));
    }
}
