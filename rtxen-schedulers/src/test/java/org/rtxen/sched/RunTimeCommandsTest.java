package org.rtxen.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.sched.Runs.checked;
import static org.rtxen.sched.Runs.domain;
import static org.rtxen.sched.Runs.task;
import static org.rtxen.sched.ScenarioBuilder.MS;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.periodic;
import static org.rtxen.sched.ScenarioBuilder.rtds;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.command.Command;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;

/**
 * Run-time changes (the scenario's {@code commands}) on RTDS pools, each with its schedule derived by hand from the
 * framework (F) and RTDS (R) rules. At one instant the replenishment and the reschedules run before the command
 * (spec M2: ADMIN events run last).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunTimeCommandsTest {
    private static final PoolParams NONE = new PoolParams.None();

    /**
     * One pCPU, hogs A 10ms/4ms and B 10ms/3ms without extratime; at 500 ms {@code xl sched-rtds} gives A a 6 ms
     * budget. The replenishment at 500 already refilled A with 4 ms, and a new budget acts at the next
     * replenishment (R14): A gets 4 ms in each of the 51 periods up to 510 ms and 6 ms in the 49 after; B 3 ms
     * throughout. A 204 + 294 = 498 ms, B 300 ms.
     */
    @Test
    void schedRtds_atT_changesTheSharesFromTheNextPeriod() {
        SimulationResult r = checked(ScenarioBuilder.host(1, 1000 * MS)
                .domain("A", rtds(10, 4, false), busy())
                .domain("B", rtds(10, 3, false), busy())
                .commands(new Command.AdjustDomain(500 * MS, "sched-rtds -d A -v all -p 10000 -b 6000 -e 0", "A",
                        rtds(10, 6, false))).build());
        assertEquals(498 * MS, domain(r, "A").runNs());
        assertEquals(300 * MS, domain(r, "B").runNs());
    }

    /**
     * Two pCPUs, hogs A pinned to pCPU 0 and B to pCPU 1, both 10ms/5ms without extratime: each runs 5 ms per
     * period on its own pCPU. At 500 ms B is pinned to pCPU 0: it is descheduled on pCPU 1 and migrates (F14;
     * pick_cpu gives the next allowed pCPU, R24); on pCPU 0 the two share 10 ms per period, A first (B's equal
     * deadline does not preempt, R20). Each still runs 500 ms; pCPU 0 is busy 250 + 500 ms, pCPU 1 only 250.
     */
    @Test
    void vcpuPin_movesTheVcpuToItsNewPcpu() {
        SimulationResult r = checked(ScenarioBuilder.host(2, 1000 * MS)
                .domain("A", null, 1, rtds(10, 5, false), List.of(0), busy())
                .domain("B", null, 1, rtds(10, 5, false), List.of(1), busy())
                .commands(new Command.PinVcpu(500 * MS, "vcpu-pin B all 0", "B", -1, List.of(0))).build());
        assertEquals(500 * MS, domain(r, "A").runNs());
        assertEquals(500 * MS, domain(r, "B").runNs());
        assertEquals(750 * MS, r.pcpus().get(0).busyNs());
        assertEquals(250 * MS, r.pcpus().get(1).busyNs());
        assertEquals(1, r.pcpus().get(0).migrations());
    }

    /**
     * Pools P0 = {0} and P1 = {1}, both RTDS; hog A 10ms/4ms without extratime in P0 runs 4 ms per period. At 500 ms
     * it moves to P1, where (as in Xen's sched_move_domain, which allocates fresh scheduler data) it has RTDS's
     * defaults, 10ms/4ms with extratime (R34): alone there it runs all the time. A: 50 x 4 + 500 = 700 ms.
     */
    @Test
    void cpupoolMigrate_domainGetsTheNewPoolsDefaults() {
        SimulationResult r = checked(ScenarioBuilder.host(2, 1000 * MS)
                .pool("P0", "rtds", NONE, 0)
                .pool("P1", "rtds", NONE, 1)
                .domain("A", "P0", 1, rtds(10, 4, false), List.of(), busy())
                .commands(new Command.MigrateDomain(500 * MS, "cpupool-migrate A P1", "A", "P1")).build());
        assertEquals(700 * MS, domain(r, "A").runNs());
        assertEquals(200 * MS, r.pcpus().get(0).busyNs());
        assertEquals(500 * MS, r.pcpus().get(1).busyNs());
    }

    /**
     * Pool {0, 1}, hogs A and B 10ms/5ms without extratime, A placed on pCPU 0 and B on 1 (F17): in parallel, 5 ms
     * each per period. At 500 ms pCPU 1 leaves the pool: B migrates to pCPU 0, where A and B run one after the other
     * (250 + 300 ms on pCPU 0 up to 800). At 800 ms pCPU 1 rejoins; nothing tickles it (switch_sched does not), so
     * 800-810 still runs A then B on pCPU 0. At the replenishment at 810 B is current on pCPU 0 and A, depleted and
     * queued, is tickled to the idle pCPU 1 (R15, R19): from then on they run in parallel again, 19 periods of 5
     * ms on each pCPU. pCPU 0: 250 + 300 + 10 + 95 = 655 ms; pCPU 1: 250 + 95 = 345 ms; A and B 500 ms each.
     */
    @Test
    void cpupoolCpuRemoveThenAdd_shrinksAndRegrowsThePool() {
        SimulationResult r = checked(ScenarioBuilder.host(2, 1000 * MS)
                .domain("A", rtds(10, 5, false), busy())
                .domain("B", rtds(10, 5, false), busy())
                .commands(new Command.RemoveCpu(500 * MS, "cpupool-cpu-remove Pool-0 1", "Pool-0", 1),
                        new Command.AddCpu(800 * MS, "cpupool-cpu-add Pool-0 1", "Pool-0", 1)).build());
        assertEquals(500 * MS, domain(r, "A").runNs());
        assertEquals(500 * MS, domain(r, "B").runNs());
        assertEquals(655 * MS, r.pcpus().get(0).busyNs());
        assertEquals(345 * MS, r.pcpus().get(1).busyNs());
    }

    /**
     * A blocked VCPU unblocked while its domain is paused is offline, not blocked (Xen 4.17's vcpu_wake: not runnable
     * and no longer blocked, so blocked becomes offline). One pCPU, A (RTDS 10ms/4ms) with one task, 2 ms every 20 ms
     * from 5 ms, idle until then; paused at 1 ms, its job released at 5 ms, unpaused at 8 ms: blocked 0-5, offline
     * 5-8, running 8-10, blocked 10-20. Its only job responds in 5 ms. The VCPU used to stay blocked 0-8.
     */
    @Test
    void pause_jobReleasedWhilePaused_vcpuOfflineFromTheRelease() {
        SimulationResult r = checked(ScenarioBuilder.host(1, 20 * MS)
                .domain("A", rtds(10, 4, false), periodic(20 * MS, 2 * MS, 5 * MS))
                .commands(new Command.Pause(MS, "pause A", "A"), new Command.Unpause(8 * MS, "unpause A", "A"))
                .build());
        var v = domain(r, "A").vcpus().get(0);
        assertEquals(List.of(2 * MS, 0L, 15 * MS, 3 * MS), List.of(v.runNs(), v.runnableNs(), v.blockedNs(),
                v.offlineNs()));
        assertEquals(5 * MS, task(r, "A", "t").response().maxNs());
    }

    /**
     * One pCPU, hog A 10ms/4ms without extratime, paused at 300 ms and unpaused at 600 ms: 30 periods of 4 ms, then
     * offline (paused) for 300 ms; at 600 the wake finds its deadline (310) passed and starts a period 600-610 with
     * a full budget (R28), then 40 periods of 4 ms. A runs 120 + 160 = 280 ms and is offline 300 ms.
     */
    @Test
    void pauseUnpause_stopsTheDomainInBetween() {
        SimulationResult r = checked(ScenarioBuilder.host(1, 1000 * MS)
                .domain("A", rtds(10, 4, false), busy())
                .commands(new Command.Pause(300 * MS, "pause A", "A"),
                        new Command.Unpause(600 * MS, "unpause A", "A")).build());
        assertEquals(280 * MS, domain(r, "A").runNs());
        assertEquals(300 * MS, domain(r, "A").vcpus().get(0).offlineNs());
    }

    /**
     * One pCPU, hogs A 10ms/4ms without and B 10ms/4ms with extratime: per period A 4 ms, B 4 + 2 ms (R42). B is
     * destroyed at 500 ms: it runs 50 x 6 = 300 ms and is offline for the last 500 ms; A keeps its 4 ms per period
     * (400 ms) and the pCPU idles 6 ms per period from then on: busy 500 + 200 = 700 ms.
     */
    @Test
    void destroy_removesTheDomainForTheRestOfTheRun() {
        SimulationResult r = checked(ScenarioBuilder.host(1, 1000 * MS)
                .domain("A", rtds(10, 4, false), busy())
                .domain("B", rtds(10, 4, true), busy())
                .commands(new Command.Destroy(500 * MS, "destroy B", "B")).build());
        assertEquals(400 * MS, domain(r, "A").runNs());
        assertEquals(300 * MS, domain(r, "B").runNs());
        assertEquals(500 * MS, domain(r, "B").vcpus().get(0).offlineNs());
        assertEquals(700 * MS, r.pcpus().get(0).busyNs());
    }

    /**
     * One pCPU, 50 ms; guest A (RTDS 10ms/10ms, a full pCPU) runs one task of period 10 ms needing 5 ms: job k runs
     * from 10k to 10k + 5 ms. A is destroyed at {@code destroyMs}; its jobs released and not completed by then count
     * as missed at the destroy, whatever their deadline (docs/scenario.md), and a release or a completion at the
     * destroy's instant comes before it (M2: commands run last).
     * <ul>
     * <li>1 ms: job 0 ran 1 of 5 ms: released 1, completed 0, missed 1 (its deadline, 10 ms, was still ahead).</li>
     * <li>10 ms: job 0 completed at 5; job 1 is released at 10, then the destroy: released 2, completed 1, missed 1.</li>
     * <li>43 ms: jobs 0-3 completed; job 4 (released at 40, deadline 50 = the end of the run) ran 3 ms: released 5,
     * completed 4, missed 1.</li>
     * <li>45 ms: job 4 completes at 45, then the destroy: released 5, completed 5, missed 0.</li>
     * </ul>
     */
    @ParameterizedTest(name = "destroy at {0} ms")
    @CsvSource({"1, 1, 0, 1", "10, 2, 1, 1", "43, 5, 4, 1", "45, 5, 5, 0"})
    void destroy_jobsReleasedAndNotCompleted_countAsMissed(long destroyMs, long released, long completed, long missed) {
        SimulationResult r = checked(ScenarioBuilder.host(1, 50 * MS)
                .domain("A", rtds(10, 10, false), periodic(10 * MS, 5 * MS, 0))
                .commands(new Command.Destroy(destroyMs * MS, "destroy A", "A")).build());
        TaskResult t = task(r, "A", "t");
        assertEquals(List.of(released, completed, missed), List.of(t.released(), t.completed(), t.missed()));
    }

    /**
     * Two pCPUs; guest G has two VCPUs partitioned by per-VCPU affinity [[0], [1]], hog H one VCPU pinned to pCPU 0,
     * all 10ms/5ms without extratime. pCPU 0 serves G.v0 and H (5 + 5 ms per period), pCPU 1 only G.v1 (5 ms): busy
     * 1000 and 500 ms, and no VCPU ever moves between the pCPUs.
     */
    @Test
    void perVcpuAffinity_partitionsAMultiVcpuGuest() {
        DomainSpec g = new DomainSpec("G", false, null, 2, rtds(10, 5, false), List.of(), List.of(List.of(0), List.of(1)),
                0, busy());
        SimulationResult r = checked(ScenarioBuilder.host(2, 1000 * MS)
                .domain(g)
                .domain("H", null, 1, rtds(10, 5, false), List.of(0), busy()).build());
        assertEquals(1000 * MS, r.pcpus().get(0).busyNs());
        assertEquals(500 * MS, r.pcpus().get(1).busyNs());
        assertEquals(0, r.pcpus().get(0).migrations() + r.pcpus().get(1).migrations());
        assertEquals(500 * MS, domain(r, "G").vcpus().get(1).runNs());
    }
}
