package org.rtxen.timeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.engine.Simulation;
import org.rtxen.model.Scenario;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Schedulers;

/**
 * Writing the Perfetto trace, the job CSV and the xentrace file together leaves the run's events and results unchanged
 * and gives the same bytes on a second run, and an empty list of writers attaches nothing.
 */
@Timeout(60)
class TraceSinksTest {
    private static SimulationResult timeless(SimulationResult r) {
        return new SimulationResult(r.durationNs(), r.seed(), r.events(), 0, r.domains(), r.pcpus());
    }

    /** Writing every timeline changes nothing in the run: same events and results as without a sink. */
    @Test
    void allThreeWriters_leaveTheRunUnchanged_andWriteTheSameBytesTwice() {
        Scenario s = Runs.scenario("global.yaml");
        SimulationResult bare = Simulation.of(s, Schedulers.factory()).run();
        byte[][] first = null;
        for (int run = 0; run < 2; run++) {
            ByteArrayOutputStream trace = new ByteArrayOutputStream();
            ByteArrayOutputStream jobs = new ByteArrayOutputStream();
            ByteArrayOutputStream xen = new ByteArrayOutputStream();
            SimulationResult traced = Simulation.of(s, Schedulers.factory()).trace(TraceSinks.of(List.of(
                    new PerfettoTraceWriter(trace),
                    new JobCsvWriter(new OutputStreamWriter(jobs, StandardCharsets.UTF_8)),
                    new XentraceWriter(xen)))).run();
            assertEquals(timeless(bare), timeless(traced));
            byte[][] now = {trace.toByteArray(), jobs.toByteArray(), xen.toByteArray()};
            if (first == null) first = now;
            for (int k = 0; k < 3; k++) assertArrayEquals(first[k], now[k], "output " + k + " differs between runs");
        }
    }

    @Test
    void of_emptyList_attachesNothing() {
        assertEquals(null, TraceSinks.of(List.of()));
    }
}
