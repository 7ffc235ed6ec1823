package org.rtxen.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a xentrace file and hands its records to a {@link RecordVisitor} in xenalyze's order.
 *
 * <p>The file is a sequence of windows, each a 12-byte CPU-change record (pCPU, byte count) followed by that
 * many bytes of one pCPU's records (spec/xentrace.md 1.2). A first pass walks only the window headers and keeps,
 * per pCPU, where its windows are; the second pass merges the pCPU streams: the stream whose next record has the
 * smallest TSC goes next, ties stay with the pCPU processed last (1.3). A lost-records record is ordered by the
 * TSC of the first lost record, as xenalyze orders it. The file is memory-mapped and no record is copied, so a
 * trace of any size up to 2 GiB is read in constant memory apart from the window index.
 *
 * <p>Unlike xenalyze, every pCPU is merged from the start (xenalyze activates a pCPU whose first window comes
 * late only when it reaches it); for files that xentrace writes the two agree.
 */
public final class XentraceReader {
    private static final int CPU_CHANGE_HEADER = 0x2000_0000 | TraceEventIds.CPU_CHANGE;
    private static final int MAX_PCPUS = 256;

    private XentraceReader() {}

    /** What a read saw: the number of records and pCPUs and the TSC range. */
    public record Extent(long records, int pcpus, long firstTsc, long lastTsc) {}

