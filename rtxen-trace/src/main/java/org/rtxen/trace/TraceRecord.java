package org.rtxen.trace;

import java.nio.ByteBuffer;

/**
 * One trace record as the reader delivers it. The reader reuses one instance for every record, so a visitor
 * must copy what it keeps before returning.
 */
public final class TraceRecord {
    private ByteBuffer bytes;
    private int pcpu;
    private int event;
    private int extraWords;
    private boolean hasTsc;
    private long tsc;
    private long lostFromTsc;
    private int payloadOffset;

    TraceRecord() {}

    void set(ByteBuffer bytes, int pcpu, int header, long tsc, long lostFromTsc, int recordOffset, boolean lostEnd) {
        this.bytes = bytes;
        this.pcpu = pcpu;
        this.event = lostEnd ? TraceEventIds.LOST_RECORDS_END : header & 0x0fff_ffff;
        this.extraWords = (header >>> 28) & 7;
        this.hasTsc = header < 0;
        this.tsc = tsc;
        this.lostFromTsc = lostFromTsc;
        this.payloadOffset = recordOffset + (hasTsc ? 12 : 4);
    }

    /** The pCPU whose buffer held the record. */
    public int pcpu() {
        return pcpu;
    }

    /** The event id (bits 0-27 of the header word). */
    public int event() {
        return event;
    }

    /** Number of 32-bit payload words (0-7). */
    public int extraWords() {
        return extraWords;
    }

    /** Whether the record carried its own TSC; if not, {@link #tsc()} is the pCPU's previous TSC. */
    public boolean hasTsc() {
        return hasTsc;
    }

    /** The record's TSC in cycles. */
    public long tsc() {
        return tsc;
    }

    /**
     * For a lost-records record: the TSC of its first lost record as checked by the reader (between the pCPU's
     * previous TSC and the record's own; the record's own TSC where the stored value is damaged).
     */
    public long lostFromTsc() {
        return lostFromTsc;
    }

    /** Byte offset of the record in the file, for messages. */
    public long fileOffset() {
        return payloadOffset - (hasTsc ? 12 : 4);
    }

    /** Payload word {@code i} as an unsigned value in an int (callers mask as needed). */
    public int word(int i) {
        return bytes.getInt(payloadOffset + 4 * i);
    }

    /** The 64-bit payload value stored in words {@code i} (low) and {@code i + 1} (high). */
    public long longAt(int i) {
        return (word(i) & 0xffff_ffffL) | ((long) word(i + 1) << 32);
    }
}
