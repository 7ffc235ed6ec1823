package org.rtxen.sched.credit2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.model.Time.MS;
import static org.rtxen.model.Time.US;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.periodic;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
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

    @Test
    void reset_atTheCreditFloorGivesTwiceTheInitialCredit_andCarriesAtMostHalfAMillisecond() {
        // One pCPU, no rate limit, max_weight 256. Hog B (weight 1) burns 256 credit per ns: each 500 us slice (its
        // run time c2t(10 ms) = 39 us is below MIN_TIMER, C2.19.8) takes it from 10 ms to the floor CREDIT_MIN (C2.8),
        // and as the only candidate at the floor it resets the queue with 2 x CREDIT_INIT (C2.10, C2.11.1): B back
        // to 10 ms, the sleeping A to min(10 + 20, 10.5) = 10.5 ms (C2.11.2), at 0.5 and 1 ms.
        // A's 10.6 ms job is released at 1.01 ms: B has burnt 10 us x 256 = 2.56 ms (7.44 left), A's score 3.06 ms
        // tickles (C2.16) and A runs for min(c2t(10.5 ms), MAX_TIMER) = 10 ms (B is not queued until its context is
        // saved). At 11.01 ms A has 0.5 ms, B 7.44 ms more: B runs its 500 us to the floor; A then runs 500 us (0.5 ms
        // of credit) and, at 12.01 ms with 0 against B's CREDIT_MIN, resets (10 ms more each, A not at the floor)
        // and finishes its last 100 us at 12.11 ms: response 11.1 ms. With one CREDIT_INIT at the floor, B would
        // have had 0 at 1.01 ms and A would have kept the pCPU at 11.01 ms (response 10.6 ms); without the
        // carry-over cap, A's 50 ms of credit would have done the same.
        SimulationResult r = Simulation.of(ScenarioBuilder.host(1, 30 * MS)
                        .scheduler("credit2", new Credit2PoolParams(0, RunqueueLayout.SOCKET))
                        .domain("A", Credit2Params.DEFAULTS, periodic(100 * MS, 10_600 * US, 1_010 * US))
                        .domain("B", new Credit2Params(1, 0), busy()).build(),
                pool -> new Credit2Scheduler()).observe(new InvariantChecker()).run();
        assertEquals(11_100 * US, Runs.domain(r, "A").tasks().get(0).response().maxNs());
    }
}
