package org.rtxen.sched.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.model.Time.MS;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.periodic;
import static org.rtxen.sched.Runs.domain;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.result.PcpuResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.sched.Runs;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;

/**
 * Schedules that hold only while one particular Credit rule holds: each test fails when its rule alone is broken
 * (checked by breaking the rule in CreditScheduler, one at a time; docs/testing.md lists how). Expected values are
 * derived by hand in each comment from the spec (shared/spec, section 1).
 *
 * <p>Conventions used in the derivations. Timers due at the same instant fire in a fixed order: policy timers
 * first, in creation order (the pool's accounting timer, then pCPU 0's tick, then pCPU 1's), then the scheduling
 * of each pCPU (slice ends and reschedules), then guest wakes. So at 30 ms the accounting runs before the tick,
 * and the tick burns before the slice ends. Credits are burnt at ticks and at every deschedule (C1.12, C1.28.2),
 * 10 per ms; only their sums matter here. A VCPU's first wake after insertion is not boosted (pick_resource set
 * MIGRATING, C1.22), and unpinned VCPUs are placed on pCPU 0 (every pCPU is idle at insertion, C1.26). Default
 * pool: tslice 30 ms, ticks every 10 ms, CPT = 300 credits per pCPU, ratelimit 1 ms (C1.1, C1.3).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CreditRulePinningTest {

    private static ScenarioBuilder credit(int pcpus, long durationNs) {
        return ScenarioBuilder.host(pcpus, durationNs).scheduler("credit", CreditPoolParams.DEFAULTS);
    }

    /** The first VCPU of the {@code index}-th domain declared. */
    private static Vcpu vcpu(Simulation sim, int index) {
        return sim.host().domains().get(index).vcpus().get(0);
    }

    /**
     * C1.18 step 4.7: after accounting, credit below -CPT is clamped to -CPT. One pCPU, tslice 2 ms (C1.3: one tick
     * per tslice, tick period 2 ms, CPT 20, first accounting 2 ms after creation), a lone hog A with cap 1: capc =
     * ceil(1 * 20 / 100) = 1 credit per accounting, also the per-VCPU cap. A runs from 0. At 2 the accounting finds
     * no active VCPU; the tick activates A and burns 20: -20. Accounting 4: -20 + 1 = -19 < -1: OVER and parked
     * (C1.18), the 4 ms tick burns 20 more: -39, and A is descheduled. Accounting 6: -38, below -20, so clamped to
     * -20. Parked A earns 1 per accounting: 0 at 6 + 20 x 2 = 46 ms, unparked and run at once on the idle pCPU;
     * accounting 48 gives +1, tick 48 burns 20: -19; accounting 50: -18, parked again; tick 50: -38; accounting 52:
     * clamped to -20 again, so the cycle repeats every 46 ms: A runs [0, 4), [46, 50), [92, 96): 12 ms of 100, and
     * is paused (parked) for the other 88. Without the clamp A would wait from -38 at 6 until 82 ms: 8 ms.
     */
    @Test
    void account_creditBelowMinusCpt_isClampedSoAParkedVcpuReturnsSooner() {
        SimulationResult r = Runs.checked(ScenarioBuilder.host(1, 100 * MS)
                .scheduler("credit", new CreditPoolParams(2 * MS, 1 * MS))
                .domain("A", new CreditParams(256, 1), busy()).build());
        assertEquals(12 * MS, domain(r, "A").runNs());
        assertEquals(88 * MS, domain(r, "A").vcpus().get(0).offlineNs());
    }

    /**
     * C1.18 step 4.5 (C1.20): a domain whose fair share reaches its peak after an earlier domain set xtra moves to
     * the head of the active list, so that next time its excess goes to the others. One pCPU: A (weight 256, cap
     * 20, declared first), hog B (weight 256), and W, whose only job (1 ms) is released at 95 ms.
     * A runs [0, 30): ticks 10, 20 activate it and burn it to -200. Accounting 30 (only A active): capc = 60 is
     * A's peak, fair 300: A gets 60, -140 < -60: OVER and parked; tick 30: -240. B runs from 30; tick 40 activates
     * it (list [B, A], weight 512): -100, tick 50: -200. Accounting 60 (balance -140, so ct = 440): B first: peak
     * 300 + ceil(140 * 256 / 512) = 370, fair 220 < 370: xtra, B = 20. A: peak 60 (cap), fair 220 >= 60 and xtra:
     * A moves to the head, list [A, B]; A = -180. Ticks 60, 70, 80 burn B to -280. Accounting 90 (balance -160,
     * ct 460): A first: fair 230 >= 60, so ct grows by ceil(170 * 512 / 256) = 340 to 800 and A gets 60; B: peak
     * 380, fair 400: B gets 380, 100, UNDER. At 95 W wakes (UNDER, not boosted: first wake), not above the running
     * UNDER B, so it waits for B's slice end at 120 and runs [120, 121): response 26 ms. Without the move the list
     * stays [B, A]: B gets only its fair 230, -50, OVER, and W (UNDER) preempts it at 95: response 1 ms.
     */
    @Test
    void account_domainReachingItsPeakAfterXtra_movesToTheHeadOfTheActiveList() {
        SimulationResult r = Runs.checked(credit(1, 125 * MS)
                .domain("A", new CreditParams(256, 20), busy())
                .domain("B", CreditParams.DEFAULTS, busy())
                .domain("W", CreditParams.DEFAULTS, periodic(1000 * MS, 1 * MS, 95 * MS)).build());
        TaskResult w = domain(r, "W").tasks().get(0);
        assertEquals(1, w.completed());
        assertEquals(26 * MS, w.response().maxNs());
    }

    /**
     * C1.18 step 4.7 and C1.21: an accounting that unparks a VCPU unpauses it before clearing PARKED, so its wake
     * is not boosted. The same A (cap 20) and B as in the move-to-head test, for 160 ms, and B yields at 135 ms.
     * As derived there, A is parked from 30 with -180 after the 60 ms accounting and B runs alone. Accounting 90:
     * A = -120; accounting 120: balance -20, ct 320, A first: fair 160 >= 60, ct grows by 200 to 520, A = -60;
     * B: fair 260 < peak 310: B = -200 + 260 = 60, UNDER. B yields at 135 (the yield skips the ratelimit, C1.28.3)
     * and, alone, runs again with a fresh slice to 165. Accounting 150: A = 0: UNDER, unparked; its wake sees
     * PARKED, so it stays UNDER, is not above the running UNDER B, and waits for B's slice end at 165, after the
     * run ends. So A runs only [0, 30) and B [30, 160): 130 ms. A boosted wake would preempt B at 150: A 40 ms.
     */
    @Test
    void account_unparkingWake_isNotBoosted() {
        Simulation sim = Simulation.of(credit(1, 160 * MS)
                .domain("A", new CreditParams(256, 20), busy())
                .domain("B", CreditParams.DEFAULTS, busy()).build(), Schedulers.factory());
        Vcpu b = vcpu(sim, 1);
        sim.at(135 * MS, () -> sim.framework().yield(b));
        SimulationResult r = sim.observe(new InvariantChecker()).run();
        assertEquals(30 * MS, domain(r, "A").runNs());
        assertEquals(130 * MS, domain(r, "B").runNs());
    }

    /**
     * C1.18 step 4.7: a VCPU whose credit exceeds CPT after accounting becomes inactive and its credit is halved.
     * One pCPU: hogs A and B (weight 256 each) and W, one 1 ms job released at 155 ms. A is paused at 25 ms, B at
     * 45 ms, A unpaused at 91 ms. A runs [0, 25): activated at tick 10, -250 when paused. B runs [25, 45):
     * accounting 30 (only A active) gives A 300: 50; tick 30 activates B (list [B, A]), B ends at -200.
     * Accounting 60 (weight 512, ct 300): 150 each: B -50 (OVER), A 200. Accounting 90: B 100, A 350 > 300:
     * inactive, halved to 175. A's wake at 91 is boosted (UNDER, not parked) and it runs alone from 91 (slice to
     * 121, then 151, 181). Tick 100: BOOST ends, 90 burnt: 85, A active again (list [A, B]); tick 110: -15.
     * Accounting 120 (ct 300, 150 each): A 135, B 250. Ticks 120, 130, 140: A -165. Accounting 150: A -15, OVER
     * (B 400: inactive). At 155 W wakes UNDER (first wake), above the running OVER A: it preempts at once and runs
     * [155, 156): response 1 ms. Without the halving A keeps 350 at 90, 310 at 120 (inactive again), is activated
     * at tick 120 and has 160 after accounting 150: UNDER, and W would wait for A's slice end at 181.
     */
    @Test
    void account_creditAboveCpt_isHalvedWhenTheVcpuGoesInactive() {
        Simulation sim = Simulation.of(credit(1, 160 * MS)
                .domain("A", CreditParams.DEFAULTS, busy())
                .domain("B", CreditParams.DEFAULTS, busy())
                .domain("W", CreditParams.DEFAULTS, periodic(1000 * MS, 1 * MS, 155 * MS)).build(), Schedulers.factory());
        Vcpu a = vcpu(sim, 0);
        Vcpu b = vcpu(sim, 1);
        sim.at(25 * MS, () -> sim.framework().pause(a))
                .at(45 * MS, () -> sim.framework().pause(b))
                .at(91 * MS, () -> sim.framework().unpause(a));
        SimulationResult r = sim.observe(new InvariantChecker()).run();
        TaskResult w = domain(r, "W").tasks().get(0);
        assertEquals(1, w.completed());
        assertEquals(1 * MS, w.response().maxNs());
        assertEquals(93 * MS, domain(r, "A").runNs());
    }

    /**
     * C1.31: a pCPU whose best local VCPU is OVER steals only VCPUs of strictly higher priority, so never an OVER
     * one. Two pCPUs: D (weight 1024, pinned to 0, paused at 15 ms), Y (256, unpinned, so placed on pCPU 0),
     * X (256, pinned to 1), P (256, pinned to 0), all hogs. pCPU 0 runs D from 0 with Y and P queued; pCPU 1 runs X.
     * Tick 10 activates D (-100) and X (-100). D paused at 15 (-150); Y runs on pCPU 0 from 15 (slice to 45).
     * Tick 20 activates Y (-50; list [Y, X, D], weight 1536), X -200. Accounting 30 (ct 600): Y -50 + 100 = 50,
     * X -200 + 100 = -100 (OVER), D: fair 400 >= peak 300, so 300: 150. At 30 pCPU 1's slice ends with X OVER: it load
     * balances, but pCPU 0's only queued VCPU P is pinned to 0: nothing to steal. At 45 Y's slice ends: P (UNDER)
     * runs, Y (-200) waits. Tick 50 activates P (-50, weight 1792); X reaches -500. Accounting 60 (ct 600): P gets
     * ceil(600 * 256 / 1792) = 86: 36; D: fair 343 >= 300: ct grows by ceil(43 * 1792 / 512) = 151 to 751, D gets
     * 300: 450, inactive, halved to 225; Y gets ceil(751 * 256 / 1792) = 108: -92, OVER; X: -392, clamped to -300.
     * At 60 pCPU 1's slice ends with X OVER again; pCPU 0 holds Y, OVER, queued: not strictly higher, so X keeps
     * pCPU 1. Over 70 ms: X 70, Y 30 ([15, 45)), P 25 ([45, 70)), no migration. Stealing an equal priority
     * would move Y to pCPU 1 at 60: X 60, Y 40, one migration.
     */
    @Test
    void loadBalance_bestLocalVcpuOver_doesNotStealAnOverVcpu() {
        Simulation sim = Simulation.of(credit(2, 70 * MS)
                .domain("D", null, 1, new CreditParams(1024, 0), List.of(0), busy())
                .domain("Y", null, 1, CreditParams.DEFAULTS, List.of(), busy())
                .domain("X", null, 1, CreditParams.DEFAULTS, List.of(1), busy())
                .domain("P", null, 1, CreditParams.DEFAULTS, List.of(0), busy()).build(), Schedulers.factory());
        Vcpu d = vcpu(sim, 0);
        sim.at(15 * MS, () -> sim.framework().pause(d));
        SimulationResult r = sim.observe(new InvariantChecker()).run();
        assertEquals(70 * MS, domain(r, "X").runNs());
        assertEquals(30 * MS, domain(r, "Y").runNs());
        assertEquals(25 * MS, domain(r, "P").runNs());
        assertEquals(0, r.pcpus().get(0).migrations() + r.pcpus().get(1).migrations());
    }

    /**
     * C1.15 step 4 and C1.26 step 5 on one socket of two cores with two threads each (pCPUs 0-1 and 2-3): the pick
     * moves a VCPU to the core with more idle threads. Hogs H (pinned to pCPU 1) and V (unpinned). At insertion every
     * pCPU is idle, so V is placed on pCPU 0 (the walk compares 2 idle threads with 2 and moves nowhere). V runs there
     * from 0; pCPU 0's tick at 10 ms activates it (step 3) and the tick at 20 ms, V being already active, picks: the
     * idlers are 2, 3 and 0 itself (V runs alone there, so its queue's head is idle); cpu = 0 and nxt = 2 in the same
     * socket: 1 idle thread in core 0 against 2 in core 1, 1 < 2, so V moves to cycle(idle_bias, {2, 3}) = 2 and is
     * migrated there at 20 ms. From pCPU 2 the next pick (tick 30) compares 2 idle threads in its own core with 2
     * (nxt 3), then with 1 (nxt 0), and stays. So pCPU 0 is busy [0, 20), pCPU 2 [20, 40), with one migration onto
     * pCPU 2. Without the walk's move V would stay on pCPU 0 for the whole 40 ms.
     */
    @Test
    void pick_onAnSmtHost_movesARunningVcpuToTheCoreWithMoreIdleThreads() {
        Scenario flat = credit(4, 40 * MS)
                .domain("H", null, 1, CreditParams.DEFAULTS, List.of(1), busy())
                .domain("V", null, 1, CreditParams.DEFAULTS, List.of(), busy()).build();
        Scenario smt = new Scenario(flat.durationNs(), flat.seed(), new HostSpec(1, 2, 2), flat.pools(), flat.domains(),
                flat.overheads());
        SimulationResult r = Simulation.of(smt, Schedulers.factory()).observe(new InvariantChecker()).run();
        assertEquals(List.of(20 * MS, 40 * MS, 20 * MS, 0L), r.pcpus().stream().map(PcpuResult::busyNs).toList());
        assertEquals(1, r.pcpus().get(2).migrations());
    }

    /**
     * C1.11, C1.15 step 5: the first tick after an accounting sorts the run queue, putting BOOST and UNDER VCPUs in
     * front of OVER ones. One pCPU: D (hog, paused at 15 ms), Qa (hog), R (needs 900 ms from 42 ms) and Qb (one
     * 1 ms job released at 50 ms), weight 256 each. D runs [0, 15): activated at tick 10, -150 when paused. Qa runs
     * from 15 (slice to 45): tick 20 activates it (-50). Accounting 30 (weight 512): 150 each: Qa 100, D 0, both
     * UNDER. Ticks 30, 40: Qa -100. R wakes at 42 (first wake: UNDER) and waits; at 45 Qa's slice ends (-150) and
     * R runs (slice to 75), Qa queued UNDER. Qb wakes at 50, UNDER, queued behind Qa: [Qa, Qb]. Tick 50 activates
     * R (-50, weight 768). Accounting 60 (ct 300, 100 each): R 50 (UNDER), Qa -50 (OVER), D 100; Qb is not active
     * and keeps UNDER. The queue now reads [Qa (OVER), Qb (UNDER)]; the 60 ms tick sorts it to [Qb, Qa]. At R's
     * slice end (75) R (UNDER) goes in behind Qb: Qb runs [75, 76): response 26 ms. Unsorted, R would be inserted
     * ahead of the OVER Qa and keep running to 105: Qb would not finish within the 80 ms run.
     */
    @Test
    void tick_afterAccounting_sortsUnderVcpusInFrontOfOverOnes() {
        Simulation sim = Simulation.of(credit(1, 80 * MS)
                .domain("D", CreditParams.DEFAULTS, busy())
                .domain("Qa", CreditParams.DEFAULTS, busy())
                .domain("R", CreditParams.DEFAULTS, periodic(1000 * MS, 900 * MS, 42 * MS))
                .domain("Qb", CreditParams.DEFAULTS, periodic(1000 * MS, 1 * MS, 50 * MS)).build(), Schedulers.factory());
        Vcpu d = vcpu(sim, 0);
        sim.at(15 * MS, () -> sim.framework().pause(d));
        SimulationResult r = sim.observe(new InvariantChecker()).run();
        TaskResult qb = domain(r, "Qb").tasks().get(0);
        assertEquals(1, qb.completed());
        assertEquals(26 * MS, qb.response().maxNs());
        assertEquals(34 * MS, domain(r, "R").runNs());
    }
}
