package org.rtxen.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rtxen.trace.TraceBuilder.BLOCKED;
import static org.rtxen.trace.TraceBuilder.RUNNABLE;
import static org.rtxen.trace.TraceBuilder.RUNNING;
import static org.rtxen.trace.TraceBuilder.runstate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged traces (issue 9): a record whose TSC is out of order is skipped with a warning naming its byte, so the span
 * and the run-state times leave it out and every VCPU's states add up to at most the span; damage the reader cannot
 * place is refused with a one-line message. One domain (1), one VCPU (0), on pCPU 0, read at 1 GHz (1 cycle = 1 ns)
 * with whole-trace accounting; each runstate record is 16 bytes after the 12-byte window header, so record k starts at
 * byte 12 + 16 k.
 */
class DamagedTraceTest {
    private static final TscRate ONE_GHZ = new TscRate(1_000_000_000L);

    @TempDir
    Path dir;

    private TraceSummary read(TraceBuilder trace, TscRate rate) throws Exception {
        Path file = dir.resolve("trace.bin");
        Files.write(file, trace.bytes());
        return TraceSummary.read(file, rate, Accounting.WHOLE_TRACE);
    }

    private static TraceSummary.Vcpu d1v0(TraceSummary s) {
        return s.domains().get(0).vcpus().get(0);
    }

    private static long sum(TraceSummary.Vcpu v) {
        return v.runNs() + v.runnableNs() + v.blockedNs() + v.offlineNs() + v.lostNs();
    }

    /**
     * A runstate record without a TSC (its header's top bit clear: 8 bytes, at byte 12) before the pCPU's first TSC has
     * no time: skipped with a warning. Then d1v0 ran 1000-2000: run 1000 in a span of 1000. Taken at TSC 0 (found by the
     * fuzzer), it put d1v0 running from 0 and its run states added up to twice the span, an internal error (exit 70).
     */
    @Test
    void read_recordWithoutTscBeforeThePcpusFirst_isSkipped() throws Exception {
        TraceBuilder t = new TraceBuilder().window(0, List.of(
                TraceBuilder.words(0x00021001 | BLOCKED << 8 | RUNNING << 4 | 1 << 28, 1 << 16),
                runstate(1000, 1, 0, RUNNABLE, RUNNING),
                runstate(2000, 1, 0, RUNNING, BLOCKED)));
        TraceSummary s = read(t, ONE_GHZ);
        assertEquals(1000, s.spanNs());
        assertEquals(1000, d1v0(s).runNs());
        assertEquals(1000, sum(d1v0(s)));
        assertEquals(List.of("pCPU 0: byte 12: record without a time stamp before the pCPU's first one; record skipped"
                + " (its time is unknown)"), s.warnings().messages());
    }

    /**
     * TSCs 1000, 2000, 2^40 + 2500 (bit 40 flipped in 2500), 3000, 4000. The third is above the fourth, which is above
     * the second: it alone is out of order, so it is skipped (byte 12 + 32 = 44). Then d1v0 ran 1000-2000, was blocked
     * 2000-3000 (the RUNNABLE->RUNNING record at 3000 contradicts BLOCKED: one more warning, and it runs from 3000),
     * ran 3000-4000: run 2000, blocked 1000, span 3000. Read with the absurd TSC, the span was 2^40 and blocked time
     * was counted twice over it.
     */
    @Test
    void read_recordWithAbsurdTsc_isSkippedAndLeftOutOfTheSpan() throws Exception {
        TraceBuilder t = new TraceBuilder().window(0, List.of(
                runstate(1000, 1, 0, RUNNABLE, RUNNING),
                runstate(2000, 1, 0, RUNNING, BLOCKED),
                runstate((1L << 40) + 2500, 1, 0, BLOCKED, RUNNABLE),
                runstate(3000, 1, 0, RUNNABLE, RUNNING),
                runstate(4000, 1, 0, RUNNING, BLOCKED)));
        TraceSummary s = read(t, ONE_GHZ);
        assertEquals(3000, s.spanNs());
        TraceSummary.Vcpu v = d1v0(s);
        assertEquals(2000, v.runNs());
        assertEquals(1000, v.blockedNs());
        assertEquals(0, v.runnableNs());
        assertEquals(3000, sum(v));
        assertEquals(2000, s.pcpus().get(0).busyNs());
        assertEquals(2, s.warnings().count(), s.warnings().messages().toString());
        assertTrue(s.warnings().messages().get(0).startsWith("pCPU 0: byte 44: TSC " + ((1L << 40) + 2500)),
                s.warnings().messages().get(0));
    }

