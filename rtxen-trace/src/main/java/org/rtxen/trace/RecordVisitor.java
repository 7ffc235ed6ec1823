package org.rtxen.trace;

/** Receives a trace's records in the merged order (smallest TSC first, as xenalyze processes them). */
public interface RecordVisitor {
    /** One record; {@code r} is only valid during the call. */
    void record(TraceRecord r);

    /** The stream of {@code pcpu} has no more records; {@code lastTsc} is the TSC of its last record. */
    default void endOfPcpu(int pcpu, long lastTsc) {}

    /** Every stream has ended. */
    default void endOfTrace() {}
}
