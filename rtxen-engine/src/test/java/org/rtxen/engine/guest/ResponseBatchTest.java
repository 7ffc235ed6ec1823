package org.rtxen.engine.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A response batch records the responses it holds, each into its own histogram, all at once when it fills, and a flush
 * records the rest, each response once.
 */
class ResponseBatchTest {
    @Test
    void add_recordsEachFullBatchAtOnce_andFlushRecordsTheRest() {
        ResponseBatch batch = new ResponseBatch();
        ResponseTimes even = new ResponseTimes(0, 10_000);
        ResponseTimes odd = new ResponseTimes(0, 10_000);
        for (int i = 0; i < ResponseBatch.SIZE - 1; i++) batch.add(i % 2 == 0 ? even : odd, i);
        assertEquals(0, even.count() + odd.count(), "nothing recorded before the batch is full");

        batch.add(odd, 5_000);
        assertEquals(128, even.count()); // 0, 2, ..., 254
        assertEquals(128, odd.count()); // 1, 3, ..., 253 and 5 000

        batch.add(even, 7_000);
        assertEquals(128, even.count());
        batch.flush();
        assertEquals(129, even.count());
        assertEquals(7_000, even.stats().maxNs());
        assertEquals(5_000, odd.stats().maxNs());

        batch.flush();
        assertEquals(129, even.count(), "a flush records each response once");
    }
}
