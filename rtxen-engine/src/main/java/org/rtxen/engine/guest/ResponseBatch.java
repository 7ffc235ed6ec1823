package org.rtxen.engine.guest;

/**
 * Completed jobs' response times on their way to their tasks' histograms, added in batches of {@value #SIZE}.
 *
 * <p>Recording a response touches the task's histogram, which a large guest last touched a period ago: a cache
 * miss that stalls the event loop when it comes one at a time. Added one after the other in a short loop, the
 * independent misses of a whole batch overlap. The histograms hold the same counts as if recorded at once: read
 * them only after {@link #flush()}.
 */
final class ResponseBatch {
    static final int SIZE = 256;
    private final ResponseTimes[] histogram = new ResponseTimes[SIZE];
    private final long[] responseNs = new long[SIZE];
    private int size;

    /** Queues response {@code ns} for {@code into}, recording the whole batch when it is full. */
    void add(ResponseTimes into, long ns) {
        histogram[size] = into;
        responseNs[size] = ns;
        if (++size == SIZE) flush();
    }

    /** Records every queued response. */
    void flush() {
        for (int i = 0; i < size; i++) histogram[i].record(responseNs[i]);
        size = 0;
    }
}
