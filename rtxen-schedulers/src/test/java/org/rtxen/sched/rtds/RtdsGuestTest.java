package org.rtxen.sched.rtds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.rtxen.sched.Runs.checked;
import static org.rtxen.sched.Runs.task;
import static org.rtxen.sched.ScenarioBuilder.MS;
import static org.rtxen.sched.ScenarioBuilder.guest;
import static org.rtxen.sched.ScenarioBuilder.rtds;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.rtxen.engine.Simulation;
import org.rtxen.model.Scenario;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.result.ResponseStats;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;

/** Guest task timing on RTDS VCPUs, against response times worked out by hand. */
class RtdsGuestTest {

    /** One VCPU with budget == period on its own pCPU: a dedicated processor (it never depletes, R15-R16). */
    private static Scenario dedicated(long durationMs, GuestSpec g) {
        return ScenarioBuilder.host(1, durationMs * MS).domain("vm", rtds(10, 10, false), g).build();
    }

    /**
     * RM on a dedicated VCPU: t1 (5, 1), t2 (10, 2), t3 (20, 5) ms. Response-time analysis on the synchronous
     * release: R1 = 1; R2 = 2 + ceil(3/5)*1 = 3; R3 = 5 + ceil(9/5)*1 + ceil(9/10)*2 = 9. The synchronous
     * release is the critical instant, so these are the maxima; nothing misses.
     */
    @Test
    void guestFp_dedicatedVcpu_maxResponseEqualsResponseTimeAnalysis() {
        SimulationResult r = checked(dedicated(200, guest(GuestScheduler.FP,
                ScenarioBuilder.task("t1", 5, 1), ScenarioBuilder.task("t2", 10, 2), ScenarioBuilder.task("t3", 20, 5))));
        assertEquals(1 * MS, task(r, "vm", "t1").response().maxNs());
        assertEquals(3 * MS, task(r, "vm", "t2").response().maxNs());
        assertEquals(9 * MS, task(r, "vm", "t3").response().maxNs());
        for (String t : List.of("t1", "t2", "t3")) assertEquals(0, task(r, "vm", t).missed(), t);
        assertEquals(40, task(r, "vm", "t1").released()); // releases at 0, 5, ..., 195
        assertEquals(40, task(r, "vm", "t1").completed());
    }

    /**
     * t1 (5, 2), t2 (7, 4) ms over one hyperperiod [0, 35). RM (t1 first), traced by hand: t2's jobs finish at
     * 8, 14, 20, 28, 34: responses 8, 7, 6, 7, 6; the first misses (8 > 7), the ones at 14 and 28 finish
     * exactly at their deadlines and meet them. t1 always responds in 2.
     */
    @Test
    void guestFp_rmUnschedulableSet_missesExactlyTheFirstJob() {
        SimulationResult r = checked(dedicated(35, guest(GuestScheduler.FP,
                ScenarioBuilder.task("t1", 5, 2), ScenarioBuilder.task("t2", 7, 4))));
        TaskResult t2 = task(r, "vm", "t2");
        assertEquals(5, t2.released());
        assertEquals(5, t2.completed());
        assertEquals(1, t2.missed());
        assertEquals(6 * MS, t2.response().minNs());
        assertEquals(8 * MS, t2.response().maxNs());
        assertEquals(BigDecimal.valueOf(68 * MS / 10), t2.response().meanNs());
        TaskResult t1 = task(r, "vm", "t1");
        assertEquals(new ResponseStats(7, 2 * MS, BigInteger.valueOf(7 * 2 * MS), 2 * MS, 2 * MS), t1.response());
        assertEquals(0, t1.missed());
    }

