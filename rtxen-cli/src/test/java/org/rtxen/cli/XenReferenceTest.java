package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.Scenario;

/**
 * {@link XenReference} on a hand-made reference boot output: a one-pCPU RTDS scenario with hogs g1 (4 ms / 10 ms)
 * and g2 (3 ms / 10 ms), no extratime, whose theory fixes the shares at exactly 40 % and 30 %.
 */
class XenReferenceTest {
    private static final String SCENARIO = """
            duration: 1s
            host: {pcpus: 1}
            pools: [{name: rt, scheduler: rtds, pcpus: [0]}]
            domains:
              - {name: g1, pool: rt, rtds: {period: 10ms, budget: 4ms, extratime: false}, guest: {busy: true}}
              - {name: g2, pool: rt, rtds: {period: 10ms, budget: 3ms, extratime: false}, guest: {busy: true}}
            """;
    private static final long S = 1_000_000_000L;

    @TempDir
    Path out;

    /**
     * Writes ID.trace with one pCPU (1): g1 (domain 1) runs [1 s, 1 s + g1Run), g2 (domain 2) runs 0.3 s after it,
     * the trace ends at 2 s, so the span is exactly 1 s. Plus the vcpu-list, the guests' logs and Xen's messages.
     */
    private Scenario write(long g1RunNs, String dmesg) throws Exception {
        long t0 = S;
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        record(records, 0x00021101, t0, 1 << 16);                      // d1v0 runnable -> running
        record(records, 0x00021011, t0 + g1RunNs, 1 << 16);            // d1v0 running -> runnable
        record(records, 0x00021101, t0 + g1RunNs, 2 << 16);            // d2v0 runnable -> running
        record(records, 0x00021011, t0 + g1RunNs + 3 * S / 10, 2 << 16); // d2v0 running -> runnable
        record(records, 0x00021101, 2 * S, 1 << 16);                   // d1v0 runnable -> running: trace end
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(0x2001F003).putInt(1).putInt(records.size());      // cpu_change: pCPU 1, window size
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(head.array());
        file.write(records.toByteArray());
        Files.write(out.resolve("s.trace"), file.toByteArray());
        Files.writeString(out.resolve("s-vcpu-list.txt"), """
                Name                                ID  VCPU   CPU State   Time(s) Affinity (Hard / Soft)
                Domain-0                             0     0    0   r--      17.0  0 / all
                g1                                   1     0    1   ---       0.0  all / all
                g2                                   2     0    1   ---       0.0  all / all
                """);
        Files.writeString(out.resolve("s-g1.log"), "rtxen-load: ready\nrtxen-load: done\n");
        Files.writeString(out.resolve("s-g2.log"), "rtxen-load: ready\nrtxen-load: done\n");
        Files.writeString(out.resolve("s-xen-dmesg.txt"), dmesg);
        return ScenarioReader.parse(SCENARIO, "s.yaml");
    }

    private static void record(ByteArrayOutputStream to, int event, long tsc, int word) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(event | 1 << 28 | 1 << 31).putLong(tsc).putInt(word);
        to.writeBytes(b.array());
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
