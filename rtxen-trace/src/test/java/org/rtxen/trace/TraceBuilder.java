package org.rtxen.trace;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Writes xentrace files byte by byte from spec/xentrace.md section 1, for tests. */
final class TraceBuilder {
    static final int RUNNING = 0;
    static final int RUNNABLE = 1;
    static final int BLOCKED = 2;
    static final int OFFLINE = 3;
    static final int IDLE = 32767;

    private final ByteArrayOutputStream file = new ByteArrayOutputStream();

    /** Appends one window: the 12-byte CPU-change record (0x2001F003, pCPU, size), then the records. */
    TraceBuilder window(int pcpu, List<byte[]> records) {
        int size = records.stream().mapToInt(r -> r.length).sum();
        file.writeBytes(words(0x2001F003, pcpu, size));
        records.forEach(file::writeBytes);
        return this;
    }

    /** Appends raw bytes (for corrupt files). */
    TraceBuilder raw(byte[] bytes) {
        file.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return file.toByteArray();
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes());
    }

    /** A record with a TSC: header (event | n << 28 | 1 << 31), TSC low and high word, then the payload words. */
    static byte[] record(int event, long tsc, int... payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + 4 * payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(event | payload.length << 28 | 1 << 31);
        b.putInt((int) tsc);
        b.putInt((int) (tsc >>> 32));
        for (int w : payload) b.putInt(w);
        return b.array();
    }

    /** RUNSTATE_CHANGE: id 0x00021001 | old << 8 | new << 4, one word (domid << 16) | vcpuid. */
    static byte[] runstate(long tsc, int domain, int vcpu, int from, int to) {
        return record(0x00021001 | from << 8 | to << 4, tsc, domain << 16 | vcpu);
    }

    /** CONTINUE_RUNNING 0x00021002. */
    static byte[] continueRunning(long tsc, int domain, int vcpu) {
        return record(0x00021002, tsc, domain << 16 | vcpu);
    }

    static byte[] words(int... words) {
        ByteBuffer b = ByteBuffer.allocate(4 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) b.putInt(w);
        return b.array();
    }

    /** Collects one pCPU's records in order. */
    static final class Stream {
        final List<byte[]> records = new ArrayList<>();

        Stream add(byte[] r) {
            records.add(r);
            return this;
        }
    }
}
