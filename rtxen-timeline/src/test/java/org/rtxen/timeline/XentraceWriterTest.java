package org.rtxen.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.VcpuResult;
import org.rtxen.trace.Accounting;
import org.rtxen.trace.TraceSummary;
import org.rtxen.trace.TscRate;

/**
 * The xentrace file: its records for a tiny run derived by hand (spec xentrace.md 1.2, 2.2, 2.4, 2.5), the stream and
 * time each wake, priming run, offline record and dispatch goes in so that readers ordering equal TSCs arbitrarily give
 * no warning (pitfall 3), also in runs stopped mid-instant, and every VCPU's running, runnable and blocked time read
 * back by rtxen's reader and by Xen's xenalyze as the simulation has it (within a few nanoseconds, one per migration,
 * without overheads).
 */
@Timeout(120)
class XentraceWriterTest {
    private static final String[] STATES = {"running", "runnable", "blocked", "offline"};

    @TempDir
    Path dir;

    /** Decodes the file into one line per record ("ns-since-base what"), checking the window framing (spec 1.2). */
    private static List<String> decode(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<String> out = new ArrayList<>();
        while (b.hasRemaining()) {
            assertEquals(0x2001f003, b.getInt(), "window header at " + (b.position() - 4));
            int cpu = b.getInt();
            int end = b.getInt() + b.position();
            while (b.position() < end) {
                int header = b.getInt();
                assertTrue(header < 0, "every record has a TSC");
                int event = header & 0x0fff_ffff;
                int[] w = new int[header >>> 28 & 7];
                long t = b.getLong() - XentraceWriter.TSC_BASE;
                for (int i = 0; i < w.length; i++) w[i] = b.getInt();
                out.add("p" + cpu + " " + t + " " + name(event, w));
            }
        }
        return out;
    }

    private static String name(int event, int[] w) {
        if ((event & 0x0fff_f00f) == 0x00021001) {
            return "d" + (w[0] >>> 16) + "v" + (w[0] & 0xffff) + " " + STATES[event >> 8 & 0xf] + "->"
                    + STATES[event >> 4 & 0xf];
        }
        return switch (event) {
            case 0x00028004 -> "wake d" + w[0] + "v" + w[1];
            case 0x0002800e -> "infprev d" + w[0] + "v" + w[1] + " ran " + w[2];
            case 0x0002800a -> "switch d" + w[0] + "v" + w[1] + " -> d" + w[2] + "v" + w[3];
            default -> Integer.toHexString(event);
        };
    }

    /**
     * golden/tiny.yaml by hand (spec/xentrace.md sections 2.2, 2.4, 2.5; the domain is d1, the idle VCPU d32767v0):
     * at 0 the priming run of d1v0 and the idle VCPU's first dispatch; the release at 0 wakes d1v0 and pCPU 0
     * switches to it at once (the wake is written just before the dispatch, in the same stream); at 2 ms the job is
     * done and d1v0 blocks; the same at 10 and 12 ms; at 20 ms everything goes offline.
     */
    @Test
    void tinyRun_recordsAsDerivedByHand() {
        byte[] file = Runs.run(Runs.scenario("golden/tiny.yaml"), XentraceWriter::new).bytes();
        List<String> expected = new ArrayList<>(List.of(
                "p0 0 d1v0 runnable->running", "p0 0 d1v0 running->blocked", "p0 0 d32767v0 runnable->running"));
        for (long at : new long[] {0, 10_000_000}) {
            long idleRan = at == 0 ? 0 : 8_000_000;
            expected.addAll(List.of("p0 " + at + " infprev d32767v0 ran " + idleRan,
                    "p0 " + at + " switch d32767v0 -> d1v0", "p0 " + at + " d32767v0 running->runnable",
                    "p0 " + at + " wake d1v0", "p0 " + at + " d1v0 blocked->runnable",
                    "p0 " + at + " d1v0 runnable->running"));
            long done = at + 2_000_000;
            expected.addAll(List.of("p0 " + done + " infprev d1v0 ran 2000000", "p0 " + done + " switch d1v0 -> d32767v0",
                    "p0 " + done + " d1v0 running->blocked", "p0 " + done + " d32767v0 runnable->running"));
        }
        expected.addAll(List.of("p0 20000000 d32767v0 running->offline", "p0 20000000 d1v0 blocked->offline"));
        assertEquals(expected, decode(file));
    }