    /**
     * TSCs 1000, 2000, 3000, 3500, then 2500 and 2600 (time going back), then 6000. 3500 is not out of order with its
     * neighbours (2500 is below 3000 too), so it stays; 2500 and 2600 are before it and are skipped (bytes 76, 92).
     * The record at 6000 (RUNNABLE->RUNNING) contradicts RUNNING and is ignored; the one at 7000 ends the run. So
     * d1v0 ran 1000-2000 and 3500-7000, blocked 2000-3000, runnable 3000-3500: 4500 + 1000 + 500 = 6000, the span.
     */
    @Test
    void read_timeGoingBack_skipsTheRecordsBeforeThePcpusTime() throws Exception {
        TraceBuilder t = new TraceBuilder().window(0, List.of(
                runstate(1000, 1, 0, RUNNABLE, RUNNING),
                runstate(2000, 1, 0, RUNNING, BLOCKED),
                runstate(3000, 1, 0, BLOCKED, RUNNABLE),
                runstate(3500, 1, 0, RUNNABLE, RUNNING),
                runstate(2500, 1, 0, RUNNING, BLOCKED),
                runstate(2600, 1, 0, BLOCKED, RUNNABLE),
                runstate(6000, 1, 0, RUNNABLE, RUNNING),
                runstate(7000, 1, 0, RUNNING, BLOCKED)));
        TraceSummary s = read(t, ONE_GHZ);
        assertEquals(6000, s.spanNs());
        TraceSummary.Vcpu v = d1v0(s);
        assertEquals(4500, v.runNs());
        assertEquals(1000, v.blockedNs());
        assertEquals(500, v.runnableNs());
        assertEquals(6000, sum(v));
        assertEquals(3, s.warnings().count(), s.warnings().messages().toString());
        assertTrue(s.warnings().messages().get(0).contains("byte 76: TSC 2500 is before the previous 3500"),
                s.warnings().messages().get(0));
        assertTrue(s.warnings().messages().get(1).contains("byte 92: TSC 2600"), s.warnings().messages().get(1));
    }

    /**
     * A TSC with its top bit set (2^63 + 1500, a flipped sign bit) is beyond any real TSC: skipped (byte 28). d1v0 then
     * runs 1000-2000: run 1000, span 1000.
     */
    @Test
    void read_tscWithTopBitSet_isSkipped() throws Exception {
        TraceBuilder t = new TraceBuilder().window(0, List.of(
                runstate(1000, 1, 0, RUNNABLE, RUNNING),
                runstate(Long.MIN_VALUE + 1500, 1, 0, RUNNING, RUNNABLE),
                runstate(2000, 1, 0, RUNNING, BLOCKED)));
        TraceSummary s = read(t, ONE_GHZ);
        assertEquals(1000, s.spanNs());
        assertEquals(1000, d1v0(s).runNs());
        assertTrue(s.warnings().messages().get(0).startsWith("pCPU 0: byte 28: TSC 9223372036854777308 is beyond 2^63"),
                s.warnings().messages().get(0));
    }

    /**
     * Truncated: the last record (16 bytes at byte 28) loses its last 4 bytes, but the window header still declares
     * 32 bytes: the file ends 4 bytes short of the window (12 + 32 = 44 declared, 40 present).
     */
    @Test
    void read_truncatedRecord_isRefusedWithTheOffset() {
        byte[] whole = new TraceBuilder().window(0, List.of(runstate(1000, 1, 0, RUNNABLE, RUNNING),
                runstate(2000, 1, 0, RUNNING, BLOCKED))).bytes();
        TraceBuilder cut = new TraceBuilder().raw(java.util.Arrays.copyOf(whole, whole.length - 4));
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> read(cut, ONE_GHZ));
        assertTrue(e.getMessage().endsWith("truncated: the window at byte 0 (pCPU 0) declares 32 bytes but only 28 remain"),
                e.getMessage());
    }

    /**
     * A flipped bit in a header's payload count (bit 29: 1 word becomes 3, so the record at byte 28 claims 4 + 8 + 12 =
     * 24 bytes where its window holds 16 more): it crosses the window's end at byte 44 and the file is refused.
     */
    @Test
    void read_flippedBitInARecordHeader_isRefusedWithTheOffset() {
        byte[] bytes = new TraceBuilder().window(0, List.of(runstate(1000, 1, 0, RUNNABLE, RUNNING),
                runstate(2000, 1, 0, RUNNING, BLOCKED))).bytes();
        bytes[12 + 16 + 3] ^= 0x20; // header of the second record (little-endian, top byte): bit 29
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> read(new TraceBuilder().raw(bytes), ONE_GHZ));
        assertTrue(e.getMessage().endsWith("byte 28: a record of pCPU 0 runs past the end of its window at byte 44; the file is"
                + " corrupt"), e.getMessage());
    }

    /**
     * At {@code --cpu-hz 1} a span of 2^62 cycles (a last record nothing follows, so no neighbour shows it wrong) is
     * 2^62 seconds, more nanoseconds than a long holds: refused with one message naming the rate.
     */
    @Test
    void read_spanBeyondLongNanosecondsAtOneHz_isRefused() {
        TraceBuilder t = new TraceBuilder().window(0, List.of(runstate(1000, 1, 0, RUNNABLE, RUNNING),
                runstate(1L << 62, 1, 0, RUNNING, BLOCKED)));
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> read(t, new TscRate(1)));
        assertTrue(e.getMessage().contains("at 1 Hz"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }
}
