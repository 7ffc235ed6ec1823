package org.rtxen.sched.rtds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.sched.ScenarioBuilder.MS;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.periodic;
import static org.rtxen.sched.ScenarioBuilder.rtds;
import static org.rtxen.sched.Runs.checked;
import static org.rtxen.sched.Runs.domain;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.Domain;
import org.rtxen.model.Overheads;
import org.rtxen.model.Scenario;
import org.rtxen.model.command.Command;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;
import org.rtxen.sched.SwitchLog;

/**
 * Schedules that hold only while one particular RTDS rule holds: each test fails when its rule is broken
 * (checked by breaking the rule in RtdsScheduler, one at a time). Expected values derived by hand below.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RtdsRulePinningTest {
    /**
     * Runs {@code s} with the invariant checker and returns its switches, exhaustions ({@code "<µs> <VCPU> empty"})
     * and refills ({@code "full"}) before {@code untilMs}.
     */
    private static List<String> log(Scenario s, long untilMs) {
        SwitchLog r = new SwitchLog(untilMs * MS, "empty", "full");
        Simulation.of(s, Schedulers.factory()).trace(r).observe(new InvariantChecker()).run();
        return r.entries();
    }

    private static List<String> schedule(String entries) {
        return List.of(entries.split("; "));
    }

    /**
     * R13, R9.3, R15 as traced: one pCPU, A 10ms/4ms without extratime, a hog. Inserted at 0 (before the log starts),
     * A gets deadline 10 and 4 ms; it wakes at 0 before its deadline, so no refill (R28.5), runs 0-4 and is depleted;
     * the replenishment at 10 refills it and it runs 10-14. (A refill at the wake would log "0 A full".)
     */
    @Test
    void hogWithoutExtratime_exhaustsAndIsRefilledOnItsGrid() {
        Scenario s = ScenarioBuilder.host(1, 15 * MS).domain("A", rtds(10, 4, false), busy()).build();
        assertEquals(schedule("0 p0 A; 4000 A empty; 4000 p0 idle; 10000 A full; 10000 p0 A; 14000 A empty;"
                + " 14000 p0 idle"), log(s, 15));
    }

    /**
     * R15 and R30 with M3: a depleted VCPU refilled while it is still being switched out goes to the run queue when
     * its context is saved, and runs again at once. One pCPU, 100 us per context switch; A, a hog without extratime,
     * 2.05ms/2ms. A is chosen at 0 and charged from then (R9): it is empty at 2 ms, depleted, and the pCPU switches
     * to idle, A's context being saved at 2.1 ms (it is marked to be queued then, being runnable). Its deadline, 2.05
     * ms, falls inside that switch: the handler refills it (deadline 4.1 ms) although it is neither current nor
     * queued. At 2.1 ms A, with a budget again, is queued on the run queue (not the depleted queue) and tickles the
     * idle pCPU, which switches to it. (Without the refill's reaching A, or without context_saved's queue and tickle,
     * the pCPU would idle until 4.1 ms.)
     */
    @Test
    void replenish_duringTheSwitchOutOfADepletedVcpu_letsItRunAgainOnceItsContextIsSaved() {
        Scenario s = ScenarioBuilder.host(1, 4 * MS).overheads(new Overheads(0, 100_000, 0))
                .domain("A", new RtdsParams(2_050_000, 2 * MS, false, List.of()), busy()).build();
        assertEquals(schedule("0 p0 A; 2000 A empty; 2000 p0 idle; 2050 A full; 2100 p0 A"), log(s, 4));
    }

    /**
     * R29: pausing a queued VCPU takes it off the run queue. One pCPU, hogs without extratime: C 5ms/2ms, B 8ms/2ms, A
     * 10ms/4ms (deadlines 5, 8, 10; queue C, B, A). B is paused at 1 while queued. C runs 0-2; A 2-6 (B is gone); at 5
     * C is refilled (deadline 10, tied with the running A, so no preemption, R20) and runs 6-8 after A. (A paused VCPU
     * left on the run queue would be found not runnable at 2 and the pCPU would idle until C's refill at 5.)
     */
    @Test
    void sleep_ofAQueuedVcpu_takesItOffTheRunQueue() {
        Scenario s = ScenarioBuilder.host(1, 10 * MS)
                .domain("C", rtds(5, 2, false), busy())
                .domain("B", rtds(8, 2, false), busy())
                .domain("A", rtds(10, 4, false), busy())
                .commands(new Command.Pause(MS, "pause B", "B")).build();
        assertEquals(schedule("0 p0 C; 2000 C empty; 2000 p0 A; 5000 C full; 6000 A empty; 6000 p0 C; 8000 C empty;"
                + " 8000 p0 idle"), log(s, 10));
    }

    /**
     * R36 as in 4.17: switching extratime on only sets the flag, so a VCPU already depleted waits on the depleted queue
     * for its next replenishment (R15). One pCPU, hogs without extratime, A 10ms/2ms and B 10ms/6ms (queue A, B: ties
     * FIFO). A runs 0-2 and is depleted; B runs 2-8. At 3 xl turns A's extratime on: A stays depleted, so the pCPU
     * idles 8-10. At 10 both are refilled (level 0, deadline 20) and moved to the run queue in replq order, A then B;
     * the refill of a depleted VCPU tickles (R15.3) and A, first of the tie, runs. (With the 2026 fix 37b49cb48e, not
     * in 4.17, A would get level 1's budget at 3 and run 8-10.)
     */
    @Test
    void extratimeSwitchedOn_forADepletedVcpu_waitsForItsReplenishment() {
        Scenario s = ScenarioBuilder.host(1, 11 * MS)
                .domain("A", rtds(10, 2, false), busy())
                .domain("B", rtds(10, 6, false), busy())
                .commands(new Command.AdjustDomain(3 * MS, "sched-rtds -d A -v all -p 10000 -b 2000 -e 1", "A",
                        rtds(10, 2, true))).build();
        assertEquals(schedule("0 p0 A; 2000 A empty; 2000 p0 B; 8000 B empty; 8000 p0 idle; 10000 A full;"
                + " 10000 B full; 10000 p0 A"), log(s, 11));
    }

    /**
     * R19's scan is cyclic: from the VCPU's own pCPU up, then from pCPU 0. Two pCPUs; H 20ms/18ms, a hog pinned to
     * pCPU 1, runs there from 0. W 10ms/2ms, created pinned to pCPU 1 (so placed there, R24) and unpinned at 1 while
     * blocked (it stays on pCPU 1), has a 2 ms job at 2: from pCPU 1 no idle pCPU, then pCPU 0 is idle, so W runs there
     * 2-4 and H is not preempted. (Without the wrap W would preempt H on pCPU 1, R20.)
     */
    @Test
    void tickle_idleScanWrapsToPcpu0() {
        Scenario s = ScenarioBuilder.host(2, 5 * MS)
                .domain("H", null, 1, rtds(20, 18, false), List.of(1), busy())
                .domain("W", null, 1, rtds(10, 2, false), List.of(1), periodic(10 * MS, 2 * MS, 2 * MS))
                .commands(new Command.PinVcpu(MS, "vcpu-pin W 0 all", "W", 0, List.of(0, 1))).build();
        assertEquals(schedule("0 p1 H; 2000 p0 W; 4000 W empty; 4000 p0 idle"), log(s, 5));
    }

    /**
     * R29: pausing the running VCPU raises SCHEDULE on its pCPU at once. One pCPU, hogs without extratime: A 10ms/4ms
     * and B 20ms/4ms. A runs from 0 and is paused at 1.5 (charged 1.5: 2.5 ms left); B runs 1.5-5. Unpaused at 5, A
     * (deadline 10, before B's 20) wakes without a refill (R28.5), preempts B (R20) and runs its 2.5 ms, 5-7.5; B its
     * last 0.5 ms, 7.5-8. (Without the tickle A would run on to the end of its slice at 4, paused.)
     */
    @Test
    void sleep_ofTheRunningVcpu_reschedulesAtOnce() {
        Scenario s = ScenarioBuilder.host(1, 10 * MS)
                .domain("A", rtds(10, 4, false), busy())
                .domain("B", rtds(20, 4, false), busy())
                .commands(new Command.Pause(1_500_000L, "pause A", "A"), new Command.Unpause(5 * MS, "unpause A", "A"))
                .build();
        assertEquals(schedule("0 p0 A; 1500 p0 B; 5000 p0 A; 7500 A empty; 7500 p0 B; 8000 B empty; 8000 p0 idle"),
                log(s, 10));
    }

    /**
     * R11 / T2 after a long block: W 10ms/2ms with a 1 ms job every 25 ms, H 50ms/40ms a hog. H wakes as the guests
     * start and pCPU 0 takes it at 0; W's job release at 0 comes after that decision (guest events follow decisions at
     * one instant) and W (deadline 10) preempts H at once (R20), runs 0-1 and blocks; H runs from 1. W wakes at 25, 15
     * ms past its deadline: one refill, deadline 10 + 10 x (15/10 + 1) = 30, before H's 50, so W preempts H, 25-26.
     */
    @Test
    void wakeSeveralPeriodsLate_refillsOnceOntoTheGrid() {
        Scenario s = ScenarioBuilder.host(1, 30 * MS)
                .domain("W", rtds(10, 2, false), periodic(25 * MS, MS, 0))
                .domain("H", rtds(50, 40, false), busy()).build();
        assertEquals(schedule("0 p0 H; 0 p0 W; 1000 p0 H; 25000 W full; 25000 p0 W; 26000 p0 H"), log(s, 30));
    }

    /**
     * R30.2: a VCPU preempted while runnable is queued at context_saved and tickled. Two pCPUs; A 10ms/8ms, a hog,
     * runs on pCPU 0 from 0; W 5ms/1ms, pinned to pCPU 0, has a 1 ms job at 1. W's only candidate, pCPU 0, runs A with
     * a later deadline: W preempts A there (R20). A's context_saved queues it and tickles it: pCPU 1 is idle, so A runs
     * on at once there. W's job takes its whole budget: empty at 2 (R9.3). (Without that tickle A waits for pCPU 0
     * at 2.)
     */
    @Test
    void contextSaved_ticklesThePreemptedVcpu() {
        Scenario s = ScenarioBuilder.host(2, 3 * MS)
                .domain("A", rtds(10, 8, false), busy())
                .domain("W", null, 1, rtds(5, 1, false), List.of(0), periodic(5 * MS, MS, MS)).build();
        assertEquals(schedule("0 p0 A; 1000 p0 W; 1000 p1 A; 2000 W empty; 2000 p0 idle"), log(s, 3));
    }

    /**
     * R25.4 / E8: the current VCPU is kept only if it strictly beats the runq head; on a tie the queued one runs.
     * One pCPU, 10 ms run, A and B both 10ms/4ms with extratime, always runnable, A declared first (FIFO, R5).
     * 0-4 A at level 0; at 4 A is exhausted, drops to level 1 with a fresh 4 ms (R42); B (level 0) wins and runs
     * 4-8, then drops to level 1 too. At 8 both are level 1 with deadline 10: a tie, so the queued A runs 8-10.
     * A 6 ms, B 4 ms. (Keeping the current on ties would give B 4-10: A 4 ms, B 6 ms.)
     */
    @Test
    void schedule_tieWithRunqHead_switchesToTheQueuedVcpu() {
        SimulationResult r = checked(ScenarioBuilder.host(1, 10 * MS)
                .domain("A", rtds(10, 4, true), busy())
                .domain("B", rtds(10, 4, true), busy()).build());
        assertEquals(6 * MS, domain(r, "A").runNs());
        assertEquals(4 * MS, domain(r, "B").runNs());
    }

    /**
     * R19/R20: with no idle pCPU, a waking VCPU tickles the pCPU running the lowest-priority VCPU (latest
     * deadline), and only if that VCPU is of lower priority than the waker. Two pCPUs, 10 ms run: hogs L
     * 100ms/90ms (deadline 100) and H 20ms/18ms (deadline 20) each occupy a pCPU from 0; W 10ms/2ms (deadline 10)
     * has a task released at 1 ms needing 2 ms. At 1 W wakes with the earliest deadline; the victim is L's pCPU,
     * so W runs 1-3 there and L resumes at 3: L runs 8 ms, H all 10 ms, W 2 ms. (Tickling H's pCPU, the
     * higher-priority one, would give L 10 ms and H 8 ms.)
     */
    @Test
    void tickle_noIdlePcpu_preemptsTheLatestDeadline() {
        SimulationResult r = checked(ScenarioBuilder.host(2, 10 * MS)
                .domain("L", rtds(100, 90, false), busy())
                .domain("H", rtds(20, 18, false), busy())
                .domain("W", rtds(10, 2, false), periodic(10 * MS, 2 * MS, 1 * MS)).build());
        assertEquals(8 * MS, domain(r, "L").runNs());
        assertEquals(10 * MS, domain(r, "H").runNs());
        assertEquals(2 * MS, domain(r, "W").runNs());
    }

    /**
     * R19/R20 on a host above {@link RtdsScheduler#RANKED_ABOVE} pCPUs, where the victim comes from the pCPU ranking:
     * 40 pCPUs, 10 ms run. 39 hogs H 20ms/18ms (deadline 20) and one hog L 100ms/90ms (deadline 100) keep every pCPU
     * busy from 0 (none exhausts its budget before 18); W 10ms/2ms (deadline 10) has a task released at 1 ms needing
     * 2 ms. At 1 no pCPU is idle and L's is the only one running a deadline later than W's: W runs 1-3 there and L
     * resumes at 3. L 8 ms, every H 10 ms, W 2 ms. (Any other victim leaves L 10 ms and one H 8 ms.)
     */
    @Test
    void tickle_largeHostNoIdlePcpu_preemptsTheLatestDeadline() {
        ScenarioBuilder b = ScenarioBuilder.host(40, 10 * MS);
        for (int i = 0; i < 39; i++) b.domain("H" + i, rtds(20, 18, false), busy());
        SimulationResult r = checked(b.domain("L", rtds(100, 90, false), busy())
                .domain("W", rtds(10, 2, false), periodic(10 * MS, 2 * MS, 1 * MS)).build());
        assertEquals(8 * MS, domain(r, "L").runNs());
        for (int i = 0; i < 39; i++) assertEquals(10 * MS, domain(r, "H" + i).runNs(), "H" + i);
        assertEquals(2 * MS, domain(r, "W").runNs());
    }

    /**
     * R20 on the ranked path: equal priority never preempts. 40 pCPUs, 10 ms run, 40 hogs 20ms/18ms (deadline 20)
     * busy from 0; W 20ms/2ms, inserted at 0 too, so its deadline is also 20 (R13), has a task released at 1 ms. At 1
     * the lowest-priority running VCPU ties with W, so no pCPU is tickled, and no hog's pCPU decides again before its
     * budget runs out at 18: W gets nothing in 10 ms and every hog 10 ms. (Preempting on a tie gives W 2 ms.)
     */
    @Test
    void tickle_largeHostEqualDeadlines_neverPreempts() {
        ScenarioBuilder b = ScenarioBuilder.host(40, 10 * MS);
        for (int i = 0; i < 40; i++) b.domain("H" + i, rtds(20, 18, false), busy());
        SimulationResult r = checked(b.domain("W", rtds(20, 2, false), periodic(20 * MS, 2 * MS, 1 * MS)).build());
        assertEquals(0, domain(r, "W").runNs());
        for (int i = 0; i < 40; i++) assertEquals(10 * MS, domain(r, "H" + i).runNs(), "H" + i);
    }

    /**
     * R15.3: a running VCPU whose replenishment makes it lose to the run queue's head tickles that head, so its pCPU
     * decides at once instead of at the end of the running VCPU's slice. One pCPU, 11 ms. W: 15ms/3ms, hog, deadline
     * 15 (R13). A: 10ms/10ms, deadline 10, a task released at 2 ms needing 20 ms. W runs 0-2; at 2 A wakes with its full
     * 10 ms budget and the earlier deadline and preempts W (R28, R20); its slice runs to 12 (R25.7). At 10 A is
     * replenished in place (deadline 20, R16) and now loses to W (deadline 15, 1 ms left), so W is tickled and runs
     * 10-11: W 3 ms, A 8 ms. (Without the tickle A keeps the pCPU to 11: W 2 ms, A 9 ms.)
     */
    @Test
    void replenish_currentNowBelowTheRunqHead_tickles() {
        SimulationResult r = checked(ScenarioBuilder.host(1, 11 * MS)
                .domain("W", rtds(15, 3, false), busy())
                .domain("A", rtds(10, 10, false), periodic(40 * MS, 20 * MS, 2 * MS)).build());
        assertEquals(3 * MS, domain(r, "W").runNs());
        assertEquals(8 * MS, domain(r, "A").runNs());
    }

    /**
     * Runs three pCPUs with 100 us per context switch and three hogs without extratime, 10ms periods, each pinned to
     * its own pCPU, created in the order given: H 10ms/4ms on pCPU 2, B and A 10ms/10ms on pCPUs 0 and 1. At 9.9 ms, as
     * three administrative actions in this order: A's VCPU is paused without waiting (vcpu_pause_nosync, F6), domain B
     * is paused by xl (which waits until B is switched out), and A's VCPU is unpaused (after B's pause, so only once
     * xl returns). Returns the log up to 11 ms.
     */
    private static List<String> wakeDuringSwitchOut(String... order) {
        ScenarioBuilder b = ScenarioBuilder.host(3, 11 * MS).overheads(new Overheads(0, 100_000, 0));
        for (String name : order) {
            b.domain(name, null, 1, rtds(10, "H".equals(name) ? 4 : 10, false),
                    List.of("H".equals(name) ? 2 : "B".equals(name) ? 0 : 1), busy());
        }
        Simulation sim = Simulation.of(b.build(), Schedulers.factory());
        List<Domain> domains = sim.host().domains();
        Domain a = domains.stream().filter(d -> "A".equals(d.name())).findFirst().orElseThrow();
        Domain bd = domains.stream().filter(d -> "B".equals(d.name())).findFirst().orElseThrow();
        sim.at(9_900_000, () -> sim.framework().pause(a.vcpus().get(0)));
        sim.at(9_900_000, () -> sim.framework().pauseDomain(bd));
        sim.at(9_900_000, () -> sim.framework().unpause(a.vcpus().get(0)));
        SwitchLog r = new SwitchLog(11 * MS, "empty", "full");
        sim.trace(r).observe(new InvariantChecker()).run();
        return r.entries();
    }

    /**
     * The schedule both orders of {@link #wakeDuringSwitchOut} must give, derived by hand. All three get deadline 10
     * (R13) and run from 0 on their pCPUs; H is depleted at 4. At 9.9 A's pause makes pCPU 1 decide (the softirq it
     * raises comes before the next action, M2): idle, nothing being queued for it; then B's pause makes pCPU 0 switch
     * to idle; the unpause waits for B. At 10 the context saves come first (M2), pCPU 0's first (one class at one
     * instant runs in pCPU id order): B, paused, leaves the replenishment queue (R30.3); the unpause then wakes A,
     * which is still being switched out (M3) and whose deadline has passed, so the wake refills it (deadline 20, R28.3,
     * R11), marks it to be queued and re-positions it in the replenishment queue behind H (R28.4, R8). A's context save
     * queues it and tickles pCPU 1 (R30.2); the timer at 10 (armed for the head, H) refills H, whose refill from the
     * depleted queue tickles pCPU 2 (R15.3): A and H run from 10. (Were A not refilled by its wake, the timer would
     * refill H first, then A.)
     */
    private static final List<String> WAKE_DURING_SWITCH_OUT = schedule("0 p0 B; 0 p1 A; 0 p2 H; 4000 H empty;"
            + " 4000 p2 idle; 9900 p1 idle; 9900 p0 idle; 10000 A full; 10000 H full; 10000 p1 A; 10000 p2 H");

    /**
     * R28.4 and R8 when the woken VCPU is not the head: created H, B, A, the replenishment queue is H, B, A (equal
     * deadlines, FIFO, R5); A's re-positioning leaves H at the head, so the timer stays at 10 (R8: re-armed only if A
     * became the head). (Re-arming it for A's new deadline 20 would leave pCPU 2 idle until 20.)
     */
    @Test
    void wake_duringTheSwitchOutAfterTheDeadline_keepsTheTimerOfTheHeadBeforeIt() {
        assertEquals(WAKE_DURING_SWITCH_OUT, wakeDuringSwitchOut("H", "B", "A"));
    }

    /**
     * R28.4 and R8 when the woken VCPU is the head: created A, B, H, the replenishment queue is A, B, H; the wake's
     * re-positioning moves A (deadline 20) behind H, so the timer at 10 finds H at the head. (Left at the head with
     * deadline 20, A would stop the handler at 10 before H, R15.2, and pCPU 2 would idle until 20.)
     */
    @Test
    void wake_duringTheSwitchOutAfterTheDeadline_movesTheHeadBehindAnEarlierDeadline() {
        assertEquals(WAKE_DURING_SWITCH_OUT, wakeDuringSwitchOut("A", "B", "H"));
    }
}
