package org.rtxen.sched.rtds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.sched.Runs.domain;
import static org.rtxen.sched.ScenarioBuilder.MS;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.rtds;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.ScenarioBuilder;

/**
 * The RTDS releases of {@code pools[].rtds.variant} (spec 2.11) on one pCPU and one always-busy VCPU A over 100 ms,
 * where they differ; each expectation derived by hand from R44 (4.5), R45 and E6 (4.7) and R9-R42 (4.10).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RtdsVariantsTest {
    private static long runOfA(RtdsVariant variant, RtdsParams a) {
        return domain(Simulation.of(ScenarioBuilder.host(1, 100 * MS)
                        .scheduler("rtds", new RtdsPoolParams(variant))
                        .domain("A", a, busy()).build(), pool -> RtdsPoolParams.variantOf(pool.params()).newScheduler())
                .observe(new InvariantChecker()).run(), "A").runNs();
    }

    /**
     * Budget 2.5 ms per 10 ms. 4.10 and 4.7 run A for exactly its remaining budget (R27): 2.5 ms per period, 25 ms.
     * 4.5 runs quanta of min(budget, 1 ms) = 1 ms and charges afterwards, clamping at 0 (E2): 1 + 1 + a full 1 ms
     * on the 0.5 ms left, 3 ms per period, 30 ms; the idle pCPU picks A up at its deadline (E1).
     */
    @Test
    void quantum_of45_overrunsASubQuantumRemainder() {
        RtdsParams a = new RtdsParams(10 * MS, 2_500_000L, false, java.util.List.of());
        assertEquals(30 * MS, runOfA(RtdsVariant.V4_5, a));
        assertEquals(25 * MS, runOfA(RtdsVariant.V4_7, a));
        assertEquals(25 * MS, runOfA(RtdsVariant.V4_10, a));
    }

    /**
     * Budget = period = 10 ms, so the replenishment and the budget's end coincide while A runs. 4.10 resets
     * last_start at the replenishment (R16): A runs throughout, 100 ms. 4.7 does not (E6): the burn at 10 ms charges
     * the whole old period to the new budget, A is depleted until the replenishment at 20, and so runs every other
     * period: 50 ms. 4.5 charges A's last quantum, requeues it at context_saved, whose scan replenishes it at once
     * (R44): 100 ms.
     */
    @Test
    void lastStart_of47_chargesTheOldPeriodToTheNewBudget() {
        RtdsParams a = rtds(10, 10, false);
        assertEquals(100 * MS, runOfA(RtdsVariant.V4_5, a));
        assertEquals(50 * MS, runOfA(RtdsVariant.V4_7, a));
        assertEquals(100 * MS, runOfA(RtdsVariant.V4_10, a));
    }

    /**
     * 10 ms / 4 ms with extratime asked for: only 4.10 has extratime (R42), so A alone runs all 100 ms; 4.7 and 4.5
     * give it its budget, 4 ms per period: 40 ms.
     */
    @Test
    void extratime_existsOnlyFrom410() {
        RtdsParams a = rtds(10, 4, true);
        assertEquals(40 * MS, runOfA(RtdsVariant.V4_5, a));
        assertEquals(40 * MS, runOfA(RtdsVariant.V4_7, a));
        assertEquals(100 * MS, runOfA(RtdsVariant.V4_10, a));
    }

    /**
     * Three hogs A, B, C (inserted in that order at 0), all 10 ms / 3 ms without extratime, so with equal deadlines
     * (10 ms), over 5 ms. 4.7 queues ties LIFO (R5, the V4_7 insertion): the queue is C, B, A, so C runs 0-3 and B
     * 3-5: A 0, B 2, C 3 ms. 4.10 queues them FIFO: A 0-3, B 3-5: A 3, B 2, C 0 ms. (Nothing is current at 0, so
     * keep-current on ties plays no part.)
     */
    @Test
    void tieOrder_of47_isLifo() {
        assertEquals(List.of(0L, 2 * MS, 3 * MS), runsOfThreeTiedHogs(RtdsVariant.V4_7));
        assertEquals(List.of(3 * MS, 2 * MS, 0L), runsOfThreeTiedHogs(RtdsVariant.V4_10));
    }

    private static List<Long> runsOfThreeTiedHogs(RtdsVariant variant) {
        SimulationResult r = Simulation.of(ScenarioBuilder.host(1, 5 * MS)
                        .scheduler("rtds", new RtdsPoolParams(variant))
                        .domain("A", rtds(10, 3, false), busy())
                        .domain("B", rtds(10, 3, false), busy())
                        .domain("C", rtds(10, 3, false), busy()).build(),
                pool -> RtdsPoolParams.variantOf(pool.params()).newScheduler())
                .observe(new InvariantChecker()).run();
        return List.of(domain(r, "A").runNs(), domain(r, "B").runNs(), domain(r, "C").runNs());
    }
}
