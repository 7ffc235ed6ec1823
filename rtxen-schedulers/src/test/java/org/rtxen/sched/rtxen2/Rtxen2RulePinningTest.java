package org.rtxen.sched.rtxen2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.sched.ScenarioBuilder.MS;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.periodic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.Domain;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.Scenario;
import org.rtxen.model.command.Command;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;
import org.rtxen.sched.SwitchLog;

/**
 * RT-Xen 2.0 rule boundaries that PIT found unpinned, each whole schedule derived by hand from the spec's G rules.
 * Facts used throughout (as in {@link Rtxen2SchedulesTest}): every pCPU decides at 0 and 1 ms after each decision
 * (G5); a VCPU's first charge only starts its accounting (G6.1, E29); a running VCPU crossing its deadline is refilled
 * free (G6.3, E25); a queued one only when now is strictly past its deadline (G8). At one instant the engine decides
 * on quantum timers before it delivers wake-ups and pauses (spec M2).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Rtxen2RulePinningTest {
    /** Runs {@code s} with the invariant checker and returns its schedule before {@code untilNs} ({@link SwitchLog}). */
    private static List<String> log(Scenario s, long untilNs) {
        return log(s, untilNs, false);
    }

    /**
     * As {@link #log(Scenario, long)}, with the refills if {@code refills}: budget exhaustions read {@code "<µs> <VCPU>
     * empty"} and refills {@code "<µs> <VCPU> full"}.
     */
    private static List<String> log(Scenario s, long untilNs, boolean refills) {
        SwitchLog r = new SwitchLog(untilNs, "empty", refills ? "full" : null);
        Simulation.of(s, Schedulers.factory()).trace(r).observe(new InvariantChecker()).run();
        return r.entries();
    }

    private static Rtxen2Params ms(long period, long budget) {
        return new Rtxen2Params(period * MS, budget * MS, List.of());
    }

    private static ScenarioBuilder host(int pcpus, long durationMs, String policy, ServerKind server) {
        return ScenarioBuilder.host(pcpus, durationMs * MS)
                .scheduler(policy, new Rtxen2PoolParams(Priority.EDF, server, Quirks.FULL_FEATURE));
    }

    /**
     * One pCPU, EDF. A (10ms/3ms) has 1 ms jobs at 0, 10, 20 ms; B (15ms/12ms) is a hog, runnable from boot, so the
     * pCPU takes B at 0 before A's first job is released at 0; A (deadline 10) then beats B (15) and runs 0-1 free
     * (G6.1). B runs from 1, charged from 2. A wakes at 10, exactly at its deadline, with its budget unused.
     * <ul>
     * <li>rtglobal: wake advances a deadline that now has reached (G11: {@code now >= cur_deadline}): A gets 20,
     * which does not beat B's 15, so nobody is tickled (G12). B is charged 2..13 and is empty at 13; A runs 13-14.
     * B, queued empty with deadline 15, is refilled only strictly after it (G8): at 16.</li>
     * <li>rtpartition: wake only inserts and scans (G13), and the scan is strict (G8): A keeps deadline 10, the pCPU
     * decides at once and A (10) preempts B (15), 10-11. The quantum decision at 11 comes before A's job completion
     * (M2): A crosses its deadline, is refilled with deadline 20 (G6.3), loses to B (15) and goes back on the queue
     * (G13) with its job's last instant pending. B (charged 2..10, 3 ms left) runs 11-14 and is empty at 14; A is
     * picked, completes and the pCPU idles; B is refilled at 16.</li>
     * </ul>
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rtglobal, 13000 B empty; 13000 p0 A; 14000 p0 idle; 16000 p0 B",
        "rtpartition, 10000 p0 A; 11000 p0 B; 14000 B empty; 14000 p0 A; 14000 p0 idle; 16000 p0 B"})
    void wake_atTheDeadline_globalAdvancesIt_partitionedDoesNot(String policy, String after1) {
        Scenario s = host(1, 30, policy, ServerKind.DEFERRABLE)
                .domain("A", ms(10, 3), periodic(10 * MS, 1 * MS, 0))
                .domain("B", ms(15, 12), busy()).build();
        assertEquals(schedule(after1), log(s, 16_500_000));
    }

    /** The schedule {@code "0 p0 B", "0 p0 A", "1000 p0 B"} of the one-pCPU tests below, then {@code rest}. */
    private static List<String> schedule(String rest) {
        List<String> expected = new ArrayList<>(List.of("0 p0 B", "0 p0 A", "1000 p0 B"));
        expected.addAll(List.of(rest.split("; ")));
        return expected;
    }

    /**
     * One pCPU, EDF, A (10ms/3ms) with 1 ms jobs every 35 ms from 0, and a hog B: as above, B, then A 0-1 (free), then
     * B from 1; A sleeps with its budget.
     * Its job at 35 finds its deadline 10 two whole periods behind: the next period end after 35 is
     * {@code 10 + 10 * ((35 - 10) / 10 + 1) = 40} (G6.3, applied by wake under rtglobal, G11, and by the scan under
     * rtpartition, G8). B 38ms/36ms (deadline 38 at 35, running since 1) keeps the pCPU: A runs when B is empty at
     * 37. B 45ms/43ms (deadline 45) loses it at 35 at once (G12, G13) and gets it back when A's job ends.
     */
    @ParameterizedTest(name = "{0}, B period {1} ms")
    @CsvSource({
        "rtglobal, 38, 36, 37000 B empty; 37000 p0 A; 38000 p0 idle",
        "rtglobal, 45, 43, 35000 p0 A; 36000 p0 B",
        "rtpartition, 38, 36, 37000 B empty; 37000 p0 A; 38000 p0 idle",
        "rtpartition, 45, 43, 35000 p0 A; 36000 p0 B"})
    void wake_severalPeriodsLate_deadlineIsTheNextPeriodEnd(String policy, long bPeriod, long bBudget, String after35) {
        Scenario s = host(1, 50, policy, ServerKind.DEFERRABLE)
                .domain("A", ms(10, 3), periodic(35 * MS, 1 * MS, 0))
                .domain("B", ms(bPeriod, bBudget), busy()).build();
        assertEquals(schedule(after35), log(s, 38_500_000));
    }

    /**
     * One pCPU, hog A 10ms/10ms (never runs out: it is refilled at each boundary while running, G6.3). A is paused at
     * 2.5 ms: the sleep hook makes its pCPU decide at once (G11, G13), which runs idle, and the 1 ms quantum now falls
     * on 3.5, 4.5, 5.5, 6.5 ms (G5). A is unpaused at 6 ms: wake queues it and makes the pCPU decide at once (G11: the
     * best eligible VCPU, A, is tickled on its idle pCPU, G12.1; G13: unconditionally), so A runs from 6 ms.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rtglobal", "rtpartition"})
    void pauseAndUnpause_takeEffectAtOnce(String policy) {
        Scenario s = host(1, 10, policy, ServerKind.DEFERRABLE).domain("A", ms(10, 10), busy())
                .commands(new Command.Pause(2_500_000, "pause A", "A"), new Command.Unpause(6 * MS, "unpause A", "A"))
                .build();
        assertEquals(List.of("0 p0 A", "2500 p0 idle", "6000 p0 A"), log(s, 10 * MS));
    }

    /**
     * Periodic server (G2), one pCPU: G (10ms/6ms) has a 1 ms job at 2.5 ms. From 0 G competes although its guest is
     * idle, so the pCPU serves it while running idle and burns its budget (free until 1, G6.1; 1 ms at 2). When the
     * job arrives the pCPU decides at once (the served VCPU now has work: wake tickles its pCPU) and G runs 2.5-3.5
     * (0.5 ms charged at 2.5, 1 ms at 3.5: 3.5 ms left); then it is served idle again, and the quanta at 4.5, 5.5,
     * 6.5 and 7.5 burn the rest: empty at 7.5 (G6.6, G6.7).
     */
    @ParameterizedTest
    @ValueSource(strings = {"rtglobal", "rtpartition"})
    void periodicServer_jobForTheServedIdleVcpu_runsAtOnce(String policy) {
        Scenario s = host(1, 10, policy, ServerKind.PERIODIC)
                .domain("G", ms(10, 6), periodic(10 * MS, 1 * MS, 2_500_000)).build();
        assertEquals(List.of("2500 p0 G", "3500 p0 idle", "7500 G empty"), log(s, 10 * MS));
    }

    /**
     * One pCPU, EDF. Hog A 10ms/4ms runs 0-5 (free until 1, then charged 2..5, empty at 5). B 10ms/2ms gets a 1 ms job
     * at 3.5 ms with the same deadline, 10.
     * <ul>
     * <li>rtglobal: a newcomer preempts only with a strictly earlier deadline (G12), so nobody is tickled, the next
     * quantum at 4 keeps A on the tie (G10), and B runs when A is empty: 5-6.</li>
     * <li>rtpartition: wake makes the pCPU decide unconditionally (G13): at 3.5 A is kept on the tie and charged
     * 1.5 ms, so its quanta now end at 4.5 and 5.5 (G5): A is empty at 5.5 and B runs 5.5-6.5.</li>
     * </ul>
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"rtglobal, 5000, 6000", "rtpartition, 5500, 6500"})
    void wake_equalDeadline_globalDoesNotTickle_partitionedAlwaysDecides(String policy, long bUs, long idleUs) {
        Scenario s = host(1, 10, policy, ServerKind.DEFERRABLE)
                .domain("A", ms(10, 4), busy())
                .domain("B", ms(10, 2), periodic(10 * MS, 1 * MS, 3_500_000)).build();
        assertEquals(List.of("0 p0 A", bUs + " A empty", bUs + " p0 B", idleUs + " p0 idle"), log(s, 9 * MS));
    }

    /**
     * rtglobal, EDF, two pCPUs. Hog H (10ms/5ms) pinned to pCPU 0 runs 0-6 there (free until 1, G6.1) and is empty
     * until 11. X (20ms/5ms) has 1 ms jobs every 7.5 ms; its first, released at 0 after the boot decisions, takes the
     * idle pCPU 1, 0-1. X's job at 7.5 ms finds both pCPUs idle: tickle prefers the pCPU X last ran on (G12.1: its
     * processor), pCPU 1, over the first idle one, pCPU 0.
     */
    @Test
    void globalTickle_ownIdlePcpuBeforeTheFirstIdleOne() {
        Scenario s = host(2, 10, "rtglobal", ServerKind.DEFERRABLE)
                .domain("H", null, 1, ms(10, 5), List.of(0), busy())
                .domain("X", ms(20, 5), periodic(7_500_000, 1 * MS, 0)).build();
        assertEquals(List.of("0 p0 H", "0 p1 X", "1000 p1 idle", "6000 H empty", "6000 p0 idle", "7500 p1 X",
                "8500 p1 idle"), log(s, 10 * MS));
    }

    /**
     * rtglobal, EDF, two pCPUs. Hogs A and B (20ms/10ms, deadline 20) wake at 0 in that order, so B is ahead on the
     * tie (LIFO, G7): pCPU 0 takes B, pCPU 1 takes A. C (10ms/5ms, deadline 10) gets a 1 ms job at 3 ms: no pCPU is
     * idle, and of the busy ones with the latest deadline (a tie at 20) the first, pCPU 0, is the victim (G12: strict
     * comparison); C's 10 beats 20, so pCPU 0 switches to C at once. B is queued again and takes pCPU 0 back at 4.
     * The inverted victim of E24 (the earliest deadline) is the same first pCPU of the tie, also strictly compared.
     */
    @ParameterizedTest(name = "inverted victim {0}")
    @ValueSource(booleans = {false, true})
    void globalTickle_victimIsTheFirstOfEqualLatestDeadlines(boolean inverted) {
        Quirks q = new Quirks(false, false, inverted, true, false, true, true);
        Scenario s = ScenarioBuilder.host(2, 10 * MS)
                .scheduler("rtglobal", new Rtxen2PoolParams(Priority.EDF, ServerKind.DEFERRABLE, q))
                .domain("A", ms(20, 10), busy())
                .domain("B", ms(20, 10), busy())
                .domain("C", ms(10, 5), periodic(10 * MS, 1 * MS, 3 * MS)).build();
        assertEquals(List.of("0 p0 B", "0 p1 A", "3000 p0 C", "4000 p0 B"), log(s, 10 * MS));
    }

    /**
     * rtglobal, EDF, two pCPUs. H (10ms/5ms) pinned to pCPU 0 runs there 0-6 (free until 1, G6.1). X (20ms/5ms, 1 ms
     * jobs every 7.5 ms) is released at 0 after the boot decisions and takes the idle pCPU 1, 0-1. K (10ms/10ms),
     * pinned to pCPU 1, gets a long job at 2 and runs there from 2. X's job at 7.5 ms finds its own pCPU 1 busy with
     * K (deadline 10 beats X's 20, so no preemption) and pCPU 0 idle: the first idle candidate, pCPU 0, is tickled
     * at once (G12.2), without waiting for its next quantum at 8.
     */
    @Test
    void globalTickle_ownPcpuBusy_firstIdleCandidateAtOnce() {
        Scenario s = host(2, 10, "rtglobal", ServerKind.DEFERRABLE)
                .domain("H", null, 1, ms(10, 5), List.of(0), busy())
                .domain("X", ms(20, 5), periodic(7_500_000, 1 * MS, 0))
                .domain("K", null, 1, ms(10, 10), List.of(1), periodic(100 * MS, 50 * MS, 2 * MS)).build();
        assertEquals(List.of("0 p0 H", "0 p1 X", "1000 p1 idle", "2000 p1 K", "6000 H empty", "6000 p0 idle",
                "7500 p0 X", "8500 p0 idle"), log(s, 10 * MS));
    }

    /**
     * One pCPU, EDF, at 12 ms: hog C (15ms/12ms, deadline 15) runs, and A (16ms/2ms) and B (10ms/2ms) each get a 1 ms
     * job. A's deadline is 16 (G4); B's, 10, has passed and becomes 20 (G11 at wake under rtglobal, the scan G8 under
     * rtpartition). Neither beats C (G12, G13). C, charged 2..13, is empty at 13; the queue is ordered by deadline
     * under EDF (G7), not by period, so A (16) runs 13-14 and then B (20) 14-15. C, queued empty with deadline 15, is
     * refilled strictly after it, at 16 (G8).
     */
    @ParameterizedTest
    @ValueSource(strings = {"rtglobal", "rtpartition"})
    void edfQueue_isOrderedByDeadline_notByPeriod(String policy) {
        Scenario s = host(1, 20, policy, ServerKind.DEFERRABLE)
                .domain("C", ms(15, 12), busy())
                .domain("A", ms(16, 2), periodic(100 * MS, 1 * MS, 12 * MS))
                .domain("B", ms(10, 2), periodic(100 * MS, 1 * MS, 12 * MS)).build();
        assertEquals(List.of("0 p0 C", "13000 C empty", "13000 p0 A", "14000 p0 B", "15000 p0 idle", "16000 p0 C"),
                log(s, 16_500_000));
    }

    /**
     * G6.6: each charge is rounded to whole microseconds, up only when the rest is strictly above 500 ns. One pCPU,
     * A (10ms/1ms = 1000 us) alone, jobs of {@code wcetNs} every 2 ms from 1 ms (its first pick is not at 0, so no
     * charge is free, G6.1). Each job runs from its release and is charged at its end.
     * <ul>
     * <li>333.5 us: rest exactly 500 ns, rounded down: 333 us per job, 1 us left after three; the fourth empties A at
     * 7.3335 ms.</li>
     * <li>333.6 us: rounded up: 334 us per job, 332 us left after two; the third empties A at 5.3336 ms, and the
     * fourth, released at 7, waits for the refill (G8).</li>
     * </ul>
     */
    @ParameterizedTest(name = "{0} ns")
    @CsvSource({
        "333500, 5000 p0 A; 5333 p0 idle; 7000 p0 A; 7333 A empty; 7333 p0 idle",
        "333600, 5000 p0 A; 5333 A empty; 5333 p0 idle"})
    void burn_roundsToWholeMicroseconds_halfDown(long wcetNs, String from5) {
        for (String policy : List.of("rtglobal", "rtpartition")) {
            Scenario s = host(1, 10, policy, ServerKind.DEFERRABLE)
                    .domain("A", ms(10, 1), periodic(2 * MS, wcetNs, 1 * MS)).build();
            List<String> expected = new ArrayList<>(List.of("1000 p0 A", "1333 p0 idle", "3000 p0 A", "3333 p0 idle"));
            expected.addAll(List.of(from5.split("; ")));
            assertEquals(expected, log(s, 8 * MS), policy);
        }
    }

    /**
     * rtglobal, EDF, two pCPUs: hogs A and B (20ms/10ms, deadline 20) and a two-VCPU hog D (10ms/5ms, deadline 10).
     * D's VCPUs take both pCPUs at 0; D is paused at 0.5 ms (each sleep makes its pCPU decide, G11), so B and A take
     * pCPU 0 and 1 (B ahead on the tie, G7), and the quanta fall on 1.5, 2.5, 3.5. D is unpaused at 3.5 ms, after
     * those quanta (M2), waking D.0 and then D.1 in one command. D.0's tickle picks pCPU 0, the first of the equal
     * victims (G12), and marks it tickled; D.1 (now the head, LIFO tie) is tickled for with pCPU 0 skipped: pCPU 1.
     * Both pCPUs decide at 3.5: pCPU 0 takes the head D.1, pCPU 1 takes D.0. A context switch costs 100 us here, so
     * the context_saved of the preempted B, which tickles for the best queued VCPU again (G11), comes only at 3.6 ms
     * and cannot stand in for D.1's tickle.
     */
    @Test
    void globalTickle_twoWakesBeforeAnyDecision_secondSkipsTheTickledPcpu() {
        Scenario s = host(2, 10, "rtglobal", ServerKind.DEFERRABLE)
                .domain("A", ms(20, 10), busy())
                .domain("B", ms(20, 10), busy())
                .domain("D", null, 2, ms(10, 5), List.of(), busy())
                .commands(new Command.Pause(500_000, "pause D", "D"), new Command.Unpause(3_500_000, "unpause D", "D"))
                .overheads(new Overheads(0, 100_000, 0)).build();
        assertEquals(List.of("0 p0 D.1", "0 p1 D.0", "500 p0 B", "500 p1 A", "3500 p0 D.1", "3500 p1 D.0"),
                log(s, 4 * MS));
    }

    /**
     * Insertion at run time (G4): the first deadline is the next multiple of the period after now, with a full budget.
     * Two one-pCPU rtglobal pools, EDF. X (10ms/6ms hog) in P0 runs 0-7 (free until 1), 11-17 and from 21 (G8 refills
     * it strictly after each deadline); at 25 it has 2 ms left. Y (35ms/30ms hog) in P1 runs from 0. At 25 ms, after
     * the quanta, X moves to P1 ({@code xl cpupool-migrate}): it leaves pCPU 0, which idles, and then P1 allocates X
     * afresh with the guest defaults 10ms/4ms (G3), deadline 30 and a full 4 ms (G4). X beats Y's 35 and takes pCPU 1
     * at once (G11, G12), is charged 26..29 and is empty at 29, and Y takes pCPU 1 back. Refills are logged: X's at 11
     * and 21 and its fresh budget at 25.
     */
    @Test
    void cpupoolMigrate_insertsWithTheNextPeriodEndAndAFullBudget() {
        Rtxen2PoolParams edf = new Rtxen2PoolParams(Priority.EDF, ServerKind.DEFERRABLE, Quirks.FULL_FEATURE);
        Scenario s = ScenarioBuilder.host(2, 40 * MS).pool("P0", "rtglobal", edf, 0).pool("P1", "rtglobal", edf, 1)
                .domain("X", "P0", 1, ms(10, 6), List.of(), busy())
                .domain("Y", "P1", 1, ms(35, 30), List.of(), busy())
                .commands(new Command.MigrateDomain(25 * MS, "cpupool-migrate X P1", "X", "P1")).build();
        assertEquals(List.of("0 p0 X", "0 p1 Y", "7000 X empty", "7000 p0 idle", "11000 X full", "11000 p0 X",
                "17000 X empty", "17000 p0 idle", "21000 X full", "21000 p0 X", "25000 p0 idle", "25000 X full",
                "25000 p1 X", "29000 X empty", "29000 p1 Y"), log(s, 31 * MS, true));
    }

    /**
     * The scan at wake (G11, G13: insert, then {@code __repl_update}) refills a queued VCPU whose deadline passed since
     * the last decision, and the tickle then serves it. One pCPU, EDF. Hog E (5ms/1ms) runs 0-2 (free until 1) and is
     * empty at 2. W (10ms/1ms, 0.5 ms jobs every 2.25 ms from 1 ms; its deadline 10 does not beat E's 5 at 1) runs
     * 2-2.5 and 3.25-3.75, where its 1 ms is used up: it blocks empty, and the idle pCPU's quanta fall on 4.75 and
     * 5.75 (G5). W's job at 5.5 ms: the scan finds E strictly past its deadline 5 and refills it (deadline 10, G8),
     * so the best VCPU with budget is E, whose idle pCPU decides at once (G12.1; G13): E runs 5.5-6.5.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rtglobal", "rtpartition"})
    void wake_scanRefillsAQueuedVcpuPastItsDeadline_whichRunsAtOnce(String policy) {
        Scenario s = host(1, 10, policy, ServerKind.DEFERRABLE)
                .domain("E", ms(5, 1), busy())
                .domain("W", ms(10, 1), periodic(2_250_000, 500_000, 1 * MS)).build();
        assertEquals(List.of("0 p0 E", "2000 E empty", "2000 p0 W", "2500 p0 idle", "3250 p0 W", "3750 W empty",
                "3750 p0 idle", "5500 p0 E", "6500 E empty", "6500 p0 idle"), log(s, 7 * MS));
    }

    /**
     * G6.3, E25: a running VCPU that crosses its deadline is refilled and charged nothing for the quantum spanning the
     * boundary, even when that quantum lies mostly in the new period. One pCPU, hog A (10ms/5ms): free until 1 (G6.1),
     * 1 ms charged at 2, paused at 2.5 (0.5 ms, 3.5 ms left), unpaused at 6.5, so its quanta end at 7.5, 8.5, 9.5
     * (0.5 ms left) and 10.5, which crosses 10: refilled to 5 ms, nothing charged. 11.5..14.5 leave 1 ms; paused at
     * 15.2 ms it is charged 0.7 ms and keeps 0.3 ms: not empty. The refill at 10.5 is logged.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rtglobal", "rtpartition"})
    void burn_quantumAcrossTheDeadline_isFree(String policy) {
        Scenario s = host(1, 20, policy, ServerKind.DEFERRABLE).domain("A", ms(10, 5), busy())
                .commands(new Command.Pause(2_500_000, "pause A", "A"),
                        new Command.Unpause(6_500_000, "unpause A", "A"),
                        new Command.Pause(15_200_000, "pause A", "A")).build();
        assertEquals(List.of("0 p0 A", "2500 p0 idle", "6500 p0 A", "10500 A full", "15200 p0 idle"),
                log(s, 16 * MS, true));
    }

    /**
     * G8: the scan refills a queued VCPU only when now is strictly past its deadline, even while it re-inserts
     * another. One pCPU, EDF, hogs B (5ms/1ms), X (7ms/1ms), H (50ms/40ms). 0: B (free until 1), empty at 2; X 2-3,
     * empty; H from 3. 6: B refilled (deadline 10) preempts H, empty at 7 (X, deadline 7, is not past at 7); 8: X
     * refilled (deadline 14), 8-9; 11: B refilled (15), 11-12; H again. 15: X is strictly past 14 and is refilled
     * (deadline 21); B, exactly at its deadline 15, is not, so X (21) beats H (50) and runs; a refilled B (20) would
     * have run instead.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rtglobal", "rtpartition"})
    void scan_refillsOnlyStrictlyPastTheDeadline(String policy) {
        Scenario s = host(1, 20, policy, ServerKind.DEFERRABLE)
                .domain("B", ms(5, 1), busy())
                .domain("X", ms(7, 1), busy())
                .domain("H", ms(50, 40), busy()).build();
        assertEquals(List.of("0 p0 B", "2000 B empty", "2000 p0 X", "3000 X empty", "3000 p0 H", "6000 p0 B",
                "7000 B empty", "7000 p0 H", "8000 p0 X", "9000 X empty", "9000 p0 H", "11000 p0 B", "12000 B empty",
                "12000 p0 H", "15000 p0 X"), log(s, 15_500_000));
    }

    /**
     * A run-time parameter change re-positions a queued VCPU (G15 put; the deadline stays until the next refill). One
     * pCPU, DM, hogs A (10ms/3ms), B (20ms/4ms), C (30ms/5ms): A runs 0-4 (free until 1) and is empty at 4; B runs
     * from 4. At 5 ms C's period becomes 15 ms: the next quantum, at 6, finds C (15) ahead of B (20) and switches
     * (G10, DM keys). C, charged 7..11, is empty at 11, when A, refilled strictly after its deadline 10 (G8), runs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rtglobal", "rtpartition"})
    void adjust_atRunTime_repositionsAQueuedVcpu(String policy) {
        Scenario s = ScenarioBuilder.host(1, 20 * MS)
                .scheduler(policy, new Rtxen2PoolParams(Priority.DM, ServerKind.DEFERRABLE, Quirks.FULL_FEATURE))
                .domain("A", ms(10, 3), busy())
                .domain("B", ms(20, 4), busy())
                .domain("C", ms(30, 5), busy())
                .commands(new Command.AdjustDomain(5 * MS, "sched-rtglobal -d C -p 15 -b 5", "C", ms(15, 5))).build();
        assertEquals(List.of("0 p0 A", "4000 A empty", "4000 p0 B", "6000 p0 C", "11000 C empty", "11000 p0 A"),
                log(s, 11_500_000));
    }

    /**
     * E27 (G15): a run-time switch of the priority scheme leaves the queue in its old order, while keep-current and
     * tickle use the new keys at once. rtglobal, one pCPU, the queue of
     * {@link #edfQueue_isOrderedByDeadline_notByPeriod}: at 12 ms A (period 16, deadline 16) is queued ahead of B
     * (period 10, deadline 20) under EDF. At 12.5 ms the
     * pool switches to DM. At 13 C is empty and the head, A, is picked (G9); C's context_saved tickles for the best
     * queued VCPU, B (G11), whose period 10 beats A's 16 (G12), so the pCPU decides again at 13 and B preempts A (G10).
     * B runs 13-14, A 14-15, and C (15) is refilled at 16 (G8). A re-sorted queue would have given B first, without A.
     */
    @Test
    void schemeSwitch_leavesTheQueueInItsOldOrder() {
        Scenario s = host(1, 20, "rtglobal", ServerKind.DEFERRABLE)
                .domain("C", ms(15, 12), busy())
                .domain("A", ms(16, 2), periodic(100 * MS, 1 * MS, 12 * MS))
                .domain("B", ms(10, 2), periodic(100 * MS, 1 * MS, 12 * MS))
                .commands(new Command.AdjustPool(12_500_000, "sched-rtglobal -s RM", "Pool-0",
                        new Rtxen2PoolParams(Priority.DM, ServerKind.DEFERRABLE, Quirks.FULL_FEATURE))).build();
        assertEquals(List.of("0 p0 C", "13000 C empty", "13000 p0 A", "13000 p0 B", "14000 p0 A", "15000 p0 idle",
                "16000 p0 C"), log(s, 16_500_000));
    }

    /**
     * G2 through a pause: a periodic server whose guest is idle competes again at its unpause, as the background task
     * that keeps its VCPU runnable in RT-Xen 2.0 would. One pCPU, G 10ms/6ms, its guest idle until 50 ms. From 0 the
     * pCPU serves G while running idle (free until 1, G6.1 and E29; 1 ms charged at 2). Paused at 2.5 ms: the pCPU
     * decides at once and charges 0.5 ms (1.5 ms used). Unpaused at 3 ms: G is queued and served again from 3, and
     * each 1 ms quantum (G5) charges it at 4, 5, 6 and 7 (5.5 ms used); budget is only charged at a decision (G6), so
     * the quantum ending at 8 takes the last 0.5 ms: empty at 8 ms. (Were G to wait for its guest, as a deferrable
     * server does, it would still have budget at 10 ms.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"rtglobal", "rtpartition"})
    void periodicServer_guestIdle_competesAgainAtItsUnpause(String policy) {
        Scenario s = host(1, 10, policy, ServerKind.PERIODIC)
                .domain("G", ms(10, 6), periodic(100 * MS, 1 * MS, 50 * MS))
                .commands(new Command.Pause(2_500_000, "pause G", "G"), new Command.Unpause(3 * MS, "unpause G", "G"))
                .build();
        assertEquals(List.of("8000 G empty"), log(s, 10 * MS));
    }

    /**
     * G2 through a pCPU removal: the pCPU serving a guest-idle periodic server leaves the pool; the server is charged up
     * to the removal, as the switch away from its background task would charge it, and is served on the other pCPU
     * from then on. Two pCPUs, G 10ms/6ms served on pCPU 0, its guest idle until 50 ms: 1 ms charged at 2 (free until
     * 1). pCPU 0 is removed at 2.5 ms: 0.5 ms more (1.5 ms used). pCPU 1 serves G from 2.5, its quanta charging 1 ms
     * each at 3.5, 4.5, 5.5 and 6.5 (5.5 ms used). G is paused at 7 ms: the decision charges the last 0.5 ms, so G is
     * empty at 7 ms. (Without the charge at the removal it would have 0.5 ms left then; without G competing again
     * after the removal, 4.5 ms.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"rtglobal", "rtpartition"})
    void periodicServer_guestIdle_isChargedAndServedElsewhereWhenItsPcpuLeaves(String policy) {
        Scenario s = host(2, 10, policy, ServerKind.PERIODIC)
                .domain("G", ms(10, 6), periodic(100 * MS, 1 * MS, 50 * MS))
                .commands(new Command.RemoveCpu(2_500_000, "cpupool-cpu-remove Pool-0 0", "Pool-0", 0),
                        new Command.Pause(7 * MS, "pause G", "G")).build();
        assertEquals(List.of("7000 G empty"), log(s, 10 * MS));
    }

    /**
     * G2: a pCPU that leaves the pool while it still serves a guest-idle periodic server charges it up to the removal.
     * Two pCPUs, rtglobal, EDF; H, a hog, 10ms/4ms, and G, 5ms/3ms with its guest idle until 50 ms, which pCPU 0 serves
     * from 0 while running idle (the earliest deadline; pCPU 1 runs H). G is charged 1 ms at 2 (free until 1, G6.1).
     * At 2.5 ms one toolstack action pauses G and removes pCPU 0 before pCPU 0 can decide: G, paused, migrates without
     * being woken, and pCPU 0, idle, leaves the pool still serving it: G is charged 0.5 ms there (1.5 ms used). G is
     * unpaused at 3 ms, competes again (G2) and preempts H on pCPU 1 (deadline 5 against 10, G12), whose quantum
     * charges it 1 ms at 4 (2.5 ms used). Paused again at 4.5 ms, G is charged the last 0.5 ms: empty at 4.5 ms.
     * (Without the charge at the removal it would have 0.5 ms left.)
     */
    @Test
    void periodicServer_pausedAndItsPcpuRemovedAtOnce_isChargedUpToTheRemoval() {
        Scenario s = host(2, 10, "rtglobal", ServerKind.PERIODIC)
                .domain("H", ms(10, 4), busy())
                .domain("G", ms(5, 3), periodic(100 * MS, 1 * MS, 50 * MS)).build();
        SwitchLog r = new SwitchLog(10 * MS, "empty", null);
        Simulation sim = Simulation.of(s, Schedulers.factory()).trace(r).observe(new InvariantChecker());
        Domain g = sim.host().domains().get(1);
        sim.at(2_500_000, () -> {
            sim.framework().pauseDomain(g);
            sim.framework().removePcpu(sim.host().pcpu(0));
        });
        sim.at(3 * MS, () -> sim.framework().unpauseDomain(g));
        sim.at(4_500_000, () -> sim.framework().pauseDomain(g));
        sim.run();
        assertEquals(List.of("4500 G empty"), r.entries().stream().filter(e -> e.endsWith("G empty")).toList());
    }

    /**
     * G2, G13: a VCPU that its pCPU serves but has not switched in yet, and whose migration ends meanwhile, is handed to
     * its new pCPU's queue at that pCPU's next decision, and its new pCPU decides at once. rtpartition, EDF, periodic
     * server, two pCPUs, a context switch costs 100 us. H (10ms/10ms hog, pinned to pCPU 0, deadline 10) runs on pCPU 0
     * from 0; pCPU 1 has nothing. V (5ms/2ms, pinned to pCPU 0) is created at 2 ms, after the quanta (M2): its first
     * deadline is 5 (G4), so pCPU 0 decides at once and serves V while running idle (its guest has no work yet, G2),
     * switching H out until 2.1 ms; H goes back on pCPU 0's queue. At 2.05 ms V's first 1 ms job is released (V wakes,
     * still served by pCPU 0, which is switching and decides only at 2.1) and then V is pinned to pCPU 1: not running,
     * it migrates at once, its processor becomes pCPU 1 and it is runnable again, still served by pCPU 0. At 2.1 pCPU 0
     * decides: V may no longer run there, so it takes H back and V goes to pCPU 1's queue, and pCPU 1 decides at once
     * and runs V from 2.1. (Were pCPU 1 not told, it would take V only at its next quantum, at 3 ms: G5.)
     */
    @Test
    void partitioned_servedVcpuMigratedBeforeItsPcpuDecides_newPcpuDecidesAtOnce() {
        Scenario s = host(2, 5, "rtpartition", ServerKind.PERIODIC)
                .domain("H", null, 1, ms(10, 10), List.of(0), busy())
                .domain(new DomainSpec("V", false, null, 1, ms(5, 2), List.of(0), List.of(), 2 * MS,
                        periodic(10 * MS, 1 * MS, 50_000)))
                .commands(new Command.PinVcpu(2_050_000, "vcpu-pin V 0 1", "V", 0, List.of(1)))
                .overheads(new Overheads(0, 100_000, 0)).build();
        assertEquals(List.of("0 p0 H", "2000 p0 idle", "2100 p0 H", "2100 p1 V"), log(s, 3 * MS));
    }

    /** A one-pool rtglobal or rtpartition host with EDF, the deferrable server and {@code quirks}. */
    private static ScenarioBuilder host(int pcpus, long durationMs, String policy, Quirks quirks) {
        return ScenarioBuilder.host(pcpus, durationMs * MS)
                .scheduler(policy, new Rtxen2PoolParams(Priority.EDF, ServerKind.DEFERRABLE, quirks));
    }

    /**
     * E27 off (G15 with the queues re-sorted at the switch): the scenario of
     * {@link #schemeSwitch_leavesTheQueueInItsOldOrder}. At 12 ms A (period 16, deadline 16) is queued ahead of B
     * (period 10, deadline 20) under EDF; the switch to DM at 12.5 ms re-sorts the queue: B ahead of A (G7, DM keys).
     * At 13 C is empty and the head, B, is picked (G9, G13); under rtglobal C's context_saved tickles for the best
     * queued VCPU, A, whose period 16 does not beat B's 10 (G12). The quantum at 14 keeps B against A (G10, G13)
     * before B's job ends (M2); then A runs 14-15, and C (deadline 15) is refilled strictly after it, at 16 (G8).
     */
    @ParameterizedTest
    @ValueSource(strings = {"rtglobal", "rtpartition"})
    void schemeSwitch_withoutE27_resortsTheQueue(String policy) {
        Quirks resort = new Quirks(false, false, false, true, false, false, true);
        Scenario s = host(1, 20, policy, resort)
                .domain("C", ms(15, 12), busy())
                .domain("A", ms(16, 2), periodic(100 * MS, 1 * MS, 12 * MS))
                .domain("B", ms(10, 2), periodic(100 * MS, 1 * MS, 12 * MS))
                .commands(new Command.AdjustPool(12_500_000, "sched-rtglobal -s RM", "Pool-0",
                        new Rtxen2PoolParams(Priority.DM, ServerKind.DEFERRABLE, resort))).build();
        assertEquals(List.of("0 p0 C", "13000 C empty", "13000 p0 B", "14000 p0 A", "15000 p0 idle", "16000 p0 C"),
                log(s, 16_500_000));
    }

    /**
     * E25 off (G6.3 fixed): the quantum spanning the deadline is charged for its part in the new period. The scenario
     * of {@link #burn_quantumAcrossTheDeadline_isFree}: A (10ms/5ms) has 0.5 ms left at 9.5 ms; the quantum ending at
     * 10.5 crosses 10, refills 5 ms and charges 10..10.5: 4.5 ms left. 11.5..14.5 charge 4 ms (0.5 ms left), and the
     * pause at 15.2 ms charges 0.7 ms, clamped to 0 (G6.7): A is empty at 15.2 ms.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rtglobal", "rtpartition"})
    void burn_withoutE25_chargesThePartInTheNewPeriod(String policy) {
        Scenario s = host(1, 20, policy, new Quirks(false, false, false, false, false, true, true))
                .domain("A", ms(10, 5), busy())
                .commands(new Command.Pause(2_500_000, "pause A", "A"),
                        new Command.Unpause(6_500_000, "unpause A", "A"),
                        new Command.Pause(15_200_000, "pause A", "A")).build();
        assertEquals(List.of("0 p0 A", "2500 p0 idle", "6500 p0 A", "10500 A full", "15200 A empty", "15200 p0 idle"),
                log(s, 16 * MS, true));
    }

    /**
     * E26 (G9): the global pick skips a VCPU of domain 1 on the pCPU it is on. rtglobal, two pCPUs, X (domain 1, the
     * first guest; 10ms/5ms hog) is placed on pCPU 0 (F17). At 0 pCPU 0 skips it and idles, pCPU 1 picks it (G9) and
     * keeps it (G10: keep-current does not pick) 0-6 (free until 1, G6.1): empty at 6. Refilled strictly after its
     * deadline 10 by the scan at 11 (G8), it is on pCPU 1 now, so pCPU 1 skips it and pCPU 0 takes it: X bounces.
     */
    @Test
    void globalPick_withE26_skipsDomainOneOnItsOwnPcpu() {
        Scenario s = host(2, 20, "rtglobal", new Quirks(false, false, false, true, true, true, true))
                .domain("X", ms(10, 5), busy()).build();
        assertEquals(List.of("0 p1 X", "6000 X empty", "6000 p1 idle", "11000 p0 X"), log(s, 11_500_000));
    }

    /**
     * G2 through a run-time server switch: a guest-idle VCPU queued as a periodic server leaves the queue when the pool
     * turns deferrable, and so burns nothing. One pCPU, EDF: H (10ms/4ms hog, deadline 10) beats G (20ms/5ms, guest
     * idle until 50 ms, deadline 20), which waits queued. At 3 ms the pool switches to the deferrable server: G is no
     * longer ready. H, free until 1 (G6.1) and charged 2..5, is empty at 5 and the pCPU idles (a still-queued G would
     * be served idle from 5 and empty at 11); H is refilled strictly after its deadline, at 11 (G8).
     */
    @ParameterizedTest
    @ValueSource(strings = {"rtglobal", "rtpartition"})
    void serverSwitch_toDeferrable_dequeuesAGuestIdleVcpu(String policy) {
        Scenario s = host(1, 20, policy, ServerKind.PERIODIC)
                .domain("H", ms(10, 4), busy())
                .domain("G", ms(20, 5), periodic(100 * MS, 1 * MS, 50 * MS))
                .commands(new Command.AdjustPool(3 * MS, "server deferrable", "Pool-0",
                        new Rtxen2PoolParams(Priority.EDF, ServerKind.DEFERRABLE, Quirks.FULL_FEATURE))).build();
        assertEquals(List.of("0 p0 H", "5000 H empty", "5000 p0 idle", "11000 p0 H"), log(s, 11_500_000));
    }

    /**
     * G12 on a host of 129 pCPUs, above {@link RtGlobalScheduler#RANKED_ABOVE}, where the victim comes from the ranking
     * of busy pCPUs rather than a walk (the same choice: the latest key, the lowest id among equals). rtglobal, EDF:
     * H, 128 hogs 20ms/20ms pinned to pCPUs 0-127, which never run out (refilled free at each deadline while running,
     * G6.3); L, a hog 30ms/25ms pinned to pCPU 128; N (10ms/5ms) with 1 ms jobs every 18 ms from 2.5 ms; M (10ms/5ms,
     * pinned to pCPUs 0-127) with one 1 ms job at 25.5 ms; Q (10ms/5ms) with one at 25.7 ms. N, M and Q are placed on
     * pCPU 0 (F17), busy at their wakes.
     * <ul>
     * <li>2.5: N (deadline 10) finds no idle pCPU; the victim is the only latest deadline, L's 30 on pCPU 128, and
     * N's 10 beats it (G12). The quantum at 3.5 keeps N (M2, G10); then its job ends and L is back.</li>
     * <li>20: every H crosses its deadline at its quantum and gets 40 (G6.3). 20.5, between two quanta of pCPUs
     * 0-127: N's deadline 10 is two periods behind: 30 (G11). The latest keys are now the H's 40, so the victim is the
     * first of them, pCPU 0, and N's 30 beats it (L's 30 would not).</li>
     * <li>25: the pool switches to DM (G15; no queue to re-sort); the keys are now periods: H 20, L 30. 25.5: the
     * latest key, L's 30, is on pCPU 128, which M may not use; among M's candidates the victim is the first of the H's
     * 20, pCPU 0 (its quantum, moved to 25.5 by N, comes first and keeps its H, M2), and M's period 10 beats it.
     * 25.7, before pCPUs 1-127 decide again: Q may use any pCPU, so the victim is L's, 128, and Q's 10 beats 30.</li>
     * </ul>
     * The H's are left out of the log: which H each of pCPUs 0-127 runs depends on the order of the boot decisions.
     */
    @Test
    void globalTickle_largeHost_victimIsTheLatestKeyAfterRefillsAndASchemeSwitch() {
        Scenario s = host(129, 30, "rtglobal", ServerKind.DEFERRABLE)
                .domain("H", null, 128, ms(20, 20), IntStream.range(0, 128).boxed().toList(), busy())
                .domain("L", null, 1, ms(30, 25), List.of(128), busy())
                .domain("N", ms(10, 5), periodic(18 * MS, 1 * MS, 2_500_000))
                .domain("M", null, 1, ms(10, 5), IntStream.range(0, 128).boxed().toList(),
                        periodic(100 * MS, 1 * MS, 25_500_000))
                .domain("Q", ms(10, 5), periodic(100 * MS, 1 * MS, 25_700_000))
                .commands(new Command.AdjustPool(25 * MS, "sched-rtglobal -s RM", "Pool-0",
                        new Rtxen2PoolParams(Priority.DM, ServerKind.DEFERRABLE, Quirks.FULL_FEATURE))).build();
        assertEquals(List.of("0 p128 L", "2500 p128 N", "3500 p128 L", "20500 p0 N", "25500 p0 M",
                "25700 p128 Q"),
                log(s, 26 * MS).stream().filter(e -> !e.contains(" H.")).toList());
    }

    /**
     * G2, G11, G12: rtglobal's version of {@link #partitioned_servedVcpuMigratedBeforeItsPcpuDecides_newPcpuDecidesAtOnce}
     * with a guest that stays idle. Periodic server, EDF, two pCPUs, a context switch costs 100 us. H (10ms/10ms hog,
     * pinned to pCPU 0) runs there from 0. V (5ms/2ms, pinned to pCPU 0, guest idle) is created at 2 ms: deadline 5
     * (G4) beats H's 10 (G12), so pCPU 0 decides at once and serves V while running idle, switching H out until 2.1.
     * At 2.05 V is pinned to pCPU 1: it sleeps (its pCPU, still switching, decides only at 2.1), migrates at once and
     * competes again (G2): charged 50 us there, it is served nowhere and queued; its own pCPU 1 is idle and decides at
     * once (G12.1), serving V while idle (no switch). At 2.1 H's context_saved queues H and tickles its idle pCPU 0
     * (G11, G12.1), which takes H back. V's quanta on pCPU 1 at 3.05 and 4.05 charge 1 ms each: empty at 4.05 (G6.7).
     */
    @Test
    void global_servedVcpuPinnedAwayWhileItsPcpuSwitches_isServedOnItsNewPcpu() {
        Scenario s = host(2, 5, "rtglobal", ServerKind.PERIODIC)
                .domain("H", null, 1, ms(10, 10), List.of(0), busy())
                .domain(new DomainSpec("V", false, null, 1, ms(5, 2), List.of(0), List.of(), 2 * MS,
                        periodic(100 * MS, 1 * MS, 50 * MS)))
                .commands(new Command.PinVcpu(2_050_000, "vcpu-pin V 0 1", "V", 0, List.of(1)))
                .overheads(new Overheads(0, 100_000, 0)).build();
        assertEquals(List.of("0 p0 H", "2000 p0 idle", "2100 p0 H", "4050 V empty"), log(s, 5 * MS));
    }
}