    /**
     * The same set under EDF (ties by task order), traced by hand: t1 responds 2, 3, 4, 2, 2, 3, 2 and t2
     * responds 6, 5, 6, 5, 6; no deadline is missed (utilisation 0.97 <= 1).
     */
    @Test
    void guestEdf_sameSet_meetsEveryDeadline() {
        SimulationResult r = checked(dedicated(35, guest(GuestScheduler.EDF,
                ScenarioBuilder.task("t1", 5, 2), ScenarioBuilder.task("t2", 7, 4))));
        TaskResult t1 = task(r, "vm", "t1");
        TaskResult t2 = task(r, "vm", "t2");
        assertEquals(0, t1.missed() + t2.missed());
        assertEquals(7, t1.completed());
        assertEquals(5, t2.completed());
        assertEquals(4 * MS, t1.response().maxNs());
        assertEquals(2 * MS, t1.response().minNs());
        assertEquals(6 * MS, t2.response().maxNs());
        assertEquals(5 * MS, t2.response().minNs());
        assertEquals(BigDecimal.valueOf(28 * MS / 5), t2.response().meanNs());
    }

    /**
     * Budget too small: RTDS 10ms/2ms (no extratime) serving one task (10, 3) ms. The VCPU gets exactly the
     * supply S(t) = 2*floor(t/10) + min(2, t mod 10) ms; job j completes when S reaches 3(j+1): at 11, 22, 41,
     * 52, 71, 82 ms (responses 11, 12, 21, 22, 31, 32). In [0, 100): 10 released, 6 completed, all late, and
     * jobs 6-8 (deadlines 70, 80, 90) unfinished: 9 misses.
     */
    @Test
    void guestFp_budgetTooSmall_missesAsTheSupplyDictates() {
        SimulationResult r = checked(ScenarioBuilder.host(1, 100 * MS)
                .domain("vm", rtds(10, 2, false), guest(GuestScheduler.FP, ScenarioBuilder.task("t", 10, 3))).build());
        TaskResult t = task(r, "vm", "t");
        assertEquals(10, t.released());
        assertEquals(6, t.completed());
        assertEquals(9, t.missed());
        assertEquals(11 * MS, t.response().minNs());
        assertEquals(32 * MS, t.response().maxNs());
        assertEquals(BigDecimal.valueOf(43 * MS / 2), t.response().meanNs());
        assertEquals(20 * MS, r.domains().get(0).runNs());
    }

    /**
     * Partitioned guest on two VCPUs, each its own RTDS server 10ms/10ms on its own pCPU (pinned): t1 (10, 6)
     * on VCPU 0, t2 (10, 6) on VCPU 1. Each responds in exactly 6 ms; a global guest would do the same, but a
     * partitioned one never moves a task, so every VCPU runs 6 ms per period.
     */
    @Test
    void guestPartitioned_tasksStayOnTheirVcpus() {
        TaskSpec t1 = new TaskSpec("t1", 10 * MS, 6 * MS, 10 * MS, 0, 0, 0, new ExecTimeModel.Wcet());
        TaskSpec t2 = new TaskSpec("t2", 10 * MS, 6 * MS, 10 * MS, 0, 0, 1, new ExecTimeModel.Wcet());
        GuestSpec g = new GuestSpec(GuestScheduler.FP, Placement.PARTITIONED, false, List.of(t1, t2));
        SimulationResult r = checked(ScenarioBuilder.host(2, 100 * MS)
                .domain("vm", null, 2, rtds(10, 10, false), List.of(), g).build());
        assertEquals(6 * MS, task(r, "vm", "t1").response().maxNs());
        assertEquals(6 * MS, task(r, "vm", "t2").response().maxNs());
        assertEquals(60 * MS, r.domains().get(0).vcpus().get(0).runNs());
        assertEquals(60 * MS, r.domains().get(0).vcpus().get(1).runNs());
    }

