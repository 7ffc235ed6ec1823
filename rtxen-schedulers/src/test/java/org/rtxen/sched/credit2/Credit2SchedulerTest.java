package org.rtxen.sched.credit2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rtxen.model.Time.MS;
import static org.rtxen.model.Time.S;
import static org.rtxen.model.Time.US;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.periodic;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.SchedulerFactory;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.command.Command;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.sched.Runs;
import org.rtxen.sched.ScenarioBuilder;

/** Credit2 schedules derived by hand from spec section 2 (rules C2.x) and Xen 4.17's credit2.c. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Credit2SchedulerTest {
    private static final SchedulerFactory CREDIT2 = pool -> new Credit2Scheduler();

    private static ScenarioBuilder credit2(int pcpus, long durationNs, Credit2PoolParams params) {
        return ScenarioBuilder.host(pcpus, durationNs).scheduler("credit2", params);
    }

    static SimulationResult run(Scenario s) {
        return Simulation.of(s, CREDIT2).observe(new InvariantChecker()).run();
    }

    @Test
    void weights256And512OnOnePcpu_shareOneThirdAndTwoThirds() {
        // C2.8: max_weight is 512, so A (256) burns 2 credits per ns and B (512) 1 per ns. Both start with 10 ms
        // of credit; an epoch ends with a reset (C2.10, C2.11) once the best candidate's credit is used up, and a
        // reset gives both +10 ms. In an epoch A can therefore run 5 ms and B 10 ms: A gets 1/3 and B 2/3 of the
        // pCPU. Tolerance 1 % of the run for the slice quantisation (500 us minimum, 1 ms rate limit) around resets
        // and the 500 us carry-over cap.
        long duration = 10 * S;
        SimulationResult r = run(credit2(1, duration, Credit2PoolParams.DEFAULTS)
                .domain("A", new Credit2Params(256, 0), busy())
                .domain("B", new Credit2Params(512, 0), busy()).build());
        long a = Runs.domain(r, "A").runNs();
        long b = Runs.domain(r, "B").runNs();
        assertEquals(duration, a + b, "two hogs never leave the pCPU idle");
        assertEquals(duration / 3.0, a, duration * 0.01);
        assertEquals(2 * duration / 3.0, b, duration * 0.01);
    }

    @Test
    void weights256And512_exactScheduleOfTheFirstEpochs() {
        // The first decisions, by hand (C2.8-C2.19), max_weight 512, rate limit 1 ms, both VCPUs start with 10 ms:
        // 0: A wakes first and runs; nobody waits, so its slice is c2t(10 ms) = 10 * 256/512 = 5 ms, after which
        //    A's credit is 10 - 2 x 5 = 0. (B's wake at 0 scores 10 - 10 = 0: no preemption.)
        // 5: B (10 ms) beats A (0): slice c2t(10 ms) = 10 ms (A is re-queued only at context_saved) -> B at 0 at 15.
        // 15: B keeps running (A's 0 is not more than B's 0); the top credit is 0, so reset: both +10 ms. B's slice:
        //    lead over A 0 -> the 500 us minimum (its rate limit is long over) -> B at 9.5 ms at 15.5.
        // 15.5: A (10) beats B (9.5): slice c2t(10 ms) = 5 ms (the queue is empty when it is computed).
        // 20.5: A at 0, B (9.5) runs c2t(9.5 ms) = 9.5 ms to 30, reaching 0; 30 is as 15, and so on every 15 ms:
        // A runs [0,5) [15.5,20.5) [30.5,35.5) [45.5,50.5) [60.5,61) = 20.5 ms of 61 ms; B the other 40.5 ms.
        SimulationResult r = run(credit2(1, 61 * MS, Credit2PoolParams.DEFAULTS)
                .domain("A", new Credit2Params(256, 0), busy())
                .domain("B", new Credit2Params(512, 0), busy()).build());
        assertEquals(20_500 * US, Runs.domain(r, "A").runNs());
        assertEquals(40_500 * US, Runs.domain(r, "B").runNs());
    }

    @Test
    void equalWeightsOnOnePcpu_shareHalves() {
        // Equal weights burn at the same rate (max_weight / weight = 1): each gets half. Same tolerance as above.
        long duration = 10 * S;
        SimulationResult r = run(credit2(1, duration, Credit2PoolParams.DEFAULTS)
                .domain("A", Credit2Params.DEFAULTS, busy())
                .domain("B", Credit2Params.DEFAULTS, busy()).build());
        assertEquals(duration / 2.0, Runs.domain(r, "A").runNs(), duration * 0.01);
        assertEquals(duration / 2.0, Runs.domain(r, "B").runNs(), duration * 0.01);
    }

    @Test
    void cap25OnLoneHog_runs2point5msOfEvery10ms() {
        // C2.21: cap 25 gives tot_budget = 10 ms * 25 / 100 = 2.5 ms per 10 ms period, quota max(2.5 ms / 1, 500 us)
        // = 2.5 ms; setting the cap at creation (time 0) fills the pool (2.5 ms, next replenishment at 10 ms) and
        // zeroes the VCPU's budget. The hog wakes at 0, grabs the 2.5 ms quota (C2.22) and runs a slice of
        // min(10 ms by credit, budget 2.5 ms) = 2.5 ms (C2.19). At 2.5 ms its budget is 0 and the pool is empty:
        // parked (paused, OFFLINE) until the replenishment at 10 ms unparks it (C2.23), and so on: exactly 25 %,
        // [10k, 10k + 2.5) ms, in 1 s 100 bursts = 250 ms running, 750 ms offline.
        SimulationResult r = run(credit2(1, 1 * S, Credit2PoolParams.DEFAULTS)
                .domain("A", new Credit2Params(256, 25), busy()).build());
        DomainResult a = Runs.domain(r, "A");
        assertEquals(250 * MS, a.runNs());
        assertEquals(750 * MS, a.vcpus().get(0).offlineNs());
    }

    @Test
    void cap50AgainstUncappedHog_cappedGetsHalfOtherGetsRest() {
        // A capped at 50 (5 ms of budget per 10 ms) competes with an uncapped hog B of equal weight on one pCPU.
        // Without the cap each would get half (equal weights), which the cap allows, so A is bounded by neither
        // share nor cap: A about 50 %; B takes what A leaves, and the pCPU never idles. With cap 20 A gets at most
        // 2 ms per 10 ms: 20 %, B 80 %. Tolerance 1 % of the run (a slice's minimum can overrun the budget by up
        // to 500 us, paid back at the next grab, C2.22).
        long duration = 10 * S;
        SimulationResult r = run(credit2(1, duration, Credit2PoolParams.DEFAULTS)
                .domain("A", new Credit2Params(256, 20), busy())
                .domain("B", Credit2Params.DEFAULTS, busy()).build());
        long a = Runs.domain(r, "A").runNs();
        long b = Runs.domain(r, "B").runNs();
        assertEquals(duration, a + b);
        assertEquals(duration * 0.2, a, duration * 0.01);
    }

    @Test
    void ratelimit_wakeWithinTheLimitIsNotTickledAndWaitsForTheSlice() {
        // One pCPU: hog A runs from 0 with a slice of c2t(10 ms) = 10 ms (nobody waits, C2.19). An I/O job of
        // 100 us is released at 300 us: its VCPU has 10 ms credit, A 10 - 0.3 = 9.7 ms, so it would preempt, but A
        // has run only 300 us < 1 ms - 50 us, so A is not preemptable and nobody is tickled (C2.16, 7.C19). The
        // job waits until A's slice ends at 10 ms and completes at 10.1 ms: response 9.8 ms.
        SimulationResult r = run(credit2(1, 50 * MS, Credit2PoolParams.DEFAULTS)
                .domain("A", Credit2Params.DEFAULTS, busy())
                .domain("io", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 300 * US)).build());
        TaskResult t = Runs.domain(r, "io").tasks().get(0);
        assertEquals(1, t.completed());
        assertEquals(9_800 * US, t.response().maxNs());
    }

    @Test
    void ratelimitZero_wakeWithMoreCreditPreemptsAtOnce() {
        // Same as above with ratelimit 0: every running VCPU is preemptable; the score 10 - 9.7 ms > 0 tickles the
        // pCPU, whose schedule picks the queued VCPU with more credit: response = the 100 us execution.
        SimulationResult r = run(credit2(1, 50 * MS, new Credit2PoolParams(0, RunqueueLayout.SOCKET))
                .domain("A", Credit2Params.DEFAULTS, busy())
                .domain("io", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 300 * US)).build());
        assertEquals(100 * US, Runs.domain(r, "io").tasks().get(0).response().maxNs());
    }

    @Test
    void ratelimit_wakeAfterTheLimitPreemptsAtOnce() {
        // With the default 1 ms rate limit, a wake 1.2 ms into A's run (> 1 ms - 50 us) finds A preemptable: the
        // io VCPU (10 ms credit against A's 8.8 ms) preempts at once, response 100 us.
        SimulationResult r = run(credit2(1, 50 * MS, Credit2PoolParams.DEFAULTS)
                .domain("A", Credit2Params.DEFAULTS, busy())
                .domain("io", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 1_200 * US)).build());
        assertEquals(100 * US, Runs.domain(r, "io").tasks().get(0).response().maxNs());
    }

    @Test
    void perCpuRunqueues_loadBalancingSpreadsTwoHogsPlacedTogether() {
        // 2 pCPUs, one run queue each (runqueue=cpu). Insertion places each VCPU on the run queue with the least
        // balancing load, each new VCPU counting 0.5 (C2.24, C2.28): hogA -> rq0 (0 vs 0, first), light1 -> rq1,
        // hogB -> rq0 (0.5 vs 0.5, first), light2 -> rq1. So both hogs share pCPU 0 while pCPU 1 mostly idles.
        // Tickle never looks outside a run queue (7.C21); only balance_load at credit resets moves them (C2.26):
        // once rq0's load average (towards 2) exceeds rq1's (towards ~0) by more than a hog's own average, pushing
        // one hog to rq1 brings the loads closer and is done. The averaging window is about 1.07 s, so within
        // about a second the hogs run on separate pCPUs. Without balancing they would share one pCPU: 10 s of
        // running in 10 s; with it nearly 20 s. We require more than 18 s.
        long duration = 10 * S;
        Credit2PoolParams perCpu = new Credit2PoolParams(1_000_000L, RunqueueLayout.CPU);
        SimulationResult r = run(credit2(2, duration, perCpu)
                .domain("hogA", Credit2Params.DEFAULTS, busy())
                .domain("light1", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 0))
                .domain("hogB", Credit2Params.DEFAULTS, busy())
                .domain("light2", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 0)).build());
        long hogs = Runs.domain(r, "hogA").runNs() + Runs.domain(r, "hogB").runNs();
        assertTrue(hogs > 18 * S, "hogs ran " + hogs);
    }

    @Test
    void socketRunqueues_onTwoSockets_tickleStaysInsideTheSocket() {
        // 2 sockets x 1 core: the default layout gives one run queue per socket (C2.6). Two hogs pinned to pCPU 0
        // share it half and half, and an unpinned third hog placed on socket 1's run queue (least loaded) runs
        // alone there: pCPU 1 is never offered to the pinned hogs (hard affinity), and the third hog has a pCPU
        // to itself, so it runs the whole time.
        long duration = 2 * S;
        Scenario base = credit2(2, duration, Credit2PoolParams.DEFAULTS)
                .domain("p1", null, 1, Credit2Params.DEFAULTS, List.of(0), busy())
                .domain("p2", null, 1, Credit2Params.DEFAULTS, List.of(0), busy())
                .domain("free", null, 1, Credit2Params.DEFAULTS, List.of(), busy()).build();
        Scenario s = new Scenario(duration, 1, new HostSpec(2, 1, 1), base.pools(), base.domains(), base.overheads());
        SimulationResult r = run(s);
        assertEquals(duration, Runs.domain(r, "free").runNs());
        assertEquals(duration / 2.0, Runs.domain(r, "p1").runNs(), duration * 0.01);
    }

    @Test
    void vcpuPin_movesTheVcpuToTheOtherRunqueue() {
        // runqueue=cpu on 2 pCPUs; two hogs pinned to pCPU 0 share it. At 1 s `xl vcpu-pin B 0 1` moves B: the
        // migration's pick (C2.28) finds rq1 (pCPU 1, idle) and B moves there (C2.29) and runs alone. So A gets
        // half of [0, 1) s and all of [1, 2) s: 1.5 s; B half then all: 1.5 s. Tolerance 1 %.
        long duration = 2 * S;
        Simulation sim = Simulation.of(credit2(2, duration, new Credit2PoolParams(1_000_000L, RunqueueLayout.CPU))
                .domain("A", null, 1, Credit2Params.DEFAULTS, List.of(0), busy())
                .domain("B", null, 1, Credit2Params.DEFAULTS, List.of(0), busy()).build(), CREDIT2);
        Vcpu b = sim.host().domains().get(1).vcpus().get(0);
        sim.at(1 * S, () -> sim.framework().setAffinity(b, CpuMask.of(List.of(1))));
        SimulationResult r = sim.observe(new InvariantChecker()).run();
        assertEquals(1.5 * S, Runs.domain(r, "A").runNs(), duration * 0.01);
        assertEquals(1.5 * S, Runs.domain(r, "B").runNs(), duration * 0.01);
    }

    /**
     * Equal-weight hogs A and B on pCPU 0 of a two-pCPU host (one socket, two cores); pCPU 1 is free. Before the
     * add, by hand (C2.8-C2.19, rate limit 1 ms, max_weight 256): A runs [0, 10) (nobody waits when its slice is
     * set: c2t(10 ms)), B [10, 20); at 20 B keeps the pCPU (A's 0 is not more), the top credit is 0, so both get
     * +10 ms (C2.11) and B's slice is its 0 lead, i.e. the 500 us minimum; A runs [20.5, 30.5), B [30.5, 40); and so
     * on every 20 ms: each runs 250 ms of [0, 500), and at 500 B has just been given [500, 500.5).
     * <ul>
     *   <li>{@code socket} layout: at 500 {@code cpupool-cpu-add} puts pCPU 1 into the only run queue, idle, in
     *   smt_idle, untickled (init_cpu_runqueue). At 500.5 pCPU 0 switches to A (10 > 9.5); B is re-queued at
     *   context_saved and tickles the fully idle core of its run queue, pCPU 1 (C2.15): from 500.5 each hog has a
     *   pCPU to itself.</li>
     *   <li>{@code cpu} layout: pCPU 1 gets a run queue of its own (C2.6), which no VCPU is assigned to, and B's
     *   tickle at 500.5 looks only at its own queue, where pCPU 0 runs A inside its rate limit: nobody. A runs
     *   [500.5, 510.5), B [510.5, 520); at 520 the reset runs balance_load (C2.26): pCPU 1's queue has load 0, ours
     *   more than 1/8 above it, so pushing one hog is the best move, and it runs on pCPU 1 from 520.</li>
     * </ul>
     * At 800 {@code cpupool-cpu-remove} takes pCPU 1 away: its hog migrates to pCPU 0's queue (the only one left)
     * and the two share pCPU 0 again, each 100 ms of [800, 1000) up to one slice (10 ms). So pCPU 1 is busy
     * 800 - 500.5 = 299.5 ms (socket) or 800 - 520 = 280 ms (cpu), pCPU 0 all 1000 ms, and the hogs together run
     * their sum: 1299.5 or 1280 ms, each half of it within one slice.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"SOCKET, 299500", "CPU, 280000"})
    void cpupoolCpuAddThenRemove_pcpuJoinsTheRunqueueOfItsLayout(RunqueueLayout layout, long pcpu1BusyUs) {
        SimulationResult r = run(ScenarioBuilder.host(2, 1000 * MS)
                .pool("Pool-0", "credit2", new Credit2PoolParams(1_000_000L, layout), 0)
                .domain("A", Credit2Params.DEFAULTS, busy())
                .domain("B", Credit2Params.DEFAULTS, busy())
                .commands(new Command.AddCpu(500 * MS, "cpupool-cpu-add Pool-0 1", "Pool-0", 1),
                        new Command.RemoveCpu(800 * MS, "cpupool-cpu-remove Pool-0 1", "Pool-0", 1)).build());
        long pcpu1 = pcpu1BusyUs * US;
        assertEquals(pcpu1, r.pcpus().get(1).busyNs());
        assertEquals(1000 * MS, r.pcpus().get(0).busyNs());
        long a = Runs.domain(r, "A").runNs();
        long b = Runs.domain(r, "B").runNs();
        assertEquals(1000 * MS + pcpu1, a + b);
        assertEquals((1000 * MS + pcpu1) / 2.0, a, 10 * MS);
    }
}
