package org.rtxen.trace;

import java.util.Arrays;

/**
 * The dispatches and deschedulings of guest VCPUs in a real trace, in trace order: every runstate change into or out
 * of running of a VCPU that is neither dom0's nor an idle VCPU (spec/xentrace.md 2.1). Times are ns since the trace's
 * first record, the time base of {@link RtdsEvent}. Collect them with a {@link Collector} passed to
 * {@link TraceSummary#read}, in the same pass as the summary.
 *
 * @param timeNs  when each change happened
 * @param domains the Xen domain id of each
 * @param vcpus   the VCPU id of each
 * @param running true where the VCPU started running (a dispatch), false where it stopped
 */
public record GuestDispatches(long[] timeNs, int[] domains, int[] vcpus, boolean[] running) {
    /** Collects the dispatches of one trace; the runstate-change layout is decoded here, as for the accounting. */
    public static final class Collector implements RecordVisitor {
        private final TscRate rate;
        private long firstTsc = -1;
        private long[] times = new long[1024];
        private long[] ids = new long[1024];
        private int size;

        /** Converts times at {@code rate}. */
        public Collector(TscRate rate) {
            this.rate = rate;
        }

        @Override
        public void record(TraceRecord r) {
            if (!r.hasTsc()) return;
            if (firstTsc < 0) firstTsc = r.tsc();
            if ((r.event() & TraceEventIds.RUNSTATE_CHANGE_MASK) != TraceEventIds.RUNSTATE_CHANGE || r.extraWords() < 1) {
                return;
            }
            boolean toRunning = Runstate.ofXenCode(r.event() >>> 4 & 0xf) == Runstate.RUNNING;
            boolean fromRunning = Runstate.ofXenCode(r.event() >>> 8 & 0xf) == Runstate.RUNNING;
            if (toRunning == fromRunning) return;
            int domain = r.word(0) >>> 16;
            if (domain == 0 || domain == TraceEventIds.IDLE_DOMAIN) return;
            if (size == times.length) {
                times = Arrays.copyOf(times, 2 * size);
                ids = Arrays.copyOf(ids, 2 * size);
            }
            times[size] = rate.toNs(r.tsc() - firstTsc);
            ids[size++] = (r.word(0) & 0xffff_ffffL) | (toRunning ? 1L << 32 : 0);
        }

        /** What was collected. */
        public GuestDispatches result() {
            int[] domains = new int[size];
            int[] vcpus = new int[size];
            boolean[] running = new boolean[size];
            for (int i = 0; i < size; i++) {
                domains[i] = (int) (ids[i] >>> 16 & 0xffff);
                vcpus[i] = (int) (ids[i] & 0xffff);
                running[i] = (ids[i] >>> 32) != 0;
            }
            return new GuestDispatches(Arrays.copyOf(times, size), domains, vcpus, running);
        }
    }
}