    /**
     * Reads {@code file} and feeds every record to {@code visitor}.
     *
     * @throws TraceFormatException if the file is empty, does not start with a CPU-change record, is cut short,
     *                              or a record crosses the end of its window
     */
    public static Extent read(Path file, RecordVisitor visitor, TraceWarnings warnings) throws IOException {
        ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new TraceFormatException(file + ": traces over 2 GiB are not supported (cut a window with"
                        + " xentrace's -T or dd)");
            }
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            bytes = mapped.order(ByteOrder.LITTLE_ENDIAN);
        }
        return read(bytes, file.toString(), visitor, warnings);
    }

    /** Reads a trace held in memory; {@code name} is used in messages. */
    public static Extent read(ByteBuffer bytes, String name, RecordVisitor visitor, TraceWarnings warnings)
            throws TraceFormatException {
        ByteBuffer le = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        Stream[] streams = indexWindows(le, name);
        return merge(le, name, streams, visitor, warnings);
    }

    private static Stream[] indexWindows(ByteBuffer b, String name) throws TraceFormatException {
        int length = b.limit();
        if (length == 0) throw new TraceFormatException(name + ": empty file, not a xentrace trace");
        Stream[] byPcpu = new Stream[MAX_PCPUS];
        int offset = 0;
        while (offset < length) {
            if (length < 12) {
                throw new TraceFormatException(name + ": " + length + " bytes, too short for a xentrace trace");
            }
            if (length - offset < 12) {
                throw new TraceFormatException(name + ": truncated at byte " + offset + ": a window header needs 12"
                        + " bytes, " + (length - offset) + " remain");
            }
            int header = b.getInt(offset);
            if (header != CPU_CHANGE_HEADER) {
                throw new TraceFormatException(name + ": byte " + offset + ": expected a CPU-change record (0x"
                        + Integer.toHexString(CPU_CHANGE_HEADER) + ") but found 0x" + Integer.toHexString(header)
                        + (offset == 0 ? "; not a xentrace file" : "; the file is corrupt"));
            }
            int pcpu = b.getInt(offset + 4);
            long windowSize = b.getInt(offset + 8) & 0xffff_ffffL;
            if (pcpu < 0 || pcpu >= MAX_PCPUS) {
                throw new TraceFormatException(name + ": byte " + offset + ": pCPU " + pcpu + " is out of range"
                        + " (0-" + (MAX_PCPUS - 1) + ")");
            }
            long end = offset + 12L + windowSize;
            if (end > length) {
                throw new TraceFormatException(name + ": truncated: the window at byte " + offset + " (pCPU " + pcpu
                        + ") declares " + windowSize + " bytes but only " + (length - offset - 12) + " remain");
            }
            if (byPcpu[pcpu] == null) byPcpu[pcpu] = new Stream(pcpu);
            byPcpu[pcpu].addWindow(offset + 12, (int) end);
            offset = (int) end;
        }
        return Arrays.stream(byPcpu).filter(s -> s != null).toArray(Stream[]::new);
    }

    private static Extent merge(ByteBuffer b, String name, Stream[] streams, RecordVisitor visitor,
                                TraceWarnings warnings) throws TraceFormatException {
        TraceRecord record = new TraceRecord();
        long records = 0;
        long firstTsc = Long.MAX_VALUE;
        long lastTsc = Long.MIN_VALUE;
        for (Stream s : streams) s.peek(b, name, warnings);
        Stream last = null;
        while (true) {
            Stream next = null;
            for (Stream s : streams) {
                if (!s.hasRecord) continue;
                if (next == null || s.orderTsc < next.orderTsc || (s.orderTsc == next.orderTsc && s == last)) {
                    next = s;
                }
            }
            if (next == null) break;
            record.set(b, next.pcpu, next.header, next.tsc, next.orderTsc, next.recordOffset, next.lostEndPending);
            if (!next.lostEndPending) records++;
            if (next.hasOwnTsc()) {
                firstTsc = Math.min(firstTsc, next.tsc);
                lastTsc = Math.max(lastTsc, next.tsc);
            }
            visitor.record(record);
            if (next.isLostRecords() && !next.lostEndPending) {
                // xenalyze handles a lost-records record twice: at the first lost TSC, and at its own TSC.
                next.lostEndPending = true;
                next.orderTsc = Math.max(next.tsc, next.orderTsc);
                last = next;
                continue;
            }
            next.lostEndPending = false;
            next.advance();
            next.peek(b, name, warnings);
            if (!next.hasRecord) visitor.endOfPcpu(next.pcpu, next.tsc);
            last = next;
        }
        visitor.endOfTrace();
        if (records == 0) firstTsc = lastTsc = 0;
        return new Extent(records, streams.length, firstTsc, lastTsc);
    }

    /** One pCPU's record stream: its windows in file order and a cursor with the next record decoded. */
    private static final class Stream {
        /** How many records {@link #nextTsc} looks ahead for a time stamp. */
        static final int LOOKAHEAD = 16;
        /** No time stamp found. */
        static final long NONE = -1;
        final int pcpu;
        int[] starts = new int[8];
        int[] ends = new int[8];
        int windows;
        int window;
        int position;
        boolean hasRecord;
        int header;
        int recordOffset;
        int recordSize;
        long tsc;
        /** Whether a record with its own TSC has been accepted (until then {@link #tsc} is not a time). */
        boolean seenTsc;
        long orderTsc;
        boolean lostEndPending;

        Stream(int pcpu) {
            this.pcpu = pcpu;
        }

        void addWindow(int start, int end) {
            if (end == start) return;
            if (windows == starts.length) {
                starts = Arrays.copyOf(starts, windows * 2);
                ends = Arrays.copyOf(ends, windows * 2);
            }
            if (windows == 0) position = start;
            starts[windows] = start;
            ends[windows] = end;
            windows++;
        }

        boolean hasOwnTsc() {
            return header < 0;
        }

        /**
         * Decodes the next record at or after the cursor whose time stamp is believable, or clears {@link #hasRecord}
         * at the end of the stream. A record whose TSC is before this pCPU's previous one, or that is out of order
         * between its neighbours (a flipped bit, an absurd value), is skipped with a warning: its time is unknown,
         * and keeping it would make time run backwards or stretch the trace. So the records handed on from one pCPU
         * never go back in time, and a damaged time stamp is excluded instead of counted. A record without a TSC of
         * its own has its pCPU's previous one; before the pCPU's first it has no time and is skipped the same way.
         */
        void peek(ByteBuffer b, String name, TraceWarnings warnings) throws TraceFormatException {
            while (true) {
                if (!decode(b, name)) {
                    hasRecord = false;
                    return;
                }
                if (header >= 0) {
                    if (seenTsc) break;
                    // A record without a TSC takes its pCPU's previous one; before the first there is none.
                    warnings.add("pCPU " + pcpu + ": byte " + position + ": record without a time stamp before the"
                            + " pCPU's first one; record skipped (its time is unknown)");
                    advance();
                    continue;
                }
                long t = b.getLong(position + 4);
                if (t < 0) { // 2^63 cycles are 120 years at 2.4 GHz: the top bit is damage
                    warnings.add("pCPU " + pcpu + ": byte " + position + ": TSC " + Long.toUnsignedString(t)
                            + " is beyond 2^63; record skipped (damaged time stamp)");
                    advance();
                    continue;
                }
                if (seenTsc && t < tsc) {
                    warnings.add("pCPU " + pcpu + ": byte " + position + ": TSC " + t
                            + " is before the previous " + tsc + "; record skipped (damaged"
                            + " time stamp)");
                    advance();
                    continue;
                }
                long after = nextTsc(b);
                if (after != NONE && after < t
                        && (!seenTsc || after >= tsc)) {
                    warnings.add("pCPU " + pcpu + ": byte " + position + ": TSC " + t
                            + " is out of order with the next record's " + after
                            + "; record skipped (damaged time stamp)");
                    advance();
                    continue;
                }
                boolean hadTsc = seenTsc;
                long previous = tsc;
                tsc = t;
                seenTsc = true;
                orderTsc = isLostRecords() ? firstLostTsc(b, hadTsc, previous, warnings) : tsc;
                return;
            }
            orderTsc = tsc;
        }

        /** Reads the record header at the cursor, moving to the next window where one ends; false at the end. */
        private boolean decode(ByteBuffer b, String name) throws TraceFormatException {
            while (window < windows && position >= ends[window]) {
                window++;
                if (window < windows) position = starts[window];
            }
            if (window >= windows) return false;
            int end = ends[window];
            if (end - position < 4) throw crossing(name, end);
            int h = b.getInt(position);
            int size = recordSize(h);
            if (position + size > end) throw crossing(name, end);
            header = h;
            recordOffset = position;
            recordSize = size;
            hasRecord = true;
            return true;
        }

        private static int recordSize(int header) {
            return 4 + (header < 0 ? 8 : 0) + 4 * ((header >>> 28) & 7);
        }

        /**
         * The TSC of the next record of this pCPU that carries one, looking at most {@value #LOOKAHEAD} records
         * ahead, or {@link #NONE}; a malformed record ends the look (it is reported when reached).
         */
        private long nextTsc(ByteBuffer b) {
            int w = window;
            int at = position + recordSize;
            for (int seen = 0; seen < LOOKAHEAD; seen++) {
                while (w < windows && at >= ends[w]) {
                    w++;
                    if (w < windows) at = starts[w];
                }
                if (w >= windows || ends[w] - at < 4) return NONE;
                int h = b.getInt(at);
                int size = recordSize(h);
                if (at + size > ends[w]) return NONE;
                if (h < 0) {
                    long t = b.getLong(at + 4);
                    return t < 0 ? NONE : t;
                }
                at += size;
            }
            return NONE;
        }

        /**
         * Where a lost-records record is ordered: the TSC of its first lost record, which must lie between this
         * pCPU's previous TSC and the record's own; a value outside is damaged and replaced by the record's own TSC.
         */
        private long firstLostTsc(ByteBuffer b, boolean hadTsc, long previous, TraceWarnings warnings) {
            long first = b.getLong(position + 12 + 8);
            boolean afterPrevious = !hadTsc || first >= previous;
            if (afterPrevious && first <= tsc) return first;
            warnings.add("pCPU " + pcpu + ": byte " + position + ": lost records said to start at TSC "
                    + first + ", outside " + previous + "-"
                    + tsc + "; counted from the record's own TSC");
            return tsc;
        }

        /** Whether the decoded record is a well-formed lost-records record (4 words: count, ids, first TSC). */
        boolean isLostRecords() {
            return (header & 0x0fff_ffff) == TraceEventIds.LOST_RECORDS && ((header >>> 28) & 7) == 4 && header < 0;
        }

        private TraceFormatException crossing(String name, int end) {
            return new TraceFormatException(name + ": byte " + position + ": a record of pCPU " + pcpu
                    + " runs past the end of its window at byte " + end + "; the file is corrupt");
        }

        void advance() {
            position = recordOffset + recordSize;
        }
    }
}
