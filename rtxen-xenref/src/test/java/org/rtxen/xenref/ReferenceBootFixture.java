package org.rtxen.xenref;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.Scenario;

/**
 * A hand-made reference boot output (what dom0 leaves in /ref/out): a one-pCPU RTDS scenario with hogs g1
 * (4 ms / 10 ms) and g2 (3 ms / 10 ms), no extratime, whose theory fixes the shares at exactly 40 % and 30 %.
 */
final class ReferenceBootFixture {
    /** The scenario, as its YAML file says it. */
    static final String SCENARIO = """
            duration: 1s
            host: {pcpus: 1}
            pools: [{name: rt, scheduler: rtds, pcpus: [0]}]
            domains:
              - {name: g1, pool: rt, rtds: {period: 10ms, budget: 4ms, extratime: false}, guest: {busy: true}}
              - {name: g2, pool: rt, rtds: {period: 10ms, budget: 3ms, extratime: false}, guest: {busy: true}}
            """;
    /** One second in ns. */
    static final long S = 1_000_000_000L;

    private ReferenceBootFixture() {}

    /**
     * Writes ID.trace with one pCPU (1): g1 (domain 1) runs [1 s, 1 s + g1Run), g2 (domain 2) runs 0.3 s after it,
     * the trace ends at 2 s, so the span is exactly 1 s. Plus the vcpu-list, the guests' logs and Xen's messages.
     */
    static Scenario write(Path out, long g1RunNs, String dmesg) throws Exception {
        return write(out, g1RunNs, dmesg, false);
    }

    /** As {@link #write(Path, long, String)}; with {@code g1Blocks}, g1 blocks (instead of waiting) after it ran. */
    static Scenario write(Path out, long g1RunNs, String dmesg, boolean g1Blocks) throws Exception {
        long t0 = S;
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        record(records, 0x00021101, t0, 1 << 16);                      // d1v0 runnable -> running
        record(records, g1Blocks ? 0x00021021 : 0x00021011, t0 + g1RunNs, 1 << 16); // d1v0 running -> blocked/runnable
        record(records, 0x00021101, t0 + g1RunNs, 2 << 16);            // d2v0 runnable -> running
        record(records, 0x00021011, t0 + g1RunNs + 3 * S / 10, 2 << 16); // d2v0 running -> runnable
        if (g1Blocks) record(records, 0x00021211, 2 * S, 1 << 16);     // d1v0 blocked -> runnable: trace end
        else record(records, 0x00021101, 2 * S, 1 << 16);              // d1v0 runnable -> running: trace end
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

    /** Appends one record with a TSC and one word (domain << 16 | VCPU for a runstate change). */
    static void record(ByteArrayOutputStream to, int event, long tsc, int word) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(event | 1 << 28 | 1 << 31).putLong(tsc).putInt(word);
        to.writeBytes(b.array());
    }
}
