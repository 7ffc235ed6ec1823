package org.rtxen.sched.nul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.model.Time.MS;
import static org.rtxen.model.Time.US;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.periodic;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.SchedulerFactory;
import org.rtxen.model.command.Command;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.result.PcpuResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Runs;
import org.rtxen.sched.ScenarioBuilder;

/** null scheduler schedules derived by hand from spec section 4 (rules N4.x) and Xen 4.17's null.c. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NullSchedulerTest {
    private static final SchedulerFactory NULL = pool -> new NullScheduler();
    private static final NullParams NONE = new NullParams();

    private static ScenarioBuilder nul(int pcpus, long durationNs) {
        return ScenarioBuilder.host(pcpus, durationNs).scheduler("null", new PoolParams.None());
    }

    @Test
    void threeHogsOnTwoPcpus_firstTwoOwnAPcpuThirdWaitsForever() {
        // N4.3: insertion in scenario order. h1 starts on pCPU 0 (its index 0 -> the pool's first pCPU, free: kept,
        // N4.2) and h2 likewise on pCPU 0, taken, so the first free pCPU of its affinity, 1. h3 finds no free pCPU:
        // waitq (with a random placeholder pCPU, 7.N2). Each assigned hog runs its whole pCPU; h3 never runs (N4.9).
        long duration = 300 * MS;
        SimulationResult r = Simulation.of(nul(2, duration)
                .domain("h1", NONE, busy()).domain("h2", NONE, busy()).domain("h3", NONE, busy()).build(), NULL)
                .observe(new InvariantChecker()).run();
        assertEquals(duration, Runs.domain(r, "h1").runNs());
        assertEquals(duration, Runs.domain(r, "h2").runNs());
        assertEquals(0, Runs.domain(r, "h3").runNs());
        assertEquals(duration, Runs.domain(r, "h3").vcpus().get(0).runnableNs());
    }

    @Test
    void waiterWithNoFreePcpu_isPlacedOnARandomPcpuOfItsAffinity() {
        // 7.N2: with every pCPU taken, pick_res falls back to cpumask_any of the affinity: a uniform draw, not the
        // first pCPU. Over 40 seeds the fourth hog on three pCPUs waits on each of them at least once.
        Set<Integer> placed = new TreeSet<>();
        for (long seed = 0; seed < 40; seed++) {
            Simulation sim = Simulation.of(nul(3, MS).seed(seed).domain("h1", NONE, busy()).domain("h2", NONE, busy())
                    .domain("h3", NONE, busy()).domain("h4", NONE, busy()).build(), NULL);
            sim.run();
            Vcpu waiter = sim.host().vcpus().stream().filter(v -> !v.isIdle() && v.domain().name().equals("h4"))
                    .findFirst().orElseThrow();
            placed.add(waiter.processor().id());
        }
        assertEquals(Set.of(0, 1, 2), placed);
    }

    @Test
    void cpuRemoveThenAdd_requeuesTheRemovedPcpusVcpu_andTheNewPcpuTakesTheFirstWaiter() {
        // h1 owns pCPU 0, h2 pCPU 1, h3 waits (as in the test above). At 500 ms pCPU 1 leaves the pool: h2 migrates;
        // no pCPU of its affinity is free, so it joins the FIFO waitq behind h3 (N4.7, null_deinit_pdata). At 800 ms
        // pCPU 1 rejoins, free (null_init_pdata); its next null_schedule takes the first waiter, h3 (N4.8), which
        // runs to the end. h1 1000 ms, h2 500 ms, h3 200 ms; pCPU 1 busy 500 + 200 = 700 ms.
        SimulationResult r = Simulation.of(nul(2, 1000 * MS)
                .domain("h1", NONE, busy()).domain("h2", NONE, busy())
                .domain("h3", NONE, busy())
                .commands(new Command.RemoveCpu(500 * MS, "cpupool-cpu-remove Pool-0 1", "Pool-0", 1),
                        new Command.AddCpu(800 * MS, "cpupool-cpu-add Pool-0 1", "Pool-0", 1)).build(), NULL)
                .observe(new InvariantChecker()).run();
        assertEquals(1000 * MS, Runs.domain(r, "h1").runNs());
        assertEquals(500 * MS, Runs.domain(r, "h2").runNs());
        assertEquals(200 * MS, Runs.domain(r, "h3").runNs());
        assertEquals(700 * MS, r.pcpus().get(1).busyNs());
    }

    @Test
    void blockedVcpuKeepsItsPcpu_waiterStarvesWhileThePcpuIdles() {
        // 1 pCPU: io (inserted first) owns it and runs 1 ms every 10 ms; the hog waits in waitq. When io blocks the
        // pCPU idles: a blocked VCPU keeps its pCPU and do_schedule looks at the waitq only for a pCPU with nothing
        // assigned (N4.6, N4.8, 7.N1). So the pCPU is busy 10 % of the time and the hog never runs.
        long duration = 100 * MS;
        SimulationResult r = Simulation.of(nul(1, duration)
                .domain("io", NONE, periodic(10 * MS, 1 * MS, 0)).domain("hog", NONE, busy()).build(), NULL)
                .observe(new InvariantChecker()).run();
        assertEquals(10 * MS, Runs.domain(r, "io").runNs());
        assertEquals(0, Runs.domain(r, "hog").runNs());
        PcpuResult p = r.pcpus().get(0);
        assertEquals(10 * MS, p.busyNs());
    }

    @Test
    void vcpuPinOntoATakenPcpu_freesItsOwnForTheFirstWaiter() {
        // 2 pCPUs: h1 on pCPU 0, h2 on pCPU 1, h3 waiting (as in the first test). At 100 ms `xl vcpu-pin h1 0 1`:
        // the migration's pick (N4.2) finds pCPU 1 taken and none free: a placeholder; the migrate hook (N4.7)
        // first deassigns h1 from pCPU 0, which goes to the first waiter, h3, and is tickled (N4.4); pCPU 1 is
        // h2's, so h1 joins the waitq. From 100 ms: h3 runs on pCPU 0, h2 on pCPU 1, h1 waits.
        // Over 300 ms: h1 100 ms, h2 300 ms, h3 200 ms.
        long duration = 300 * MS;
        Simulation sim = Simulation.of(nul(2, duration)
                .domain("h1", NONE, busy()).domain("h2", NONE, busy()).domain("h3", NONE, busy()).build(), NULL);
        Vcpu h1 = sim.host().domains().get(0).vcpus().get(0);
        sim.at(100 * MS, () -> sim.framework().setAffinity(h1, CpuMask.of(List.of(1))));
        SimulationResult r = sim.observe(new InvariantChecker()).run();
        assertEquals(100 * MS, Runs.domain(r, "h1").runNs());
        assertEquals(300 * MS, Runs.domain(r, "h2").runNs());
        assertEquals(200 * MS, Runs.domain(r, "h3").runNs());
    }

    @Test
    void vcpuPinOfAWaiterOntoAFreePcpu_assignsItThereAtOnce() {
        // 2 pCPUs: a and b are both pinned to pCPU 0; a owns it, b waits although pCPU 1 is free (its affinity
        // excludes it; N4.3). At 100 ms `xl vcpu-pin b 0 1`: b is not assigned, so nothing is freed; pCPU 1 is free
        // and in b's new affinity, so b leaves the waitq and is assigned there (N4.7), and runs from 100 ms.
        // Over 300 ms: a 300 ms, b 200 ms.
        Simulation sim = Simulation.of(nul(2, 300 * MS)
                .domain("a", null, 1, NONE, List.of(0), busy())
                .domain("b", null, 1, NONE, List.of(0), busy()).build(), NULL);
        Vcpu b = sim.host().domains().get(1).vcpus().get(0);
        sim.at(100 * MS, () -> sim.framework().setAffinity(b, CpuMask.of(List.of(1))));
        SimulationResult r = sim.observe(new InvariantChecker()).run();
        assertEquals(300 * MS, Runs.domain(r, "a").runNs());
        assertEquals(200 * MS, Runs.domain(r, "b").runNs());
    }

    @Test
    void pausedVcpuKeepsItsPcpu_untilUnpaused() {
        // 1 pCPU, h1 assigned, h2 waiting. Pausing h1 at 10 ms (not offline, N4.6) keeps its assignment: the pCPU
        // idles and h2 still waits; unpausing at 20 ms resumes h1 (wake of an assigned VCPU tickles its pCPU, N4.5).
        // h1 runs [0, 10) and [20, 50): 40 ms; h2 none; the pCPU idles 10 ms.
        Simulation sim = Simulation.of(nul(1, 50 * MS)
                .domain("h1", NONE, busy()).domain("h2", NONE, busy()).build(), NULL);
        Vcpu h1 = sim.host().domains().get(0).vcpus().get(0);
        sim.at(10 * MS, () -> sim.framework().pause(h1)).at(20 * MS, () -> sim.framework().unpause(h1));
        SimulationResult r = sim.observe(new InvariantChecker()).run();
        assertEquals(40 * MS, Runs.domain(r, "h1").runNs());
        assertEquals(0, Runs.domain(r, "h2").runNs());
        assertEquals(40 * MS, r.pcpus().get(0).busyNs());
    }

    @Test
    void wakeRunsAtOnceOnItsOwnPcpu() {
        // 2 pCPUs, a hog on pCPU 0 and io on pCPU 1: io's jobs (200 us every 5 ms) run as soon as released, on the
        // pCPU nobody else may use: every response equals the execution time.
        SimulationResult r = Simulation.of(nul(2, 100 * MS)
                .domain("hog", NONE, busy()).domain("io", NONE, periodic(5 * MS, 200 * US, 0)).build(), NULL)
                .observe(new InvariantChecker()).run();
        assertEquals(200 * US, Runs.domain(r, "io").tasks().get(0).response().maxNs());
        assertEquals(20, Runs.domain(r, "io").tasks().get(0).completed());
    }
    @Test
    void destroyingAWaiterTakesItOffTheWaitq_andAWaiterBlockedAtCreationKeepsItsInsertionPlace() {
        // 1 pCPU. h1 is inserted first and owns it. h2's one task (10 ms every 10 ms from 5 ms) leaves it blocked at
        // creation, but insertion does not look at that: pCPU 0 is taken and no other is free, so h2 joins the waitq
        // at insertion (N4.3), before h3 and h4 do: waitq [h2, h3, h4]. At 20 ms h3 is destroyed: a waiter, so it
        // only leaves the waitq ([h2, h4]). At 30 ms h1 is destroyed: it frees pCPU 0, which goes to the first
        // waiter allowed there, h2 (N4.4); from 5 ms on h2 always has work (its execution time is its period). At
        // 40 ms h2 is destroyed and pCPU 0 goes to the next waiter, h4 (h3 is gone). So h1 runs [0, 30), h2
        // [30, 40), h4 [40, 60) and h3 never.
        SimulationResult r = Simulation.of(nul(1, 60 * MS)
                .domain("h1", NONE, busy()).domain("h2", NONE, periodic(10 * MS, 10 * MS, 5 * MS))
                .domain("h3", NONE, busy()).domain("h4", NONE, busy())
                .commands(new Command.Destroy(20 * MS, "destroy h3", "h3"),
                        new Command.Destroy(30 * MS, "destroy h1", "h1"),
                        new Command.Destroy(40 * MS, "destroy h2", "h2")).build(), NULL)
                .observe(new InvariantChecker()).run();
        assertEquals(30 * MS, Runs.domain(r, "h1").runNs());
        assertEquals(10 * MS, Runs.domain(r, "h2").runNs());
        assertEquals(0, Runs.domain(r, "h3").runNs());
        assertEquals(20 * MS, Runs.domain(r, "h4").runNs());
    }

    @Test
    void pinningOntoAFreedPcpu0_assignsTheFirstFreePcpuOfTheAffinity_notARandomOne() {
        // 3 pCPUs. x (pinned to pCPU 1) takes pCPU 1; y starts on pCPU 0, free: kept; z starts on pCPU 0 too (its
        // index 0), taken, so the first free pCPU, 2 (N4.2). At 10 ms y is destroyed: it frees pCPU 0 (N4.4; no
        // waiter). At 20 ms z is pinned to {0, 1}: its pCPU 2 is outside, so pick_res takes the first free pCPU of
        // {0, 1}, pCPU 0 (not the random placeholder, which is only for when none is free), and z is assigned there
        // (N4.7). So z runs the whole 40 ms whatever the seed, y 10 ms, x 40 ms.
        for (long seed = 0; seed < 10; seed++) {
            SimulationResult r = Simulation.of(nul(3, 40 * MS).seed(seed)
                    .domain("x", null, 1, NONE, List.of(1), busy())
                    .domain("y", NONE, busy()).domain("z", NONE, busy())
                    .commands(new Command.Destroy(10 * MS, "destroy y", "y"),
                            new Command.PinVcpu(20 * MS, "vcpu-pin z 0 0,1", "z", 0, List.of(0, 1))).build(), NULL)
                    .observe(new InvariantChecker()).run();
            assertEquals(40 * MS, Runs.domain(r, "x").runNs());
            assertEquals(10 * MS, Runs.domain(r, "y").runNs());
            assertEquals(40 * MS, Runs.domain(r, "z").runNs(), "seed " + seed);
        }
    }

    @Test
    void moreThan64Pcpus_theFreePcpusBeyondTheFirstWordAreFoundAndHandedOn() {
        // 65 pCPUs, 66 hogs, all starting on pCPU 0 (VCPU index 0): the first keeps it, each next takes the first
        // free pCPU (N4.2), so hog k owns pCPU k - 1 and h66 waits (N4.3). At 10 ms h65 (on pCPU 64, the first of
        // the second word of cpus_free) is destroyed; pCPU 64 goes to the only waiter, h66 (N4.4): it runs
        // [10, 20). Every other hog runs 20 ms.
        ScenarioBuilder b = nul(65, 20 * MS);
        for (int k = 1; k <= 66; k++) b.domain("h" + k, NONE, busy());
        SimulationResult r = Simulation.of(b.commands(new Command.Destroy(10 * MS, "destroy h65", "h65")).build(), NULL)
                .observe(new InvariantChecker()).run();
        for (int k = 1; k <= 64; k++) assertEquals(20 * MS, Runs.domain(r, "h" + k).runNs(), "h" + k);
        assertEquals(10 * MS, Runs.domain(r, "h65").runNs());
        assertEquals(10 * MS, Runs.domain(r, "h66").runNs());
        assertEquals(20 * MS, r.pcpus().get(64).busyNs());
    }
}
