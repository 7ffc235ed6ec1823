package org.rtxen.sched.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rtxen.model.Time.MS;
import static org.rtxen.model.Time.S;
import static org.rtxen.model.Time.US;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.periodic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.model.result.VcpuResult;
import org.rtxen.sched.Runs;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;

/**
 * The Credit scheduler on hand-derived scenarios: shares that follow the weights, also after a weight change at run
 * time (C1.19, C1.33), caps that park and unpark VCPUs (C1.18, C1.20, 7.C12), the boost of a waking VCPU and the rate
 * limit on its preemption (C1.21, C1.28.3), yield (C1.9, C1.28.3), a guest task above its busy hog running from its
 * release, load balancing and the tick's migration (C1.15.4, C1.26, C1.30, C1.31), accounting at a 3 ms tslice (C1.3),
 * the PINNED flag following affinity changes (C1.4), and the idle pCPU a wake tickles (C1.23).
 */
class CreditSchedulerTest {
    private static ScenarioBuilder credit(int pcpus, long durationNs) {
        return ScenarioBuilder.host(pcpus, durationNs).scheduler("credit", CreditPoolParams.DEFAULTS);
    }

    private static DomainResult domain(SimulationResult r, String name) {
        return Runs.domain(r, name);
    }

    @Test
    void account_weights256And512OnOnePcpu_shareOneThirdAndTwoThirds() {
        // C1.19: with both VCPUs active, each 30 ms accounting hands out ct = 300 credits (30 ms of CPU) split by
        // weight: A gets ceil(300*256/768) = 100, B ceil(300*512/768) = 200. Running burns 10 credits per ms, so
        // a VCPU that keeps running past its earnings goes OVER and yields the CPU to the UNDER one at the next
        // slice end. In the long run consumption follows earnings: A 10 ms and B 20 ms of every 30 ms, 1/3 and 2/3.
        // Tolerance: decisions happen at 30 ms slice ends, so each run can be off by about one slice of credit,
        // 30 ms in 30 s = 0.1 %; the -300 credit floor can forgive debt of a VCPU that overran; we allow 1 % of
        // the CPU (300 ms in 30 s).
        long duration = 30 * S;
        SimulationResult r = Runs.checked(credit(1, duration)
                .domain("A", new CreditParams(256, 0), busy())
                .domain("B", new CreditParams(512, 0), busy()).build());
        long a = domain(r, "A").runNs();
        long b = domain(r, "B").runNs();
        assertEquals(duration, a + b, "the pCPU never idles with two hogs");
        assertEquals(duration / 3.0, a, duration * 0.01, "A's share");
        assertEquals(2 * duration / 3.0, b, duration * 0.01, "B's share");
    }

    @Test
    void adjust_weightRaisedMidRun_sharesFollowNewWeights() {
        // C1.33: A and B start at weight 256 each, so each earns 150 credits per 30 ms: half the pCPU. At 15 s
        // `xl sched-credit -d B -w 768` raises B's weight; the pool weight changes at once and from the next
        // accounting B earns ceil(300*768/1024) = 225 and A 75: B gets 3/4, A 1/4. Expected totals over 30 s:
        // A = 7.5 + 3.75 = 11.25 s, B = 7.5 + 11.25 = 18.75 s; tolerance 1 % of the run (see the weights test).
        long duration = 30 * S;
        Simulation sim = Simulation.of(credit(1, duration)
                .domain("A", CreditParams.DEFAULTS, busy())
                .domain("B", CreditParams.DEFAULTS, busy()).build(), Schedulers.factory());
        Domain b = sim.host().domains().get(1);
        sim.at(15 * S, () -> b.pool().scheduler().adjust(b, new CreditParams(768, 0)));
        SimulationResult r = sim.observe(new InvariantChecker()).run();
        assertEquals(11.25 * S, domain(r, "A").runNs(), duration * 0.01);
        assertEquals(18.75 * S, domain(r, "B").runNs(), duration * 0.01);
    }

