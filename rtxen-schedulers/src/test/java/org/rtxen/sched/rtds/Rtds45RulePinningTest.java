package org.rtxen.sched.rtds;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.params.provider.EnumSource;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.command.Command;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.SwitchLog;

/**
 * RTDS 4.5 ({@link Rtds45Scheduler}, spec R44) and the pre-4.10 tickle ({@link LegacyTickle}): whole schedules that
 * PIT found unpinned, each derived by hand from R44, E1-E5 and T3. Facts used throughout: every VCPU starts blocked on
 * pCPU 0 (a one-VCPU domain; VCPU i of a domain on pCPU i) and its guest wakes it at 0 if it has work, in declaration
 * order; insertion gives every VCPU the deadline {@code period} and a full budget before the log starts (R13); a
 * decision runs the chosen VCPU for one quantum of {@code min(budget, 1 ms)} and charges it at the next decision,
 * clamping at 0 (E2); the queue is in deadline order with ties LIFO, and the current VCPU is kept on ties (R44); a
 * pCPU that becomes idle re-runs when the earliest depleted deadline passes (E1, docs/fidelity.md). Budget exhaustions
 * read {@code "<µs> <VCPU> empty"}, refills {@code "<µs> <VCPU> full"}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Rtds45RulePinningTest {
    /** Runs {@code s} with the invariant checker and returns its switches, exhaustions and refills before {@code untilMs}. */
    private static List<String> log(Scenario s, long untilMs) {
        SwitchLog r = new SwitchLog(untilMs * MS, "empty", "full");
        Simulation.of(s, pool -> RtdsPoolParams.variantOf(pool.params()).newScheduler())
                .trace(r).observe(new InvariantChecker()).run();
        return r.entries();
    }

    private static ScenarioBuilder host45(int pcpus, long durationMs) {
        return ScenarioBuilder.host(pcpus, durationMs * MS).scheduler("rtds", new RtdsPoolParams(RtdsVariant.V4_5));
    }

    private static List<String> schedule(String entries) {
        return List.of(entries.split("; "));
    }

    /**
     * R44 ties: three hogs A, B, C, 10ms/3ms, all deadline 10, woken at 0 in that order; each goes in front of its
     * equals (LIFO), so the queue is C, B, A. C runs 0-3 and is kept at the decisions at 1 and 2 although B ties with
     * it; B 3-6, A 6-9; then nothing has budget until the refills at 10. (FIFO ties would run A first; not keeping
     * the current VCPU would switch at 1.)
     */
    @Test
    void ties_queueLifo_andKeepTheCurrentVcpu() {
        Scenario s = host45(1, 10)
                .domain("A", rtds(10, 3, false), busy())
                .domain("B", rtds(10, 3, false), busy())
                .domain("C", rtds(10, 3, false), busy()).build();
        assertEquals(schedule("0 p0 C; 3000 C empty; 3000 p0 B; 6000 B empty; 6000 p0 A; 9000 A empty; 9000 p0 idle"),
                log(s, 10));
    }

    /**
     * R44's scan of the run queue, and E3. One pCPU, W 10ms/3ms then A 10ms/10ms, hogs: the queue is A, W (LIFO). A
     * runs 0-10 (kept on the tie at every quantum) and is empty at 10; the scan at 10 finds W, waiting on the run queue
     * with its budget, at its deadline and refills it (deadline 20); W runs 10-13, and A, requeued at context_saved, is
     * refilled there by its scan (deadline 20). A runs 13-20 with 3 ms left; at 20 W is refilled from the depleted
     * queue (deadline 30), but A, running, is not (E3) and is kept on its old deadline 20 until its budget ends at 23;
     * context_saved's scan then refills it (deadline 30, 3 ms late: 20 + 10 x (3/10 + 1), R11); W 23-26, A 26-32 (6
     * ms); at 30 W is refilled and A, current with 4 ms, is kept (deadline 30 before W's 40) to 36.
     */
    @Test
    void scan_refillsTheRunqAtItsDeadline_butNotTheRunningVcpu() {
        Scenario s = host45(1, 40)
                .domain("W", rtds(10, 3, false), busy())
                .domain("A", rtds(10, 10, false), busy()).build();
        assertEquals(schedule("0 p0 A; 10000 A empty; 10000 W full; 10000 p0 W; 10000 A full; 13000 W empty; 13000 p0 A;"
                + " 20000 W full; 23000 A empty; 23000 p0 W; 23000 A full; 26000 W empty; 26000 p0 A; 30000 W full;"
                + " 36000 A empty; 36000 p0 W; 36000 A full; 39000 W empty; 39000 p0 A"), log(s, 40));
    }

    /**
     * R11 / T2 after a long block: W 10ms/2ms with a 1 ms job every 25 ms. W runs 0-1 and blocks with deadline 10; it
     * wakes at 25, 15 ms past that deadline: one refill, deadline 10 + 10 x (15/10 + 1) = 30; it runs 25-26.
     */
    @Test
    void wakeSeveralPeriodsLate_refillsOnceOntoTheGrid() {
        Scenario s = host45(1, 40).domain("W", rtds(10, 2, false), periodic(25 * MS, MS, 0)).build();
        assertEquals(schedule("0 p0 W; 1000 p0 idle; 25000 W full; 25000 p0 W; 26000 p0 idle"), log(s, 40));
    }

    /**
     * R44 wake without a missed deadline, E1 and E2: W 10ms/2.5ms with a 2.7 ms job every 7 ms. W runs quanta 0-1 and
     * 1-2, then blocks at 2.7 with its job done; charged 2.7, clamped: empty. The job at 7 wakes it before its deadline
     * 10: no refill (R28.5), W goes to the depleted queue, and the idle pCPU re-runs at 10, where W is refilled and
     * runs 10-12.7, empty again; the job at 14 waits for the refill at 20 in the same way.
     */
    @Test
    void wakeBeforeTheDeadlineWithoutBudget_waitsForTheRefill() {
        Scenario s = host45(1, 21)
                .domain("W", new RtdsParams(10 * MS, 2_500_000L, false, List.of()), periodic(7 * MS, 2_700_000L, 0))
                .build();
        assertEquals(schedule("0 p0 W; 2700 W empty; 2700 p0 idle; 10000 W full; 10000 p0 W; 12700 W empty;"
                + " 12700 p0 idle; 20000 W full; 20000 p0 W"), log(s, 21));
    }

    /**
     * E1 (the idle pCPU re-runs at the earliest depleted deadline), re-armed by every decision's scan. One pCPU; D1
     * 10ms/1ms with a 1.5 ms job every 20 ms, D2 13ms/1ms a hog, G 20ms/15ms with a 9.5 ms job every 20 ms; deadlines
     * 10, 13, 20. The hog D2 wakes as the guests start and pCPU 0 takes it at 0 before the job releases at 0 wake D1
     * and G (guest events come after decisions at one instant); D1, the head with a deadline before D2's, has pCPU 0
     * tickled (the third step) and preempts D2 at once. D1 runs 0-1 and D2 1-2, both empty (depleted queue); G runs
     * from 2 in whole-millisecond quanta. At 10 the re-run finds the pCPU busy; the decision at 10 refills D1 (deadline
     * 20, tied with G, which is kept). G's job ends at 11.5: D1 finishes its job 11.5-12 and blocks with 0.5 ms left;
     * the pCPU idles. At 13, D2's deadline, the idle pCPU re-runs: D2 is refilled and runs 13-14. (Without the re-run
     * D2 waits for the wakes at 20.)
     */
    @Test
    void idlePcpu_reRunsAtTheNextDepletedDeadline() {
        Scenario s = host45(1, 15)
                .domain("D1", rtds(10, 1, false), periodic(20 * MS, 1_500_000L, 0))
                .domain("D2", rtds(13, 1, false), busy())
                .domain("G", rtds(20, 15, false), periodic(20 * MS, 9_500_000L, 0)).build();
        assertEquals(schedule("0 p0 D2; 0 p0 D1; 1000 D1 empty; 1000 p0 D2; 2000 D2 empty; 2000 p0 G; 10000 D1 full;"
                + " 11500 p0 D1; 12000 p0 idle; 13000 D2 full; 13000 p0 D2; 14000 D2 empty; 14000 p0 idle"), log(s, 15));
    }

    /**
     * R44 wake's scan and E4 (the run queue's head is tickled, not the woken VCPU). One pCPU: D 10.5ms/2ms and H
     * 30ms/25ms, hogs; W 40ms/1ms with a 1 ms job at 10.5. D runs 0-2 and is empty; H runs from 2 in quanta ending on
     * whole milliseconds. At 10.5 W wakes (deadline 40, later than H's 30); the wake's scan refills D (deadline 21),
     * which is now the head, and D's deadline beats H's, so H's pCPU is tickled and D runs from 10.5. (Without the scan
     * D waits for H's quantum to end at 11.)
     */
    @Test
    void wake_scansTheQueues_andTicklesTheHead() {
        Scenario s = host45(1, 12)
                .domain("D", new RtdsParams(10_500_000L, 2 * MS, false, List.of()), busy())
                .domain("H", rtds(30, 25, false), busy())
                .domain("W", rtds(40, 1, false), periodic(40 * MS, MS, 10_500_000L)).build();
        assertEquals(schedule("0 p0 D; 2000 D empty; 2000 p0 H; 10500 D full; 10500 p0 D"), log(s, 12));
    }

    /**
     * E5: the tickle's first step takes the VCPU's own pCPU when it is idle, even if already tickled. Two pCPUs; X
     * and Y 10ms/2ms hogs, both on pCPU 0. X wakes: pCPU 0 is tickled. Y wakes, goes in front of X (LIFO ties) and
     * its own pCPU 0 is still idle, so pCPU 0 again; pCPU 1 is never tickled.
     * <ul>
     * <li>4.7 (T5: an idle pCPU runs its scheduler only when tickled): Y runs 0-2 on pCPU 0 and X 2-4 after it,
     * while pCPU 1 idles. (Skipping a tickled pCPU would send Y to pCPU 1.)</li>
     * <li>4.5 (E1: an idle pCPU re-runs its scheduler continuously, modelled as a re-run of every idle pCPU at each
     * wake): pCPU 1 re-runs at 0 too and takes X, so both run 0-2.</li>
     * </ul>
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "V4_7 | 0 p0 Y; 2000 Y empty; 2000 p0 X; 4000 X empty; 4000 p0 idle",
        "V4_5 | 0 p0 Y; 0 p1 X; 2000 Y empty; 2000 p0 idle; 2000 X empty; 2000 p1 idle"})
    void tickle_ownIdlePcpuFirst_evenIfAlreadyTickled(RtdsVariant variant, String expected) {
        Scenario s = ScenarioBuilder.host(2, 10 * MS).scheduler("rtds", new RtdsPoolParams(variant))
                .domain("X", rtds(10, 2, false), busy())
                .domain("Y", rtds(10, 2, false), busy()).build();
        assertEquals(schedule(expected), log(s, 10));
    }

    /**
     * E5 (step 1 on another pCPU): domain D has two VCPUs, 10ms/3ms hogs, D.0 on pCPU 0 and D.1 on pCPU 1. D.0 wakes:
     * its own pCPU 0 is idle, tickled. D.1 wakes, goes in front (LIFO) and its own pCPU 1 is idle: tickled. pCPU 0
     * decides first and takes the head D.1, pCPU 1 takes D.0; both run 0-3.
     */
    @Test
    void tickle_ownIdlePcpu_isTheVcpusOwn() {
        Scenario s = host45(2, 10).domain("D", null, 2, rtds(10, 3, false), List.of(), busy()).build();
        assertEquals(schedule("0 p0 D.1; 0 p1 D.0; 3000 D.1 empty; 3000 p0 idle; 3000 D.0 empty; 3000 p1 idle"),
                log(s, 10));
    }

    /**
     * The tickle's second step: the first idle pCPU that is not tickled, in increasing id order. Four pCPUs; A and B
     * 20ms/18ms hogs pinned to pCPUs 0 and 1 (woken at 0, each the head when it wakes: both tickled, both run from 0).
     * Domain D, two VCPUs 10ms/2ms, hogs, is created at 1 with D.0 on pCPU 0 and D.1 on pCPU 1, both refilled at their
     * insertion (deadline 10, R13), and both wake in that one event, before any pCPU decides. D.0 is the head: its pCPU
     * 0 is busy, pCPU 1 busy, so pCPU 2 (idle). D.1 is then the head (LIFO): pCPUs 0 and 1 busy, pCPU 2 already
     * tickled, so pCPU 3. pCPU 2 takes the head D.1 and pCPU 3 D.0; both run 1-3. (Not skipping tickled pCPUs would
     * tickle pCPU 2 twice and leave D.0 waiting to 3.) The same holds in 4.7 (R45), whose wake tickles the woken VCPU
     * itself with the same three steps and whose slice is the 2 ms of budget left.
     */
    @ParameterizedTest
    @EnumSource(value = RtdsVariant.class, names = {"V4_5", "V4_7"})
    void tickle_firstIdleNotTickledPcpu_inIdOrder(RtdsVariant variant) {
        Scenario s = ScenarioBuilder.host(4, 5 * MS).scheduler("rtds", new RtdsPoolParams(variant))
                .domain("A", null, 1, rtds(20, 18, false), List.of(0), busy())
                .domain("B", null, 1, rtds(20, 18, false), List.of(1), busy())
                .domain(new DomainSpec("D", false, null, 2, rtds(10, 2, false), List.of(), List.of(), MS, busy()))
                .build();
        assertEquals(schedule("0 p0 A; 0 p1 B; 1000 D.0 full; 1000 D.1 full; 1000 p2 D.1; 1000 p3 D.0; 3000 D.1 empty;"
                + " 3000 p2 idle; 3000 D.0 empty; 3000 p3 idle"), log(s, 5));
    }

    /**
     * The tickle's third step: no idle pCPU, so the pCPU of the latest-deadline running VCPU (the first of equal ones).
     * Three pCPUs; L1 and L2 100ms/90ms pinned to pCPUs 1 and 2 and M 20ms/18ms pinned to pCPU 0, hogs, woken at 0 in
     * that order: each is the head when it wakes (R44's wake tickles the head, E4), so each one's own idle pCPU is
     * tickled and all three run from 0. W 10ms/2ms has a 2 ms job at 1. At 1 the latest deadline is 100, first on pCPU
     * 1, and W's 10 is earlier: W runs 1-3 on pCPU 1 and L1 resumes at 3.
     */
    @Test
    void tickle_noIdlePcpu_preemptsTheFirstLatestDeadline() {
        Scenario s = host45(3, 5)
                .domain("L1", null, 1, rtds(100, 90, false), List.of(1), busy())
                .domain("L2", null, 1, rtds(100, 90, false), List.of(2), busy())
                .domain("M", null, 1, rtds(20, 18, false), List.of(0), busy())
                .domain("W", rtds(10, 2, false), periodic(10 * MS, 2 * MS, MS)).build();
        assertEquals(schedule("0 p0 M; 0 p1 L1; 0 p2 L2; 1000 p1 W; 3000 W empty; 3000 p1 L1"), log(s, 5));
    }

    /**
     * The third step preempts only a strictly later deadline. One pCPU; L 10ms/2.5ms, a hog, runs quanta 0-1, 1-2
     * and 2-3 and is charged 3 ms, clamped (E2): empty at 3. W 10ms/1ms wakes at 1.5 with the same deadline 10: no
     * tickle, so L's quantum is not cut; W runs 3-4. (A tickle at 1.5 would restart L's quanta there: empty at 2.5.)
     */
    @Test
    void tickle_equalDeadline_neverPreempts() {
        Scenario s = host45(1, 5)
                .domain("L", new RtdsParams(10 * MS, 2_500_000L, false, List.of()), busy())
                .domain("W", rtds(10, 1, false), periodic(10 * MS, MS, 1_500_000L)).build();
        assertEquals(schedule("0 p0 L; 3000 L empty; 3000 p0 W; 4000 W empty; 4000 p0 idle"), log(s, 5));
    }

    /**
     * R29 (R44's sleep): pausing the running VCPU raises SCHEDULE on its pCPU at once. One pCPU; A 10ms/4ms and B
     * 20ms/4ms, hogs. A runs from 0 and is paused at 1.5 (charged 1.5: 2.5 left); B runs 1.5-5. Unpaused at 5, A
     * (deadline 10 before B's 20) is tickled in and runs three quanta 5-8, charged 3 and clamped: empty at 8. B has 0.5
     * ms: one more quantum 8-9, empty. (Without the tickle A would run to the end of its quantum at 2.)
     */
    @Test
    void sleep_ofTheRunningVcpu_reschedulesAtOnce() {
        Scenario s = host45(1, 10)
                .domain("A", rtds(10, 4, false), busy())
                .domain("B", rtds(20, 4, false), busy())
                .commands(new Command.Pause(1_500_000L, "pause A", "A"), new Command.Unpause(5 * MS, "unpause A", "A"))
                .build();
        assertEquals(schedule("0 p0 A; 1500 p0 B; 5000 p0 A; 8000 A empty; 8000 p0 B; 9000 B empty; 9000 p0 idle"),
                log(s, 10));
    }

    /**
     * R44's sleep (R29 without replq): pausing a queued VCPU takes it off the run queue. One pCPU, hogs: C 5ms/2ms, B
     * 8ms/2ms, A 10ms/4ms (deadlines 5, 8, 10; queue C, B, A). B is paused at 1 while queued. C runs 0-2; A 2-6 (B is
     * gone); the decision at 5 (end of A's quantum) refills C (deadline 10), and A, tied with it, is kept (R44) and
     * runs to 6; C runs 6-8.
     */
    @Test
    void sleep_ofAQueuedVcpu_takesItOffTheRunQueue() {
        Scenario s = host45(1, 10)
                .domain("C", rtds(5, 2, false), busy())
                .domain("B", rtds(8, 2, false), busy())
                .domain("A", rtds(10, 4, false), busy())
                .commands(new Command.Pause(MS, "pause B", "B")).build();
        assertEquals(schedule("0 p0 C; 2000 C empty; 2000 p0 A; 5000 C full; 6000 A empty; 6000 p0 C; 8000 C empty;"
                + " 8000 p0 idle"), log(s, 10));
    }

    /**
     * remove of a VCPU on no queue leaves the queues alone. One pCPU; A 10ms/2ms and B 10ms/4ms, hogs (queue B, A);
     * C has no work before 50 ms and stays blocked. B runs 0-4, A 4-6; both wait in the depleted queue. C is destroyed
     * at 7. At 10 both are refilled (A first, the depleted queue's front) and B, then in front (LIFO), runs.
     */
    @Test
    void destroyOfAnUnqueuedVcpu_keepsTheDepletedQueue() {
        Scenario s = host45(1, 11)
                .domain("A", rtds(10, 2, false), busy())
                .domain("B", rtds(10, 4, false), busy())
                .domain("C", rtds(10, 2, false), periodic(100 * MS, MS, 50 * MS))
                .commands(new Command.Destroy(7 * MS, "destroy C", "C")).build();
        assertEquals(schedule("0 p0 B; 4000 B empty; 4000 p0 A; 6000 A empty; 6000 p0 idle; 10000 A full; 10000 B full;"
                + " 10000 p0 B"), log(s, 11));
    }

    /**
     * A 4.5 pool may lose a pCPU at run time: two pCPUs, A 10ms/4ms on pCPU 0; pCPU 1 (idle) leaves the pool at 1
     * and A runs on, 0-4.
     */
    @Test
    void cpupoolCpuRemove_isAllowed() {
        Scenario s = host45(2, 10).domain("A", rtds(10, 4, false), busy())
                .commands(new Command.RemoveCpu(MS, "cpupool-cpu-remove Pool-0 1", "Pool-0", 1)).build();
        assertEquals(schedule("0 p0 A; 4000 A empty; 4000 p0 idle"), log(s, 10));
    }
}