    /**
     * Deferrable server (R10, R28): A 10ms/4ms without extratime runs t1 (10, 1) released at 0 and t2 (10, 3)
     * released at 5 ms. t1 runs 0-1 and the VCPU blocks keeping 3 ms of budget; t2 wakes it at 5 ms before its
     * deadline, so it resumes with that budget and the old deadline and finishes at 8 ms: responses 1 and 3 ms,
     * exactly 4 ms of CPU per period (40 ms in 100 ms).
     */
    @Test
    void wake_beforeDeadline_keepsTheBudgetLeftWhenTheVcpuBlocked() {
        TaskSpec t1 = ScenarioBuilder.task("t1", 10, 1);
        TaskSpec t2 = new TaskSpec("t2", 10 * MS, 3 * MS, 10 * MS, 5 * MS, 0, -1, new ExecTimeModel.Wcet());
        SimulationResult r = checked(ScenarioBuilder.host(1, 100 * MS)
                .domain("A", rtds(10, 4, false), guest(GuestScheduler.FP, t1, t2)).build());
        assertEquals(1 * MS, task(r, "A", "t1").response().maxNs());
        assertEquals(3 * MS, task(r, "A", "t2").response().maxNs());
        assertEquals(0, task(r, "A", "t2").missed());
        assertEquals(40 * MS, r.domains().get(0).runNs());
    }

    /** Same scenario and seed (with random execution times) give identical results; another seed differs. */
    @Test
    void run_sameSeed_identicalResults() {
        TaskSpec t = new TaskSpec("t", 10 * MS, 4 * MS, 10 * MS, 0, 0, -1, new ExecTimeModel.Uniform(1 * MS));
        GuestSpec g = new GuestSpec(GuestScheduler.EDF, Placement.GLOBAL, false,
                List.of(t, ScenarioBuilder.task("u", 7, 3), ScenarioBuilder.task("w", 13, 5)));
        Scenario s1 = ScenarioBuilder.host(2, 500 * MS).seed(7).domain("vm", null, 2, rtds(5, 3, true), List.of(), g)
                .domain("hog", rtds(10, 4, true), ScenarioBuilder.busy()).build();
        Scenario s2 = ScenarioBuilder.host(2, 500 * MS).seed(8).domain("vm", null, 2, rtds(5, 3, true), List.of(), g)
                .domain("hog", rtds(10, 4, true), ScenarioBuilder.busy()).build();
        SimulationResult a = Simulation.of(s1, Schedulers.factory()).run();
        SimulationResult b = Simulation.of(s1, Schedulers.factory()).run();
        SimulationResult c = Simulation.of(s2, Schedulers.factory()).run();
        assertEquals(withoutWall(a), withoutWall(b));
        assertNotEquals(withoutWall(a).domains(), withoutWall(c).domains());
    }

    /** Runs share no mutable static state: eight runs on parallel threads equal the same runs done one by one. */
    @Test
    void run_inParallel_sameResultsAsSequential() throws Exception {
        List<Scenario> scenarios = new ArrayList<>();
        for (int seed = 0; seed < 8; seed++) {
            TaskSpec t = new TaskSpec("t", 10 * MS, 4 * MS, 10 * MS, 0, 0, -1, new ExecTimeModel.Uniform(1 * MS));
            GuestSpec g = new GuestSpec(GuestScheduler.EDF, Placement.GLOBAL, false, List.of(t, ScenarioBuilder.task("u", 7, 3)));
            scenarios.add(ScenarioBuilder.host(2, 300 * MS).seed(seed).domain("vm", null, 2, rtds(5, 3, true), List.of(), g)
                    .domain("hog", rtds(10, 4, true), ScenarioBuilder.busy()).build());
        }
        List<SimulationResult> sequential = scenarios.stream()
                .map(s -> withoutWall(Simulation.of(s, Schedulers.factory()).run())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SimulationResult>> futures = new ArrayList<>();
            for (Scenario s : scenarios) futures.add(pool.submit(() -> withoutWall(Simulation.of(s, Schedulers.factory()).run())));
            for (int i = 0; i < scenarios.size(); i++) assertEquals(sequential.get(i), futures.get(i).get());
        } finally {
            pool.shutdown();
        }
    }

    private static SimulationResult withoutWall(SimulationResult r) {
        return new SimulationResult(r.durationNs(), 0, r.events(), 0, r.domains(), r.pcpus());
    }
}