    @Test
    void account_cap25OnLoneBusyVcpu_runs30msOutOf120ms() {
        // C1.18 / 7.C12 with cap 25 on 1 pCPU: capc = ceil(25*300/100) = 75 credits, so peak = 75 and the per-VCPU
        // cap is 75. Ticks at 10 and 20 ms activate A and burn it to -200; accounting at 30 ms (the master timer,
        // created before the tick timer, fires first) gives +75 -> -125 < -75: OVER and parked; the 30 ms tick then
        // burns 100 more -> -225. Parked, it earns 75 per period: -150 (60 ms), -75 (90 ms), 0 (120 ms) -> unparked
        // and runs again [120, 150) where the same happens. So A runs exactly 30 ms of every 120 ms: 25 %, in
        // 30 ms bursts (7.C12), and is OFFLINE (paused) for the other 90 ms.
        long duration = 12 * S; // 100 periods of 120 ms
        SimulationResult r = Runs.checked(credit(1, duration).domain("A", new CreditParams(256, 25), busy()).build());
        DomainResult a = domain(r, "A");
        assertEquals(3 * S, a.runNs());
        assertEquals(9 * S, a.vcpus().get(0).offlineNs());
    }

    @Test
    void account_cappedVcpusInPhaseWithAccounting_runnableOnlyBeforeTheirFirstSlice() {
        // fidelity/reference/credit-2p-cap.yaml: 2 pCPUs, g1 (weight 512, 2 hogs), g2 (weight 256, cap 50, 2 hogs).
        // Each pCPU runs a g1 VCPU from 0 with a g2 VCPU queued behind it. At 30 ms the accounting runs first
        // (the master timer, C1.18; g2 is not active yet, so its credit stays 0) and then g1's slice ends: g2's
        // VCPU is UNDER and queued ahead of the re-inserted g1 VCPU (FIFO among equals, or OVER behind UNDER), so
        // it runs [30, 60) after 30 ms runnable. Ticks at 40 and 50 activate it and burn it to -200. At 60 the
        // accounting gives g2 min(cap, fair) = ceil(50*300/100) = 150 credits (its weight share of 600 is 200),
        // 75 per VCPU, also the per-VCPU cap: -200 + 75 = -125 < -75, so it is parked while running, and the
        // 50-60 ms burn takes it to -225. Parked, it earns 75 per accounting: -150 (90), -75 (120), 0 (150):
        // unparked at 150, where the g1 slice that began at 60 on its pCPU (60 + 3 x 30) ends just after the
        // accounting, so it runs at once, not boosted (C1.21) but queued first as above; [150, 180) repeats
        // [30, 60). So slice ends and accounting stay in phase: after the first 30 ms, g2's VCPUs are never
        // runnable, only running (30 ms of every 120 ms) or parked (docs/fidelity.md, "credit-2p-cap, runnable
        // time of the capped VCPUs"). In 5 s each g2 VCPU gets the bursts starting at 30 + 120k ms, k = 0..41:
        // 42 x 30 ms = 1.26 s running, 30 ms runnable, 5 - 1.26 - 0.03 = 3.71 s offline. The pCPUs never idle
        // (at least two VCPUs are always runnable), so each g1 VCPU runs 5 - 1.26 = 3.74 s and waits 1.26 s.
        SimulationResult r = Runs.checked(credit(2, 5 * S)
                .domain("g1", null, 2, new CreditParams(512, 0), List.of(), busy())
                .domain("g2", null, 2, new CreditParams(256, 50), List.of(), busy()).build());
        for (VcpuResult v : domain(r, "g2").vcpus()) {
            assertEquals(1260 * MS, v.runNs());
            assertEquals(30 * MS, v.runnableNs());
            assertEquals(3710 * MS, v.offlineNs());
        }
        for (VcpuResult v : domain(r, "g1").vcpus()) {
            assertEquals(3740 * MS, v.runNs());
            assertEquals(1260 * MS, v.runnableNs());
        }
    }

