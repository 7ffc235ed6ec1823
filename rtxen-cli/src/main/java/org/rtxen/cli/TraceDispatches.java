package org.rtxen.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.rtxen.trace.RecordVisitor;
import org.rtxen.trace.TraceRecord;
import org.rtxen.trace.TraceWarnings;
import org.rtxen.trace.TscRate;
import org.rtxen.trace.XentraceReader;

/**
 * The dispatches and deschedulings of guest VCPUs in a real trace, in trace order: every runstate change into or out
 * of running of a VCPU that is neither dom0's nor an idle VCPU (spec/xentrace.md 2.1: id
 * {@code 0x00021001 | old << 8 | new << 4}, payload {@code domain << 16 | vcpu}). Times are ns since the trace's first
 * record, the time base of {@link org.rtxen.trace.RtdsEvent}.
 *
 * @param timeNs  when each change happened
 * @param domains the Xen domain id of each
 * @param vcpus   the VCPU id of each
 * @param running true where the VCPU started running (a dispatch), false where it stopped
 */
record TraceDispatches(long[] timeNs, int[] domains, int[] vcpus, boolean[] running) {
    private static final int RUNSTATE_MASK = 0x0fff_f00f;
    private static final int RUNSTATE_CHANGE = 0x0002_1001;
    private static final int IDLE_DOMAIN = 32767;

    /** Reads the changes into and out of running of {@code file}, whose TSC runs at {@code rate}. */
    static TraceDispatches read(Path file, TscRate rate) throws IOException {
        LongList times = new LongList();
        LongList ids = new LongList();
        XentraceReader.read(file, new RecordVisitor() {
            private long firstTsc = -1;

            @Override
            public void record(TraceRecord r) {
                if (!r.hasTsc()) return;
                if (firstTsc < 0) firstTsc = r.tsc();
                if ((r.event() & RUNSTATE_MASK) != RUNSTATE_CHANGE || r.extraWords() < 1) return;
                boolean toRunning = (r.event() >>> 4 & 0xf) == 0;
                boolean fromRunning = (r.event() >>> 8 & 0xf) == 0;
                if (toRunning == fromRunning) return;
                int domain = r.word(0) >>> 16;
                if (domain == 0 || domain == IDLE_DOMAIN) return;
                times.add(rate.toNs(r.tsc() - firstTsc));
                ids.add((r.word(0) & 0xffff_ffffL) | (toRunning ? 1L << 32 : 0));
            }
        }, new TraceWarnings());
        int n = times.size;
        int[] domains = new int[n];
        int[] vcpus = new int[n];
        boolean[] running = new boolean[n];
        for (int i = 0; i < n; i++) {
            domains[i] = (int) (ids.values[i] >>> 16 & 0xffff);
            vcpus[i] = (int) (ids.values[i] & 0xffff);
            running[i] = (ids.values[i] >>> 32) != 0;
        }
        return new TraceDispatches(java.util.Arrays.copyOf(times.values, n), domains, vcpus, running);
    }

    /** A growable array of longs. */
    private static final class LongList {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) values = java.util.Arrays.copyOf(values, 2 * size);
            values[size++] = v;
        }
    }
}
