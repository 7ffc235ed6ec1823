package org.rtxen.sched.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.model.Time.MS;
import static org.rtxen.model.Time.US;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.periodic;
import static org.rtxen.sched.Runs.domain;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.command.Command;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.result.PcpuResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.sched.Runs;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;
import org.rtxen.sched.SwitchLog;

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

    /** Runs {@code sim} with the invariant checker and returns what {@link SwitchLog} saw before {@code untilNs}. */
    private static List<String> log(Simulation sim, long untilNs) {
        SwitchLog log = new SwitchLog(untilNs);
        sim.trace(log).observe(new InvariantChecker()).run();
        return log.entries();
    }

    private static List<String> log(Scenario s, long untilNs) {
        return log(Simulation.of(s, Schedulers.factory()), untilNs);
    }

    /**
     * C1.18 step 4.7: a capped VCPU is parked only when its credit is strictly below -capc_v. One pCPU, tslice 2 ms
     * (C1.3: one tick per tslice, tick period 2 ms, CPT 20), a lone hog A with cap 50: capc = ceil(50 * 20 / 100) =
     * 10 = capc_v. A runs from 0. Accounting 2 finds nobody active; tick 2 activates A and burns 20: -20.
     * Accounting 4: -10, OVER, not below -10: not parked; tick 4: -30. Accounting 6: -20 < -10: parked (tick 6:
     * -40, and A is descheduled). Accounting 8: -30, clamped to -20; 10: -10; 12: 0, UNDER, unparked, runs at
     * once. Tick restarted aligned at 14 (C1.14). Accounting 14: 10; tick 14: -10; accounting 16: 0; tick 16: -20;
     * accounting 18: -10 (not parked: the boundary again); tick 18: -30; accounting 20: -20, parked; tick 20: -40.
     * Then -20 at 22, -10 at 24, 0 at 26: unparked. With {@code <=} A would be parked at 4 already.
     */
    @Test
    void account_creditEqualToMinusTheVcpuCap_isNotParked() {
        Scenario s = ScenarioBuilder.host(1, 27 * MS).scheduler("credit", new CreditPoolParams(2 * MS, 1 * MS))
                .domain("A", new CreditParams(256, 50), busy()).build();
        assertEquals(List.of("0 p0 A", "6000 A parked", "6000 p0 idle", "12000 A unparked", "12000 p0 A",
                "20000 A parked", "20000 p0 idle", "26000 A unparked", "26000 p0 A"), log(s, 27 * MS));
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

    /**
     * C1.14: a pCPU that leaves idle restarts its tick at the next multiple of the tick period, not one period
     * later. The SMT host of the pick test (pCPUs 0-1 and 2-3 share cores), hog H pinned to pCPU 1 from 0, and V
     * (unpinned, placed on pCPU 0 at insertion) whose long job starts at 5 ms. V's first wake is not boosted
     * (C1.22); pCPU 0 is idle, so it is tickled and runs V from 5 ms, restarting its tick at 5 + 10 - 5 = 10 ms.
     * Tick 10 activates V (C1.15 step 3); tick 20 picks (step 4): one idle thread in core 0 (pCPU 0 itself, V
     * running alone there) against two in core 1, so V moves to cycle(idle_bias 3, {2, 3}) = 2 (C1.26 step 5) and
     * runs on pCPU 2 from 20 ms. With the tick one period after the wake (15, 25) V would move at 25 ms.
     */
    @Test
    void schedule_leavingIdle_restartsTheTickAlignedToItsPeriod() {
        Scenario flat = credit(4, 30 * MS)
                .domain("H", null, 1, CreditParams.DEFAULTS, List.of(1), busy())
                .domain("V", null, 1, CreditParams.DEFAULTS, List.of(), periodic(1000 * MS, 900 * MS, 5 * MS)).build();
        Scenario smt = new Scenario(flat.durationNs(), flat.seed(), new HostSpec(1, 2, 2), flat.pools(), flat.domains(),
                flat.overheads());
        assertEquals(List.of("0 p1 H", "5000 p0 V", "20000 p0 idle", "20000 p2 V"), log(smt, 30 * MS));
    }

    /** {@code s} on a host of {@code sockets} sockets of {@code cores} single-thread cores. */
    private static Scenario onSockets(Scenario s, int sockets, int cores) {
        return new Scenario(s.durationNs(), s.seed(), new HostSpec(sockets, cores, 1), s.pools(), s.domains(),
                s.overheads());
    }

    /**
     * C1.26 step 5 across sockets: another socket must have more than twice as many idle pCPUs. Hog V (unpinned)
     * is placed on pCPU 0 at insertion (every pCPU idle: the walk compares equal cores and sockets of 3 idle
     * pCPUs, 3 x 2 < 3 fails) and runs there from 0; tick 10 activates it and tick 20 picks, with the idlers being
     * the pCPUs without a pinned hog, plus pCPU 0 itself (V runs alone there, C1.26 step 3).
     * Two sockets of two (hog on pCPU 1): socket 0 has 1 idle pCPU, socket 1 has 2: 1 x 2 < 2 fails, V stays.
     * Two sockets of three (hogs on pCPUs 1 and 2): 1 x 2 < 3, so V moves to cycle(idle_bias[3] = 5, {3, 4, 5}) = 3;
     * the walk then compares single-thread cores of pCPU 3 with 4 and 5 (1 < 1 fails) and keeps 3. V is migrated
     * at 20 and runs on pCPU 3.
     */
    @Test
    void pick_acrossSockets_movesOnlyToASocketMoreThanTwiceAsIdle() {
        Scenario two = onSockets(credit(4, 30 * MS)
                .domain("H", null, 1, CreditParams.DEFAULTS, List.of(1), busy())
                .domain("V", null, 1, CreditParams.DEFAULTS, List.of(), busy()).build(), 2, 2);
        assertEquals(List.of("0 p0 V", "0 p1 H"), log(two, 30 * MS));
        Scenario three = onSockets(credit(6, 30 * MS)
                .domain("H1", null, 1, CreditParams.DEFAULTS, List.of(1), busy())
                .domain("H2", null, 1, CreditParams.DEFAULTS, List.of(2), busy())
                .domain("V", null, 1, CreditParams.DEFAULTS, List.of(), busy()).build(), 2, 3);
        assertEquals(List.of("0 p0 V", "0 p1 H1", "0 p2 H2", "20000 p0 idle", "20000 p3 V"), log(three, 30 * MS));
    }

    /**
     * C1.28 step 3: the rate limit keeps the current VCPU only while it has run strictly less than the rate limit.
     * One pCPU, default pool (rate limit 1 ms). W (declared first) has a 100 us job every 10 ms from 0; A's long job
     * starts at 9 ms. W's first wake is not boosted (C1.22): it runs [0, 0.1) and the pCPU idles until A runs from
     * 9, its tick restarted at 10 (C1.14). At 10 the tick (fired first) activates A; then W's second wake is
     * boosted (UNDER, not PARKED, MIGRATING cleared by the first wake, C1.21) and, no pCPU being idle, tickles
     * pCPU 0 as BOOST > UNDER (C1.23 step 3). A has run 1 ms, not less than the rate limit, so W runs [10, 10.1)
     * and A resumes. With {@code runtime <= ratelimit} A would be kept with a slice of 0.
     */
    @Test
    void schedule_runtimeEqualToTheRatelimit_isPreempted() {
        Scenario s = credit(1, 11 * MS)
                .domain("W", CreditParams.DEFAULTS, periodic(10 * MS, 100 * US, 0))
                .domain("A", CreditParams.DEFAULTS, periodic(1000 * MS, 900 * MS, 9 * MS)).build();
        assertEquals(List.of("0 p0 W", "100 p0 idle", "9000 p0 A", "10000 p0 W", "10100 p0 A"), log(s, 11 * MS));
    }

    /**
     * C1.23 step 4 (HARD step, 7.C1): when the waking VCPU's hard affinity holds no idle pCPU, it preempts its
     * pCPU's current VCPU only with a strictly higher priority. Two pCPUs, pCPU 1 idle throughout: hog A and W
     * (a 100 us job every 40 ms from 5 ms) are both pinned to pCPU 0 (so W is not handled by step 2: pCPU 0 is not
     * idle). A runs from 0 (tick 10 activates it: -100; tick 20: -200). W's first wake at 5 is not boosted: UNDER
     * against the running UNDER A, nobody is tickled and W waits. Accounting 30 gives A 300 (100, UNDER); tick 30
     * burns 100 (0); A's slice ends at 30 and A, UNDER, is queued behind W (C1.9): W runs [30, 30.1), then A again.
     * W's second wake at 45 is boosted: BOOST > UNDER, so pCPU 0 is tickled and W preempts A (run 14.9 ms, past the
     * rate limit) for [45, 45.1).
     */
    @Test
    void tickle_noIdlePcpuInHardAffinity_preemptsOnlyWithAStrictlyHigherPriority() {
        Scenario s = credit(2, 46 * MS)
                .domain("A", null, 1, CreditParams.DEFAULTS, List.of(0), busy())
                .domain("W", null, 1, CreditParams.DEFAULTS, List.of(0), periodic(40 * MS, 100 * US, 5 * MS)).build();
        assertEquals(List.of("0 p0 A", "30000 p0 W", "30100 p0 A", "45000 p0 W", "45100 p0 A"), log(s, 46 * MS));
    }

    /**
     * C1.28 step 5 and C1.30, C1.31: a pCPU whose best local VCPU is OVER steals a strictly higher-priority VCPU
     * from a busy peer. The load-balance test's scenario with P unpinned (so also placed on pCPU 0): pCPU 0 runs D
     * [0, 15) and Y from 15 (slice to 45) with P queued behind it, pCPU 1 runs X; accounting 30 leaves X OVER
     * (-100) while P, never run, is inactive and UNDER. At 30 pCPU 1's tick keeps the pinned X, its slice ends, and
     * X (OVER) heads its queue: it load balances. pCPU 0 is busy with two runnable VCPUs (Y running, P queued), and
     * P, UNDER above OVER, not running and allowed on pCPU 1, is stolen: P runs on pCPU 1 from 30.
     */
    @Test
    void loadBalance_bestLocalVcpuOver_stealsAnUnderVcpuFromABusyPeer() {
        Simulation sim = Simulation.of(credit(2, 31 * MS)
                .domain("D", null, 1, new CreditParams(1024, 0), List.of(0), busy())
                .domain("Y", null, 1, CreditParams.DEFAULTS, List.of(), busy())
                .domain("X", null, 1, CreditParams.DEFAULTS, List.of(1), busy())
                .domain("P", null, 1, CreditParams.DEFAULTS, List.of(), busy()).build(), Schedulers.factory());
        Vcpu d = vcpu(sim, 0);
        sim.at(15 * MS, () -> sim.framework().pause(d));
        assertEquals(List.of("0 p0 D", "0 p1 X", "15000 p0 Y", "30000 p1 P"), log(sim, 31 * MS));
    }

    /**
     * C1.18 steps 1, 2 and 4.7: a VCPU whose credit reaches exactly CPT stays active; only above CPT does it go
     * inactive (halved), and then it earns nothing and its weight leaves the pool, whose negative balance goes to
     * the VCPU left. One pCPU, tslice 2 ms (CPT 20, one tick per tslice), hogs A and B (weight 256), and W and V,
     * one 100 us job each, released at 12.5 and 16.5 ms. A runs [0, 2): tick 2 activates it (-20); its slice
     * ends and B (queued at 0) runs from 2, A being paused at 2. Accounting 4 (A alone active): A 0; tick 4
     * activates B (-20, list [B, A]). Accounting 6 (ct 20, 10 each): B -10 (OVER), A 10; tick 6: B -30.
     * Accounting 8: B -20, A 20, not above CPT: A stays active (balance 0); tick 8: B -40. Accounting 10: B -30,
     * clamped to -20; A 30 > 20: inactive, halved to 15; balance -5. Tick 10: B -40. Accounting 12 (B alone, ct
     * 25): peak 20 + ceil(5 * 256 / 256) = 25 = fair: B -15, OVER. W's first wake (UNDER, not boosted) at 12.5
     * preempts the OVER B (C1.23 step 3; B has run since 2 ms, past the rate limit): W runs [12.5, 12.6). B has
     * burnt 20 at tick 12 and 5 at 12.5: -40; accounting 14 (ct 35, peak 35): -5; tick 14 burns [12.6, 14): -19;
     * accounting 16 (ct 25): 6, UNDER, so V's first wake at 16.5 does not preempt B and waits for the end of the
     * slice B started at 12.6 (2 ms slices: 14.6, 16.6), where B goes in behind V: V runs [16.6, 16.7). Were A made
     * inactive at exactly CPT (at 8, with 10, balance -10), B would get 30 at 10 (-10) and 30 at 12 (0, UNDER),
     * and W would wait for B's slice end at 14. Were A kept active when halved at 10, B would share with it: 13 at
     * 12 (-20 after the clamp), 13 at 14 (-20) and 14 at 16 (-20), OVER, and V would preempt it at 16.5.
     */
    @Test
    void account_creditAboveCpt_deactivatesTheVcpu_butNotAtExactlyCpt() {
        Simulation sim = Simulation.of(ScenarioBuilder.host(1, 17 * MS)
                .scheduler("credit", new CreditPoolParams(2 * MS, 1 * MS))
                .domain("A", CreditParams.DEFAULTS, busy())
                .domain("B", CreditParams.DEFAULTS, busy())
                .domain("W", CreditParams.DEFAULTS, periodic(1000 * MS, 100 * US, 12_500 * US))
                .domain("V", CreditParams.DEFAULTS, periodic(1000 * MS, 100 * US, 16_500 * US)).build(),
                Schedulers.factory());
        Vcpu a = vcpu(sim, 0);
        sim.at(2 * MS, () -> sim.framework().pause(a));
        assertEquals(List.of("0 p0 A", "2000 p0 B", "12500 p0 W", "12600 p0 B", "16600 p0 V", "16700 p0 B"),
                log(sim, 17 * MS));
    }

    /**
     * C1.18 steps 1 and 4.2: while the pool's credit balance is negative, the accounting hands out that debt on
     * top of CPT and raises each domain's peak by its share, so that a VCPU whose fair share reaches its peak
     * recovers the debt. The scenario of the CPT test with A at weight 512: A runs [0, 2) (tick 2: -20), then is
     * paused; B runs from 2. Accounting 4 (A alone): A 0; tick 4 activates B (-20, list [B, A], weight 768).
     * Accounting 6 (ct 20): B ceil(20 * 256 / 768) = 7: -13 (OVER); A ceil(20 * 512 / 768) = 14: 14; tick 6: B
     * -33. Accounting 8: B -26, clamped to -20; A 28 > 20: inactive, halved to 14; balance -6. Tick 8: B -40.
     * Accounting 10 (B alone, ct 26): peak 20 + ceil(6 * 256 / 256) = 26 = fair: B -14; tick 10: -34. Accounting
     * 12 (ct 34, peak 34): B 0, UNDER. W's first wake at 12.5 (UNDER) does not preempt the UNDER B (C1.23) and
     * waits for B's slice end at 14; accounting 14 (balance 0) leaves B at 0, UNDER, queued behind W (C1.9):
     * W runs [14, 14.1). Without the raised peak, B would get only 20 at 10 and at 12 (-20, OVER) and W would
     * preempt it at 12.5.
     */
    @Test
    void account_negativeBalance_raisesThePeakSoALoneVcpuRecoversItsDebt() {
        Simulation sim = Simulation.of(ScenarioBuilder.host(1, 15 * MS)
                .scheduler("credit", new CreditPoolParams(2 * MS, 1 * MS))
                .domain("A", new CreditParams(512, 0), busy())
                .domain("B", CreditParams.DEFAULTS, busy())
                .domain("W", CreditParams.DEFAULTS, periodic(1000 * MS, 100 * US, 12_500 * US)).build(),
                Schedulers.factory());
        Vcpu a = vcpu(sim, 0);
        sim.at(2 * MS, () -> sim.framework().pause(a));
        assertEquals(List.of("0 p0 A", "2000 p0 B", "14000 p0 W", "14100 p0 B"), log(sim, 15 * MS));
    }

    /**
     * C1.23 step 5 (7.C11): a tickled idle pCPU leaves the idlers at once, so a second wake at the same instant
     * does not count on it. Two pCPUs: hog A pinned to pCPU 0, hogs X and Y unpinned, all placed on pCPU 0 at
     * insertion. At 0 every wake tickles pCPU 0 (A pinned there and idle, then its current still idle, C1.23
     * steps 2-3) and it runs A; pCPU 1 is never tickled and idles. X and Y (first wakes not boosted, C1.22) wait
     * queued and are paused at 1 ms, then both unpaused at 25 ms: each wake is boosted (C1.21). X: pCPU 1 is the
     * only idler, so it is tickled (step 4) and leaves the idlers; Y: no idler is left, and BOOST > A's UNDER, so
     * pCPU 0 is tickled (step 3). Softirqs run in pCPU order: pCPU 0 preempts A (25 ms run, past the rate limit)
     * for X, the head of its queue; pCPU 1 then load balances and steals Y (C1.30). Were pCPU 1 still an idler, Y
     * would tickle it again, A would keep pCPU 0, and pCPU 1 would steal X alone.
     */
    @Test
    void tickle_secondWakeAtTheSameInstant_doesNotCountTheIdlerJustTickled() {
        Simulation sim = Simulation.of(credit(2, 26 * MS)
                .domain("A", null, 1, CreditParams.DEFAULTS, List.of(0), busy())
                .domain("X", null, 1, CreditParams.DEFAULTS, List.of(), busy())
                .domain("Y", null, 1, CreditParams.DEFAULTS, List.of(), busy()).build(), Schedulers.factory());
        Vcpu x = vcpu(sim, 1);
        Vcpu y = vcpu(sim, 2);
        sim.at(1 * MS, () -> {
            sim.framework().pause(x);
            sim.framework().pause(y);
        }).at(25 * MS, () -> {
            sim.framework().unpause(x);
            sim.framework().unpause(y);
        });
        assertEquals(List.of("0 p0 A", "25000 p0 X", "25000 p1 Y"), log(sim, 26 * MS));
    }

    /**
     * C1.28 step 3 with C1.13: a VCPU kept by the rate limit resumes burning from the decision (start_time gets
     * now back), so the kept part is charged once. One pCPU, default pool. W (100 us every 10 ms from 0) as in the
     * rate-limit test, A's long job from 9.5 ms, V one 100 us job at 31 ms. W runs [0, 0.1); A from 9.5 (tick
     * restarted at 10). Tick 10: A burns 5 (-5) and is activated; W's boosted wake tickles (C1.23 step 3), but A
     * has run only 0.5 ms: it is kept for the 0.5 ms left of the rate limit. At 10.5 A burns 5 more (-10) and W
     * runs [10.5, 10.6); A resumes. Tick 20: A burns 94 (-104); W preempts again [20, 20.1). Accounting 30 (A
     * alone active, W never running at a tick): A 196, UNDER. Tick 30, then W [30, 30.1), and A runs on with a
     * slice to 60.1. V's first wake at 31 (UNDER) does not preempt the UNDER A, so nothing switches before 32 ms.
     * Were start_time not given back at the keep, A would be charged 20 ms more at 10.5: -4 at 30, OVER, and V
     * would preempt it as soon as A's rate limit (from 30.1) allows, at 31.1.
     */
    @Test
    void schedule_vcpuKeptByTheRatelimit_burnsFromTheDecisionOn() {
        Scenario s = credit(1, 32 * MS)
                .domain("W", CreditParams.DEFAULTS, periodic(10 * MS, 100 * US, 0))
                .domain("A", CreditParams.DEFAULTS, periodic(1000 * MS, 900 * MS, 9_500 * US))
                .domain("V", CreditParams.DEFAULTS, periodic(1000 * MS, 100 * US, 31 * MS)).build();
        assertEquals(List.of("0 p0 W", "100 p0 idle", "9500 p0 A", "10500 p0 W", "10600 p0 A", "20000 p0 W",
                "20100 p0 A", "30000 p0 W", "30100 p0 A"), log(s, 32 * MS));
    }

    /**
     * C1.26 step 5: a candidate whose core is not more idle drops only its own core's idlers, and the walk goes on
     * to the next core. One socket of three cores with two threads (pCPUs 0-1, 2-3, 4-5); hogs H1 and H2 pinned to
     * pCPUs 1 and 2, V unpinned. At insertion every pCPU is idle and each core has 2 idle threads, so V stays on
     * pCPU 0. V runs there from 0; tick 10 activates it; tick 20 picks: the idlers are 3, 4, 5 and pCPU 0 itself
     * (V alone there). Against pCPU 3, core 0 and core 1 have 1 idle thread each: no move, and only {3} leaves the
     * candidates; against pCPU 4, 1 < 2: V moves to cycle(idle_bias[4] = 5, {4, 5}) = 4, and is migrated there at
     * 20 ms. Dropping every idler at the first comparison would keep V on pCPU 0.
     */
    @Test
    void pick_onAnSmtHost_walksPastACoreThatIsNotMoreIdle() {
        Scenario flat = credit(6, 30 * MS)
                .domain("H1", null, 1, CreditParams.DEFAULTS, List.of(1), busy())
                .domain("H2", null, 1, CreditParams.DEFAULTS, List.of(2), busy())
                .domain("V", null, 1, CreditParams.DEFAULTS, List.of(), busy()).build();
        Scenario smt = new Scenario(flat.durationNs(), flat.seed(), new HostSpec(1, 3, 2), flat.pools(), flat.domains(),
                flat.overheads());
        assertEquals(List.of("0 p0 V", "0 p1 H1", "0 p2 H2", "20000 p0 idle", "20000 p4 V"), log(smt, 30 * MS));
    }

    /** A guest whose only task, one job of {@code wcetNs} every second from {@code offsetNs}, runs on VCPU 2. */
    private static GuestSpec onVcpu2(long wcetNs, long offsetNs) {
        return new GuestSpec(GuestScheduler.FP, Placement.PARTITIONED, false, List.of(new TaskSpec("t", 1000 * MS,
                wcetNs, 1000 * MS, offsetNs, TaskSpec.NO_PRIORITY, 2, new ExecTimeModel.Wcet())));
    }

    /**
     * C1.26 steps 5 and 7: a committed pick that moved to nxt's core stores its choice in nxt's idle_bias, so the
     * next move into that core starts after it. One socket of two cores with two threads (pCPUs 0-1, 2-3); hog H
     * pinned to pCPU 3; domains V and U of three VCPUs each, whose only task runs on VCPU 2 (initially on pCPU 2,
     * where the insertion-time pick keeps it: every core has 2 idle threads). At 0 pCPU 3 first runs H, runnable
     * since creation; V.2's 25 ms job is released after (guest wakes come last) and runs on pCPU 2 from 0; tick 10 activates it; tick 20 picks: idlers 0, 1 and 2 (V.2 alone there), nxt = cycle(2, {0, 1}) = 0,
     * 1 idle thread in core 1 against 2 in core 0: move to cycle(idle_bias[0] = 3, {0, 1}) = 0. The migration's
     * committed pick chooses the same and sets idle_bias[0] = 0; V.2 runs its last 5 ms on pCPU 0 and blocks at 25.
     * U.2's long job starts at 30 on the idle pCPU 2 (tick restarted at 40, which activates it); tick 50 picks the
     * same way, now moving to cycle(idle_bias[0] = 0, {0, 1}) = 1. Without the commit U.2 would go to pCPU 0.
     */
    @Test
    void pick_committedMove_storesTheIdleBiasOfTheCoreMovedTo() {
        Scenario flat = credit(4, 55 * MS)
                .domain("H", null, 1, CreditParams.DEFAULTS, List.of(3), busy())
                .domain("V", null, 3, CreditParams.DEFAULTS, List.of(), onVcpu2(25 * MS, 0))
                .domain("U", null, 3, CreditParams.DEFAULTS, List.of(), onVcpu2(900 * MS, 30 * MS)).build();
        Scenario smt = new Scenario(flat.durationNs(), flat.seed(), new HostSpec(1, 2, 2), flat.pools(), flat.domains(),
                flat.overheads());
        assertEquals(List.of("0 p3 H", "0 p2 V.2", "20000 p2 idle", "20000 p0 V.2", "25000 p0 idle", "30000 p2 U.2",
                "50000 p2 idle", "50000 p1 U.2"), log(smt, 55 * MS));
    }

    /**
     * C1.23 step 4 (HARD step): the mask of idle pCPUs is that of this wake alone, not what an earlier wake left.
     * Three pCPUs, default pool: G (cap 50) a hog pinned to pCPU 0; E, allowed on pCPUs 0 and 1, one 0.5 ms job at
     * 1 ms; H pinned to pCPU 1, one long job from 5 ms; W, allowed on pCPUs 0 and 1, one 1 ms job at 37 ms. E and W
     * are placed on pCPU 0 at insertion (C1.26) and their first wakes are not boosted (C1.22). G runs on pCPU 0
     * from 0 (tick restarted at 10, C1.14). At 1 E (UNDER, like G) wakes on pCPU 0: idlers {1, 2}, step 4's mask
     * {1, 2} & {0, 1} = {1}: pCPU 1 is tickled and steals E (C1.30), which runs [1, 1.5). H wakes at 5 on the idle
     * pCPU 1 (step 2) and runs (tick restarted at 10). Ticks 10 and 20 burn G to -200 and H to -150 and activate
     * both, G first. Accounting 30 (wt 512, ct 900): G's capc = 150 is its peak, fair 450: ct grows by
     * ceil(300 * 512 / 256) = 600, G gets 150: -50, OVER, not below -capc_v = -150 (C1.18); H gets its peak 300:
     * 150, UNDER. At 37 W wakes UNDER on pCPU 0, where G is OVER: idlers {2}, mask {2} & {0, 1} is empty and
     * UNDER > OVER, so pCPU 0 is tickled and W preempts G (7 ms since G's decision at 30, past the rate limit)
     * for [37, 38). With E's mask {1} still there, pCPU 1 would be tickled instead (H, UNDER, goes on) and W would
     * wait on pCPU 0 behind G.
     */
    @Test
    void tickle_hardStep_usesOnlyThisWakesIdlers() {
        Scenario s = credit(3, 40 * MS)
                .domain("G", null, 1, new CreditParams(256, 50), List.of(0), busy())
                .domain("E", null, 1, CreditParams.DEFAULTS, List.of(0, 1), periodic(1000 * MS, 500 * US, 1 * MS))
                .domain("H", null, 1, CreditParams.DEFAULTS, List.of(1), periodic(1000 * MS, 900 * MS, 5 * MS))
                .domain("W", null, 1, CreditParams.DEFAULTS, List.of(0, 1), periodic(1000 * MS, 1 * MS, 37 * MS))
                .build();
        assertEquals(List.of("0 p0 G", "1000 p1 E", "1500 p1 idle", "5000 p1 H", "37000 p0 W", "38000 p0 G"),
                log(s, 40 * MS));
    }

    /**
     * C1.26 steps 1-4: the candidates are those of this pick alone. Three pCPUs (one socket, no SMT), default pool:
     * hog V (unpinned) and hogs W and Q, both pinned to pCPU 2. V runs on pCPU 0 from 0, W on pCPU 2 with Q
     * queued behind it (W declared first), and pCPU 1 idles. Tick 10 activates V and W (C1.15 step 3). Tick 20,
     * pCPU 0 first: V's pick (C1.15 step 4) has candidates {0, 1, 2}, idlers {1} plus pCPU 0 (V alone there):
     * V stays. W's pick has candidates {2}, and pCPU 2 is no idler (Q is queued): nothing is left, W stays. So
     * nothing moves before W's slice end at 30 ms. Had W's pick kept the candidate {1} that V's left over, it would
     * have chosen pCPU 1, outside W's hard affinity, and W would have left pCPU 2 (to Q) at 20 ms.
     */
    @Test
    void pick_candidatesAreOnlyThoseOfThisPick() {
        Scenario s = credit(3, 30 * MS)
                .domain("V", null, 1, CreditParams.DEFAULTS, List.of(), busy())
                .domain("W", null, 1, CreditParams.DEFAULTS, List.of(2), busy())
                .domain("Q", null, 1, CreditParams.DEFAULTS, List.of(2), busy()).build();
        assertEquals(List.of("0 p0 V", "0 p2 W"), log(s, 30 * MS));
    }

    /**
     * C1.18 step 4.2 for a domain of two active VCPUs: the debt share added to the peak is ceil(-balance * w * n / wt).
     * Two pCPUs, tslice 2 ms (C1.3: one tick per tslice, CPT 20, ct 40): A (weight 512) pinned to pCPU 0, B (256) of
     * two VCPUs B.0 (pCPU 0) and B.1 (pCPU 1), all hogs, and W pinned to pCPU 0, one 100 us job at 10.5 ms. A runs [0,
     * 2) and B.1 runs on pCPU 1. At 2 the accounting finds nobody active; tick 2 activates A (-20), then B.1 (-20; a
     * newly active domain goes to the head of the list, as Xen's list_add does, which C1.15 step 3 leaves unsaid: [B,
     * A], wt 768); A is paused, and B.0 runs on pCPU 0 from 2. Accounting 4 (ct 40): B fair 14 < peak 20, xtra: B.1 -6;
     * A fair 27 >= 20, moved to the head ([A, B]), gets 20: 0. Balance -6. Tick 4: B.0 -20, activated (wt 1024); B.1
     * -26. Accounting 6 (ct 46): A peak 20 + ceil(6 * 512 / 1024) = 23 = fair: 23 > CPT, inactive and halved to 11; B
     * peak 43, fair 23: 12 each, B.0 -8, B.1 -14; balance -11. Tick 6: -28, -34. Accounting 8 (B alone, wt 512, ct 51):
     * peak 40 + ceil(11 * 256 * 2 / 512) = 51 = fair: 26 each, -2 and -8; tick 8: -22, -28. Accounting 10 (ct 50, peak
     * 50): 25 each: B.0 3, UNDER, B.1 -3. W wakes at 10.5 (UNDER, first wake, C1.22), not above the UNDER B.0, and no
     * pCPU idles: nobody is tickled (C1.23). Accounting 12 (balance 0) leaves B.0 UNDER (3); at B.0's slice end W,
     * queued first, runs; then pCPU 1, whose B.1 is OVER (-3), steals the UNDER B.0 (C1.28 5, C1.30-31), and pCPU 0,
     * idle after W's job, steals B.1. With w / n the peaks would be 43 at 8 and 45 at 10, B.0 -3 (OVER) at 10, and W
     * would preempt it at 10.5.
     */
    @Test
    void account_negativeBalance_raisesThePeakOfATwoVcpuDomainByItsWholeShare() {
        Simulation sim = Simulation.of(ScenarioBuilder.host(2, 13 * MS)
                .scheduler("credit", new CreditPoolParams(2 * MS, 1 * MS))
                .domain("A", null, 1, new CreditParams(512, 0), List.of(0), busy())
                .domain("B", null, 2, CreditParams.DEFAULTS, List.of(), busy())
                .domain("W", null, 1, CreditParams.DEFAULTS, List.of(0), periodic(1000 * MS, 100 * US, 10_500 * US))
                .build(), Schedulers.factory());
        Vcpu a = vcpu(sim, 0);
        sim.at(2 * MS, () -> sim.framework().pause(a));
        assertEquals(List.of("0 p0 A", "0 p1 B.1", "2000 p0 B.0", "12000 p0 W", "12000 p1 B.0", "12100 p0 B.1"),
                log(sim, 13 * MS));
    }

    /**
     * C1.26 step 5: a move into nxt's core chooses among the candidates only, so not outside the hard affinity. The
     * scenario of the idle_bias test with U's VCPUs allowed on pCPUs 0 and 2 only (U.2 starts on pCPU 2, which its
     * affinity holds, so its insertion keeps it there). V.2's move at 20 ms sets idle_bias[0] = 0 as there. Tick 50
     * picks for U.2: candidates {0, 2} & idlers {0, 1, 2} = {0, 2}, less its own pCPU 2: {0}; nxt = 0, core 0 has 2
     * idle threads against 1 in core 1: move to cycle(idle_bias[0] = 0, {0, 1} & {0}) = 0. Without the candidates'
     * mask the move would go to cycle(0, {0, 1}) = 1, outside U's hard affinity.
     */
    @Test
    void pick_moveIntoACore_choosesOnlyAmongTheCandidates() {
        Scenario flat = credit(4, 55 * MS)
                .domain("H", null, 1, CreditParams.DEFAULTS, List.of(3), busy())
                .domain("V", null, 3, CreditParams.DEFAULTS, List.of(), onVcpu2(25 * MS, 0))
                .domain("U", null, 3, CreditParams.DEFAULTS, List.of(0, 2), onVcpu2(900 * MS, 30 * MS)).build();
        Scenario smt = new Scenario(flat.durationNs(), flat.seed(), new HostSpec(1, 2, 2), flat.pools(), flat.domains(),
                flat.overheads());
        assertEquals(List.of("0 p3 H", "0 p2 V.2", "20000 p2 idle", "20000 p0 V.2", "25000 p0 idle", "30000 p2 U.2",
                "50000 p2 idle", "50000 p0 U.2"), log(smt, 55 * MS));
    }

    /**
     * C1.12: the residual of a burn is added to the next one (7.C3). One pCPU, tslice 2 ms, ratelimit 1 ms (C1.3: one
     * tick per tslice, tick period 2 ms, CPT 20), A: 2.1 ms jobs every 3.3 ms from 0.95 ms, and X: one 1 ms job at
     * 4.4 ms. A wakes at 0.95 (first wake, not boosted, C1.22) and runs; its tick restarts at 2 (C1.14). Accounting 2
     * finds nobody active; tick 2 burns 1.05 ms: val 10.5e6, 10 credits, residual 0.5e6, start_time 1.95, and
     * activates A. A's slice ends at 2.95 (burn 1 ms + residual: val 10.5e6, 10 credits, -20, start_time 2.95) and
     * A, alone, goes on. A blocks at 3.05: val 1e6 + 0.5e6, 1 credit, -21. Accounting 4 (ct 20, balance 0): peak =
     * fair = 20, A -1: OVER. A wakes at 4.25, OVER, so not boosted (C1.21), and runs. X wakes at 4.4 (UNDER, first
     * wake) above the OVER A, so pCPU 0 is tickled, but A has run only 150 us of its 1 ms rate limit (C1.28 3): X
     * runs at 5.25 for 1 ms, then A ends its job at 7.35. With the residual subtracted the 2.95 burn takes 9 credits
     * (start_time 2.85) and the block at 3.05 1 (val 2e6 - 0.5e6): A has 0 after accounting 4, UNDER, its wake at
     * 4.25 is boosted, and X waits for A's slice end at 6.25.
     */
    @Test
    void burn_residualIsAddedToTheNextBurn() {
        Scenario s = ScenarioBuilder.host(1, 7500 * US).scheduler("credit", new CreditPoolParams(2 * MS, 1 * MS))
                .domain("A", CreditParams.DEFAULTS, periodic(3300 * US, 2100 * US, 950 * US))
                .domain("X", CreditParams.DEFAULTS, periodic(1000 * MS, 1 * MS, 4400 * US)).build();
        assertEquals(List.of("950 p0 A", "3050 p0 idle", "4250 p0 A", "5250 p0 X", "6250 p0 A", "7350 p0 idle"),
                log(s, 7500 * US));
    }

    /**
     * C1.18 steps 4.1 and 4.5: weight_left drops by w * n, so a capped domain of two active VCPUs hands its excess to
     * the later domains in proportion to their weight alone. One pCPU, tslice 3 ms, ratelimit 1 ms (C1.3: ticks every
     * 1 ms, CPT 30, ct 30), all hogs: D (weight 256, cap 65: capc = ceil(19.5) = 20) of two VCPUs and E (weight
     * 128, cap 75: capc = 23) of two. Each VCPU in turn runs a whole slice and is activated by its first tick (D.0
     * [0, 3), D.1 [3, 6), E.0 [6, 9), E.1 [9, 12)), 10 credits a tick. Accounting 3: D.0 0. Accounting 6 (D, n 2):
     * peak 20, capc_v 10: D.1 -10 (OVER, not below -10), D.0 0; balance -10. Accounting 9 (wt 640, ct 40, list [E,
     * D]): E fair 8 < peak 23, xtra, E.0 -12; D fair 32 >= 20 moves to the head, D.1 -10, D.0 10; balance -12.
     * Accounting 12 (wt 768, ct 42, list [D, E]): D fair 28 >= 20, weight_left 768 - 512 = 256, ct grows by
     * ceil(8 * 768 / 256) = 24 to 66, D.1 0, D.0 20; E peak min(60 + 4, 23) = 23, capc_v 12, fair ceil(66 * 256 /
     * 768) = 22: 11 each, E.1 -9 and E.0 -11, neither below -12. So D.0 (UNDER, queued first) runs at 12 and nobody
     * is parked. With w / n weight_left is 640, ct grows by only 10, E gets 9 each and E.0 (-13) is parked at 12.
     */
    @Test
    void account_weightLeft_dropsByTheWeightOfEveryActiveVcpu() {
        Scenario s = ScenarioBuilder.host(1, 13 * MS).scheduler("credit", new CreditPoolParams(3 * MS, 1 * MS))
                .domain("D", null, 2, new CreditParams(256, 65), List.of(), busy())
                .domain("E", null, 2, new CreditParams(128, 75), List.of(), busy()).build();
        assertEquals(List.of("0 p0 D.0", "3000 p0 D.1", "6000 p0 E.0", "9000 p0 E.1", "12000 p0 D.0"),
                log(s, 13 * MS));
    }

    /**
     * C1.18 step 4.5: a domain whose fair share equals its peak exactly counts as reaching it, so it moves to the
     * head when xtra is set and sets no xtra itself. One pCPU, tslice 3 ms, ratelimit 1 ms (C1.3: ticks every 1 ms,
     * CPT 30, ct 30), all hogs: A (weight 512, cap 15: capc = ceil(4.5) = 5), B and C (weight 256). A runs [0, 3):
     * ticks 1, 2 activate it and burn it to -20. Accounting 3: peak 5, A -15 < -5: OVER and parked (tick 3: -25).
     * B runs [3, 6): activated at tick 4 (list [B, A], wt 768), -20. Accounting 6 (balance -15, ct 45): B fair 15 <
     * peak 35, xtra, B -5; A fair 30 >= 5 moves to the head ([A, B]), -20; balance -25. Tick 6: B -15. C runs [6,
     * 9): activated at tick 7 (list [C, A, B], wt 1024), -20. Accounting 9 (ct 55): C fair 14 < peak 30 +
     * ceil(25 * 256 / 1024) = 37, xtra, C -6; A fair 28 >= 5, ct grows by ceil(23 * 1024 / 256) = 92 to 147, A to
     * the head, -15; B peak 37, fair ceil(147 * 256 / 1024) = 37 = peak: B to the head ([B, A, C]), 22; balance 1.
     * Tick 9: C -16. B (UNDER) runs [9, 12): 2 at 12. Accounting 12 (ct 30): B fair 8 < 30, xtra, 10; A fair 15 >=
     * 5, ct grows by 40 to 70, -10; C fair ceil(70 * 256 / 1024) = 18: 2, UNDER, so C runs at B's slice end at 12.
     * With {@code fair <= peak} B stays last ([A, C, B]): at 12 A hands on only 20 (weight_left 512), C gets 13,
     * -3, OVER, and B (15, UNDER) keeps the pCPU to 15.
     */
    @Test
    void account_fairShareEqualToThePeak_movesTheDomainToTheHead() {
        Scenario s = ScenarioBuilder.host(1, 13 * MS).scheduler("credit", new CreditPoolParams(3 * MS, 1 * MS))
                .domain("A", new CreditParams(512, 15), busy())
                .domain("B", CreditParams.DEFAULTS, busy())
                .domain("C", CreditParams.DEFAULTS, busy()).build();
        assertEquals(List.of("0 p0 A", "3000 A parked", "3000 p0 B", "6000 p0 C", "9000 p0 B", "12000 p0 C"),
                log(s, 13 * MS));
    }

    /**
     * C1.33: at run time weight 0 and cap 0xFFFF leave the value unchanged, and a weight of 65535 is accepted. One
     * pCPU, tslice 2 ms, a lone hog A created uncapped: {@code sched-credit -c 50} at 1 ms (weight 0) caps it before
     * the first accounting, and weight 65535 with cap 0xFFFF at 3 ms keeps the cap of 50; alone, A's fair share and
     * peak do not depend on its weight (ceil(ct * w / w) = ct). So A is parked and unparked exactly as in
     * {@link #account_creditEqualToMinusTheVcpuCap_isNotParked()}, where the cap was set at creation.
     */
    @Test
    void adjust_atRunTime_capSetWeightZeroAndCapFfffLeaveTheOtherUnchanged() {
        Scenario s = ScenarioBuilder.host(1, 27 * MS).scheduler("credit", new CreditPoolParams(2 * MS, 1 * MS))
                .domain("A", CreditParams.DEFAULTS, busy())
                .commands(new Command.AdjustDomain(1 * MS, "cap 50", "A", new CreditParams(0, 50)),
                        new Command.AdjustDomain(3 * MS, "weight 65535", "A", new CreditParams(65535, 0xFFFF)))
                .build();
        assertEquals(List.of("0 p0 A", "6000 A parked", "6000 p0 idle", "12000 A unparked", "12000 p0 A",
                "20000 A parked", "20000 p0 idle", "26000 A unparked", "26000 p0 A"), log(s, 27 * MS));
    }

    /**
     * C1.34's limits are inclusive: tslice 1 and 1000 ms, ratelimit 100 us and 500 ms, and a ratelimit equal to the
     * tslice are accepted. A lone hog runs the whole 5 ms under each.
     */
    @ParameterizedTest(name = "tslice {0} ms, ratelimit {1} us")
    @CsvSource({"1, 100", "1000, 500000", "2, 2000"})
    void adjustGlobal_limitsAreInclusive(long tsliceMs, long ratelimitUs) {
        SimulationResult r = Runs.checked(ScenarioBuilder.host(1, 5 * MS)
                .scheduler("credit", new CreditPoolParams(tsliceMs * MS, ratelimitUs * US))
                .domain("A", CreditParams.DEFAULTS, busy()).build());
        assertEquals(5 * MS, domain(r, "A").runNs());
    }

    /**
     * C1.33: a weight change of an active domain moves the pool weight by old and new weight times its active count.
     * One pCPU, tslice 2 ms, ratelimit 1 ms (C1.3: one tick per tslice, tick period 2 ms, CPT 20, ct 20), hogs: D of
     * two VCPUs and E, weight 256 each. D.0 runs [0, 2), D.1 [2, 4), E [4, 6), each activated by the tick at the end
     * of its slice (-20). Accounting 4 (D alone, n 1): D.0 0. At 5 D's weight becomes 1024 while both its VCPUs are
     * active: the pool weight grows by 768 * 2 to 2048. Accounting 6 (D alone, n 2): peak 40, fair ceil(20 * 2048 /
     * 2048) = 20 < 40: 10 each, D.1 -10 (OVER), D.0 10. E's tick 6 activates it (wt 2304) and D.0 runs from 6, the
     * OVER D.1 queued behind E. Accounting 8 (list [E, D]): E gets ceil(20 * 256 / 2304) = 3: -17, OVER; D fair 18,
     * 9 each: D.1 -1, OVER, D.0 19. So D.0, the only UNDER VCPU, keeps the pCPU at its slice end at 8. With the change
     * divided by the count (wt 896 at 6) D would reach its peak at 6 (20 each, D.1 0) and D.1, UNDER, would run at 8.
     */
    @Test
    void adjust_weightOfAnActiveDomain_movesThePoolWeightByEveryActiveVcpu() {
        Scenario s = ScenarioBuilder.host(1, 9 * MS).scheduler("credit", new CreditPoolParams(2 * MS, 1 * MS))
                .domain("D", null, 2, CreditParams.DEFAULTS, List.of(), busy())
                .domain("E", CreditParams.DEFAULTS, busy())
                .commands(new Command.AdjustDomain(5 * MS, "weight 1024", "D", new CreditParams(1024, 0xFFFF)))
                .build();
        assertEquals(List.of("0 p0 D.0", "2000 p0 D.1", "4000 p0 E", "6000 p0 D.0"), log(s, 9 * MS));
    }

    /**
     * C1.3: a pCPU added at run time adds CPT to the pool's credit (init_pdata). Two pCPUs, a tslice-2 ms pool on
     * pCPU 0 only and pCPU 1 added at 1 ms; the lone hog A with cap 50 of the parking test, pinned to pCPU 0. Its
     * fair share is now ceil(40 * 256 / 256) = 40 (plus the debt), still above its capped peak of 10, so A gets 10 per
     * accounting and is parked and unparked exactly as in {@link #account_creditEqualToMinusTheVcpuCap_isNotParked()}.
     * With the credit taken away instead (ct 0), A would get nothing at 4 and be parked there.
     */
    @Test
    void joinPool_addedPcpuAddsItsCreditsToThePool() {
        Scenario s = ScenarioBuilder.host(2, 27 * MS).pool("Pool-0", "credit", new CreditPoolParams(2 * MS, 1 * MS), 0)
                .domain("A", "Pool-0", 1, new CreditParams(256, 50), List.of(0), busy())
                .commands(new Command.AddCpu(1 * MS, "cpupool-cpu-add Pool-0 1", "Pool-0", 1)).build();
        assertEquals(List.of("0 p0 A", "6000 A parked", "6000 p0 idle", "12000 A unparked", "12000 p0 A",
                "20000 A parked", "20000 p0 idle", "26000 A unparked", "26000 p0 A"), log(s, 27 * MS));
    }
}