    @Test
    void account_cap20AgainstUncappedHog_cappedGets20PercentOtherGetsRest() {
        // C1.20 with both domains active: B's cap 20 bounds its earnings to ceil(20*300/100) = 60 credits = 6 ms
        // of every 30 ms, 20 %; its overspending beyond that gets it parked until its credit is back to 0. A is
        // always runnable, so the pCPU never idles and A gets the remaining 80 %. Tolerance 1 % of the CPU, as
        // decisions are quantised to 30 ms slices and accounting periods.
        long duration = 30 * S;
        SimulationResult r = Runs.checked(credit(1, duration)
                .domain("A", new CreditParams(256, 0), busy())
                .domain("B", new CreditParams(256, 20), busy()).build());
        long a = domain(r, "A").runNs();
        long b = domain(r, "B").runNs();
        assertEquals(duration, a + b);
        assertEquals(duration * 0.2, b, duration * 0.01);
    }

    @Test
    void wake_ioVcpuAgainstHog_isBoostedAndPreemptsAtOnce() {
        // One pCPU: hog H and an I/O-like VCPU running 100 us every 10 ms from 3 ms. H wakes first at 0 and runs
        // with a 30 ms slice. The first I/O wake (3 ms) is not boosted: pickCpu at insert set MIGRATING (C1.22),
        // so it waits as UNDER behind the running UNDER hog until the slice ends at 30 ms, then runs the jobs
        // released at 3, 13, 23 ms back to back: responses 27.1, 17.2 and 7.3 ms. From 33 ms on every wake is
        // boosted (UNDER -> BOOST, C1.21) and preempts H at once (H has run 2.7 ms, then 9.9 ms since its last
        // switch-in, more than the 1 ms rate limit): response = 100 us. The I/O VCPU never runs across a 10 ms tick
        // (it runs [x3.0, x3.1) ms), so it never becomes active and keeps BOOST (7.C4, 7.C7).
        // 1 s gives 100 jobs: mean = (27.1 + 17.2 + 7.3 + 97 * 0.1) ms / 100 = 613 us.
        SimulationResult r = Runs.checked(credit(1, 1 * S)
                .domain("H", CreditParams.DEFAULTS, busy())
                .domain("io", CreditParams.DEFAULTS, periodic(10 * MS, 100 * US, 3 * MS)).build());
        TaskResult t = domain(r, "io").tasks().get(0);
        assertEquals(100, t.completed());
        assertEquals(100 * US, t.response().minNs());
        assertEquals(27_100 * US, t.response().maxNs());
        assertEquals(BigDecimal.valueOf(613 * US), t.response().meanNs());
    }

    /** One pCPU for 1 s: hog H, io1 (100 us every 10 ms from 3.0 ms), io2 (the same from 3.5 ms); io2's task. */
    private static TaskResult ioBehindHog(CreditPoolParams pool) {
        SimulationResult r = Runs.checked(ScenarioBuilder.host(1, 1 * S).scheduler("credit", pool)
                .domain("H", CreditParams.DEFAULTS, busy())
                .domain("io1", CreditParams.DEFAULTS, periodic(10 * MS, 100 * US, 3 * MS))
                .domain("io2", CreditParams.DEFAULTS, periodic(10 * MS, 100 * US, 3500 * US)).build());
        return domain(r, "io2").tasks().get(0);
    }

    @Test
    void schedule_boostedWakeWithinRatelimit_preemptionWaitsUntilCurrentRan1ms() {
        // One pCPU: hog H, io1 (100 us every 10 ms from 3.0 ms) and io2 (100 us every 10 ms from 3.5 ms). After the
        // first period (unboosted first wakes queue until H's slice ends at 30 ms, then io1 and io2 drain their
        // backlogs until 30.6 ms), each period goes: io1 wakes boosted at x3.0 and preempts H (which ran >= 1 ms),
        // runs to x3.1; H resumes; io2 wakes boosted at x3.5, but H has run only 0.4 ms < the 1 ms rate limit, so
        // H keeps the pCPU for the remaining 0.6 ms (C1.28.3) and io2 runs [x4.1, x4.2): response 700 us.
        // First three io2 jobs: 30.4-3.5, 30.5-13.5, 30.6-23.5 = 26.9, 17.0, 7.1 ms; 97 more at 0.7 ms.
        TaskResult t = ioBehindHog(CreditPoolParams.DEFAULTS);
        assertEquals(100, t.completed());
        assertEquals(700 * US, t.response().minNs());
        assertEquals(26_900 * US, t.response().maxNs());
        assertEquals(BigDecimal.valueOf((26_900 + 17_000 + 7_100 + 97 * 700) * US / 100), t.response().meanNs());
    }

