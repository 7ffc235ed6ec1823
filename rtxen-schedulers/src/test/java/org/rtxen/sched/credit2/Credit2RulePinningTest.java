package org.rtxen.sched.credit2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rtxen.model.Time.MS;
import static org.rtxen.model.Time.US;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.periodic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.Scenario;
import org.rtxen.model.command.Command;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Runs;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.SwitchLog;

/** Credit2 rule boundaries that PIT found unpinned, each schedule derived by hand from the spec's C2.x rules. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Credit2RulePinningTest {
    @ParameterizedTest
    @CsvSource({"0, 950, 9150", "0, 951, 600", "2000, 2950, 9150", "2000, 2951, 600"})
    void tickle_preemptableOnlyStrictlyAfterRatelimitLessTolerance(long hogStartUs, long wakeUs, long responseUs) {
        // One pCPU, default 1 ms rate limit. Hog A's long job starts at hogStartUs and runs with a 10 ms slice (nobody
        // waits, C2.19). An I/O job of 100 us is released at wakeUs; its VCPU has 10 ms credit, more than A's.
        // 950 us after A's start: now - A's state entry = 950 us is not > 1 ms - 50 us, so A is not preemptable
        // (C2.16.1), nobody is tickled, and the job waits for A's slice end 10 ms after its start: response 9.15 ms.
        // 951 us after: A is preemptable, the score 10 - 9.049 ms > 0 tickles the pCPU (C2.15.3). Its schedule keeps
        // A, still inside its 1 ms rate limit (C2.17.3), for max(500 us, start + 1 ms - now = 49 us) = 500 us
        // (C2.19.2; A's lead is negative, so the minimum applies): 500 us later A (8.549 ms) yields to the job
        // (10 ms), which completes 100 us after that: response 600 us. A start at 2 ms pins that both tests count
        // from A's state entry, not from time 0.
        SimulationResult r = Simulation.of(ScenarioBuilder.host(1, 30 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                        .domain("A", Credit2Params.DEFAULTS, periodic(1000 * MS, 900 * MS, hogStartUs * US))
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

    /** A long job of 900 ms released at {@code startNs}: a hog from then on, for the short runs here. */
    private static GuestSpec hogFrom(long startNs) {
        return periodic(1000 * MS, 900 * MS, startNs);
    }

    private static TaskSpec task(String name, long wcetNs, long offsetNs, int vcpu) {
        return new TaskSpec(name, 100 * MS, wcetNs, 100 * MS, offsetNs, TaskSpec.NO_PRIORITY, vcpu, new ExecTimeModel.Wcet());
    }

    /** Runs {@code s} with the invariant checker and returns what {@link SwitchLog} saw before {@code untilNs}. */
    private static List<String> log(Scenario s, long untilNs) {
        return log(Simulation.of(s, pool -> new Credit2Scheduler()), untilNs);
    }

    private static List<String> log(Simulation sim, long untilNs) {
        SwitchLog log = new SwitchLog(untilNs);
        sim.trace(log).observe(new InvariantChecker()).run();
        return log.entries();
    }

    @Test
    void tickle_ownPcpuFirstWhenItsScoreIsPositive_evenIfAnotherScoresHigher() {
        // Two pCPUs, one run queue (flat host, socket layout), rate limit 1 ms. Creation places the VCPUs by
        // cycling from the queue's pick bias 0 (C2.28): io -> p1, B -> p0, A -> p1. Hog B wakes at 0 on the fully
        // idle p0 (C2.15.2) and A at 2 ms on p1; each runs a 10 ms slice (nobody waits, C2.19).
        // 5 ms: io wakes with 10 ms of credit on p1; no pCPU is idle, so busy ones are scored (C2.15.3, C2.16).
        // Its own p1 first: A (entered 3 ms ago, preemptable) has 10 - 3 = 7 ms: score 3 ms > 0, and p1 is in io's
        // soft affinity (all pCPUs), so p1 is tickled at once, although p0 would score higher (B has 5 ms:
        // 10 - 5 - 0.5 ms resist = 4.5 ms). p1 switches to io (10 > 7, C2.17). A goes back to the queue at
        // context_saved and tickles: p1 (io just started) is not preemptable, p0 scores 7 - 5 - 0.5 = 1.5 ms > 0,
        // so p0 takes A (5 + 0.5 resist < 7, C2.17.6). B, requeued, finds neither pCPU preemptable. At 5.1 ms io's
        // job is done and the idle p1 pulls B (5 ms, more than idle credit + resist).
        Scenario s = ScenarioBuilder.host(2, 20 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("io", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 5 * MS))
                .domain("B", Credit2Params.DEFAULTS, busy())
                .domain("A", Credit2Params.DEFAULTS, hogFrom(2 * MS)).build();
        assertEquals(List.of("0 p0 B", "2000 p1 A", "5000 p1 io", "5000 p0 A", "5100 p1 B"), log(s, 5_200 * US));
    }

    @ParameterizedTest(name = "B from {0} us")
    @CsvSource({
        "1000, '0 p2 C', '1000 p0 B', 5000 p2 io, 5100 p2 C",
        "0, '0 p2 C', '0 p0 B', 5000 p0 io, 5100 p0 B"})
    void tickle_busyPcpuWithTheHighestScore_firstOfEqualScores(long bStartUs, String first, String second, String preempt,
                                                               String resume) {
        // Three pCPUs, one run queue, rate limit 1 ms. Placement cycles from pick bias 0 (C2.28): io -> p1,
        // C -> p2, B -> p0, A -> p1. C's job starts at 0 on p2, B's at bStartUs on p0, A's at 4.5 ms on p1, each
        // on a fully idle core (C2.15.2). At 5 ms io wakes (10 ms credit) on p1: nothing is idle. Its own p1 runs A,
        // entered 0.5 ms ago, not preemptable (0.5 <= 1 - 0.05 ms): score -1 (C2.16.1). The others:
        // p0: B has 10 - (5 - bStart) ms, p2: C has 5 ms; each scores 10 - credit - 0.5 ms resist (+10 ms).
        // B from 1 ms: p0 3.5, p2 4.5: the highest, p2, is tickled and takes io (C2.15.3).
        // B from 0: both 4.5: the first strictly greater score, p0's, wins.
        // The preempted hog, requeued with 5 ms, scores at most 5 - 5 - 0.5 < 0 on the others: nobody is tickled,
        // and it gets its pCPU back when io's 100 us job is done.
        Scenario s = ScenarioBuilder.host(3, 20 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("io", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 5 * MS))
                .domain("C", Credit2Params.DEFAULTS, hogFrom(0))
                .domain("B", Credit2Params.DEFAULTS, hogFrom(bStartUs * US))
                .domain("A", Credit2Params.DEFAULTS, hogFrom(4_500 * US)).build();
        assertEquals(List.of(first, second, "4500 p1 A", preempt, resume), log(s, 5_200 * US));
    }

    @Test
    void tickle_smtHost_fullyIdleCoreFirst_thenAnIdlePcpuWithinHardAffinity() {
        // One socket, two cores of two threads: p0, p1 on core 0, p2, p3 on core 1; one run queue, rate limit 1 ms.
        // Placement cycles from pick bias 0 (C2.28): H -> p1, idle guests -> p2, p3, W -> p0, V (hard affinity
        // {0, 1}) -> p1, U -> p2. Hogs H and W wake at start, before any pCPU schedules. H: a fully idle host, its
        // own p1 (C2.15.2); tickling p1 takes core 0 out of smt_idle (C2.15.4). W: its own p0 is idle and not
        // tickled, but smt_idle holds only core 1: test_or_cycle(0, {2, 3}) = p2.
        // 2 ms: V wakes on p1: no core is fully idle; the idle untickled pCPUs are {0, 3}, within its hard
        // affinity {0}: p0. Then U on p2: idle untickled {3}: p3. Each job is 100 us.
        Scenario base = ScenarioBuilder.host(4, 10 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("H", Credit2Params.DEFAULTS, busy())
                .domain("i2", Credit2Params.DEFAULTS, GuestSpec.IDLE)
                .domain("i3", Credit2Params.DEFAULTS, GuestSpec.IDLE)
                .domain("W", Credit2Params.DEFAULTS, busy())
                .domain("V", null, 1, Credit2Params.DEFAULTS, List.of(0, 1), periodic(100 * MS, 100 * US, 2 * MS))
                .domain("U", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 2 * MS)).build();
        Scenario s = new Scenario(base.durationNs(), 1, new HostSpec(1, 2, 2), base.pools(), base.domains(), base.overheads());
        assertEquals(List.of("0 p1 H", "0 p2 W", "2000 p0 V", "2000 p3 U", "2100 p0 idle", "2100 p3 idle"),
                log(s, 2_200 * US));
    }

    @Test
    void tickle_smtHost_aCoreWhosePcpusAllWentIdleIsFullyIdleAgain_andSmtStepKeepsToHardAffinity() {
        // One socket, two cores of two threads (p0, p1 | p2, p3), one run queue, rate limit 1 ms. Placement from
        // pick bias 0 (C2.28): H -> p1, W -> p2, idle guest -> p3, U -> p0, V (hard affinity {0, 1}) -> p1.
        // Hog H takes p1 at start (core 0 leaves smt_idle); W's 1 ms job at 0 takes the fully idle core 1 (p2).
        // 1 ms: p2 goes idle; with p3 idle and untickled, core 1 is back in smt_idle (C2.7, C2.18.6).
        // 2 ms: U wakes on p0 (idle, but core 0 is not): smt_idle {2, 3} gives p2 (C2.15.2); done at 2.1 ms, and
        //    core 1 is fully idle again.
        // 3 ms: V wakes on p1: smt_idle {2, 3} meets none of its hard affinity {0, 1}, so the idle untickled pCPUs
        //    within it, {0}, give p0.
        Scenario base = ScenarioBuilder.host(4, 10 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("H", Credit2Params.DEFAULTS, busy())
                .domain("W", Credit2Params.DEFAULTS, periodic(100 * MS, 1 * MS, 0))
                .domain("i3", Credit2Params.DEFAULTS, GuestSpec.IDLE)
                .domain("U", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 2 * MS))
                .domain("V", null, 1, Credit2Params.DEFAULTS, List.of(0, 1), periodic(100 * MS, 100 * US, 3 * MS)).build();
        Scenario s = new Scenario(base.durationNs(), 1, new HostSpec(1, 2, 2), base.pools(), base.domains(), base.overheads());
        assertEquals(List.of("0 p1 H", "0 p2 W", "1000 p2 idle", "2000 p2 U", "2100 p2 idle", "3000 p0 V", "3100 p0 idle"),
                log(s, 3_200 * US));
    }

    @Test
    void tickle_smtHost_fullyIdleCoreOfPcpu0_isNotOverriddenByTheIdleStep() {
        // One socket, two cores of two threads (p0, p1 | p2, p3), one run queue, rate limit 1 ms. Placement cycles
        // from pick bias 0 (C2.28): idle guest -> p1, H -> p2, V -> p3. Hog H wakes at start on a fully idle host:
        // its own p2 (C2.15.2), and core 1 leaves smt_idle (C2.15.4). 1 ms: V wakes on p3, idle and untickled, but
        // only core 0 is fully idle: test_or_cycle(3, {0, 1}) = p0 is tickled, and the idle step (taken only when
        // the SMT step found nothing) does not run; V's 100 us job runs on p0. Were p0, the first pCPU, taken for
        // "nothing found", the idle step would give V its own p3.
        Scenario base = ScenarioBuilder.host(4, 10 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("i1", Credit2Params.DEFAULTS, GuestSpec.IDLE)
                .domain("H", Credit2Params.DEFAULTS, busy())
                .domain("V", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 1 * MS)).build();
        Scenario s = new Scenario(base.durationNs(), 1, new HostSpec(1, 2, 2), base.pools(), base.domains(), base.overheads());
        assertEquals(List.of("0 p2 H", "1000 p0 V", "1100 p0 idle"), log(s, 1_200 * US));
    }

    @Test
    void tickle_smtHost_secondWakeInOneBatch_skipsTheIdlePcpuJustTickled() {
        // One socket, two cores of two threads (p0, p1 | p2, p3), one run queue, rate limit 1 ms. Placement cycles
        // from pick bias 0 (C2.28): idle guest -> p1, H2 -> p2, idle guest -> p3, H0 -> p0, V1 -> p1, V2 -> p2. The
        // four hogs wake at start in that order, before any pCPU schedules, so every pCPU is still idle. H2: a
        // fully idle host, its own p2; core 1 leaves smt_idle (C2.15.2, C2.15.4). H0: core 0 is fully idle, its
        // own p0; core 0 leaves smt_idle. V1 on p1: no core is fully idle; the idle untickled pCPUs are {1, 3}: its
        // own p1. V2 on p2: p2 (still idle) and p1 are tickled, so {3}: p3. Each tickled pCPU runs the VCPU
        // tickled for it (C2.17). Were tickled pCPUs not left out, V2 would tickle its own p2 again and wait.
        Scenario base = ScenarioBuilder.host(4, 10 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("i1", Credit2Params.DEFAULTS, GuestSpec.IDLE)
                .domain("H2", Credit2Params.DEFAULTS, busy())
                .domain("i3", Credit2Params.DEFAULTS, GuestSpec.IDLE)
                .domain("H0", Credit2Params.DEFAULTS, busy())
                .domain("V1", Credit2Params.DEFAULTS, busy())
                .domain("V2", Credit2Params.DEFAULTS, busy()).build();
        Scenario s = new Scenario(base.durationNs(), 1, new HostSpec(1, 2, 2), base.pools(), base.domains(), base.overheads());
        assertEquals(List.of("0 p0 H0", "0 p1 V1", "0 p2 H2", "0 p3 V2"), log(s, 1 * MS));
    }

    @Test
    void tickle_busyStep_scoresOnlyPcpusOfTheHardAffinity() {
        // Two pCPUs, one run queue, rate limit 1 ms. Placement cycles from pick bias 0 (C2.28): B -> p1, A -> p0,
        // Z -> p1, Y (hard affinity {0}) -> p0. B's long job starts at 4 ms on the fully idle host, on its own p1;
        // A's at 4.6 ms on the idle p0 (C2.15.2); each runs a 10 ms slice (nobody waits, C2.19).
        // 4.7 ms: Z wakes (10 ms credit); nothing is idle, and neither B (0.7 ms in) nor A (0.1 ms in) is
        // preemptable (0.7 <= 1 - 0.05 ms): both score -1 (C2.16.1), nobody is tickled, and Z waits.
        // 5 ms: Y wakes (10 ms credit). Its hard affinity holds only p0, where A (0.4 ms in) is not preemptable:
        // nobody is tickled (C2.15.3), and nothing switches before B's slice end at 14 ms. Scoring p1 as well
        // (B, 1 ms in, has 9 ms: 10 - 9 - 0.5 ms resist > 0) would tickle p1, and p1 would switch to Z at 5 ms.
        Scenario s = ScenarioBuilder.host(2, 20 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("B", Credit2Params.DEFAULTS, hogFrom(4 * MS))
                .domain("A", Credit2Params.DEFAULTS, hogFrom(4_600 * US))
                .domain("Z", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 4_700 * US))
                .domain("Y", null, 1, Credit2Params.DEFAULTS, List.of(0), periodic(100 * MS, 100 * US, 5 * MS)).build();
        assertEquals(List.of("4000 p1 B", "4600 p0 A"), log(s, 6 * MS));
    }

    @Test
    void tickle_busyStep_secondWakeInOneBatch_skipsTheBusyPcpuJustTickled() {
        // Two pCPUs, one run queue, rate limit 1 ms. Placement cycles from pick bias 0 (C2.28): X -> p1, A -> p0,
        // Y -> p1, B -> p0. X's 100 us job at 1 ms and Y's at 2 ms each run on their own p1, on an idle host
        // (C2.15.2): 9.9 ms of credit each. Both are paused at 3 ms, blocked. A's long job starts at 4 ms on its
        // own p0; B's at 4.4 ms goes to the idle p1 (p0 busy) and gets the 50 us migration compensation: 10.05 ms
        // (C2.18.5). X's next job (5 ms) and Y's (5.5 ms) wait for the unpause of both at 5.7 ms, in one batch:
        // nothing is idle, both hogs are preemptable (C2.16.1). X: its own p1 first, B has 10.05 - 1.3 = 8.75 ms:
        // score 1.15 ms > 0, p1 tickled at once (C2.15.3). Y: p1 is now tickled and left out; p0, A with
        // 10 - 1.7 = 8.3 ms, scores 9.9 - 8.3 - 0.5 ms resist > 0: p0 tickled. p0 runs Y, the VCPU tickled for it
        // (X is left to the still tickled p1), leading A by more than the resist (C2.17.6); p1 runs X. The requeued
        // hogs tickle nobody: the new runners are not preemptable, and B scores 8.75 - 8.3 - 0.5 < 0 on p0 against
        // A. Were tickled pCPUs not left out, Y would tickle its own p1 again and wait behind X.
        Scenario s = ScenarioBuilder.host(2, 20 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("X", Credit2Params.DEFAULTS, periodic(4 * MS, 100 * US, 1 * MS))
                .domain("A", Credit2Params.DEFAULTS, hogFrom(4 * MS))
                .domain("Y", Credit2Params.DEFAULTS, periodic(3_500 * US, 100 * US, 2 * MS))
                .domain("B", Credit2Params.DEFAULTS, hogFrom(4_400 * US)).build();
        Simulation sim = Simulation.of(s, pool -> new Credit2Scheduler());
        Vcpu x = sim.host().domains().get(0).vcpus().get(0);
        Vcpu y = sim.host().domains().get(2).vcpus().get(0);
        sim.at(3 * MS, () -> {
            sim.framework().pause(x);
            sim.framework().pause(y);
        }).at(5_700 * US, () -> {
            sim.framework().unpause(x);
            sim.framework().unpause(y);
        });
        assertEquals(List.of("1000 p1 X", "1100 p1 idle", "2000 p1 Y", "2100 p1 idle", "4000 p0 A", "4400 p1 B",
                "5700 p0 Y", "5700 p1 X"), log(sim, 5_750 * US));
    }

    @Test
    void tickleScore_anotherPcpuPaysTheMigrationResist() {
        // Two pCPUs, one run queue, rate limit 1 ms. Placement cycles from pick bias 0 (C2.28): B -> p1, A -> p0,
        // idle guest -> p1, W -> p0. W's 1 ms job at 0 runs on its own p0 (idle host, C2.15.2): 9 ms left. B's long
        // job starts at 3.8 ms on its own p1, A's at 4.2 ms on the idle p0; each runs a 10 ms slice (nobody
        // waits, C2.19). 5 ms: W's next job wakes on p0; nothing is idle (C2.15.3). Its own p0 first: A (0.8 ms
        // in) is not preemptable, -1 (C2.16.1). p1: B (1.2 ms in) has 8.8 ms: 9 - 8.8 - 0.5 ms resist < 0, so
        // nobody is tickled and W waits for a slice end (B's at 13.8 ms). Without the resist (or with it added)
        // p1 would be tickled: it keeps B (W leads by less than the resist, C2.17.6) but for only 500 us (B's lead
        // over W is negative, C2.19), and at 5.5 ms W, now 0.7 ms ahead, would take p1.
        Scenario s = ScenarioBuilder.host(2, 20 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("B", Credit2Params.DEFAULTS, hogFrom(3_800 * US))
                .domain("A", Credit2Params.DEFAULTS, hogFrom(4_200 * US))
                .domain("i3", Credit2Params.DEFAULTS, GuestSpec.IDLE)
                .domain("W", Credit2Params.DEFAULTS, periodic(5 * MS, 1 * MS, 0)).build();
        assertEquals(List.of("0 p0 W", "1000 p0 idle", "3800 p1 B", "4200 p0 A"), log(s, 6 * MS));
    }

    @Test
    void tickle_wakerWithLessCreditThanTheRunningVcpuTicklesNobody() {
        // One pCPU, rate limit 1 ms, max_weight 256. io (weight 128, 3 ms jobs every 5 ms) runs first: its slice is
        // c2t(10 ms) = 5 ms (C2.9), but its job ends at 3 ms, having burnt 3 x 256/128 = 6 ms: 4 ms left (C2.8).
        // A's long job starts at 3.5 ms on the idle pCPU with a 10 ms slice. At 5 ms io wakes: A (preemptable,
        // 1.5 ms in) has 8.5 ms; the score 4 - 8.5 < 0 tickles nobody (C2.16.3-4), so A's slice is not recomputed
        // and A runs on to 13.5 ms; then io (4 ms) beats A (0). (Adding CREDIT_INIT to a non-positive score would
        // tickle: A kept with a slice of c2t(8.5 - 4) = 4.5 ms, and io would run at 10 ms.)
        Scenario s = ScenarioBuilder.host(1, 20 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("io", new Credit2Params(128, 0), periodic(5 * MS, 3 * MS, 0))
                .domain("A", Credit2Params.DEFAULTS, hogFrom(3_500 * US)).build();
        assertEquals(List.of("0 p0 io", "3000 p0 idle", "3500 p0 A", "13500 p0 io"), log(s, 13_600 * US));
    }

    @Test
    void runtime_leadOverTheQueueHead_atLeastTheRatelimit_andRatelimitEndsExactlyAtItsLength() {
        // One pCPU, rate limit 2 ms, three equal hogs A, B, C (max_weight = weight: c2t is the identity), all woken
        // at start and queued A, B, C with 10 ms each (ties queue behind, C2.12) before the first schedule.
        // 0: A runs; its lead over the head B is 0, so its slice is the minimum, which for a VCPU not yet running
        //    is the whole rate limit, 2 ms (C2.19.2-8).
        // 2: A has run exactly the rate limit, so it is not kept (C2.17.3 is strict): B (10) > A (8) runs, lead 0
        //    over C: 2 ms. 4: C (10) > B (8); lead over A (8) 2 ms: 2 ms.
        // 6: C (8) is kept (the head A's 8 is not more); its rate limit is used up (4 + 2 - 6 = 0), lead 0: 500 us.
        // 6.5: A (8) > C (7.5), lead 0 over B (8): 2 ms. 8.5: B (8), lead 0.5 over C (7.5): 2 ms. 10.5: C (7.5),
        //    lead 1.5 over A (6): 2 ms. And so round robin, every slice the 2 ms minimum, each VCPU 2 ms less per
        //    round, until 28.5: C (1.5) > B (0), and the head A has 0, not > 0, so C's lead is its whole credit
        //    (C2.19.4): 1.5 ms, still raised to 2 ms. 30.5: A (0) > C (-0.5), the top credit is 0: reset (C2.10),
        //    A 10, B 10 and C, burnt first as it is still current, 9.5 (C2.11); A, lead 0 over B: 2 ms.
        //    32.5: B (10), lead 0.5 over C (9.5). 34.5: C (9.5) > B (8). 36.5: A (8) > C (7.5). 38.5, 40.5: B, C.
        Scenario s = ScenarioBuilder.host(1, 50 * MS).scheduler("credit2", new Credit2PoolParams(2 * MS, RunqueueLayout.SOCKET))
                .domain("A", Credit2Params.DEFAULTS, busy())
                .domain("B", Credit2Params.DEFAULTS, busy())
                .domain("C", Credit2Params.DEFAULTS, busy()).build();
        assertEquals(List.of("0 p0 A", "2000 p0 B", "4000 p0 C", "6500 p0 A", "8500 p0 B", "10500 p0 C", "12500 p0 A",
                "14500 p0 B", "16500 p0 C", "18500 p0 A", "20500 p0 B", "22500 p0 C", "24500 p0 A", "26500 p0 B",
                "28500 p0 C", "30500 p0 A", "32500 p0 B", "34500 p0 C", "36500 p0 A", "38500 p0 B", "40500 p0 C"),
                log(s, 41 * MS));
    }

    @Test
    void candidate_threeHogsOnTwoPcpus_tickledVcpusLeftToTheirPcpu_migrationResistAndCompensation() {
        // Two pCPUs, one run queue, rate limit 1 ms, three equal hogs woken at start. Placement (C2.28): X -> p1,
        // Y -> p0, Z -> p1. X tickles the fully idle p1, Y then p0 (C2.15.2); Z finds both tickled: queue X, Y, Z.
        // 0: p0 schedules first: X is skipped, tickled for p1, which is still tickled (C2.17.6): Y runs, its lead
        //    over Z 0: the 1 ms rate limit. p1 takes X, also for 1 ms.
        // 1: p0: Z (10) from p1 beats Y (9) by more than the 0.5 ms resist: pulled with +50 us, 10.05 ms, slice
        //    c2t(10.05) capped at 10 ms (nobody queued yet). Y requeued (9) scores 9 - 9 - 0.5 < 0 on p1: nobody.
        //    p1: X (9) kept (Y's 9 is not more), its rate limit just over: 500 us.
        // 1.5: p1: Y (9) from p0 against X (8.5): 8.5 + 0.5 > 9 is false, so Y is pulled (9.05 ms) and runs
        //    9.05 ms to 10.55 (the compensation is visible in that end). X requeued (8.5): nobody preemptable.
        // 10.55: p1: X (8.5) runs. 11: p0: Z (0.05) kept over Y (0), slice the 500 us minimum.
        // 11.5: p0: Z (-0.45) against Y (0) from p1: lead 0.45 < 0.5, so Y resists (C2.17.6) and Z is kept; the top
        //    credit is Y's 0: reset (X capped at 10.5, Y 10, Z 9.55), Z's slice 500 us. 12: Y (10) from p1 beats
        //    Z (9.05) by more than the resist: pulled to p0.
        Scenario s = ScenarioBuilder.host(2, 20 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("X", Credit2Params.DEFAULTS, busy())
                .domain("Y", Credit2Params.DEFAULTS, busy())
                .domain("Z", Credit2Params.DEFAULTS, busy()).build();
        assertEquals(List.of("0 p0 Y", "0 p1 X", "1000 p0 Z", "1500 p1 Y", "10550 p1 X", "12000 p0 Y"),
                log(s, 12_100 * US));
    }

    @Test
    void yield_skipsTheRatelimitAndTakesTheFirstQueuedVcpuEvenWithLessCredit() {
        // One pCPU, rate limit 1 ms, two equal hogs queued at start (C2.17-C2.19): A [0, 1) (lead 0: the rate
        // limit), B [1, 11) (nobody queued when its slice is set: c2t(10 ms)), A (9) [11, 20), A kept at the reset
        // at 20 (both +10) for 500 us, B (10) [20.5, 30.5), A (9.5) from 30.5. At 31 ms A yields, 0.5 ms into its
        // rate limit: yield skips the rate limit (C2.20) and the credit comparison, so the first eligible queued
        // VCPU, B with 0 ms against A's 9 ms, runs (C2.17.6). Nobody is left queued (A returns at context_saved),
        // so the top credit is B's 0: reset (C2.10), A (burnt first) min(9 + 10, 10.5) = 10.5 ms, B 10 ms (C2.11),
        // and B's slice is c2t(10 ms) = 10 ms. 41: A (10.5) > B (0).
        Simulation sim = Simulation.of(ScenarioBuilder.host(1, 50 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("A", Credit2Params.DEFAULTS, busy())
                .domain("B", Credit2Params.DEFAULTS, busy()).build(), pool -> new Credit2Scheduler());
        Vcpu a = sim.host().domains().get(0).vcpus().get(0);
        sim.at(31 * MS, () -> sim.framework().yield(a));
        assertEquals(List.of("0 p0 A", "1000 p0 B", "11000 p0 A", "20500 p0 B", "30500 p0 A", "31000 p0 B",
                "41000 p0 A"), log(sim, 45 * MS));
    }

    @Test
    void sleep_pausingTheRunningVcpuReschedulesItsPcpuAtOnce() {
        // One pCPU, rate limit 1 ms, hogs A and B queued at start: A [0, 1) (lead 0 over B: the rate limit), B (10)
        // from 1 ms with c2t(10 ms) (A requeued only at context_saved). `xl pause B` at 3 ms: B is running, so the
        // sleep hook tickles its pCPU (C2.14), which switches to A (9 ms, slice 9 ms) at once. `xl unpause B` at
        // 4 ms: B (8 ms) scores 8 - 8 = 0 on its own pCPU against A (8 ms after 1 ms): only a score > 0 counts and
        // adds CREDIT_INIT (C2.15.3, C2.16.4), so nobody is tickled, and B waits for A's slice end at 12 ms.
        Scenario s = ScenarioBuilder.host(1, 20 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("A", Credit2Params.DEFAULTS, busy())
                .domain("B", Credit2Params.DEFAULTS, busy())
                .commands(new Command.Pause(3 * MS, "pause B", "B"), new Command.Unpause(4 * MS, "unpause B", "B"))
                .build();
        assertEquals(List.of("0 p0 A", "1000 p0 B", "3000 p0 A", "12000 p0 B"), log(s, 12_100 * US));
    }

    @Test
    void pickCpu_ownQueueCountsWithoutTheVcpusOwnLoad_firstOfEqualLoadsWins() {
        // Two pCPUs, runqueue=cpu. A alone is placed on rq0 (0 against 0: the first of equal loads), whose
        // b_avgload becomes A's 0.5 (C2.25). At 1 ms, before anything has run, `xl vcpu-pin A all` re-picks
        // (C2.28): rq0 counts max(0.5 - 0.5, 0) = 0 (A's own load taken out), rq1 0: equal, so rq0 stays. A's job at
        // 2 ms runs on p0.
        Simulation sim = Simulation.of(ScenarioBuilder.host(2, 10 * MS).scheduler("credit2", new Credit2PoolParams(1 * MS, RunqueueLayout.CPU))
                .domain("A", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 2 * MS)).build(), pool -> new Credit2Scheduler());
        Vcpu a = sim.host().domains().get(0).vcpus().get(0);
        sim.at(1 * MS, () -> sim.framework().setAffinity(a, CpuMask.of(List.of(0, 1))));
        assertEquals(List.of("2000 p0 A", "2100 p0 idle"), log(sim, 10 * MS));
    }

    @Test
    void reset_burnsAVcpuRunningElsewhere_andTicklesItsPcpuWhenItsBudgetIsGone() {
        // Two pCPUs, one run queue, rate limit 1 ms. K is capped at 2: tot_budget 0.2 ms, quota max(0.2, 0.5) =
        // 0.5 ms, pool 0.2 ms from 0, replenished every 10 ms (C2.21). Placement (C2.28): E -> p1, K -> p0.
        // K grabs 0.2 ms at 0 and runs the 1 ms rate limit (C2.19.8): -0.8 ms at 1 ms, parked with the pool at
        // -0.8 ms (C2.22). E's long job from 0.5 ms runs alone on p1, kept with a reset every 10 ms: 10.5, 20.5, ...
        // The pool reaches 0.2 ms at 50 ms (-0.6, -0.4, -0.2, 0, 0.2; C2.23): K unparked, grabs 0.2 ms, slice 1 ms.
        // At E's reset at 50.5 ms, K is running on p0: it is burnt first, its budget now 0.2 - 0.5 = -0.3 ms, so
        // p0 is tickled (C2.11.2): K is parked at once with the pool at -0.3 ms, not at its slice end at 51 ms with
        // -0.8 ms. So the pool is 0.1 ms at 70 ms (not -0.4): unparked, 0.1 ms grabbed, and at E's reset at 70.5 ms
        // K's budget is -0.4 ms: parked again.
        assertEquals(List.of("0 p0 K", "500 p1 E", "1000 K parked", "1000 p0 idle", "50000 K unparked", "50000 p0 K",
                "50500 K parked", "50500 p0 idle", "70000 K unparked", "70000 p0 K", "70500 K parked", "70500 p0 idle"),
                log(cappedBesideAHog(2, 100 * MS), 72 * MS));
    }

    @Test
    void cap_budgetLeftAtBlockingGoesBackToTheDomain_andLimitsTheSlice() {
        // One pCPU, rate limit 1 ms. A is capped at 50: tot_budget 5 ms, quota 5 ms, domain pool 5 ms from 0, next
        // replenishment at 10 ms (C2.21). Its 1 ms job at 0: A grabs 5 ms (pool 0, C2.22) and blocks at 1 ms with
        // 4 ms left, which context_saved gives back (pool 4 ms, C2.14). Its 4.5 ms job at 2 ms: A grabs
        // min(5, 4) = 4 ms and runs a slice of min(c2t(9 ms), 4 ms) = 4 ms (C2.19.7); at 6 ms the pool is empty:
        // parked (C2.22). The replenishment at 10 ms refills 5 ms and unparks it (C2.23): the last 0.5 ms run
        // [10, 10.5).
        GuestSpec jobs = ScenarioBuilder.guest(GuestScheduler.FP, task("a", 1 * MS, 0, TaskSpec.ANY_VCPU),
                task("b", 4_500 * US, 2 * MS, TaskSpec.ANY_VCPU));
        Scenario s = ScenarioBuilder.host(1, 20 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("A", new Credit2Params(256, 50), jobs).build();
        assertEquals(List.of("0 p0 A", "1000 p0 idle", "2000 p0 A", "6000 A parked", "6000 p0 idle",
                "10000 A unparked", "10000 p0 A", "10500 p0 idle"), log(s, 11 * MS));
    }

    @Test
    void cap_budgetGivenBackByOneVcpuUnparksItsParkedSibling() {
        // Two pCPUs, one run queue, rate limit 1 ms. Domain D has two VCPUs, capped at 60: tot_budget 6 ms, quota
        // 6 / 2 = 3 ms each (C2.21). Placement (C2.28): D.0 -> p1, D.1 -> p0. D.0's long job starts at 0 on p1:
        // it grabs 3 ms (pool 3). D.1's 2.5 ms job starts at 1 ms on p0 and grabs the other 3 ms (pool 0). At 3 ms
        // D.0's budget is used up and the pool is empty: parked (C2.22). At 3.5 ms D.1 blocks with 0.5 ms left:
        // context_saved returns it (pool 0.5 ms > 0) and unparks D.0 (C2.14, C2.22), which grabs the 0.5 ms and
        // runs the minimum slice, the 1 ms rate limit (C2.19.8), overrunning to -0.5 ms: parked at 4.5 ms until the
        // replenishment at 10 ms.
        GuestSpec guest = new GuestSpec(GuestScheduler.FP, Placement.PARTITIONED, false,
                List.of(task("h", 90 * MS, 0, 0), task("j", 2_500 * US, 1 * MS, 1)));
        Scenario s = ScenarioBuilder.host(2, 20 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("D", null, 2, new Credit2Params(256, 60), List.of(), guest).build();
        assertEquals(List.of("0 p1 D.0", "1000 p0 D.1", "3000 D.0 parked", "3000 p1 idle", "3500 p0 idle",
                "3500 D.0 unparked", "3500 p1 D.0", "4500 D.0 parked", "4500 p1 idle"), log(s, 10 * MS));
    }

    @Test
    void cap_setOnARunningVcpu_keepsItForItsRatelimit_andOverrunsArePaidBackBeforeUnparking() {
        // One pCPU, rate limit 5 ms, hog A alone: slice 10 ms from 0. At 1 ms `xl sched-credit2 -c 10`: tot_budget
        // and quota 1 ms, pool 1 ms, next replenishment at 11 ms; the running A is burnt, its pCPU tickled, and its
        // budget zeroed (C2.21). Its schedule grabs the 1 ms quota (C2.18.2), keeps A inside its rate limit
        // (C2.17.3), and gives the rest of the rate limit, 0 + 5 - 1 = 4 ms, over the 1 ms budget (C2.19.8). At 5 ms
        // A's budget is -3 ms: the pool goes to -3 ms and A is parked (C2.22). Replenishments (C2.23) bring the
        // pool to -2, -1, 0 ms at 11, 21, 31 ms (not > 0: A stays parked) and 1 ms at 41: A unparked, grabs 1 ms and
        // runs the 5 ms rate limit (a fresh start), down to -4 ms: parked at 46 ms, pool -4 ms, unparked at 91 ms.
        Scenario s = ScenarioBuilder.host(1, 100 * MS).scheduler("credit2", new Credit2PoolParams(5 * MS, RunqueueLayout.SOCKET))
                .domain("A", Credit2Params.DEFAULTS, busy())
                .commands(new Command.AdjustDomain(1 * MS, "sched-credit2 -d A -c 10", "A", new Credit2Params(256, 10)))
                .build();
        assertEquals(List.of("0 p0 A", "5000 A parked", "5000 p0 idle", "41000 A unparked", "41000 p0 A",
                "46000 A parked", "46000 p0 idle", "91000 A unparked", "91000 p0 A"), log(s, 92 * MS));
    }

    @Test
    void cap_removedAtRunTime_unparksAtOnceAndLimitsNoMore() {
        // One pCPU, rate limit 1 ms, hog A capped at 10 from creation: tot_budget and quota 1 ms, pool 1 ms, next
        // replenishment at 10 ms (C2.21). A grabs 1 ms and runs its slice, raised to the 1 ms rate limit; at 1 ms the
        // pool is empty: parked until 10 ms, then again 1 ms (C2.22, C2.23). At 15 ms `xl sched-credit2 -c 0`
        // removes the cap: the timer stops, budgets become unlimited and the parked A is unparked at once (C2.21,
        // C2.30); it runs c2t(8 ms) = 8 ms, is kept at the reset at 23 ms and is never parked again.
        Scenario s = ScenarioBuilder.host(1, 50 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("A", new Credit2Params(256, 10), busy())
                .commands(new Command.AdjustDomain(15 * MS, "sched-credit2 -d A -c 0", "A", new Credit2Params(256, 0)))
                .build();
        assertEquals(List.of("0 p0 A", "1000 A parked", "1000 p0 idle", "10000 A unparked", "10000 p0 A",
                "11000 A parked", "11000 p0 idle", "15000 A unparked", "15000 p0 A"), log(s, 50 * MS));
    }

    @Test
    void balance_pushesAHogOnlyOnceItsQueueAverageReachesOnePcpu() {
        // Two pCPUs, runqueue=cpu, rate limit 1 ms; the pool has only pCPU 0 at first, so hogs A and B are both
        // assigned to its queue rq0. Their long jobs start at T0 = 1.2 s; pCPU 1 joins at 1.1 s with an empty queue
        // rq1 (C2.6). At T0 nothing has updated rq0's load for more than the 2^20 x 1024 ns window, so its
        // averages, and A's and B's, restart from the instantaneous load 0 (C2.24). From then rq0 holds load 2.
        // Schedule on pCPU 0 (C2.17-C2.19): A [T0, +10), B [+10, +20), B kept at the reset at +20 for 500 us, A
        // [+20.5, +30.5), B [+30.5, +40), and so on: a reset every 20 ms, always with B kept, which is the only
        // time rq0's load is updated (update_load(rq, B, 0), C2.18.5). Each step d = 19531 or 19532 units:
        // b_avgload += (d x (2 << 18) >> 20) - (d x b_avgload >> 20), with 1.0 = 2^18 = 262144.
        // After each reset balance_load runs (C2.26): rq1's load stays 0; the threshold is 1.0 while
        // max(rq0, rq1 (the last queue)) < nr_cpus (1) x 1.0, else 0.125. By the steps above rq0's b_avgload
        // is 257847 (0.984) at T0 + 720 ms: below 1.0, no move; and 262810 (1.0025) at T0 + 740 ms: over, and the
        // difference 1.0025 >= 0.125. Candidates: push A (avgload, first updated now: 722656 x 2^18 >> 20 =
        // 180664) leaves |262810 - 2 x 180664| = 98518; push B (updated at every reset like rq0, towards 1.0:
        // 131402) leaves |262810 - 2 x 131402| = 6: B is pushed (C2.26.6). B is the VCPU just kept, so it is asked
        // to migrate (C2.27): pCPU 0 switches to A and B starts on pCPU 1 at T0 + 740 ms = 1940 ms.
        Scenario s = ScenarioBuilder.host(2, 2 * 1000 * MS)
                .pool("Pool-0", "credit2", new Credit2PoolParams(1 * MS, RunqueueLayout.CPU), 0)
                .domain("A", Credit2Params.DEFAULTS, hogFrom(1200 * MS))
                .domain("B", Credit2Params.DEFAULTS, hogFrom(1200 * MS))
                .commands(new Command.AddCpu(1100 * MS, "cpupool-cpu-add Pool-0 1", "Pool-0", 1)).build();
        List<String> onPcpu1 = log(s, 2 * 1000 * MS).stream().filter(e -> e.contains(" p1 ")).toList();
        assertEquals("1940000 p1 B", onPcpu1.get(0));
    }

    @Test
    void balance_swapsTheHogsThatBringTheQueuesClosest_fromTheLessLoadedQueue() {
        // Two pCPUs, runqueue=cpu, rate limit 1 ms. Placement by least b_avgload, 0.5 per new VCPU (C2.25, C2.28):
        // A -> rq0, C -> rq1, X (pinned to p0, never runs) -> rq0, D -> rq1. All jobs start at T0 = 1.2 s, after
        // more than a load window without updates, so every average restarts from 0 (C2.24). A then runs alone on
        // p0: kept with a reset every 10 ms, each updating rq0 and A (load 1, sample 1) and, in balance_load, rq1
        // (load 2). On p1, C [T0, +10), D [+10, +20), D kept at the reset at +20 (updating rq1 and D), C
        // [+20.5, +30.5), D [+30.5, +40): C is never kept, so its own average is last updated at T0.
        // The threshold is 1.0 while max(lrq, last queue rq1) < 1 pCPU, else 0.125 (C2.26.4). By the formula, rq1's
        // b_avgload is 261967 (0.9993) at T0 + 740 ms and 264410 (1.0086) at T0 + 750 ms, a reset on p0 (not p1):
        // rq0 (132203, 0.504) differs by 132207 >= 0.125. Candidates (C2.26.6), with A 132203, C updated now from
        // T0 183105, D 132620: push A 396613, swap A-C |(b0 - A + C) - (b1 + A - C)| = 30403, swap A-D 131373, pull
        // C 234003, pull D 133033: the swap A-C wins. Both are running, so both are asked to migrate (C2.27): p0
        // goes idle, A lands in rq1's queue and p1 (C leaving) takes it (A 10 ms after the reset > D's 9.5), then
        // C arrives in rq0 and tickles the idle p0.
        Scenario s = ScenarioBuilder.host(2, 2 * 1000 * MS).scheduler("credit2", new Credit2PoolParams(1 * MS, RunqueueLayout.CPU))
                .domain("A", Credit2Params.DEFAULTS, hogFrom(1200 * MS))
                .domain("C", Credit2Params.DEFAULTS, hogFrom(1200 * MS))
                .domain("X", null, 1, Credit2Params.DEFAULTS, List.of(0), GuestSpec.IDLE)
                .domain("D", Credit2Params.DEFAULTS, hogFrom(1200 * MS)).build();
        List<String> entries = log(s, 1951 * MS);
        assertEquals(List.of("1200000 p0 A", "1950000 p0 idle", "1950000 p0 C"),
                entries.stream().filter(e -> e.contains(" p0 ")).toList());
        assertEquals("1950000 p1 A", entries.get(entries.size() - 2));
    }

    @ParameterizedTest(name = "{0} pCPUs")
    @CsvSource({"16, 0 p1 A, 0 p2 B, 0 p3 C, 0 p4 D", "17, 0 p1 A, 0 p9 B, 0 p16 C, 0 p2 D",
        "33, 0 p1 A, 0 p12 B, 0 p23 C, 0 p2 D"})
    void layout_overSixteenPcpus_queuesOfAtMostOnlineCpusOverMinRqs(int pcpus, String a, String b, String c, String d) {
        // A flat host (one socket, one thread per core), socket layout. C2.6: min_rqs = ceil(n / 16), cap_per_rq =
        // n / min_rqs; each pCPU in id order joins the matching queue with refcnt < cap_per_rq, else a new one.
        // 16 pCPUs: 1 queue of 16. 17: min_rqs 2, cap 8: rq0 = p0-p7, rq1 = p8-p15, rq2 = p16. 33: min_rqs 3,
        // cap 11: p0-p10, p11-p21, p22-p32. Creation places A, B, C, D in turn on the least loaded queue (each
        // adds 0.5, first of equal loads), at cycle(pick_bias, active) from the queue's first pCPU (C2.25, C2.28):
        // 16: A p1, B p2, C p3, D p4 (one queue); 17: A p1 (rq0), B p9 (rq1), C p16 (rq2), D p2 (rq0); 33: A p1,
        // B p12, C p23, D p2. Each 100 us job at 0 wakes on its own idle pCPU, a fully idle core (C2.15.2).
        List<String> started = log(hostOfFourJobs(ScenarioBuilder.host(pcpus, 1 * MS).scheduler("credit2",
                Credit2PoolParams.DEFAULTS)), 100 * US).stream().sorted().toList();
        assertEquals(Stream.of(a, b, c, d).sorted().toList(), started);
    }

    @Test
    void layout_smtHostOverSixteenPcpus_siblingsShareAQueueAndWholeCoresMustFit() {
        // One socket of 9 cores x 2 threads: p2k, p2k+1 on core k. C2.6: min_rqs = ceil(18 / 16) = 2, cap_per_rq =
        // 9. p0: rq0. p1: its sibling p0 is in rq0, so rq0. p2 (core 1): refcnt 2 < 9 and cores 0 and 1 (2 + 2
        // threads) fit in 9: rq0; likewise up to p6 (core 3, 6 + 2 threads <= 9), and p7 joins its sibling p6 (a
        // refcnt of 7 < 9, but cores 0-3 and again core 3 would be 10 threads: only the sibling rule lets it in).
        // p8 (core 4): 8 + 2 > 9: a new rq1 = p8-p15 the same way; p16 (core 8): neither fits: rq2 = p16, p17.
        // Creation (C2.25, C2.28): A rq0 at cycle(0) = p1, B rq1 at p9, C rq2 at cycle(16, {16, 17}) = p17,
        // D rq0 at cycle(1) = p2. At 0 each wakes on its own pCPU: A's core 0 fully idle (C2.15.2), then tickled
        // (C2.15.4), so D's p2 on the still fully idle core 1.
        Scenario base = hostOfFourJobs(ScenarioBuilder.host(18, 1 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS));
        Scenario s = new Scenario(base.durationNs(), 1, new HostSpec(1, 9, 2), base.pools(), base.domains(), base.overheads());
        assertEquals(List.of("0 p1 A", "0 p17 C", "0 p2 D", "0 p9 B"), log(s, 100 * US).stream().sorted().toList());
    }

    /** Four domains A, B, C, D of one VCPU with a 100 us job at 0 on {@code host}. */
    private static Scenario hostOfFourJobs(ScenarioBuilder host) {
        for (String name : List.of("A", "B", "C", "D")) host.domain(name, Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 0));
        return host.build();
    }

    @Test
    void leavePool_smtHost_aRemovedThreadLeavesItsSiblingsMask_soItsCoreIsFullyIdleAgain() {
        // One socket, two cores of two threads (p0, p1 | p2, p3), one run queue, rate limit 1 ms. Placement cycles
        // from pick bias 0 (C2.28): H -> p1, W -> p2, V (hard affinity {0, 1, 2}) -> cycle(2, {0, 1, 2}) = p0.
        // At 0 hog H takes p1 (a fully idle host; core 0 leaves smt_idle) and W's 2 ms job the fully idle core 1,
        // p2 (C2.15.2, C2.15.4). At 1 ms p3, idle and without VCPUs, leaves the pool, and with it the queue's masks
        // and p2's sibling mask (C2.6, C2.7). At 2 ms p2 goes idle: every thread of its core in the queue (p2 alone)
        // is idle and untickled, so core 1 is back in smt_idle (C2.7, C2.18.6). At 3 ms V's 100 us job wakes on its
        // idle p0, whose core is not fully idle (p1 runs H): smt_idle within hard affinity is {2}, so p2 (C2.15.2).
        // Had p3 stayed p2's sibling, core 1 would not be fully idle, and the idle step would give V its own p0.
        Scenario s = onHost(new HostSpec(1, 2, 2), ScenarioBuilder.host(4, 10 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("H", Credit2Params.DEFAULTS, busy())
                .domain("W", Credit2Params.DEFAULTS, periodic(100 * MS, 2 * MS, 0))
                .domain("V", null, 1, Credit2Params.DEFAULTS, List.of(0, 1, 2), periodic(100 * MS, 100 * US, 3 * MS))
                .commands(new Command.RemoveCpu(1 * MS, "cpupool-cpu-remove Pool-0 3", "Pool-0", 3)).build());
        assertEquals(List.of("0 p1 H", "0 p2 W", "2000 p2 idle", "3000 p2 V", "3100 p2 idle"), log(s, 3_200 * US));
    }

    @Test
    void leavePool_theQueuesPickBiasMovesToItsFirstPcpuLeft() {
        // Two sockets of three cores (p0-p2 | p3-p5), socket layout: rq0 = p0-p2, rq1 = p3-p5, each with pick bias
        // at its first pCPU (C2.6). A is placed on the least loaded queue, rq0 (first of equal loads), at cycle(0) =
        // p1 (C2.28). At 1 ms p3 leaves the pool: it was rq1's pick bias, which moves to rq1's first pCPU left, p4.
        // At 2 ms `xl vcpu-pin A 0 4-5`: only rq1 meets {4, 5}: pick_resource gives cycle(4, {4, 5}) = p5 (bias p5),
        // and as rq1 is not A's queue, migrate moves it to cycle(5, {4, 5}) = p4 (C2.27, C2.29). A's 100 us job at
        // 3 ms wakes on p4, idle on a fully idle core (C2.15.2). Had the bias stayed on p3, A would run on p5.
        Scenario s = onHost(new HostSpec(2, 3, 1), ScenarioBuilder.host(6, 10 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("A", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 3 * MS))
                .commands(new Command.RemoveCpu(1 * MS, "cpupool-cpu-remove Pool-0 3", "Pool-0", 3),
                        new Command.PinVcpu(2 * MS, "vcpu-pin A 0 4-5", "A", 0, List.of(4, 5))).build());
        assertEquals(List.of("3000 p4 A", "3100 p4 idle"), log(s, 3_200 * US));
    }

    @Test
    void adjust_aNewWeightRaisesTheQueuesMaxWeightAtOnce_soOthersBurnFaster() {
        // One pCPU, no rate limit, A and B of weight 256. At 1 ms, B still blocked, `xl sched-credit2 -d B -w 512`:
        // max_weight becomes 512 at once (C2.30), so A burns 512 / 256 = 2 credit per ns and B 1 (C2.8).
        // 2 ms: A's hog starts alone: slice c2t(10 ms) = 10 x 256 / 512 = 5 ms (C2.9, C2.19).
        // 3 ms: A has 10 - 2 = 8 ms; B's hog wakes with 10 ms: score 2 ms > 0 tickles p0 (C2.15.3, C2.16), and B runs
        //    c2t(10 ms) = 10 ms (A is not queued yet): B [3, 13), down to 0.
        // 13 ms: A (8 ms) runs c2t(8 ms) = 4 ms (B not queued yet): down to 0 at 17 ms, with B at 0 in the queue: A
        //    is kept, both have 0, the reset gives 10 ms each (C2.10, C2.11), and A's lead 0 gives 500 us (C2.19).
        // 17.5 ms: A has 9 ms, B 10: B runs. With max_weight left at 256, A would have had 9 ms at 3 ms and run
        // c2t(9 ms) = 9 ms from 13 ms.
        Scenario s = ScenarioBuilder.host(1, 20 * MS).scheduler("credit2", new Credit2PoolParams(0, RunqueueLayout.SOCKET))
                .domain("A", Credit2Params.DEFAULTS, hogFrom(2 * MS))
                .domain("B", Credit2Params.DEFAULTS, hogFrom(3 * MS))
                .commands(new Command.AdjustDomain(1 * MS, "sched-credit2 -d B -w 512", "B", new Credit2Params(512, 0)))
                .build();
        assertEquals(List.of("2000 p0 A", "3000 p0 B", "13000 p0 A", "17500 p0 B"), log(s, 20 * MS));
    }

    @Test
    void adjust_weightUpTo65535_capUpTo100PerVcpu_zeroMeansUnchangedOrUncapped() {
        // C2.30: weight 0 leaves the weight unchanged, otherwise 1..65535 (uint16); cap 0 removes the cap,
        // otherwise 1..100 x VCPUs (here 2 VCPUs: 200).
        Credit2Scheduler[] c2 = new Credit2Scheduler[1];
        Simulation sim = Simulation.of(ScenarioBuilder.host(2, 1 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("D", null, 2, Credit2Params.DEFAULTS, List.of(), GuestSpec.IDLE).build(), pool -> c2[0] = new Credit2Scheduler());
        sim.run();
        var d = sim.host().domains().get(0);
        c2[0].adjust(d, new Credit2Params(0, 0));
        c2[0].adjust(d, new Credit2Params(65535, 200));
        assertEquals("domain D: weight must be 1..65535, got 65536",
                assertThrows(IllegalArgumentException.class, () -> c2[0].adjust(d, new Credit2Params(65536, 0))).getMessage());
        assertEquals("domain D: weight must be 1..65535, got -1",
                assertThrows(IllegalArgumentException.class, () -> c2[0].adjust(d, new Credit2Params(-1, 0))).getMessage());
        assertEquals("domain D: cap must be 0..200, got 201",
                assertThrows(IllegalArgumentException.class, () -> c2[0].adjust(d, new Credit2Params(256, 201))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> c2[0].adjust(d, new Credit2Params(256, -1)));
    }

    @ParameterizedTest(name = "{0} ns: {1}")
    @CsvSource({"0, true", "100000, true", "500000000, true", "99000, false", "500001000, false", "100500, false"})
    void adjustGlobal_ratelimitZeroOrWholeMicrosecondsFrom100usTo500ms(long ratelimitNs, boolean accepted) {
        // C2.31: the rate limit is 0 or 100..500000 us; pool records without parameters are ignored.
        Credit2Scheduler[] c2 = new Credit2Scheduler[1];
        Simulation.of(ScenarioBuilder.host(1, 1 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS).build(),
                pool -> c2[0] = new Credit2Scheduler()).run();
        c2[0].adjustGlobal(new PoolParams.None());
        Credit2PoolParams p = new Credit2PoolParams(ratelimitNs, RunqueueLayout.SOCKET);
        if (accepted) c2[0].adjustGlobal(p); else assertThrows(IllegalArgumentException.class, () -> c2[0].adjustGlobal(p));
    }

    /** {@code base} on the host {@code h} instead of a flat one. */
    private static Scenario onHost(HostSpec h, Scenario base) {
        return new Scenario(base.durationNs(), base.seed(), h, base.pools(), base.domains(), base.overheads(), base.commands());
    }

    @Test
    void balance_ofEqualLoadDifferencesTheFirstOtherQueueIsKept() {
        // balance_pushesAHogOnlyOnceItsQueueAverageReachesOnePcpu with a third pCPU, added at 1.1 s too with its own
        // empty queue rq2 (runqueue=cpu, C2.6). rq1 and rq2 both keep b_avgload 0, so they differ from rq0 by the
        // same amount, and only a strictly larger difference replaces the first one found, rq1 (C2.26.3). The last
        // queue is now rq2, with 1 pCPU and load 0 like rq1, so the threshold test is the same (C2.26.4): B is
        // pushed to rq1 at T0 + 740 ms and starts on p1 (C2.27, C2.28), and p2 stays idle.
        Scenario s = ScenarioBuilder.host(3, 2 * 1000 * MS)
                .pool("Pool-0", "credit2", new Credit2PoolParams(1 * MS, RunqueueLayout.CPU), 0)
                .domain("A", Credit2Params.DEFAULTS, hogFrom(1200 * MS))
                .domain("B", Credit2Params.DEFAULTS, hogFrom(1200 * MS))
                .commands(new Command.AddCpu(1100 * MS, "cpupool-cpu-add Pool-0 1", "Pool-0", 1),
                        new Command.AddCpu(1100 * MS, "cpupool-cpu-add Pool-0 2", "Pool-0", 2)).build();
        assertEquals(List.of("1940000 p1 B"), log(s, 1941 * MS).stream().filter(e -> !e.contains(" p0 ")).toList());
    }

    @Test
    void reset_ticklesTheRunningCappedVcpuWhoseBudgetIsExactlyZero() {
        // reset_burnsAVcpuRunningElsewhere... with K capped at 5: tot_budget and quota 0.5 ms, pool 0.5 ms from 0,
        // replenished every 10 ms (C2.21). Placement (C2.28): E -> p1, K -> p0. K grabs 0.5 ms at 0 and runs the
        // 1 ms rate limit (C2.19.8): -0.5 ms at 1 ms, parked with the pool at -0.5 ms (C2.22). E's long job from
        // 0.5 ms runs alone on p1 with a reset every 10 ms: 10.5, 20.5, ... The pool is 0 at 10 ms (not > 0: K
        // stays parked) and 0.5 ms at 20 ms: K is unparked, grabs all of it and gets the 1 ms rate limit (C2.23).
        // At E's reset at 20.5 ms K is burnt to a budget of exactly 0, which is <= 0: p0 is tickled (C2.11.2), and
        // K, finding the pool at 0, is parked at once, and so again each period (unparked at 30 ms, parked at
        // 30.5 ms). Were only a negative budget tickled, K would run to 21 ms and be parked until 40 ms.
        assertEquals(List.of("0 p0 K", "500 p1 E", "1000 K parked", "1000 p0 idle", "20000 K unparked", "20000 p0 K",
                "20500 K parked", "20500 p0 idle", "30000 K unparked", "30000 p0 K", "30500 K parked", "30500 p0 idle"),
                log(cappedBesideAHog(5, 40 * MS), 32 * MS));
    }

    /** Two pCPUs, one run queue: E, a hog from 0.5 ms, and K, a hog capped at {@code cap}, for {@code durationNs}. */
    private static Scenario cappedBesideAHog(int cap, long durationNs) {
        return ScenarioBuilder.host(2, durationNs).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("E", Credit2Params.DEFAULTS, hogFrom(500 * US))
                .domain("K", new Credit2Params(256, cap), busy()).build();
    }

    @Test
    void balance_pushesAQueuedVcpu_whichTicklesAnIdlePcpuOfItsNewQueue() {
        // balance_pushesAHogOnlyOnceItsQueueAverageReachesOnePcpu with B pinned to p0: the schedule on p0 and every
        // load average are the same (B kept at each reset, A queued then), so at T0 + 740 ms rq0's b_avgload first
        // passes the threshold (C2.26.4). B may not run on rq1, so the only move is the push of A, the queued VCPU,
        // whose average is updated first (0 at T0 to 180664 now, C2.24): |262810 - 2 x 180664| = 98518 is less
        // than the difference 262810 (C2.26.6). A is not scheduled, so it is moved at once: off rq0's queue, onto
        // rq1's pCPU p1, into rq1's queue, and tickled: p1 is idle and takes it at once (C2.15.2, C2.27).
        Scenario s = ScenarioBuilder.host(2, 2 * 1000 * MS)
                .pool("Pool-0", "credit2", new Credit2PoolParams(1 * MS, RunqueueLayout.CPU), 0)
                .domain("A", Credit2Params.DEFAULTS, hogFrom(1200 * MS))
                .domain("B", null, 1, Credit2Params.DEFAULTS, List.of(0), hogFrom(1200 * MS))
                .commands(new Command.AddCpu(1100 * MS, "cpupool-cpu-add Pool-0 1", "Pool-0", 1)).build();
        assertEquals(List.of("1940000 p1 A"), log(s, 1950 * MS).stream().filter(e -> e.contains(" p1 ")).toList());
    }

    @ParameterizedTest(name = "D.1 from {0} us for {1} us")
    @CsvSource({"2500, 2700, 5200", "4500, 1000, 5500"})
    void cap_budgetGivenBackUnparksNobodyUnlessThePoolIsPositive(long jStartUs, long jUs, long blockUs) {
        // Two pCPUs, one run queue, rate limit 5 ms. Domain D of two VCPUs capped at 60: tot_budget 6 ms, quota 3 ms
        // each, pool 6 ms from 0, replenished every 10 ms (C2.21). Placement (C2.28): D.0 -> p1, D.1 -> p0.
        // D.0's long job at 0 grabs 3 ms (pool 3) and gets the 5 ms rate limit over its budget (C2.19.8). D.1's
        // job at jStart grabs the other 3 ms (pool 0). At 5 ms D.0's budget is -2 ms: the pool goes to -2 ms and
        // D.0 is parked (C2.22). D.1 blocks at blockUs with 3 ms less its job left, which goes back to the pool
        // (C2.14): 0.3 ms gives -1.7 ms, 2 ms gives exactly 0; neither is > 0, so D.0 stays parked (C2.22) until
        // the replenishment at 10 ms brings 4.3 or 6 ms (C2.23).
        GuestSpec guest = new GuestSpec(GuestScheduler.FP, Placement.PARTITIONED, false,
                List.of(task("h", 90 * MS, 0, 0), task("j", jUs * US, jStartUs * US, 1)));
        Scenario s = ScenarioBuilder.host(2, 20 * MS).scheduler("credit2", new Credit2PoolParams(5 * MS, RunqueueLayout.SOCKET))
                .domain("D", null, 2, new Credit2Params(256, 60), List.of(), guest).build();
        assertEquals(List.of("0 p1 D.0", jStartUs + " p0 D.1", "5000 D.0 parked", "5000 p1 idle", blockUs + " p0 idle",
                "10000 D.0 unparked", "10000 p1 D.0"), log(s, 10_100 * US));
    }

    @Test
    void cpupoolMigrate_aParkedVcpuLeavesUnparked_aQueuedOneLeavesTheQueue_andBothStartAfreshInTheOtherPool() {
        // Two credit2 pools of one pCPU each, rate limit 1 ms: P0 = {p0}, P1 = {p1}. K (capped at 10: tot_budget and
        // quota 1 ms) grabs the whole pool at 0, runs its 1 ms slice and is parked at 1 ms (C2.21, C2.22). At 5 ms
        // `xl cpupool-migrate K P1`: leaving P0 a parked VCPU is unparked, de-assigned (C2.25) and freed; P1 allocates
        // K afresh with the defaults (10 ms of credit, no cap, C2.1, C2.30) and its wake takes the idle p1 (C2.15.2).
        // B (weight 512, so P0's max_weight is 512) starts its hog at 6 ms on p0 with a slice of c2t(10 ms) = 10 ms;
        // C's at 7 ms preempts it (B has been running for 1 ms, more than 1 ms - 50 us, with 9 ms against 10, C2.16)
        // with a slice of 10 x 256 / 512 = 5 ms, so B is queued at 8 ms, when it moves to P1: it leaves P0's queue,
        // load and max_weight (back to 256, C2.30's rescan), and in P1, with the default weight, it wakes with 10 ms
        // of credit against K's 7 ms: it preempts K at once. At 9 ms K moves back to P0, allocated afresh again (its
        // P0 state was freed) with 10 ms against C's 10 - 2 x 256 / 256 = 8 ms (C2.8): it preempts C and runs
        // c2t(10 ms) = 10 ms (C is not queued yet). C then runs its 8 ms, and at 27 ms C and K both have 0: C is
        // kept, and the reset (C2.10, C2.11) touches only P0's VCPUs (B, running in P1, is no longer one of them);
        // C's lead 0 gives 500 us (C2.19), and then K (10 ms) takes over from C (9.5 ms).
        Scenario s = ScenarioBuilder.host(2, 30 * MS)
                .pool("P0", "credit2", Credit2PoolParams.DEFAULTS, 0).pool("P1", "credit2", Credit2PoolParams.DEFAULTS, 1)
                .domain("K", "P0", 1, new Credit2Params(256, 10), List.of(), busy())
                .domain("B", "P0", 1, new Credit2Params(512, 0), List.of(), hogFrom(6 * MS))
                .domain("C", "P0", 1, Credit2Params.DEFAULTS, List.of(), hogFrom(7 * MS))
                .commands(new Command.MigrateDomain(5 * MS, "cpupool-migrate K P1", "K", "P1"),
                        new Command.MigrateDomain(8 * MS, "cpupool-migrate B P1", "B", "P1"),
                        new Command.MigrateDomain(9 * MS, "cpupool-migrate K P0", "K", "P0")).build();
        assertEquals(List.of("0 p0 K", "1000 K parked", "1000 p0 idle", "5000 K unparked", "5000 p1 K", "6000 p0 B",
                "7000 p0 C", "8000 p1 B", "9000 p0 K", "19000 p0 C", "27500 p0 K"), log(s, 28 * MS));
    }

    @ParameterizedTest(name = "p1 joins at {0} ms, B paused at {1} ms")
    @CsvSource({"1951, 1955, 1950500", "1931, 1939, 1930500"})
    void balance_pushesTheVcpuJustChosen_whichMovesOnceSwitchedIn(long joinMs, long pauseMs, long bStartUs) {
        // balance_pushesAQueuedVcpu... with pCPU 1 joining only at T0 + 751 (or 731) ms: until then rq0 is the only
        // queue and balance_load finds no other (C2.26.3). p0's schedule is that of the push test: resets with B
        // kept every 20 ms, and after the one at T0 + 740 (720) ms B [+740, +740.5), A [+740.5, +750.5) down to 0
        // credit, B from +750.5 (the same 20 ms earlier). At T0 + 755 (739) ms `xl pause B`: B's pCPU is tickled
        // (C2.14), and its schedule takes A, queued with 0 credit (C2.17): top = 0, so a reset (C2.10, C2.11) and
        // balance_load, which first updates rq0's load (C2.26.1): from 1.0025 at +740 with load 2 since, over
        // 1.0; from 257847 (0.984) at +720 to 262562 (1.0016) at +739 by C2.24, just over 1.0 (without the update,
        // 0.984 would need a difference of 1.0). So the threshold is 0.125 (C2.26.4); rq1's average is 0. B may not
        // move; A's average, last updated at T0 (0), is 184326 (180419) now (C2.24), and its push leaves
        // |b0 - 2 x A| < b0: A is pushed (C2.26.6). A is the VCPU being chosen, SCHEDULED but not running, so it is
        // flagged and its pCPU tickled (C2.27): p0 switches to A, and its next schedule hands A to the framework's
        // migration, whose pick_resource honours the request: A runs on p1, and p0 idles (C2.28).
        Scenario s = ScenarioBuilder.host(2, 2 * 1000 * MS)
                .pool("Pool-0", "credit2", new Credit2PoolParams(1 * MS, RunqueueLayout.CPU), 0)
                .domain("A", Credit2Params.DEFAULTS, hogFrom(1200 * MS))
                .domain("B", null, 1, Credit2Params.DEFAULTS, List.of(0), hogFrom(1200 * MS))
                .commands(new Command.AddCpu(joinMs * MS, "cpupool-cpu-add Pool-0 1", "Pool-0", 1),
                        new Command.Pause(pauseMs * MS, "pause B", "B")).build();
        long p = pauseMs * 1000;
        assertEquals(List.of(bStartUs + " p0 B", p + " p0 A", p + " p0 idle", p + " p1 A"), log(s, (pauseMs + 5) * MS).stream()
                .filter(e -> Long.parseLong(e.substring(0, e.indexOf(' '))) >= p - 10_000).toList());
    }

    @Test
    void schedule_smtHost_aPcpuGoingIdleSetsItsCoreFullyIdleOnlyIfItsSiblingIsIdleNow() {
        // One core of two threads, p0 and p1, one run queue, rate limit 1 ms. Placement cycles from pick bias 0
        // (C2.28): V -> p1, J -> p0, W -> p1. J's 2 ms job at 0 takes its own p0 on the fully idle core (C2.15.2),
        // which leaves smt_idle (C2.15.4). 1 ms: V's hog wakes on p1: no core is fully idle, and the idle untickled
        // pCPUs are {1}: its own p1, whose schedule finds it idle, untickled after the tickle is taken: {1} alone is
        // not the whole core (C2.18.1). 2 ms: J blocks and p0 goes idle: the idle, untickled pCPUs now are {0} only,
        // p1 being busy, so the core stays out of smt_idle (C2.7, C2.18.6). 3 ms: W's 100 us job wakes on p1: no
        // fully idle core, the idle untickled pCPUs are {0}: p0 (C2.15.2). Had p0's idle decision counted p1 as
        // idle (it was, at the previous decision), the core would be fully idle and W would tickle its own p1 and
        // take it from V (10 ms against 8 ms, past the rate limit, C2.17), V going to p0.
        Scenario base = ScenarioBuilder.host(2, 10 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("V", Credit2Params.DEFAULTS, hogFrom(1 * MS))
                .domain("J", Credit2Params.DEFAULTS, periodic(100 * MS, 2 * MS, 0))
                .domain("W", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 3 * MS)).build();
        assertEquals(List.of("0 p0 J", "1000 p1 V", "2000 p0 idle", "3000 p0 W", "3100 p0 idle"),
                log(onHost(new HostSpec(1, 1, 2), base), 3_200 * US));
    }

    @Test
    void schedule_smtHost_aPcpuGoingIdleLeavesOutATickledIdleSibling() {
        // schedule_smtHost_aPcpuGoingIdle... with context switches of 100 us, during which a tickled pCPU's
        // schedule waits (F11): p1 is idle but not yet scheduled for a while. Placement (C2.28): V -> p1, J -> p0,
        // W1 -> p1, idle guest -> p0, W2 -> p1. J's job runs on p0 from 0 (progress from 0.1 ms) to 2.06 ms, V's
        // on p1 from 1 ms to 2 ms: p1 goes idle at 2 ms, with p0 busy: no fully idle core (C2.18.6).
        // 2.05 ms: W1 wakes on p1: the idle untickled pCPUs are {1}: p1 is tickled (C2.15.2), its schedule waiting
        //    for its switch to end at 2.1 ms.
        // 2.06 ms: J blocks; p0 leaves W1 to the tickled p1 (C2.17) and goes idle: idle {0, 1}, but p1 is tickled,
        //    so only {0} counts and the core does not become fully idle (C2.7, C2.18.6).
        // 2.07 ms: W2 wakes on p1: no fully idle core; idle untickled {0}: p0 is tickled.
        // 2.1 ms: p1 runs W1; 2.16 ms: p0's switch ends and it runs W2 (each job done 100 us after its switch).
        // Had the tickled p1 been counted, the core would be fully idle at 2.06 ms, W2 would tickle its own p1
        // again, and wait behind W1 there while p0 stays idle.
        Scenario base = ScenarioBuilder.host(2, 10 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .overheads(new Overheads(0, 100 * US, 0))
                .domain("V", Credit2Params.DEFAULTS, periodic(100 * MS, 900 * US, 1 * MS))
                .domain("J", Credit2Params.DEFAULTS, periodic(100 * MS, 1_960 * US, 0))
                .domain("W1", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 2_050 * US))
                .domain("i", Credit2Params.DEFAULTS, GuestSpec.IDLE)
                .domain("W2", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 2_070 * US)).build();
        assertEquals(List.of("0 p0 J", "1000 p1 V", "2000 p1 idle", "2060 p0 idle", "2100 p1 W1", "2160 p0 W2",
                "2300 p1 idle", "2360 p0 idle"), log(onHost(new HostSpec(1, 1, 2), base), 3 * MS));
    }

    @Test
    void burn_theRemainderOfOneBurnIsAddedToTheNext() {
        // One pCPU, no rate limit, W (weight 256) and B (weight 192): max_weight 256, so B burns 256 / 192 = 4 / 3
        // credit per ns, the remainder of each division kept for its next burn (C2.8); W burns 1 per ns.
        // 0: W's job of 10 ms - 1 ns runs alone (slice c2t(10 ms) = 10 ms, C2.19): W is left with 1 ns of credit.
        // 10 ms: B's hog starts alone: slice c2t(10 ms) = 10 x 192 / 256 = 7.5 ms (W is not queued).
        // 11 ms: W's next job wakes; B is burnt first (C2.16): 1 ms x 256 = 256000000 = 192 x 1333333 + 64, so B has
        //    10000000 - 1333333 = 8666667 and a remainder of 64; W's score 1 - 8666667 < 0 tickles nobody.
        // 17.5 ms: B's slice end: 6.5 ms x 256 + 64 = 1664000064 = 192 x 8666667 exactly: B has 0, and W (1) has
        //    more: W runs (C2.17). Over the 7.5 ms, B burnt exactly 7.5 ms x 4 / 3 = 10 ms. Had the remainder been
        //    dropped or taken off, B would have 1 left, W's 1 would not be more, and B would be kept for 500 us.
        Scenario s = ScenarioBuilder.host(1, 30 * MS).scheduler("credit2", new Credit2PoolParams(0, RunqueueLayout.SOCKET))
                .domain("W", Credit2Params.DEFAULTS, periodic(11 * MS, 10 * MS - 1, 0))
                .domain("B", new Credit2Params(192, 0), hogFrom(10 * MS)).build();
        assertEquals(List.of("0 p0 W", "9999 p0 idle", "10000 p0 B", "17500 p0 W"), log(s, 17_600 * US));
    }

    @Test
    void cap_setOnARunningVcpu_marksItsPcpuTickled_soAWakeInTheMeantimeLooksElsewhere() {
        // Two pCPUs, one run queue, no rate limit (every running VCPU is preemptable, C2.16.1), context switches of
        // 100 us, during which a tickled pCPU's schedule waits (F11.9). Placement (C2.28): B -> p1, K -> p0, idle
        // guest -> p1, W -> p0. B's hog runs on p1 from 0 (slice 10 ms, nobody queued, C2.19).
        // 4.9 ms: K's hog starts on the idle p0, its switch ending at 5 ms.
        // 4.95 ms: `xl sched-credit2 -d K -c 50`: K, running, is burnt, its pCPU is tickled, and its budget zeroed
        //    (C2.21); p0's schedule waits for 5 ms.
        // 4.96 ms: W's 100 us job wakes on p0: nothing is idle, and p0 is tickled, so only p1 is scored (C2.15.3):
        //    B has 10 - 4.96 = 5.04 ms: 10 - 5.04 - 0.5 ms resist > 0: p1 is tickled and takes W (C2.17.6).
        // 5 ms: p0 grabs K's 5 ms quota (C2.18.2) and keeps K, nobody being queued. 5.16 ms: W's job is done (its
        //    switch ended at 5.06 ms) and p1 takes B back (requeued at 5.06 ms, it tickled nobody: W and K both
        //    have more credit).
        // Had the tickle left p0 unmarked, W would score its own p0 first (10 - 9.94 ms > 0), tickle it and run
        // there at 5 ms.
        Scenario s = ScenarioBuilder.host(2, 10 * MS).scheduler("credit2", new Credit2PoolParams(0, RunqueueLayout.SOCKET))
                .overheads(new Overheads(0, 100 * US, 0))
                .domain("B", Credit2Params.DEFAULTS, busy())
                .domain("K", Credit2Params.DEFAULTS, hogFrom(4_900 * US))
                .domain("i", Credit2Params.DEFAULTS, GuestSpec.IDLE)
                .domain("W", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 4_960 * US))
                .commands(new Command.AdjustDomain(4_950 * US, "sched-credit2 -d K -c 50", "K", new Credit2Params(256, 50)))
                .build();
        assertEquals(List.of("0 p1 B", "4900 p0 K", "4960 p1 W", "5160 p1 B"), log(s, 5_300 * US));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "idle p0 | 3000 | 0 p2 H, 1000 p1 V, 2000 p1 idle, 3000 p0 X, 3200 p0 idle",
        "P pinned to p0 from 2.05 ms | 3000 | 0 p2 H, 1000 p1 V, 2000 p1 idle, 2050 p0 P, 3000 p3 X, 3200 p3 idle",
        "J on p0 to 2.05 ms, then Q pinned to it | 2120 | 0 p2 H, 500 p0 J, 1000 p1 V, 2000 p1 idle, 2050 p0 idle, "
                + "2120 p3 X, 2150 p0 Q, 2320 p3 idle, 2350 p0 idle"})
    void schedule_smtHost_aTickledPcpuThatFindsNothingMakesItsCoreFullyIdle_onlyWithItsSiblingIdleAndUntickled(
            String p0, long xUs, String expected) {
        // One socket, two cores of two threads (p0, p1 | p2, p3), one run queue, rate limit 1 ms, context switches
        // of 100 us, during which a tickled pCPU's schedule waits (F11.9). Placement cycles from pick bias 0
        // (C2.28): V -> p1, H -> p2, X -> p3, the domain on p0, W -> p1. H's hog takes p2 at 0: core 1 is never
        // fully idle again. V's job runs on p1 from 1 ms to 2 ms; p1's switch to idle ends at 2.1 ms.
        // 2.02 ms: W's job wakes on p1: p1 is idle and untickled (and, with p0 idle, core 0 fully idle): p1 is
        //    tickled (C2.15.2), which takes core 0 out of smt_idle (C2.15.4). 2.04 ms: `xl pause W` takes it off the
        //    queue (C2.14). 2.1 ms: p1's schedule, its tickle taken, finds nothing: its core is fully idle again
        //    only if p0 is idle and untickled then (C2.7, C2.18.1).
        // - p0 idle all along: core 0 is fully idle, so X's job at 3 ms on p3 takes p0 (test_or_cycle(3, {0, 1}),
        //   C2.15.2), not its own idle p3.
        // - P (pinned to p0) wakes at 2.05 ms: its own idle untickled pCPU is taken at once, and p0 runs it: at
        //   2.1 ms core 0 is not fully idle, and X at 3 ms takes its own p3 (the idle untickled pCPUs are {1, 3}).
        // - J's job runs on p0 (from 0.5 ms, progress from 0.6 ms) to 2.05 ms; p0's switch ends at 2.15 ms. Q
        //   (pinned to p0) wakes at 2.06 ms and tickles p0. At 2.1 ms p0 is idle but tickled, so core 0 stays out;
        //   X at 2.12 ms takes its own p3, and p0 runs Q at 2.15 ms.
        // Every job lasts 100 us past its switch. Were the mask taken without the idle pCPUs, or the core not set,
        // X would take p3 in the first case; were stale bits (P's pCPU, counted idle in p0's own schedule at
        // 2.05 ms) or a tickled p0 counted, X would go to core 0 in the others.
        ScenarioBuilder b = ScenarioBuilder.host(4, 10 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .overheads(new Overheads(0, 100 * US, 0))
                .domain("V", Credit2Params.DEFAULTS, periodic(100 * MS, 900 * US, 1 * MS))
                .domain("H", Credit2Params.DEFAULTS, busy())
                .domain("X", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, xUs * US));
        if (p0.startsWith("idle")) {
            b.domain("i", Credit2Params.DEFAULTS, GuestSpec.IDLE);
        } else if (p0.startsWith("P")) {
            b.domain("P", null, 1, Credit2Params.DEFAULTS, List.of(0), periodic(100 * MS, 2 * MS, 2_050 * US));
        } else {
            b.domain("J", Credit2Params.DEFAULTS, periodic(100 * MS, 1_450 * US, 500 * US));
        }
        b.domain("W", Credit2Params.DEFAULTS, periodic(100 * MS, 100 * US, 2_020 * US));
        if (p0.startsWith("J")) b.domain("Q", null, 1, Credit2Params.DEFAULTS, List.of(0), periodic(100 * MS, 100 * US, 2_060 * US));
        Scenario s = b.commands(new Command.Pause(2_040 * US, "pause W", "W")).build();
        assertEquals(List.of(expected.split(", ")), log(onHost(new HostSpec(1, 2, 2), s), xUs * US + 250 * US));
    }

    @Test
    void cpupoolMigrate_aVcpuMovedInStartsItsLoadHistoryThen_soItsFirstWakeAWindowLaterForgetsItsHalfLoad() {
        // Pool P1 = {p0, p1} with runqueue=cpu (rq0, rq1), pool P2 = {p2}. The window is 2^20 x 1024 ns = 1.0737 s;
        // a VCPU's load starts at 0.5 from the time of its allocation (C2.24, C2.25). E (pinned to p0, 2.5 ms every
        // 10 ms) and F (pinned to p1, 1 ms every 10 ms) bring b_avgload from their 0.5 towards 0.25 and 0.1, roughly
        // 0.25 + 0.25 e^(-t/W) and 0.1 + 0.4 e^(-t/W) (each step moves d/W of the way, C2.24; the few-microsecond
        // floors and the 0.002 ripple of a 10 ms period do not matter below).
        // 1.5 s: `xl cpupool-migrate D P1` (D is blocked): D is allocated now with load 0.5 and placed on the least
        // loaded queue, rq1 (0.20 against 0.31, C2.28). 1.501 s: `xl vcpu-pin D 0 0` moves it to rq0, whose
        // b_avgload takes its 0.5 (0.81). 2.705 s: D's first job wakes on p0, more than a window after its
        // allocation: its load restarts from the sample, 0 (C2.24), and is 24 / 2^18 after its 100 us.
        // 2.706 s: `xl vcpu-pin D 0 all` re-picks (C2.28): rq0 has 0.25 + 0.56 e^(-1.122) = 0.43, less D's own
        // (about 0): 0.43; rq1 0.1 + 0.1 e^(-1.122) = 0.13: rq1 is less loaded, so D's next job runs on p1. Had
        // D's load history started later than its allocation (so that its first update decays nothing), its first
        // wake would have kept 0.5, rq0 would count max(0.43 - 0.5, 0) = 0, and D would have stayed on p0.
        Scenario s = ScenarioBuilder.host(3, 2_900 * MS)
                .pool("P1", "credit2", new Credit2PoolParams(1 * MS, RunqueueLayout.CPU), 0, 1)
                .pool("P2", "credit2", Credit2PoolParams.DEFAULTS, 2)
                .domain("E", "P1", 1, Credit2Params.DEFAULTS, List.of(0), periodic(10 * MS, 2_500 * US, 0))
                .domain("F", "P1", 1, Credit2Params.DEFAULTS, List.of(1), periodic(10 * MS, 1 * MS, 0))
                .domain("D", "P2", 1, Credit2Params.DEFAULTS, List.of(), periodic(100 * MS, 100 * US, 2_705 * MS))
                .commands(new Command.MigrateDomain(1_500 * MS, "cpupool-migrate D P1", "D", "P1"),
                        new Command.PinVcpu(1_501 * MS, "vcpu-pin D 0 0", "D", 0, List.of(0)),
                        new Command.PinVcpu(2_706 * MS, "vcpu-pin D 0 all", "D", 0, List.of())).build();
        assertEquals(List.of("2705000 p0 D", "2805000 p1 D"),
                log(s, 2_810 * MS).stream().filter(e -> e.endsWith(" D")).toList());
    }

    @Test
    void leavePool_aQueueCutToOnePcpuCountsOnePcpuInTheBalancingThreshold() {
        // Two sockets of two cores (p0, p1 | p2, p3), runqueue=socket: rqA {p0, p1}, rqB {p2, p3} (C2.6). Placement
        // by least b_avgload, 0.5 per new VCPU (C2.25, C2.28): the idle guests I1-I3 (pinned to p2) make rqB 1.5; H
        // (pinned to p0) makes rqA 0.5; S1 and S2 (allowed on p0 and p2) go to rqA (0.5, then 1.0, against 1.5); G
        // (pinned to p2) to rqB. At 0.1 s p1 and p3 leave the pool (a VCPU placed there stays in rqA: 1.5 less its
        // own 0.5 against 2.0), and each queue has one pCPU (C2.29). All jobs start at T0 = 1.3 s, more than a window
        // W = 1.074 s after any update, so every average restarts from the load at its first update (C2.24).
        // From T0 rqB's load is exactly 1 (G), so b_B = 1 - e^(-t/W) (t from T0; each C2.24 step moves d/W of the
        // way). rqA holds hog H and S1, S2 (3 ms every 10 ms each, released together, so one waits for the other):
        // H is always runnable, and the S jobs keep one or two VCPUs runnable 9 to 12 ms per period: a load LA
        // between 1.9 and 2.2, so b_A = LA (1 - e^(-t/W)) within the first period's few hundredths, and each S
        // VCPU's own average, its runnable share, is at most 0.6.
        // Balancing (C2.26.4) after a reset on p0: cpus_max = 1, so once b_A passes 1.0 (by t = W ln(1.9 / 0.9) =
        // 0.8 s) the threshold is 0.125; the difference b_A - b_B >= 0.9 (1 - e^(-t/W)) is 0.68 at the latest at
        // t = 1.5 s, more than an S VCPU's average: pushing it brings the queues closer (C2.26.6), so S1 or S2 moves
        // to rqB and runs on p2 before the end, T0 + 1.5 s. Had the removals left each queue counting more than 2
        // pCPUs, b_A < 3 would keep the threshold at 1.0, and the difference, at most 1.2 (1 - e^(-1.5 / W)) = 0.9,
        // would never pass it: nothing would move.
        Scenario s = ScenarioBuilder.host(4, 2_800 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("I1", null, 1, Credit2Params.DEFAULTS, List.of(2), GuestSpec.IDLE)
                .domain("I2", null, 1, Credit2Params.DEFAULTS, List.of(2), GuestSpec.IDLE)
                .domain("I3", null, 1, Credit2Params.DEFAULTS, List.of(2), GuestSpec.IDLE)
                .domain("H", null, 1, Credit2Params.DEFAULTS, List.of(0), hogFrom(1_300 * MS))
                .domain("S1", null, 1, Credit2Params.DEFAULTS, List.of(0, 2), periodic(10 * MS, 3 * MS, 1_300 * MS))
                .domain("S2", null, 1, Credit2Params.DEFAULTS, List.of(0, 2), periodic(10 * MS, 3 * MS, 1_300 * MS))
                .domain("G", null, 1, Credit2Params.DEFAULTS, List.of(2), hogFrom(1_300 * MS))
                .commands(new Command.RemoveCpu(100 * MS, "cpupool-cpu-remove Pool-0 1", "Pool-0", 1),
                        new Command.RemoveCpu(100 * MS, "cpupool-cpu-remove Pool-0 3", "Pool-0", 3)).build();
        List<String> sOnP2 = log(onHost(new HostSpec(2, 2, 1), s), 2_800 * MS).stream()
                .filter(e -> e.endsWith(" p2 S1") || e.endsWith(" p2 S2")).toList();
        assertFalse(sOnP2.isEmpty());
    }

    @Test
    void balance_aLoadDifferenceOfExactlyOneMeetsTheThresholdOfOne() {
        // Two sockets of two cores (p0, p1 | p2, p3), runqueue=socket: rq0 {p0, p1} and rq1 {p2, p3}, 2 pCPUs each
        // (C2.6). Creation adds 0.5 per VCPU to its queue's b_avgload (C2.25) and places by least load, the first of
        // equal loads (C2.28): hog K in rq0 on cycle(0, {p0, p1}) = p1, then I (pinned to p0, never runs) in rq0.
        // So rq0's b_avgload is exactly 1.0 = 2^18 and its load is 1 from time 0 (K): C2.24 leaves it at exactly
        // 1.0 for ever ((d x 2^18) >> 20 added and subtracted); rq1 stays 0. K runs alone, and at 10 ms, its credit
        // used up, it is kept and resets (C2.10); balance_load (C2.26): the difference is exactly 1.0, load_max 1.0
        // is below cpus_max 2 x 1.0, so the threshold is 1 << (18 + 0) = 1.0, which the difference meets (only a
        // smaller one fails). K's own average, 0.5 at 0 and sampled as runnable over 9765 units at 10 ms, is
        // 131072 + 2441 - 1220 = 132293 (C2.24): pushing it leaves |262144 - 2 x 132293| = 2442 < 2^18, so K is
        // asked to move (C2.27); pick_resource gives cycle(2, {p2, p3}) = p3 (C2.28), and as that is another queue
        // than K's, the migrate hook moves it with migrate's own cycle(3, {p2, p3}) = p2 (C2.27, C2.29).
        Scenario s = ScenarioBuilder.host(4, 20 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("K", Credit2Params.DEFAULTS, busy())
                .domain("I", null, 1, Credit2Params.DEFAULTS, List.of(0), GuestSpec.IDLE).build();
        assertEquals(List.of("0 p1 K", "10000 p1 idle", "10000 p2 K"), log(onHost(new HostSpec(2, 2, 1), s), 20 * MS));
    }

    @Test
    void balance_theLastQueueAtExactlyOnePcpuMakesTheThresholdOneEighth() {
        // Three pCPUs, runqueue=cpu: rq0, rq1, rq2, one pCPU each (C2.6). Creation (0.5 per VCPU, least load, the
        // first of equal loads, C2.25, C2.28): K2 (hog, pinned to p2) and I2 (pinned to p2, never runs) make rq2
        // exactly 1.0 with load 1 from 0, which C2.24 keeps exactly 1.0; A (hog from 5 ms, allowed on p0 and p1) goes
        // to rq0, and P (pinned to p0, never runs) too: rq0 1.0, rq1 0. By C2.24 (units of 1024 ns: 5 ms = 4882,
        // 10 ms = 9765, 15 ms = 14648): rq0 decays with load 0 to 262144 - 1220 = 260924 at A's wake at 5 ms, where A's
        // own average becomes 131072 - 610 = 130462 (sample 0); with load 1 it is 260929 at 10 ms (K2's reset on p2
        // updates every queue: rq1 differs most, 1.0, but rq2's VCPUs are pinned and rq1 has none: nothing moves) and
        // 260934 at 15 ms, when A, kept with its credit used up, resets (C2.10) and A's average is 130462 + 2441 -
        // 1210 = 131688. balance_load on rq0 (C2.26): rq1 differs by 260934, rq2 by 1210; load_max is the larger of
        // rq0 and the last queue, rq2, at exactly 1.0 = cpus_max 1 x 1.0 (7.C20): not below, so the threshold is
        // 1 << (18 - 3) = 0.125 and 260934 passes it (below 1.0 it would fail). Pushing A leaves
        // |260934 - 2 x 131688| = 2442: A moves to rq1's p1 (C2.27, C2.28).
        Scenario s = ScenarioBuilder.host(3, 20 * MS).scheduler("credit2", new Credit2PoolParams(1 * MS, RunqueueLayout.CPU))
                .domain("K2", null, 1, Credit2Params.DEFAULTS, List.of(2), busy())
                .domain("I2", null, 1, Credit2Params.DEFAULTS, List.of(2), GuestSpec.IDLE)
                .domain("A", null, 1, Credit2Params.DEFAULTS, List.of(0, 1), hogFrom(5 * MS))
                .domain("P", null, 1, Credit2Params.DEFAULTS, List.of(0), GuestSpec.IDLE).build();
        assertEquals(List.of("0 p2 K2", "5000 p0 A", "15000 p0 idle", "15000 p1 A"), log(s, 20 * MS));
    }

    @Test
    void balance_ofEqualPushesTheFirstIsKept() {
        // Two pCPUs, runqueue=cpu (C2.6). Creation (0.5 per VCPU, least load, the first of equal loads, C2.25,
        // C2.28): K1, K2 (pinned to p0, never run) to rq0; Y and Z (allowed anywhere, one 1 ms job at 15 ms) to rq1,
        // on p1; H (hog, pinned to p1) to rq1: rq0 1.0, rq1 1.5. At 10 ms (9765 units) H, kept with its credit used
        // up, resets (C2.10). By C2.24 rq1 (load 1) is 393216 + 2441 - 3661 = 391996 and rq0 (load 0) 262144 - 2441 =
        // 259703: a difference of 132293. load_max = rq1 (the last queue) is over 1 pCPU, so the threshold is 0.125
        // (C2.26.4). Push candidates in rq1's order (C2.26.6): Y, updated first (sample 0): 131072 - 1220 = 129852,
        // leaves |(391996 - 129852) - (259703 + 129852)| = 127411; Z has the same history, the same average and the
        // same result, which is not strictly better, so Y is kept; H, K1 and K2 are pinned. Y, not scheduled, moves
        // at once to p0 (C2.27). At 15 ms Y wakes on the idle p0 and Z on p1, where it preempts H (10 ms of credit
        // against 5, C2.15.3, C2.16).
        Scenario s = ScenarioBuilder.host(2, 20 * MS).scheduler("credit2", new Credit2PoolParams(1 * MS, RunqueueLayout.CPU))
                .domain("K1", null, 1, Credit2Params.DEFAULTS, List.of(0), GuestSpec.IDLE)
                .domain("K2", null, 1, Credit2Params.DEFAULTS, List.of(0), GuestSpec.IDLE)
                .domain("Y", Credit2Params.DEFAULTS, periodic(100 * MS, 1 * MS, 15 * MS))
                .domain("Z", Credit2Params.DEFAULTS, periodic(100 * MS, 1 * MS, 15 * MS))
                .domain("H", null, 1, Credit2Params.DEFAULTS, List.of(1), busy()).build();
        assertEquals(List.of("0 p1 H", "15000 p0 Y", "15000 p1 Z"), log(s, 15_500 * US));
    }

    @Test
    void balance_ofEqualPullsTheFirstIsKept() {
        // Two pCPUs, runqueue=cpu (C2.6). Creation (0.5 per VCPU, least load, the first of equal loads, C2.25,
        // C2.28): H (hog, pinned to p1) to rq1; Y and Z (allowed anywhere, one 1 ms job at 15 ms) to rq0 (0 against
        // 0.5, then 0.5 against 0.5), on p0; K1-K4 (pinned to p0, never run) to rq0: rq0 3.0, rq1 0.5. At 10 ms
        // (9765 units) H, kept with its credit used up, resets (C2.10). By C2.24 rq1 (load 1) is 131072 + 2441 -
        // 1220 = 132293 and rq0 (load 0) 786432 - 7323 = 779109: a difference of 646816. load_max = rq1 (the last
        // queue) is below 1 pCPU, so the threshold is 1.0, which it passes (C2.26.4). H, the only push candidate, is
        // pinned, so the pull candidates are not updated (C2.26.6): Y and Z still have their 0.5 of creation. Pulling
        // Y leaves |(132293 + 131072) - (779109 - 131072)| = 384672; Z gives the same, not strictly better, so Y is
        // kept; the K are pinned. Y, not scheduled, moves at once to p1 (C2.27). At 15 ms Y wakes on p1, where it
        // preempts H (10 ms of credit against 5, C2.15.3, C2.16), and Z on the idle p0.
        Scenario s = ScenarioBuilder.host(2, 20 * MS).scheduler("credit2", new Credit2PoolParams(1 * MS, RunqueueLayout.CPU))
                .domain("H", null, 1, Credit2Params.DEFAULTS, List.of(1), busy())
                .domain("Y", Credit2Params.DEFAULTS, periodic(100 * MS, 1 * MS, 15 * MS))
                .domain("Z", Credit2Params.DEFAULTS, periodic(100 * MS, 1 * MS, 15 * MS))
                .domain("K1", null, 1, Credit2Params.DEFAULTS, List.of(0), GuestSpec.IDLE)
                .domain("K2", null, 1, Credit2Params.DEFAULTS, List.of(0), GuestSpec.IDLE)
                .domain("K3", null, 1, Credit2Params.DEFAULTS, List.of(0), GuestSpec.IDLE)
                .domain("K4", null, 1, Credit2Params.DEFAULTS, List.of(0), GuestSpec.IDLE).build();
        assertEquals(List.of("0 p1 H", "15000 p1 Y", "15000 p0 Z"), log(s, 15_500 * US));
    }

    @Test
    void balance_ofEqualSwapsTheFirstIsKept() {
        // Two pCPUs, runqueue=cpu (C2.6). Creation (0.5 per VCPU, least load, the first of equal loads, C2.25,
        // C2.28): J1 (pinned to p1, never runs) to rq1; Y (allowed anywhere, one 1 ms job at 15 ms) to rq0; J2 (p1)
        // to rq1; Z (like Y) to rq0 (0.5 against 1.0); K (pinned to p0, never runs) to rq0; hog P (allowed anywhere)
        // to rq1 (1.0 against 1.5), on p1; J3 (p1) to rq1: rq0 {Y, Z, K} 1.5, rq1 {J1, J2, P, J3} 2.0. At 10 ms
        // (9765 units) P, kept with its credit used up, resets (C2.10); by C2.24 P's average is 131072 + 2441 - 1220
        // = 132293, rq1 (load 1) 524288 + 2441 - 4882 = 521847 and rq0 (load 0) 393216 - 3661 = 389555: a difference
        // of 132292, and load_max = rq1 (the last queue) is over 1 pCPU: the threshold is 0.125 (C2.26.4). The
        // search (C2.26.6): J1, J2 are pinned; P may go to rq0, and the pull candidates are updated (sample 0): Y, Z
        // and K 131072 - 1220 = 129852. Swapping P and Y leaves |(521847 - 132293 + 129852) - (389555 + 132293 -
        // 129852)| = 127410; Z gives the same, not strictly better, so Y is kept; K is pinned; pushing P alone leaves
        // 132294, and pulls only widen the gap. Y, not scheduled, moves at once to p1; P, running, is asked to move
        // and lands on p0 (C2.27, C2.28). At 15 ms Y wakes on the idle p1 and Z on p0, where it preempts P (10 ms
        // against 10.05 - 5: the 50 us of the move's compensation, C2.18.5, C2.16).
        Scenario s = ScenarioBuilder.host(2, 20 * MS).scheduler("credit2", new Credit2PoolParams(1 * MS, RunqueueLayout.CPU))
                .domain("J1", null, 1, Credit2Params.DEFAULTS, List.of(1), GuestSpec.IDLE)
                .domain("Y", Credit2Params.DEFAULTS, periodic(100 * MS, 1 * MS, 15 * MS))
                .domain("J2", null, 1, Credit2Params.DEFAULTS, List.of(1), GuestSpec.IDLE)
                .domain("Z", Credit2Params.DEFAULTS, periodic(100 * MS, 1 * MS, 15 * MS))
                .domain("K", null, 1, Credit2Params.DEFAULTS, List.of(0), GuestSpec.IDLE)
                .domain("P", Credit2Params.DEFAULTS, busy())
                .domain("J3", null, 1, Credit2Params.DEFAULTS, List.of(1), GuestSpec.IDLE).build();
        assertEquals(List.of("0 p1 P", "10000 p1 idle", "10000 p0 P", "15000 p1 Y", "15000 p0 Z"), log(s, 15_500 * US));
    }

    @Test
    void unpark_moreThanEightParkedVcpusOfOneDomainAreAllUnparked() {
        // One pCPU, rate limit 1 ms. Domain D of 9 hog VCPUs capped at 5: tot_budget 0.5 ms, quota max(0.5 ms / 9,
        // 500 us) = 500 us, pool 0.5 ms from 0 and every VCPU's budget 0 (C2.21). All wake at 0 with 10 ms of credit,
        // D.0 first, the others queued behind it in wake order (ties, C2.12). D.0 grabs the whole pool (C2.22) and
        // runs the 1 ms minimum (its lead over D.1 is 0, C2.19): at 1 ms its budget is -0.5 ms, which goes back to
        // the pool (-0.5 ms), so it is parked (C2.18.2, C2.22); the scan then finds D.1 to D.8 runnable with more
        // credit than the idle VCPU, and each fails to grab budget and is parked (C2.17.6): nine parked VCPUs. At
        // 10 ms the pool is refilled to exactly 0, not > 0: they stay parked (C2.23.3). At 20 ms it is 0.5 ms: all
        // nine are unparked, in the order of the parked list, last parked first (D.8 ... D.0), and queued: D.8 to
        // D.1 with 10 ms, D.0 with 9 ms behind them. D.8 runs 1 ms, and at 21 ms all nine are parked again, D.8
        // first and then the queue in order.
        Scenario s = ScenarioBuilder.host(1, 30 * MS).scheduler("credit2", Credit2PoolParams.DEFAULTS)
                .domain("D", null, 9, new Credit2Params(256, 5), List.of(), busy()).build();
        List<String> expected = new ArrayList<>(List.of("0 p0 D.0"));
        for (int i = 0; i <= 8; i++) expected.add("1000 D." + i + " parked");
        expected.add("1000 p0 idle");
        for (int i = 8; i >= 0; i--) expected.add("20000 D." + i + " unparked");
        expected.add("20000 p0 D.8");
        for (int i = 8; i >= 0; i--) expected.add("21000 D." + i + " parked");
        expected.add("21000 p0 idle");
        assertEquals(expected, log(s, 22 * MS));
    }

    @Test
    void pickCpu_aRequestedQueueIsTakenEvenWhenItIsNotTheLeastLoaded() {
        // Two pCPUs, runqueue=cpu, rate limit 1 ms, context switches of 100 us (C2.6). Creation (0.5 per VCPU, least
        // load, the first of equal loads, C2.25, C2.28): Q (allowed anywhere, hog from 205 ms) to rq0 on p0; P
        // (pinned to p1 until 306 ms, hog from 0) and J (pinned to p1, never runs) to rq1: rq1 is exactly 1.0 with
        // load 1 from 0, which C2.24 keeps exactly 1.0 (it stays so below). P and then Q run alone, each kept with a
        // reset every 10 ms (P at 10, 20, ... ms; Q at 215, 225, ... ms; credit burns from each decision, C2.8,
        // C2.10); no balance moves anything while P is pinned: from rq1 only a pull of Q into the fuller queue, from
        // rq0 only a push of Q, likewise (C2.26.6). By C2.24, step by step over those updates (units of 1024 ns; rq0
        // decays with load 0 to 205 ms, then rises with load 1; Q's own average is sampled 0 at its wake and 1 at its
        // resets; P's 1 at its resets and at rq0's balances, which update it as a pull candidate).
        // 306 ms, `xl vcpu-pin P 0 all`: P is switched out and re-placed at its context_saved, 306.1 ms (F14), where
        // rq0 has 121922 (0.465) and rq1 without P's own 262144 - 163692 = 98452: P stays in rq1 (C2.28), and
        // restarts on p1 at 306.1 with its 4 ms of credit left. 309.95 ms, `xl vcpu-pin Q 0 all`: likewise Q stays
        // in rq0 and is switched back in at 310.05, a switch that lasts until 310.15.
        // 310.1 ms: P is kept and resets; balance_load on rq1 (C2.26): rq0 is 122588, Q 120668 and P 164059; the
        // difference is 139556 and load_max is rq1 (the last queue) at exactly 1 pCPU, so the threshold is 0.125.
        // Pushing P alone leaves 188562, pulling Q alone 380892, swapping them
        // |(262144 - 164059 + 120668) - (122588 + 164059 - 120668)| = 52774: the swap. Both are running, so both are
        // asked to move and their pCPUs tickled (C2.27). p1 switches P out at once (to idle); p0, still switching
        // Q in, does so at 310.15 (F11.9). So P's context_saved, at 310.2, comes before Q's, at 310.25: P's
        // pick_resource honours the request and returns rq0's p0 (C2.28), although rq0 (122595, Q still in it) is
        // more loaded than rq1 without P (98076); p0, tickled, takes P at the end of its switch, 310.25, when Q's
        // move lands it on rq1's p1 (C2.27, C2.28).
        Scenario s = ScenarioBuilder.host(2, 320 * MS).scheduler("credit2", new Credit2PoolParams(1 * MS, RunqueueLayout.CPU))
                .domain("Q", Credit2Params.DEFAULTS, hogFrom(205 * MS))
                .domain("P", null, 1, Credit2Params.DEFAULTS, List.of(1), busy())
                .domain("J", null, 1, Credit2Params.DEFAULTS, List.of(1), GuestSpec.IDLE)
                .overheads(new Overheads(0, 100 * US, 0))
                .commands(new Command.PinVcpu(306 * MS, "vcpu-pin P 0 all", "P", 0, List.of()),
                        new Command.PinVcpu(309_950 * US, "vcpu-pin Q 0 all", "Q", 0, List.of())).build();
        assertEquals(List.of("0 p1 P", "205000 p0 Q", "306000 p1 idle", "306100 p1 P", "309950 p0 idle", "310050 p0 Q",
                "310100 p1 idle", "310150 p0 idle", "310250 p0 P", "310250 p1 Q"), log(s, 311 * MS));
    }
}
