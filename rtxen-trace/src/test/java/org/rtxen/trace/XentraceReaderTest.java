package org.rtxen.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rtxen.trace.TraceBuilder.record;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The xentrace reader: records merged across pCPUs by TSC, a tie staying with the pCPU processed last
 * (spec 1.3, item 2), a record without a TSC taking its pCPU's previous one, TSCs above 32 bits, a warning when a
 * pCPU's TSC goes back, and one-line failures for empty, short, truncated and corrupt files.
 */
class XentraceReaderTest {
    private static final int SCHED_CTL = 0x00028008;

    /** Records the order, pCPU, TSC and first payload word of every record. */
    private static final class Log implements RecordVisitor {
        final List<String> seen = new ArrayList<>();

        @Override
        public void record(TraceRecord r) {
            seen.add("p" + r.pcpu() + "@" + r.tsc() + ":" + (r.extraWords() > 0 ? r.word(0) : -1));
        }

        @Override
        public void endOfPcpu(int pcpu, long lastTsc) {
            seen.add("end p" + pcpu + "@" + lastTsc);
        }
    }

    private static List<String> read(TraceBuilder trace) throws Exception {
        Log log = new Log();
        XentraceReader.read(trace.buffer(), "t", log, new TraceWarnings());
        return log.seen;
    }

    @Test
    void read_equalTscOnTwoPcpus_keepsGoingWithThePcpuProcessedLast() throws Exception {
        // p0: A@10, B@20; p1: C@10, D@20. First tie at 10: no pCPU processed yet, the first stream (p0) goes: A.
        // Then C@10 < B@20: C. Then the tie at 20 stays with p1 (processed last): D, then B (spec 1.3 item 2).
        TraceBuilder trace = new TraceBuilder()
                .window(0, List.of(record(SCHED_CTL, 10, 'A'), record(SCHED_CTL, 20, 'B')))
                .window(1, List.of(record(SCHED_CTL, 10, 'C'), record(SCHED_CTL, 20, 'D')));
        assertEquals(List.of("p0@10:65", "p1@10:67", "p1@20:68", "end p1@20", "p0@20:66", "end p0@20"), read(trace));
    }

    @Test
    void read_recordWithoutTsc_takesItsPcpusPreviousTsc() throws Exception {
        // A TSC-less record is a header with bit 31 clear followed by its words: 0x1002_8008, then 'X'.
        TraceBuilder trace = new TraceBuilder().window(0, List.of(record(SCHED_CTL, 7, 'A'),
                TraceBuilder.words(0x1000_0000 | SCHED_CTL, 'X'), record(SCHED_CTL, 9, 'B')));
        assertEquals(List.of("p0@7:65", "p0@7:88", "p0@9:66", "end p0@9"), read(trace));
    }

    @Test
    void read_tscAboveFourBillion_readsBothWords() throws Exception {
        long tsc = 0x1_2345_6789L;
        TraceBuilder trace = new TraceBuilder().window(3, List.of(record(SCHED_CTL, tsc, 1)));
        XentraceReader.Extent extent = XentraceReader.read(trace.buffer(), "t", new Log(), new TraceWarnings());
        assertEquals(new XentraceReader.Extent(1, 1, tsc, tsc), extent);
    }

    @Test
    void read_emptyFile_failsSayingSo() {
        var e = assertThrows(TraceFormatException.class,
                () -> XentraceReader.read(new TraceBuilder().buffer(), "t.bin", new Log(), new TraceWarnings()));
        assertEquals("t.bin: empty file, not a xentrace trace", e.getMessage());
    }

    @Test
    void read_fileShorterThanOneHeader_failsSayingSo() {
        TraceBuilder trace = new TraceBuilder().raw(new byte[] {'a', 'b', '\n'});
        var e = assertThrows(TraceFormatException.class,
                () -> XentraceReader.read(trace.buffer(), "t.bin", new Log(), new TraceWarnings()));
        assertEquals("t.bin: 3 bytes, too short for a xentrace trace", e.getMessage());
    }

    @Test
    void read_fileNotStartingWithCpuChange_failsNamingByteZero() {
        TraceBuilder trace = new TraceBuilder().raw(record(SCHED_CTL, 5, 1));
        var e = assertThrows(TraceFormatException.class,
                () -> XentraceReader.read(trace.buffer(), "t.bin", new Log(), new TraceWarnings()));
        assertTrue(e.getMessage().startsWith("t.bin: byte 0: expected a CPU-change record"), e.getMessage());
        assertTrue(e.getMessage().endsWith("not a xentrace file"), e.getMessage());
    }

    @Test
    void read_windowCutShort_failsAsTruncated() {
        byte[] whole = new TraceBuilder().window(0, List.of(record(SCHED_CTL, 5, 1), record(SCHED_CTL, 6, 2)))
                .bytes();
        // The window declares 2 records of 16 bytes = 32 bytes; cut 4 bytes off the end, 28 remain.
        TraceBuilder cut = new TraceBuilder().raw(java.util.Arrays.copyOf(whole, whole.length - 4));
        var e = assertThrows(TraceFormatException.class,
                () -> XentraceReader.read(cut.buffer(), "t.bin", new Log(), new TraceWarnings()));
        assertEquals("t.bin: truncated: the window at byte 0 (pCPU 0) declares 32 bytes but only 28 remain",
                e.getMessage());
    }

    @Test
    void read_recordCrossingItsWindow_failsNamingTheRecord() {
        // A window of 8 bytes holding the first half of a 16-byte record.
        byte[] rec = record(SCHED_CTL, 5, 1);
        TraceBuilder trace = new TraceBuilder().raw(TraceBuilder.words(0x2001F003, 0, 8))
                .raw(java.util.Arrays.copyOf(rec, 8));
        var e = assertThrows(TraceFormatException.class,
                () -> XentraceReader.read(trace.buffer(), "t.bin", new Log(), new TraceWarnings()));
        assertEquals("t.bin: byte 12: a record of pCPU 0 runs past the end of its window at byte 20; the file is"
                + " corrupt", e.getMessage());
    }

    @Test
    void read_tscGoingBackWithinAPcpu_warns() throws Exception {
        TraceWarnings warnings = new TraceWarnings();
        TraceBuilder trace = new TraceBuilder().window(0, List.of(record(SCHED_CTL, 9, 1), record(SCHED_CTL, 8, 2)));
        XentraceReader.read(trace.buffer(), "t", new Log(), warnings);
        assertEquals(1, warnings.count());
    }
}
