package org.rtxen.xenref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.Scenario;
import org.rtxen.model.result.TaskResult;
import org.rtxen.trace.Accounting;
import org.rtxen.trace.TraceSummary;

/** {@link XenReference} on the hand-made reference boot output of {@link ReferenceBootFixture}. */
class XenReferenceDerivationTest {
    private static final long S = ReferenceBootFixture.S;

    @TempDir
    Path out;

    private Scenario write(long g1RunNs, String dmesg) throws Exception {
        return ReferenceBootFixture.write(out, g1RunNs, dmesg);
    }

    @Test
    void read_sharesAsTheTheorySays_acceptsTheRun() throws Exception {
        Scenario s = write(4 * S / 10, "");
        XenReference ref = XenReference.read(out, "s", s);
        // g1 ran 0.4 s of the 1 s span = 40 % = 4/10; g2 0.3 s = 30 % = 3/10.
        assertEquals(S, ref.trace().spanNs());
        assertEquals(4 * S / 10, ref.vcpu("g1", 0).runNs());
        assertEquals(3 * S / 10, ref.vcpu("g2", 0).runNs());
        assertTrue(ref.rejections().isEmpty(), ref.rejections().toString());
    }

    @Test
    void read_oneVcpuSixPercentOver_rejectsTheRunNamingIt() throws Exception {
        // g1 runs 0.424 s: 42.4 % instead of 40 %, +6 % relative, over the 5 % rule.
        Scenario s = write(424 * S / 1000, "(XEN) burn_budget, ATTENTION: now is behind last_start! delta=-5\n");
        XenReference ref = XenReference.read(out, "s", s);
        assertEquals(1, ref.rejections().size());
        assertEquals("g1 v0 ran 42.40 % instead of 40.00 % (+6.0 %)", ref.rejections().get(0));
        assertEquals(1, ref.skewWarnings());
    }

    @Test
    void read_alwaysBusyVcpuBlocked_rejectsTheRunNamingIt() throws Exception {
        // g1, a hog, runs its 0.4 s and is then blocked for the remaining 0.6 s of the 1 s span: 60 % > 5 %. Its
        // share of 40 % is the theory's, so only the blocked clause fires.
        Scenario s = ReferenceBootFixture.write(out, 4 * S / 10, "", true);
        XenReference ref = XenReference.read(out, "s", s);
        assertEquals(List.of("g1 v0 was blocked 60.00 % of the trace, though always busy"), ref.rejections());
    }

    @Test
    void tasks_logWithMark_countsTheJobsOfTheWindowThatStartsAtTheMark() {
        // t1 (10 ms, 2 ms) released every 10 ms from T0 for 4.5 s; jobs released before 3 s respond in 15 ms (misses),
        // later ones in 2 ms. dom0's mark reached the load 3.005 s after T0 (a slow dom0, not the planned 1 s), so
        // the traced 1 s holds the releases at 3.01 ... 4.00 s: 100 jobs, none missed. Without the mark the window
        // would be [1 s, 2 s): 100 misses.
        Scenario s = ScenarioReader.parse("""
                duration: 1s
                host: {pcpus: 1}
                pools: [{name: p, scheduler: credit, pcpus: [0]}]
                domains:
                  - {name: g1, pool: p, guest: {scheduler: fp, tasks: [{name: t1, period: 10ms, wcet: 2ms}]}}
                """, "s.yaml");
        StringBuilder log = new StringBuilder("rtxen-load: go T0=7\n");
        for (int k = 0; k < 450; k++) {
            long release = k * 10_000_000L;
            long response = release < 3 * S ? 15_000_000L : 2_000_000L;
            log.append("J t1 ").append(k).append(' ').append(release).append(' ').append(release).append(' ')
                    .append(release + response).append('\n');
        }
        GuestLog withMark = GuestLog.parse(log + "rtxen-load: mark T=3005000000\nrtxen-load: done\n", "g1.log");
        XenReference ref = new XenReference("s", s, null, null, Map.of(), Map.of("g1", withMark), Set.of(), null, 0,
                List.of());
        TaskResult t = ref.tasks(s.domains().get(0)).get(0);
        assertEquals(100, t.released());
        assertEquals(0, t.missed());
        GuestLog noMark = GuestLog.parse(log + "rtxen-load: done\n", "g1.log");
        XenReference old = new XenReference("s", s, null, null, Map.of(), Map.of("g1", noMark), Set.of(), null, 0,
                List.of());
        assertEquals(100, old.tasks(s.domains().get(0)).get(0).missed());
    }

