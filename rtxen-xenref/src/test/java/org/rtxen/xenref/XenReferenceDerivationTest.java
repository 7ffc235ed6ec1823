package org.rtxen.xenref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.model.Scenario;

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