    /**
     * A running VCPU pinned away (no overheads; {@code xl vcpu-pin a 0 1} at 4 ms) goes offline on pCPU 0, wakes and
     * is dispatched on pCPU 1 at the same nanosecond. By hand (spec pitfall 3: readers order equal TSCs of different
     * pCPUs arbitrarily): the wake follows the offline record in pCPU 0's stream, and pCPU 1 stays idle until the
     * dispatch, 1 ns later. So both accountings read d1v0 as running 10 ms - 1 ns and runnable 1 ns, never offline,
     * pCPU 1 as busy 6 ms - 1 ns and idle 4 ms + 1 ns, with no warning (the wake used to go in pCPU 1's stream, read
     * before the offline record: a wake of a running VCPU, then 1 ns offline).
     */
    @Test
    void pinnedAway_wakeFollowsTheOfflineRecord_readBackAsDerivedByHand() throws IOException {
        String yaml = """
                duration: 10ms
                host: {pcpus: 2}
                domains:
                  - name: a
                    rtds: {period: 10ms, budget: 10ms}
                    affinity: [0]
                    guest: {busy: true}
                commands:
                  - {at: 4ms, xl: "vcpu-pin a 0 1"}
                """;
        Runs.Output out = Runs.run(org.rtxen.io.ScenarioReader.parse(yaml, "pin.yaml"), XentraceWriter::new);
        List<String> at4ms = decode(out.bytes()).stream().filter(l -> l.contains(" 400000")).toList();
        assertEquals(List.of("p0 4000000 infprev d1v0 ran 4000000", "p0 4000000 switch d1v0 -> d32767v0",
                "p0 4000000 d1v0 running->offline", "p0 4000000 d32767v0 runnable->running", "p0 4000000 wake d1v0",
                "p0 4000000 d1v0 offline->runnable", "p1 4000001 infprev d32767v1 ran 4000000",
                "p1 4000001 switch d32767v1 -> d1v0", "p1 4000001 d32767v1 running->runnable",
                "p1 4000001 d1v0 runnable->running"), at4ms);
        Path file = dir.resolve("pin.xentrace");
        Files.write(file, out.bytes());
        for (Accounting mode : Accounting.values()) {
            TraceSummary s = TraceSummary.read(file, TscRate.parse("1G"), mode);
            assertEquals(0, s.warnings().count(), mode + ": " + s.warnings().messages());
            TraceSummary.Vcpu v = s.domains().get(0).vcpus().get(0);
            assertEquals(List.of(10_000_000L - 1, 1L, 0L, 0L),
                    List.of(v.runNs(), v.runnableNs(), v.blockedNs(), v.offlineNs()), mode.toString());
            TraceSummary.Pcpu p1 = s.pcpus().get(1);
            assertEquals(List.of(6_000_000L - 1, 4_000_001L), List.of(p1.busyNs(), p1.idleNs()), mode.toString());
        }
    }

    /**
     * Runs stopped by an event limit in the middle of an instant, on the scenario where the aligned scenarios of
     * XentraceCampaignTest found it (null; pCPU 1 leaves the pool at 53 ms while d4's and d5's VCPUs move): stopped
     * after every number of events, the file reads back without a warning. At the end each VCPU goes offline in the
     * stream of its last record of that TSC; it went in its pCPU's, which readers may take first ("runnable to offline
     * while offline" after 93 events).
     */
    @Test
    void runStoppedMidInstant_everyVcpuEndsAfterItsLastRecord_noWarning() throws IOException {
        org.rtxen.model.Scenario s = org.rtxen.io.RandomScenarios.aligned("null", 1_000_037);
        long events = Runs.run(s, XentraceWriter::new).result().events();
        Path file = dir.resolve("stopped.xentrace");
        for (long limit = 1; limit <= events; limit++) {
            Files.write(file, Runs.run(s, XentraceWriter::new, limit).bytes());
            for (Accounting mode : Accounting.values()) {
                TraceSummary t = TraceSummary.read(file, TscRate.parse("1G"), mode);
                assertEquals(0, t.warnings().count(), "stopped after " + limit + ", " + mode + ": " + t.warnings().messages());
            }
        }
    }