    @Test
    void unswitched_vcpuRunningAtTheEndOnAPcpuWithoutRecords_ranThroughout() throws Exception {
        // The fixture's trace has records on pCPU 1 only (g1 and g2). The end listing shows g3 running on pCPU 2,
        // which has none: Xen never switched pCPU 2, so g3 ran throughout. g1 (on pCPU 1, in the trace), g4
        // (blocked), g5 (running, but on pCPU 1, which has records) and dom0 (no guest) are not.
        ReferenceBootFixture.write(out, 4 * S / 10, "");
        Files.writeString(out.resolve("s-vcpu-list-end.txt"), """
                Name                                ID  VCPU   CPU State   Time(s) Affinity (Hard / Soft)
                Domain-0                             0     0    0   r--      17.0  0 / all
                g1                                   1     0    1   r--       2.0  all / all
                g3                                   3     0    2   r--       6.0  all / all
                g4                                   4     0    2   -b-       0.1  all / all
                g5                                   5     0    1   r--       0.1  all / all
                """);
        TraceSummary trace = TraceSummary.read(out.resolve("s.trace"), XenReference.ICOUNT_TSC, Accounting.WHOLE_TRACE);
        assertEquals(Set.of("g3/0"), XenReference.unswitched(trace, out.resolve("s-vcpu-list-end.txt")));
        assertEquals(Set.of(), XenReference.unswitched(trace, out.resolve("absent.txt")));
    }

    @Test
    void vcpu_ranThroughoutWithoutRecords_runsTheWholeSpan() throws Exception {
        Scenario s = write(4 * S / 10, "");
        TraceSummary trace = TraceSummary.read(out.resolve("s.trace"), XenReference.ICOUNT_TSC, Accounting.WHOLE_TRACE);
        XenReference ref = new XenReference("s", s, trace, null, Map.of("g1", 1, "g2", 2), Map.of(), Set.of("g3/0"),
                null, 0, List.of());
        // The span is 1 s (fixture): g3 ran all of it, was never runnable or blocked.
        TraceSummary.Vcpu g3 = ref.vcpu("g3", 0);
        assertEquals(S, g3.runNs());
        assertEquals(0, g3.runnableNs() + g3.blockedNs() + g3.offlineNs());
    }

    /**
     * A one-pCPU Credit2 pool with g1, a hog capped at 50 %: g1 runs from 1 s, is parked at 1.1 s for
     * {@code parkNs}, runs again until the trace ends at 2 s.
     */
    private Scenario cappedCredit2(long parkNs) throws Exception {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        long park = S + S / 10;
        ReferenceBootFixture.record(records, 0x00021101, S, 1 << 16);                  // runnable -> running
        ReferenceBootFixture.record(records, 0x00021031, park, 1 << 16);               // running -> offline
        ReferenceBootFixture.record(records, 0x00021311, park + parkNs, 1 << 16);      // offline -> runnable
        ReferenceBootFixture.record(records, 0x00021101, park + parkNs, 1 << 16);      // runnable -> running
        ReferenceBootFixture.record(records, 0x00021011, 2 * S, 1 << 16);              // running -> runnable: end
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(0x2001F003).putInt(1).putInt(records.size());
        Files.write(out.resolve("c.trace"), ByteBuffer.allocate(12 + records.size()).put(head.array())
                .put(records.toByteArray()).array());
        Files.writeString(out.resolve("c-vcpu-list.txt"), "g1  1  0  1  ---  0.0  all / all\n");
        Files.writeString(out.resolve("c-g1.log"), "rtxen-load: ready\nrtxen-load: done\n");
        return ScenarioReader.parse("""
                duration: 1s
                host: {pcpus: 1}
                pools: [{name: c2, scheduler: credit2, pcpus: [0]}]
                domains:
                  - {name: g1, pool: c2, credit2: {cap: 50}, guest: {busy: true}}
                """, "c.yaml");
    }

    @Test
    void read_cappedCredit2VcpuParkedLongerThanTwoReplenishments_rejectsTheRun() throws Exception {
        // Credit2 replenishes a capped domain's budget every 10 ms (C2.23), so a park ends within one period when
        // the timers are on time; 25 ms is more than the 20 ms bound.
        Scenario s = cappedCredit2(25_000_000L);
        XenReference ref = XenReference.read(out, "c", s);
        assertEquals(List.of("g1 v0 was parked 25.0 ms at once, longer than its cap allows (20 ms): late budget"
                + " timers"), ref.rejections());
    }

    @Test
    void read_cappedCredit2VcpuParkedWithinTheBound_acceptsTheRun() throws Exception {
        // 9 ms: within one 10 ms replenishment period.
        Scenario s = cappedCredit2(9_000_000L);
        XenReference ref = XenReference.read(out, "c", s);
        assertTrue(ref.rejections().isEmpty(), ref.rejections().toString());
        assertEquals(9_000_000L, ref.longestPark(s.domains().get(0), 0));
    }

    @Test
    void toJson_acceptedRun_carriesNamesDomainIdsAndTimes() throws Exception {
        Scenario s = write(4 * S / 10, "");
        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = XenReference.read(out, "s", s).toJson(mapper, Map.of("xen_source", "4.17.5"));
        assertTrue(json.get("accepted").asBoolean());
        assertEquals("4.17.5", json.get("environment").get("xen_source").asText());
        JsonNode g2 = json.get("domains").get(1);
        assertEquals("g2", g2.get("name").asText());
        assertEquals(2, g2.get("id").asInt());
        assertEquals(3 * S / 10, g2.get("vcpus").get(0).get("run_ns").asLong());
        // g2 was runnable from the trace start to its dispatch (0.4 s) and after it ran (0.3 s): 0.7 s.
        assertEquals(7 * S / 10, g2.get("vcpus").get(0).get("runnable_ns").asLong());
    }
}