    @Test
    void schedule_ratelimitZero_boostedWakePreemptsAtOnce() {
        // The same host with the rate limit off (sysctl ratelimit 0): io2 preempts H at x3.5 at once, response
        // 100 us from the second period on; its first three jobs still wait for H's slice: 26.9, 17.0, 7.1 ms.
        TaskResult t = ioBehindHog(new CreditPoolParams(30 * MS, 0));
        assertEquals(100 * US, t.response().minNs());
        assertEquals(26_900 * US, t.response().maxNs());
    }

    @Test
    void schedule_busyGuestWithTaskAlone_taskRunsFirstInItsVcpu() {
        // One pCPU, one domain whose guest runs a 1 ms / 10 ms task above its busy hog (FP: the hog is the lowest
        // priority). Credit keeps the always-runnable VCPU on the pCPU, so each job runs from its release:
        // response 1 ms, 100 jobs released in 1 s and all completed, none missed.
        GuestSpec guest = new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, true,
                periodic(10 * MS, 1 * MS, 0).tasks());
        SimulationResult r = Runs.checked(credit(1, 1 * S).domain("batch", CreditParams.DEFAULTS, guest).build());
        TaskResult t = domain(r, "batch").tasks().get(0);
        assertEquals(100, t.completed());
        assertEquals(0, t.missed());
        assertEquals(1 * MS, t.response().maxNs());
        assertEquals(1 * MS, t.response().minNs());
    }

    @Test
    void loadBalance_pcpuGoingIdle_stealsVcpuQueuedOnBusyPeer() {
        // Two pCPUs; hogs A and B both start on pCPU 0 (all pCPUs idle at insert, C1.26): A runs, B waits there.
        // P, pinned to pCPU 1, runs 1 ms every 100 ms from 5 ms. At 5 ms P's wake tickles idle pCPU 1 (pinned
        // fast path, C1.23), which runs P until it blocks at 6 ms; pCPU 1's best local choice is then its idle
        // VCPU, so it load-balances: pCPU 0 is busy with nr_runnable 2, and B, queued and UNDER (above IDLE), may
        // run on pCPU 1: stolen at 6 ms (C1.30, C1.31), before the 20 ms tick could move A. From then on P
        // (boosted from its second wake) preempts B for 1 ms at 105, 205, ..., 905 ms. Totals over 1 s: A 1000 ms,
        // B 1000 - 6 - 9 = 985 ms, P 10 ms, and every P job answers in 1 ms. B never ran on pCPU 0, so the steal
        // counts as no migration (a migration is starting to run after having run elsewhere).
        SimulationResult r = Runs.checked(credit(2, 1 * S)
                .domain("A", CreditParams.DEFAULTS, busy())
                .domain("B", CreditParams.DEFAULTS, busy())
                .domain("P", null, 1, CreditParams.DEFAULTS, List.of(1), periodic(100 * MS, 1 * MS, 5 * MS)).build());
        assertEquals(1000 * MS, domain(r, "A").runNs());
        assertEquals(985 * MS, domain(r, "B").runNs());
        assertEquals(10 * MS, domain(r, "P").runNs());
        assertEquals(0, r.pcpus().get(0).migrations() + r.pcpus().get(1).migrations());
        assertEquals(1 * MS, domain(r, "P").tasks().get(0).response().maxNs());
    }

    @Test
    void yield_withinRatelimit_yielderGoesBehindTheOtherAtOnce() {
        // One pCPU, hogs A and B; A runs from 0. At 0.5 ms A yields (SCHEDOP_yield): YIELD skips the 1 ms rate
        // limit (C1.28.3), so the reschedule puts A back in the queue behind B (both UNDER, FIFO; C1.9) and B runs
        // from 0.5 ms with a fresh 30 ms slice; A gets the pCPU back at 30.5 ms.
        Simulation sim = Simulation.of(credit(1, 40 * MS)
                .domain("A", CreditParams.DEFAULTS, busy())
                .domain("B", CreditParams.DEFAULTS, busy()).build(), Schedulers.factory());
        Vcpu a = sim.host().domains().get(0).vcpus().get(0);
        List<String> current = new ArrayList<>();
        sim.at(500 * US, () -> sim.framework().yield(a));
        for (long t : new long[] {400 * US, 600 * US, 30_400 * US, 30_600 * US}) {
            sim.at(t, () -> current.add(sim.host().pcpu(0).current().domain().name()));
        }
        sim.observe(new InvariantChecker()).run();
        assertEquals(List.of("A", "B", "B", "A"), current);
    }

    @Test
    void tick_twoHogsPlacedOnOnePcpu_secondPcpuTakesOneAt20ms() {
        // Two pCPUs, two hogs. Both VCPUs start on pCPU 0 (the pool's first pCPU, and pick keeps it: every pCPU is
        // idle, C1.26) and wake at 0: A runs on pCPU 0, B waits behind it (both UNDER, pCPU 0 was idle so only it
        // is tickled, C1.23). pCPU 1 idles with no timer. Tick 10 ms activates A; tick 20 ms finds A active and
        // pick says pCPU 1 (pCPU 0's queue holds B, pCPU 1 is idle), so A is marked migrating (C1.15.4). pCPU 0
        // switches to B; A's migration picks pCPU 0 again (its queue head is now idle, so it counts as idle and
        // is preferred), its wake tickles idle pCPU 1, which steals A (C1.30, C1.31). From then on each hog has a
        // pCPU: A runs the whole second, B all but the first 20 ms, and pCPU 1 counts one migration.
        SimulationResult r = Runs.checked(credit(2, 1 * S)
                .domain("A", CreditParams.DEFAULTS, busy())
                .domain("B", CreditParams.DEFAULTS, busy()).build());
        assertEquals(1 * S, domain(r, "A").runNs());
        assertEquals(1 * S - 20 * MS, domain(r, "B").runNs());
        assertEquals(1, r.pcpus().get(1).migrations());
        assertTrue(r.pcpus().get(0).migrations() == 0);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void tslice3ms_firstAccountingAt3msNot30ms() {
        // C1.3 with tslice 3 ms: ticks_per_tslice 3, tick period 1 ms, CPT = 30 credits; a pool created with this
        // tslice accounts first 3 ms after creation (like Xen's sched_credit_tslice_ms boot option). A lone hog
        // with cap 25: capc = ceil(25 * 30 / 100) = 8 credits per accounting, also the per-VCPU cap. It runs from
        // 0; ticks at 1 and 2 ms activate it and burn 10 credits each: -20. Accounting at 3 ms (master timer
        // first): -20 + 8 = -12 < -8: OVER and parked; the 3 ms tick burns 10 more: -22. Parked, +8 per 3 ms:
        // -14 (6), -6 (9), +2 (12 ms): unparked, runs [12, 15): ticks 13, 14 -> -18, accounting 15 -> -10 < -8,
        // parked; tick 15 -> -20; -12 (18), -4 (21), +4 (24): runs from 24: ticks 25, 26 -> -16, accounting 27 ->
        // -8, not below -8, so it keeps running; ticks 27, 28, 29 -> -38; accounting 30 -> -30, parked.
        // In [0, 30 ms) it runs [0, 3) + [12, 15) + [24, 30) = 12 ms. Had the first accounting stayed at 30 ms
        // (the tslice not applied to the timers armed at creation) it would run all 30 ms.
        SimulationResult r = Runs.checked(ScenarioBuilder.host(1, 30 * MS)
                .scheduler("credit", new CreditPoolParams(3 * MS, 1 * MS))
                .domain("A", new CreditParams(256, 25), busy()).build());
        assertEquals(12 * MS, domain(r, "A").runNs());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void vcpuPin_pinnedFlagFollowsAffinityChanges() {
        // C1.4 / csched_aff_cntl: PINNED is set exactly while the hard affinity has one pCPU. A starts pinned to
        // pCPU 1, is unpinned at 10 ms (all pCPUs), pinned to pCPU 0 at 20 ms. Credit's checkInvariants compares
        // the flag with the affinity after every event, so a flag that does not follow (no adjust_affinity hook)
        // fails the run at 10 ms.
        Simulation sim = Simulation.of(credit(2, 40 * MS)
                .domain("A", null, 1, CreditParams.DEFAULTS, List.of(1), busy())
                .domain("B", CreditParams.DEFAULTS, busy()).build(), Schedulers.factory());
        Vcpu a = sim.host().domains().get(0).vcpus().get(0);
        sim.at(10 * MS, () -> sim.framework().setAffinity(a, CpuMask.of(List.of(0, 1))))
                .at(20 * MS, () -> sim.framework().setAffinity(a, CpuMask.of(List.of(0))));
        SimulationResult r = sim.observe(new InvariantChecker()).run();
        assertTrue(domain(r, "A").runNs() > 0);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void tickleOneIdleCpu_lastTickleCpuIsThatOfTheWakingPcpu() {
        // C1.23: with idlers fitting the woken VCPU, Xen tickles cycle(last_tickle_cpu, idlers) and stores the
        // result in last_tickle_cpu of the pCPU performing the wake (this_cpu), not of the woken VCPU's pCPU.
        // 4 pCPUs: h1 pinned to pCPU 1 runs there from 0; y (pinned to 1) waits behind it, is paused at 1 ms and
        // re-pinned to {1,2,3} at 3 ms (pick keeps pCPU 1: its queue head is idle so it counts as idle, and no
        // other core is idler, C1.26). io (affinity {1,2,3}, placed on pCPU 1) is released at 10 ms: its wake
        // runs on pCPU 1 (the VCPU's timer is there); idlers fitting it are {2,3}: last_tickle_cpu[1] =
        // cycle(0, {2,3}) = 2, pCPU 2 steals io (C1.30), which runs [10, 11) ms and blocks. At 20 ms the
        // toolstack on pCPU 0 unpauses y (queued on pCPU 1): last_tickle_cpu[0] = cycle(0, {2,3}) = 2, so pCPU 2
        // steals y and runs it to the end: pCPU 2 busy 1 + 30 = 31 ms, pCPU 3 never. Keyed on the woken VCPU's
        // pCPU (1) it would be cycle(2, {2,3}) = 3: y on pCPU 3 instead.
        Simulation sim = Simulation.of(credit(4, 50 * MS)
                .domain("h1", null, 1, CreditParams.DEFAULTS, List.of(1), busy())
                .domain("y", null, 1, CreditParams.DEFAULTS, List.of(1), busy())
                .domain("io", null, 1, CreditParams.DEFAULTS, List.of(1, 2, 3), periodic(100 * MS, 1 * MS, 10 * MS))
                .build(), Schedulers.factory());
        Vcpu y = sim.host().domains().get(1).vcpus().get(0);
        sim.at(1 * MS, () -> sim.framework().pause(y))
                .at(3 * MS, () -> sim.framework().setAffinity(y, CpuMask.of(List.of(1, 2, 3))))
                .at(20 * MS, () -> sim.framework().unpause(y));
        SimulationResult r = sim.observe(new InvariantChecker()).run();
        assertEquals(31 * MS, r.pcpus().get(2).busyNs());
        assertEquals(0, r.pcpus().get(3).busyNs());
        assertEquals(30 * MS, domain(r, "y").runNs());
    }
}
