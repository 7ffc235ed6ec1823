package org.rtxen.sched.sedf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.sched.ScenarioBuilder.MS;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.Runs.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.SchedulerFactory;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Runs;
import org.rtxen.sched.ScenarioBuilder;

/** SEDF schedules derived by hand from the spec's S5 rules (Xen 4.5 sched_sedf.c). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SedfSchedulerTest {
    private final List<SedfScheduler> instances = new ArrayList<>();
    private final SchedulerFactory factory = pool -> {
        SedfScheduler s = new SedfScheduler();
        instances.add(s);
        return s;
    };

    private SimulationResult run(Scenario s) {
        return Simulation.of(s, factory).observe(new InvariantChecker()).run();
    }

    private static SedfParams timeDriven(long periodMs, long sliceMs, boolean extratime) {
        return new SedfParams(periodMs * MS, sliceMs * MS, 0, extratime, 0);
    }

    /**
     * One pCPU, hogs A 10ms/4ms and B 10ms/3ms without extra time. Both wake at 0 with deadline 0, so (S5.11.1)
     * A's deadline becomes 0+4 = 4 ms and B's 3 ms; that is a short block (now &lt; deadline): each deadline moves a
     * period on (A 14, B 13), the whole slice is a penalty (PEN scores (10ms&lt;&lt;10)/4ms = 2560 for A and 3413 for
     * B) and both wait for their periods to begin (A at 4, B at 3). Until 3 ms the pCPU hands out extra time
     * (S5.10): PEN head A 0-0.5, then B 0.5-1 (the PEN run repays the penalty, S5.8), then idle. B's period [3, 13)
     * runs it 3-4 (cut at A's period start), 4-6 (deadline 13 before A's 14): 3 ms. A runs 6-10. Idle 10-13. The
     * pattern repeats every 10 ms: B runs 3+10k..6+10k, A 6+10k..10+10k. In [0, 1 s): A 100 x 4 ms + 0.5 = 400.5
     * ms, B 100 x 3 ms + 0.5 = 300.5 ms; the pCPU idles the remaining 299 ms.
     */
    @Test
    void schedule_timeDrivenHogs_getTheirSlicesPlusTheFirstPenaltyRun() {
        SimulationResult r = run(ScenarioBuilder.host(1, 1000 * MS)
                .domain("A", timeDriven(10, 4, false), busy())
                .domain("B", timeDriven(10, 3, false), busy()).build());
        assertEquals(400_500_000L, domain(r, "A").runNs());
        assertEquals(300_500_000L, domain(r, "B").runNs());
        assertEquals(701 * MS, r.pcpus().get(0).busyNs());
    }

    /**
     * One pCPU: A 10ms/4ms with extra time, B 10ms/2ms without. At 0 as above: A's deadline 14 (period from 4),
     * PEN score 2560, and A joins UTIL with score 0; B's deadline 12 (period from 2), PEN score 5120. Extra time
     * until 2 ms: A (PEN) 0-0.5, B (PEN) 0.5-1, A (UTIL) 1-1.5 and 1.5-2. Then B 2-4 (its slice), A 4-8 (its slice),
     * and A takes the 4 ms left until B's next period at 12 in UTIL chunks of 500 us. Per 10 ms from then: B 2 ms,
     * A 8 ms, never idle. In [0, 1 s): B 100 x 2 + 0.5 = 200.5 ms, A the other 799.5 ms.
     */
    @Test
    void schedule_extratime_fillsWhatTheSlicesLeave() {
        SimulationResult r = run(ScenarioBuilder.host(1, 1000 * MS)
                .domain("A", timeDriven(10, 4, true), busy())
                .domain("B", timeDriven(10, 2, false), busy()).build());
        assertEquals(799_500_000L, domain(r, "A").runNs());
        assertEquals(200_500_000L, domain(r, "B").runNs());
        assertEquals(1000 * MS, r.pcpus().get(0).busyNs());
    }

    /**
     * S5.5's example: on one pCPU a time-driven VCPU of 10ms/3ms reserves sumt = 100ms*3/10 = 30 ms, so weights 2,
     * 7 and 3 share 100 - 5 - 30 = 65 ms per 100 ms period: 2*65/12 = 10.833333 ms, 7*65/12 = 37.916666 ms and
     * 3*65/12 = 16.25 ms (integer ns).
     */
    @Test
    void adjust_weights_shareWhatReservationsLeave() {
        Simulation sim = Simulation.of(ScenarioBuilder.host(1, 10 * MS)
                .domain("T", timeDriven(10, 3, false), busy())
                .domain("W2", new SedfParams(0, 0, 0, false, 2), busy())
                .domain("W7", new SedfParams(0, 0, 0, false, 7), busy())
                .domain("W3", new SedfParams(0, 0, 0, false, 3), busy()).build(), factory);
        sim.run();
        SedfScheduler sedf = instances.get(0);
        assertEquals(10_833_333L, sedf.sliceOf(vcpu(sim, 1)));
        assertEquals(37_916_666L, sedf.sliceOf(vcpu(sim, 2)));
        assertEquals(16_250_000L, sedf.sliceOf(vcpu(sim, 3)));
        assertEquals(3 * MS, sedf.sliceOf(vcpu(sim, 0)));
    }

    private static Vcpu vcpu(Simulation sim, int domain) {
        return sim.host().domains().get(domain).vcpus().get(0);
    }

    /**
     * Start phase: hog A 10ms/4ms without extra time, created at 3 ms instead of 0. It wakes at 3 ms: deadline
     * 3+4 = 7, a short block, so the deadline becomes 17 and its periods begin at 7+10k (at 4+10k when created at
     * 0). In [0, 100 ms): created at 3, PEN 3-3.5, then 7-11, ..., 87-91 (9 slices) and 97-100 (3 ms): 39.5 ms;
     * created at 0, PEN 0-0.5 then 4-8, ..., 94-98 (10 slices): 40.5 ms.
     */
    @Test
    void start_shiftsTheServerPeriods() {
        DomainSpec late = new DomainSpec("A", false, null, 1, timeDriven(10, 4, false), List.of(), List.of(),
                3 * MS, busy());
        assertEquals(39_500_000L, domain(run(ScenarioBuilder.host(1, 100 * MS).domain(late).build()), "A").runNs());
        assertEquals(40_500_000L, domain(run(ScenarioBuilder.host(1, 100 * MS)
                .domain("A", timeDriven(10, 4, false), busy()).build()), "A").runNs());
    }

    /**
     * S5.2: a static spread by VCPU index, cycle(index mod |mask| - 1, mask). Two pCPUs, domain A with two hog VCPUs of
     * 10ms/4ms without extra time: v0 goes to cycle(-1) = pCPU 0 and v1 to cycle(0) = pCPU 1. Each then runs alone as in
     * {@link #start_shiftsTheServerPeriods} (created at 0): 0.5 ms of penalty time, then 4 ms in each period [4+10k,
     * 14+10k): 40.5 ms per pCPU in 100 ms.
     */
    @Test
    void pickCpu_spreadsVcpusByIndex() {
        SimulationResult r = run(ScenarioBuilder.host(2, 100 * MS)
                .domain("A", null, 2, timeDriven(10, 4, false), List.of(), busy()).build());
        assertEquals(40_500_000L, r.pcpus().get(0).busyNs());
        assertEquals(40_500_000L, r.pcpus().get(1).busyNs());
    }

    /**
     * S5.11 short and long blocks. One pCPU, A 10ms/4ms without extra time, a task of period 30 ms needing 2 ms from 0.
     * Wake at 0: deadline 0 + 4 = 4 (S5.11.1), a short block (0 &lt; 4): deadline 14, period from 4, penalty 4 ms (PEN).
     * PEN extra time 0-0.5 (S5.10) runs 0.5 ms of the job; idle to 4; A's period begins: 4-5.5 ends the job (response
     * 5.5 ms) and A blocks with 1.5 ms used. The next job wakes A at 30, after its deadline 14: a long block (S5.11.4),
     * deadline 30 + 10 = 40, period begun, so it joins runq and preempts the idle pCPU (S5.11.6): 30-32, response 2 ms.
     */
    @Test
    void wake_afterTheDeadline_isALongBlockWithAFreshPeriod() {
        Simulation sim = Simulation.of(ScenarioBuilder.host(1, 40 * MS)
                .domain("A", timeDriven(10, 4, false), ScenarioBuilder.periodic(30 * MS, 2 * MS, 0)).build(), factory)
                .observe(new InvariantChecker());
        long[] deadlineAt31 = {-1};
        sim.at(31 * MS, () -> deadlineAt31[0] = instances.get(0).deadlineOf(vcpu(sim, 0)));
        SimulationResult r = sim.run();
        var rt = Runs.task(r, "A", "t").response();
        assertEquals(2, rt.count());
        assertEquals(5_500_000L, rt.maxNs());
        assertEquals(2 * MS, rt.minNs());
        assertEquals(40 * MS, deadlineAt31[0]);
    }
}
