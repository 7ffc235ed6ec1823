package org.rtxen.sched.credit2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.model.Time.MS;
import static org.rtxen.model.Time.US;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.periodic;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Runs;
import org.rtxen.sched.ScenarioBuilder;

/** Credit2 rule boundaries that PIT found unpinned, each schedule derived by hand from the spec's C2.x rules. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Credit2RulePinningTest {
    @ParameterizedTest
    @CsvSource({"950, 9150", "951, 600"})
    void tickle_preemptableOnlyStrictlyAfterRatelimitLessTolerance(long wakeUs, long responseUs) {
        // One pCPU, default 1 ms rate limit. Hog A runs from 0 with a 10 ms slice (nobody waits, C2.19). An I/O job
        // of 100 us is released at wakeUs; its VCPU has 10 ms credit, more than A's.
        // 950 us: now - A's state entry = 950 us is not > 1 ms - 50 us, so A is not preemptable (C2.16.1), nobody is
        // tickled, and the job waits for A's slice end at 10 ms: done at 10.1 ms, response 9.15 ms.
        // 951 us: A is preemptable, the score 10 - 9.049 ms > 0 tickles the pCPU (C2.15.3). Its schedule keeps A,
        // still inside its 1 ms rate limit (C2.17.3), for max(500 us, 0 + 1 ms - 951 us) = 500 us (C2.19.2; A's
        // lead is negative, so the minimum applies): at 1.451 ms A (8.549 ms) yields to the job (10 ms), which
        // completes at 1.551 ms: response 600 us.
        SimulationResult r = Simulation.of(ScenarioBuilder.host(1, 30 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                        .domain("A", Credit2Params.DEFAULTS, busy())
                        .domain("io", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, wakeUs * US)).build(),
                pool -> new Credit2Scheduler()).observe(new InvariantChecker()).run();
        assertEquals(responseUs * US, Runs.domain(r, "io").tasks().get(0).response().maxNs());
    }
}
