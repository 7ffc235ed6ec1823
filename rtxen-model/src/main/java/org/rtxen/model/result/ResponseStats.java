package org.rtxen.model.result;

/** Response-time statistics over completed jobs, in ns; all zero when no job completed. */
public record ResponseStats(long count, long minNs, double meanNs, long p99Ns, long maxNs) {
    /** No completed job. */
    public static final ResponseStats EMPTY = new ResponseStats(0, 0, 0.0, 0, 0);
}
