package org.rtxen.sched.sedf;

import org.rtxen.model.params.SchedParams;

/**
 * SEDF parameters of a domain, applied to each of its VCPUs ({@code xl sched-sedf -d DOM -p -s -l -e -w}, S5.5,
 * S5.12): a time-driven reservation of {@code sliceNs} every {@code periodNs} (weight 0), or a weight sharing what
 * the reservations leave, or with {@code periodNs} 0 and extratime, extra time only.
 *
 * @param periodNs  the period, also the relative deadline; 0 with a weight
 * @param sliceNs   the guaranteed run time per period; 0 with a weight
 * @param latencyNs the latency hint; stored, without effect (S5.5)
 * @param extratime whether the VCPUs may run in extra time (EXTRA_AWARE)
 * @param weight    0 for a time-driven VCPU; otherwise its weight
 */
public record SedfParams(long periodNs, long sliceNs, long latencyNs, boolean extratime, int weight)
        implements SchedParams {
    /**
     * Every new VCPU's start (S5.4): best effort, 100 ms period, slice 0, extra time, extraweight 1; in xl's terms the
     * extra-time-only setting {@code -w 1 -e 1} (S5.5), which is how it is written.
     */
    public static final SedfParams DEFAULTS = new SedfParams(0, 0, 0, true, 1);
    /** The shortest period, PERIOD_MIN = 10 us (S5.4). */
    public static final long PERIOD_MIN_NS = 10_000L;
    /** The longest period, PERIOD_MAX = 10 s (S5.4). */
    public static final long PERIOD_MAX_NS = 10_000_000_000L;
    /** The shortest slice, SLICE_MIN = 5 us (S5.4). */
    public static final long SLICE_MIN_NS = 5_000L;
}