    /**
     * Two CPU hogs of one domain on two pCPUs under RTDS 4.5 (2 ms every 4 ms): d1v1 is placed on pCPU 1 but pCPU 0
     * dispatches it at time 0, and pCPU 1 dispatches d1v0. By hand: both VCPUs get their zero-length priming run in
     * pCPU 0's stream, which both readers take first at time 0 (spec 2.4, pitfall 3), so each reads back as running
     * 2 ms and runnable 2 ms, without a warning, and xenalyze reads the file to its end. (d1v1's priming used to be in
     * pCPU 1's stream, read after pCPU 0's dispatch of it: xenalyze aborted, and rtxen counted it 0 ms running.)
     */
    @Test
    void vcpuPrimedOnOnePcpu_dispatchedOnALowerOneAtTimeZero_readsBackExactly() throws Exception {
        String yaml = """
                duration: 4ms
                host: {pcpus: 2}
                pools: [{name: P0, scheduler: rtds, pcpus: [0, 1], rtds: {variant: "4.5"}}]
                domains:
                  - name: a
                    vcpus: 2
                    rtds: {period: 4ms, budget: 2ms}
                    guest: {busy: true}
                """;
        Runs.Output out = Runs.run(org.rtxen.io.ScenarioReader.parse(yaml, "prime.yaml"), XentraceWriter::new);
        List<String> atZero = decode(out.bytes()).stream().filter(l -> l.split(" ")[1].equals("0")).toList();
        assertEquals(List.of("p0 0 d1v0 runnable->running", "p0 0 d1v0 running->blocked", "p0 0 d1v1 runnable->running",
                "p0 0 d1v1 running->blocked", "p0 0 d32767v0 runnable->running", "p0 0 infprev d32767v0 ran 0",
                "p0 0 switch d32767v0 -> d1v1", "p0 0 d32767v0 running->runnable", "p0 0 wake d1v1",
                "p0 0 d1v1 blocked->runnable", "p0 0 d1v1 runnable->running", "p1 0 d32767v1 runnable->running",
                "p1 0 infprev d32767v1 ran 0", "p1 0 switch d32767v1 -> d1v0", "p1 0 d32767v1 running->runnable",
                "p1 0 wake d1v0", "p1 0 d1v0 blocked->runnable", "p1 0 d1v0 runnable->running"), atZero);
        Path file = dir.resolve("prime.xentrace");
        Files.write(file, out.bytes());
        for (Accounting mode : Accounting.values()) {
            TraceSummary s = TraceSummary.read(file, TscRate.parse("1G"), mode);
            assertEquals(0, s.warnings().count(), mode + ": " + s.warnings().messages());
            for (TraceSummary.Vcpu v : s.domains().get(0).vcpus()) {
                assertEquals(List.of(2_000_000L, 2_000_000L, 0L), List.of(v.runNs(), v.runnableNs(), v.blockedNs()),
                        mode + " v" + v.id());
            }
        }
        if (Xenalyze.installed()) assertEquals(2_000_000L, Xenalyze.totals(file).get("d1v1 running"));
    }

    /**
     * rtxen's own xentrace reader, in xenalyze's accounting and in whole-trace accounting, reads back every VCPU's
     * running, runnable and blocked time exactly, with no warning, on 4 pCPUs with migrations and overheads.
     */
    @Test
    void globalRun_readBackByTraceSummary_equalsSimulation() throws IOException {
        Path file = dir.resolve("global.xentrace");
        Runs.Output out = Runs.run(Runs.scenario("global.yaml"), XentraceWriter::new);
        Files.write(file, out.bytes());
        for (Accounting mode : Accounting.values()) {
            TraceSummary s = TraceSummary.read(file, TscRate.parse("1G"), mode);
            assertEquals(0, s.warnings().count(), mode + ": " + s.warnings().messages());
            assertEquals(out.result().durationNs(), s.spanNs(), mode.toString());
            for (DomainResult d : out.result().domains()) {
                TraceSummary.Domain read = s.domains().stream().filter(x -> x.id() == d.id()).findFirst().orElseThrow();
                for (VcpuResult v : d.vcpus()) {
                    TraceSummary.Vcpu r = read.vcpus().get(v.id());
                    String at = mode + " " + d.name() + "v" + v.id();
                    assertEquals(v.runNs(), r.runNs(), at);
                    assertEquals(v.runnableNs(), r.runnableNs(), at);
                    assertEquals(v.blockedNs(), r.blockedNs(), at);
                }
            }
        }
    }

    /**
     * Xen's own xenalyze (Debian's xen-utils-common) reads the file of a 4-pCPU run with migrations and overheads
     * and prints, for every guest VCPU, running, runnable and blocked totals equal to the simulation's to the
     * nanosecond. With {@code --cpu-hz=100} its seconds column is cycles / 100 with two decimals, so exact (spec
     * 4.1). CI installs xenalyze (.ci/run sets RTXEN_CI; CI also sets CI=true), and there the test must run.
     */
    @Test
    void globalRun_xenalyzePerVcpuTimes_equalSimulationToTheNanosecond() throws Exception {
        Xenalyze.require();
        Path file = dir.resolve("global.xentrace");
        Runs.Output out = Runs.run(Runs.scenario("global.yaml"), XentraceWriter::new);
        Files.write(file, out.bytes());
        Map<String, Long> got = Xenalyze.totals(file);
        SimulationResult r = out.result();
        int checked = 0;
        for (DomainResult d : r.domains()) {
            for (VcpuResult v : d.vcpus()) {
                String at = "d" + d.id() + "v" + v.id();
                assertEquals(v.runNs(), got.getOrDefault(at + " running", 0L), at + " running");
                assertEquals(v.runnableNs(), got.getOrDefault(at + " runnable", 0L), at + " runnable");
                assertEquals(v.blockedNs(), got.getOrDefault(at + " blocked", 0L), at + " blocked");
                assertEquals(v.offlineNs(), got.getOrDefault(at + " offline", 0L), at + " offline");
                checked++;
            }
        }
        assertEquals(8, checked);
    }

    /**
     * Without overheads a VCPU can leave one pCPU and be dispatched on another at the same nanosecond; the writer
     * then puts the dispatch 1 ns later (docs/fidelity.md), since xenalyze aborts on that tie. xenalyze reads the
     * zero-overhead run to the end (exit 0), each VCPU's states still add up to the duration, and running differs
     * from the simulation by at most a few ns (one per such migration; the global pool has a handful).
     */
    @Test
    void zeroOverheadRun_xenalyzeReadsIt_withinNanosecondsPerMigration() throws Exception {
        Xenalyze.require();
        Path file = dir.resolve("zero.xentrace");
        String yaml = Runs.text("global.yaml").replace("overheads: {schedule: 1us, context_switch: 2us, migration: 3us}",
                "");
        Runs.Output out = Runs.run(org.rtxen.io.ScenarioReader.parse(yaml, "zero.yaml"), XentraceWriter::new);
        Files.write(file, out.bytes());
        Map<String, Long> got = Xenalyze.totals(file);
        long pcpuMigrations = out.result().pcpus().stream().mapToLong(x -> x.migrations()).sum();
        long shifted = 0;
        for (DomainResult d : out.result().domains()) {
            for (VcpuResult v : d.vcpus()) {
                String at = "d" + d.id() + "v" + v.id();
                long run = got.getOrDefault(at + " running", 0L);
                long total = run + got.getOrDefault(at + " runnable", 0L) + got.getOrDefault(at + " blocked", 0L);
                assertEquals(out.result().durationNs(), total, at);
                assertTrue(v.runNs() - run >= 0 && v.runNs() - run <= pcpuMigrations, at + ": " + run + " vs " + v.runNs());
                shifted += v.runNs() - run;
            }
        }
        assertTrue(shifted > 0, "this run has same-instant migrations, so the 1 ns rule was exercised");
    }

    /**
     * A wake held back in an idle pCPU's stream (for a dispatch there at its instant) is written at its own TSC even
     * when that pCPU's next record is a late dispatch. Here pCPU 0 idles from time 0 (as the simulation has it), w wakes
     * at 3 ms, its task's first release, with pCPU 0 as its processor, and is not dispatched; at 4 ms removing pCPU 1
     * moves hogs v0 onto pCPU 0 at that instant (written 1 ns late, pitfall 3). w is blocked exactly 0-3 ms; its wake
     * was once written at 4 ms + 1 ns, and both readers counted it blocked 4.000001 ms.
     */
    @Test
    @Timeout(60)
    void wakeHeldOnAnIdlePcpu_beforeALateDispatchThere_keepsItsOwnTime() throws Exception {
        Path file = dir.resolve("held.xentrace");
        Runs.Output out = Runs.run(org.rtxen.io.ScenarioReader.parse("""
                duration: 20ms
                host: {pcpus: 2}
                pools:
                  - {name: Pool-0, scheduler: rtds, pcpus: [0, 1], rtds: {variant: "4.5"}}
                domains:
                  - name: hogs
                    vcpus: 2
                    rtds: {period: 10ms, budget: 8ms}
                    affinity: [[1], [0, 1]]
                    guest: {busy: true}
                  - name: w
                    rtds: {period: 20ms, budget: 500us}
                    guest: {tasks: [{name: t, period: 20ms, wcet: 8ms, offset: 3ms}]}
                commands:
                  - {at: 4ms, xl: "cpupool-cpu-remove Pool-0 1"}
                """, "held.yaml"), XentraceWriter::new);
        Files.write(file, out.bytes());
        VcpuResult w = out.result().domains().get(1).vcpus().get(0);
        assertEquals(3_000_000, w.blockedNs());
        for (Accounting mode : Accounting.values()) {
            TraceSummary.Vcpu read = TraceSummary.read(file, TscRate.parse("1G"), mode).domains().stream()
                    .filter(x -> x.id() == out.result().domains().get(1).id()).findFirst().orElseThrow().vcpus().get(0);
            assertEquals(3_000_000, read.blockedNs(), mode.toString());
            assertEquals(w.runnableNs(), read.runnableNs(), mode.toString());
            assertEquals(w.runNs(), read.runNs(), mode.toString());
        }
        if (Xenalyze.installed()) assertEquals(3_000_000L, Xenalyze.totals(file).get("d2v0 blocked"));
    }
}
