package org.rtxen.sched.rtxen1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.sched.ScenarioBuilder.MS;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.periodic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.model.Scenario;
import org.rtxen.model.command.Command;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;
import org.rtxen.sched.SwitchLog;

/**
 * RT-Xen 1.0 rule boundaries that PIT found unpinned, each whole schedule derived by hand from the spec's S rules and
 * the [R] choices of docs/fidelity.md ("RT-Xen 1.0"). Facts used throughout: every pCPU decides at each multiple of
 * 1 ms and at once on wake and block (S2, S3); a decision charges the VCPU whose budget burnt since the previous one,
 * then applies every replenishment due, then picks (S3, S7); a server's periods start at its insertion (at boot,
 * before the log is attached, so that first refill is not logged); a pCPU that starts idle and stays idle logs no
 * switch. Budget exhaustions read {@code "<µs> <VCPU> empty"}, refills {@code "<µs> <VCPU> full"}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Rtxen1RulePinningTest {
    /** Runs {@code s} with the invariant checker and returns its switches, exhaustions and refills before {@code untilNs}. */
    private static List<String> log(Scenario s, long untilNs) {
        SwitchLog r = new SwitchLog(untilNs, "empty", "full");
        Simulation.of(s, Schedulers.factory()).trace(r).observe(new InvariantChecker()).run();
        return r.entries();
    }

    private static Rtxen1Params ms(long period, long budget, int priority) {
        return new Rtxen1Params(period * MS, budget * MS, priority);
    }

    private static ScenarioBuilder host(int pcpus, long durationMs, Server server) {
        return ScenarioBuilder.host(pcpus, durationMs * MS).scheduler("rtxen1", new Rtxen1PoolParams(server));
    }

    /**
     * One pCPU, 20 ms. G: priority 1, 10ms/3ms, a 1 ms job at 2.5 and 12.5 ms. H: priority 2, 20ms/6ms, a hog.
     * <ul>
     * <li>Deferrable (S4): G, blocked at 0, keeps its budget; H runs 0-2.5; G 2.5-3.5; H (3.5 ms left) 3.5-7 and is
     * empty; at 10 G is refilled on its grid though it has 2 ms; its second job runs at once, 12.5-13.5.</li>
     * <li>Periodic (S5): at 0 G is the highest-priority VCPU with budget and its guest is idle, so the pCPU idles and
     * G's budget drains (H may not run): 0.5 ms left at 2.5, so G runs 2.5-3 and is empty with half its job left; H
     * 3-9. At 10 G is refilled, ends its job 10-10.5 and then holds the pCPU idle again: 0.5 ms left at 12.5, G runs
     * 12.5-13 and is empty with half its second job left; H is empty until 20: idle.</li>
     * <li>Polling (S6): at the decision at 0 G has budget and nothing to run: its budget is dropped; H runs 0-6. G's
     * job waits for the refill at 10 and runs 10-11; G blocks with 2 ms, which the decision at 11 drops.</li>
     * <li>Sporadic (S7): H activates at 0; G 2.5-3.5 (activation at 2.5: 1 ms back at 12.5); H 3.5-7, empty. Nothing
     * is refilled at 10; the decision at G's wake at 12.5 applies G's 1 ms first (3 ms), and G runs 12.5-13.5.</li>
     * </ul>
     * (A Polling Server that dropped nothing at a zero budget would log G "empty" again at every decision.)
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "DEFERRABLE | 0 p0 H; 2500 p0 G; 3500 p0 H; 7000 H empty; 7000 p0 idle; 10000 G full; 12500 p0 G; 13500 p0 idle",
        "PERIODIC | 2500 p0 G; 3000 G empty; 3000 p0 H; 9000 H empty; 9000 p0 idle; 10000 G full; 10000 p0 G;"
                + " 10500 p0 idle; 12500 p0 G; 13000 G empty; 13000 p0 idle",
        "POLLING | 0 G empty; 0 p0 H; 6000 H empty; 6000 p0 idle; 10000 G full; 10000 p0 G; 11000 G empty; 11000 p0 idle",
        "SPORADIC | 0 p0 H; 2500 p0 G; 3500 p0 H; 7000 H empty; 7000 p0 idle; 12500 G full; 12500 p0 G; 13500 p0 idle"})
    void server_guestWithJobsAndHog_wholeSchedule(Server server, String expected) {
        Scenario s = host(1, 20, server)
                .domain("G", ms(10, 3, 1), periodic(10 * MS, MS, 2_500_000))
                .domain("H", ms(20, 6, 2), busy()).build();
        assertEquals(schedule(expected), log(s, 20 * MS));
    }

    private static List<String> schedule(String entries) {
        return List.of(entries.split("; "));
    }

    /**
     * S3, S4 with a period shorter than the quantum: a replenishment found more than one period late refills once and
     * moves the period grid to the first period start after now (as RTDS's catch-up, T2). One pCPU, Deferrable Server,
     * A: 0.5ms/0.25ms, a hog. A runs 0-0.25 and is empty; the period start at 0.5 is seen by the tick at 1, which
     * refills A and moves its next period start to 1.5 (0.5 + 2 x 0.5): A runs 1-1.25; the tick at 2 refills it (next
     * start 2.5): 2-2.25. (A grid moved by less, e.g. to 0.75, would refill A again at its exhaustion at 1.25.)
     */
    @Test
    void periodShorterThanTheQuantum_refilledOncePerTickAndTheGridSkipsAhead() {
        Scenario s = host(1, 3, Server.DEFERRABLE).domain("A", new Rtxen1Params(500_000, 250_000, 1), busy()).build();
        assertEquals(schedule("0 p0 A; 250 A empty; 250 p0 idle; 1000 A full; 1000 p0 A; 1250 A empty; 1250 p0 idle;"
                + " 2000 A full; 2000 p0 A; 2250 A empty; 2250 p0 idle"), log(s, 3 * MS));
    }

    /**
     * S7 [R] (every preemption ends an activation): one pCPU, Sporadic Server, 21 ms. H: priority 1, 20ms/2ms, a 1 ms
     * job at 1.5 ms. L: priority 2, 10ms/4ms, a hog. L activates at 0; H's job preempts it at 1.5, which ends L's
     * activation: 1.5 ms back at 0 + 10. H runs 1.5-2.5 (1 ms back at 21.5). L activates again at 2.5 and is empty at
     * 5 (2.5 ms back at 12.5). At 10 L gets 1.5 ms: 10-11.5 (back at 20); 12.5's 2.5 ms are applied by the next
     * decision, the tick at 13: 13-15.5; 20's 1.5 ms at 20. (One activation kept over the preemption would return
     * all 4 ms at 10.)
     */
    @Test
    void sporadic_preemption_endsTheActivationAndReturnsItsConsumptionOnePeriodLater() {
        Scenario s = host(1, 21, Server.SPORADIC)
                .domain("H", ms(20, 2, 1), periodic(20 * MS, MS, 1_500_000))
                .domain("L", ms(10, 4, 2), busy()).build();
        assertEquals(schedule("0 p0 L; 1500 p0 H; 2500 p0 L; 5000 L empty; 5000 p0 idle;"
                + " 10000 L full; 10000 p0 L; 11500 L empty; 11500 p0 idle; 13000 L full; 13000 p0 L; 15500 L empty;"
                + " 15500 p0 idle; 20000 L full; 20000 p0 L"), log(s, 21 * MS));
    }

    /**
     * S1, S6: one pCPU, Polling Server, 10 ms, {@code n} hogs V1..Vn (priority k, 10ms/1ms each) on one run queue:
     * they run one after the other in priority order, 1 ms each, then the pCPU idles. Eight fill the queue's first
     * array exactly; nine make it grow.
     */
    @ParameterizedTest
    @ValueSource(ints = {8, 9})
    void manyServersOnOnePcpu_runInPriorityOrder(int n) {
        ScenarioBuilder b = host(1, 10, Server.POLLING);
        List<String> expected = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            b.domain("V" + k, ms(10, 1, k), busy());
            expected.add((k - 1) * 1000 + " p0 V" + k);
            expected.add(k * 1000 + " V" + k + " empty");
        }
        expected.add(n * 1000 + " p0 idle");
        assertEquals(expected, log(b.build(), 10 * MS));
    }

    /**
     * A run-time {@code sched-rtxen1} change of the running VCPU: one pCPU, 20 ms, A (priority 1, 10ms/4ms) and B
     * (priority 2, 10ms/4ms), hogs. At 1.5 ms A becomes 10ms/2ms at priority 3: A is charged up to the change (2.5 ms
     * left), its remaining budget is capped at the new budget (2 ms), it is re-queued behind B and the pCPU decides at
     * once (S1): B runs 1.5-5.5, A 5.5-7.5.
     * <ul>
     * <li>Deferrable (S4): at 10 both are refilled (B first, in queue order): B 10-14, A 14-16.</li>
     * <li>Sporadic (S7, S9 [R]): the change restarts A's bookkeeping from its 2 ms (nothing pending) and its
     * preemption at 1.5 returns nothing. B's activation at 1.5 returns 4 ms at 11.5, applied at the tick 12: B 12-16;
     * A's at 5.5 returns 2 ms at 15.5, applied at 16 (B's exhaustion): A 16-18.</li>
     * </ul>
     * (Not charging A up to the change would cap 3 ms and leave it 1.5 ms after the decision: A 5.5-7.)
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "DEFERRABLE | 10000 B full; 10000 A full; 10000 p0 B; 14000 B empty; 14000 p0 A; 16000 A empty; 16000 p0 idle",
        "SPORADIC | 12000 B full; 12000 p0 B; 16000 B empty; 16000 A full; 16000 p0 A; 18000 A empty; 18000 p0 idle"})
    void adjust_runningVcpu_chargedThenCappedAndRequeued(Server server, String after10) {
        Scenario s = host(1, 20, server)
                .domain("A", ms(10, 4, 1), busy())
                .domain("B", ms(10, 4, 2), busy())
                .commands(new Command.AdjustDomain(1_500_000, "sched-rtxen1 -d A", "A", ms(10, 2, 3))).build();
        assertEquals(schedule("0 p0 A; 1500 p0 B; 5500 B empty; 5500 p0 A; 7500 A empty;"
                + " 7500 p0 idle; " + after10), log(s, 20 * MS));
    }

    /**
     * S9 [R]: a switch from the Deferrable to the Sporadic Server at 2.5 ms while A burns its budget. One pCPU, 15 ms,
     * A (priority 1, 10ms/4ms) and B (priority 2, 10ms/10ms), hogs. A is charged up to the switch (1.5 ms left); the
     * 2.5 ms it used this period come back at its next period start, 10, and it is activated at 2.5. B has its whole
     * budget: nothing to return. A is empty at 4 (1.5 ms back at 12.5); B activates at 4. At 10 A gets 2.5 ms and
     * preempts B (6 ms back at 14); A is empty at 12.5, when its 1.5 ms come back: it runs on to 14, when B's 6 ms
     * come back and B runs. (A burn left uncharged at the switch would count as A's consumption in the new activation
     * and come back at 12.5: A would get 2 ms at 10 and B would run 12-12.5.)
     */
    @Test
    void adjustGlobal_toSporadicWhileBurning_returnsThisPeriodsUseAtThePeriodStart() {
        Scenario s = host(1, 15, Server.DEFERRABLE)
                .domain("A", ms(10, 4, 1), busy())
                .domain("B", ms(10, 10, 2), busy())
                .commands(new Command.AdjustPool(2_500_000, "switch", "Pool-0", new Rtxen1PoolParams(Server.SPORADIC)))
                .build();
        assertEquals(schedule("0 p0 A; 4000 A empty; 4000 p0 B; 10000 A full; 10000 p0 A;"
                + " 12500 A empty; 12500 A full; 14000 A empty; 14000 B full; 14000 p0 B"), log(s, 15 * MS));
    }

    /**
     * S1, S3: two pCPUs, Deferrable Server, 10 ms. A (priority 1, 10ms/4ms) and B (priority 2, 10ms/4ms), hogs pinned
     * to pCPU 0: A runs, B waits. At 2.5 ms B, queued, is pinned to pCPU 1: it leaves pCPU 0's queue and runs on
     * pCPU 1 at once, 2.5-6.5, with its whole budget. Its leaving does not cancel A's charge: pCPU 0's decision at 2.5
     * charges A for 2-2.5, and A is empty at 4.
     */
    @Test
    void pin_queuedVcpuLeaves_runningVcpuKeepsBeingCharged() {
        Scenario s = host(2, 10, Server.DEFERRABLE)
                .domain("A", null, 1, ms(10, 4, 1), List.of(0), busy())
                .domain("B", null, 1, ms(10, 4, 2), List.of(0), busy())
                .commands(new Command.PinVcpu(2_500_000, "vcpu-pin B 0 1", "B", 0, List.of(1))).build();
        assertEquals(schedule("0 p0 A; 2500 p1 B; 4000 A empty; 4000 p0 idle; 6500 B empty;"
                + " 6500 p1 idle"), log(s, 10 * MS));
    }

    /**
     * S1: a pCPU added at run time gets an empty run queue of its own and, partitioned, takes no VCPU until one is
     * placed there. As above, with the pool on pCPU 0 only and pCPU 1 added at 1 ms: B keeps waiting on pCPU 0 until
     * it is pinned to pCPU 1 at 2.5 ms, then runs there at once.
     */
    @Test
    void cpuAdd_newPcpuTakesOnlyWhatIsPinnedThere() {
        Scenario s = ScenarioBuilder.host(2, 10 * MS).pool("Pool-0", "rtxen1", new Rtxen1PoolParams(Server.DEFERRABLE), 0)
                .domain("A", "Pool-0", 1, ms(10, 4, 1), List.of(0), busy())
                .domain("B", "Pool-0", 1, ms(10, 4, 2), List.of(0), busy())
                .commands(new Command.AddCpu(MS, "cpupool-cpu-add Pool-0 1", "Pool-0", 1),
                        new Command.PinVcpu(2_500_000, "vcpu-pin B 0 1", "B", 0, List.of(1))).build();
        assertEquals(schedule("0 p0 A; 2500 p1 B; 4000 A empty; 4000 p0 idle; 6500 B empty; 6500 p1 idle"),
                log(s, 10 * MS));
    }

    /**
     * S1 [R] ties: equal priority and period order by VCPU id. Two pCPUs, Deferrable Server, 10 ms. A (created first,
     * the lower id) runs on pCPU 1 and B on pCPU 0, both priority 1, 10ms/4ms, hogs. At 2.5 ms A is pinned to pCPU 0:
     * pCPU 1 idles (A charged: 1.5 ms left), and A, ahead of B on the tie, preempts it at once: A 2.5-4, B (1.5 ms
     * left) 4-5.5.
     */
    @Test
    void pin_equalPriorityAndPeriod_lowerVcpuIdGoesFirst() {
        Scenario s = host(2, 10, Server.DEFERRABLE)
                .domain("A", null, 1, ms(10, 4, 1), List.of(1), busy())
                .domain("B", null, 1, ms(10, 4, 1), List.of(0), busy())
                .commands(new Command.PinVcpu(2_500_000, "vcpu-pin A 0 0", "A", 0, List.of(0))).build();
        assertEquals(schedule("0 p0 B; 0 p1 A; 2500 p1 idle; 2500 p0 A; 4000 A empty; 4000 p0 B;"
                + " 5500 B empty; 5500 p0 idle"), log(s, 10 * MS));
    }

    /**
     * S5: a destroyed server leaves its queue. One pCPU, Periodic Server, 15 ms: A (priority 1, 10ms/2ms), B (priority
     * 2, 10ms/3ms) and C (priority 3, 10ms/10ms), hogs. B, queued in the middle, is destroyed at 1 ms. A runs 0-2, C
     * 2-10; at 10 A 10-12, C from 12. (B left on the queue with its 3 ms would hold the pCPU idle 2-5.)
     */
    @Test
    void destroy_queuedPeriodicServer_holdsThePcpuNoMore() {
        Scenario s = host(1, 15, Server.PERIODIC)
                .domain("A", ms(10, 2, 1), busy())
                .domain("B", ms(10, 3, 2), busy())
                .domain("C", ms(10, 10, 3), busy())
                .commands(new Command.Destroy(MS, "destroy B", "B")).build();
        assertEquals(schedule("0 p0 A; 2000 A empty; 2000 p0 C; 10000 A full;"
                + " 10000 C full; 10000 p0 A; 12000 A empty; 12000 p0 C"), log(s, 15 * MS));
    }

    /**
     * S1, S5: two pCPUs, Periodic Server, 15 ms. H (priority 2, 10ms/10ms, hog) is pinned to pCPU 0; G (priority 1,
     * 10ms/4ms, a 1 ms job at 5 ms) to pCPU 1, where its idle guest holds the pCPU idle while its budget drains. At
     * 1 ms (after the tick that charged G 1 ms) pCPU 1 leaves the pool: G's affinity is broken to all and G, blocked,
     * joins pCPU 0's queue with its 3 ms and period grid. It is now the highest-priority VCPU with budget there, so
     * pCPU 0 decides at once and idles while G drains, 1-4; H runs 4-10 (G's job at 5 finds no budget). At 10 G is
     * refilled and runs its job 10-11, then holds pCPU 0 idle 11-14 again; H from 14.
     */
    @Test
    void cpuRemove_blockedPeriodicServerMovesAndHoldsItsNewPcpuAtOnce() {
        Scenario s = host(2, 15, Server.PERIODIC)
                .domain("H", null, 1, ms(10, 10, 2), List.of(0), busy())
                .domain("G", null, 1, ms(10, 4, 1), List.of(1), periodic(10 * MS, MS, 5 * MS))
                .commands(new Command.RemoveCpu(MS, "cpupool-cpu-remove Pool-0 1", "Pool-0", 1)).build();
        assertEquals(schedule("0 p0 H; 1000 p0 idle; 4000 G empty; 4000 p0 H; 10000 G full;"
                + " 10000 H full; 10000 p0 G; 11000 p0 idle; 14000 G empty; 14000 p0 H"), log(s, 15 * MS));
    }
    /**
     * S3, S5: a Periodic Server that holds a pCPU idle is charged up to the instant it leaves that pCPU, between two
     * decisions. The scenario of the test above with pCPU 1 removed at 1.5 ms: the tick at 1 charged G 1 ms; leaving
     * pCPU 1 at 1.5 charges it 0.5 ms more, so G joins pCPU 0's queue with 2.5 ms and holds pCPU 0 idle 1.5-4; H runs
     * 0-1.5 and 4-10; from 10 as above. (Left uncharged, G would keep 3 ms and empty at 4.5.)
     */
    @Test
    void cpuRemove_periodicServerHoldingThePcpuIdle_isChargedUpToTheRemoval() {
        Scenario s = host(2, 15, Server.PERIODIC)
                .domain("H", null, 1, ms(10, 10, 2), List.of(0), busy())
                .domain("G", null, 1, ms(10, 4, 1), List.of(1), periodic(10 * MS, MS, 5 * MS))
                .commands(new Command.RemoveCpu(1_500_000, "cpupool-cpu-remove Pool-0 1", "Pool-0", 1)).build();
        assertEquals(schedule("0 p0 H; 1500 p0 idle; 4000 G empty; 4000 p0 H; 10000 G full;"
                + " 10000 H full; 10000 p0 G; 11000 p0 idle; 14000 G empty; 14000 p0 H"), log(s, 15 * MS));
    }

    /**
     * S1, S3, S5: a blocked VCPU pinned to another pCPU moves to that pCPU's queue when its migration ends, not at its
     * next wake, and is charged for what it burnt holding its old pCPU idle since that pCPU's last decision. Two pCPUs,
     * Periodic Server, 14 ms. H (priority 2, 10ms/10ms, hog) on pCPU 0; G (priority 1, 10ms/4ms, a 1 ms job at 2.5 ms)
     * on pCPU 1, holding it idle. At 1.5 G, blocked and not running, is pinned to pCPU 0: its migration ends at once,
     * it leaves pCPU 1 charged up to 1.5 (the ticks at 1 and the move took 1.5 ms: 2.5 ms left) and, first in pCPU 0's
     * queue with budget, holds pCPU 0 idle from 1.5 (H waits). The tick at 2 and its wake at 2.5 charge 1 ms more
     * (1.5 left); it runs its job 2.5-3.5 and holds pCPU 0 idle with 0.5 ms, empty at 4; H 4-10. At 10 both are
     * refilled and G holds pCPU 0 idle until its job at 12.5 (2.5 ms drained), runs it 12.5-13.5 and holds the pCPU
     * again. (Moved only at its wake, as before 2026-12-08, it held pCPU 1, which it may no longer use, idle until 2.5
     * while H ran on pCPU 0; left uncharged at the move, it would run on pCPU 0 with 2 ms and empty at 4.5.)
     */
    @Test
    void vcpuPin_blockedPeriodicServerMovesChargedWhenItsMigrationEnds() {
        Scenario s = host(2, 14, Server.PERIODIC)
                .domain("H", null, 1, ms(10, 10, 2), List.of(0), busy())
                .domain("G", null, 1, ms(10, 4, 1), List.of(1), periodic(10 * MS, MS, 2_500_000))
                .commands(new Command.PinVcpu(1_500_000, "vcpu-pin G 0 0", "G", 0, List.of(0))).build();
        assertEquals(schedule("0 p0 H; 1500 p0 idle; 2500 p0 G; 3500 p0 idle; 4000 G empty; 4000 p0 H; 10000 G full;"
                + " 10000 H full; 10000 p0 idle; 12500 p0 G; 13500 p0 idle"), log(s, 14 * MS));
    }

    /**
     * S1, S5: a Periodic Server holding its pCPU idle that is pinned away while paused stops holding it at once, and
     * holds its new pCPU from its unpause. Two pCPUs, Periodic Server, 6 ms. H (priority 2, 10ms/10ms, hog) and G
     * (priority 1, 10ms/4ms, its guest idle throughout) both on pCPU 0: G, first with budget, holds pCPU 0 idle from 0
     * and H waits. Paused at 1.5 ms, G still holds it (paused, as blocked, it keeps its place). Pinned to pCPU 1 at
     * 2.5 ms: pCPU 0 decides at once and charges G up to 2.5 (2.5 ms used, 1.5 left), and G, still queued there until
     * its unpause but no longer allowed there, holds it no more: H runs from 2.5. Unpaused at 3.5 ms, G joins pCPU 1's
     * queue and holds it idle; the quanta at 4 and 5 charge 0.5 and 1 ms: empty at 5. (Holding pCPU 0 until its
     * unpause, as before 2026-12-08, G was charged 3.5 ms there, H ran only from 3.5, and G was empty at 4 on pCPU 1;
     * with pCPU 0 not told at the pin, it would idle from 2.5 with H as its pick, which the invariant checker refuses.)
     */
    @Test
    void vcpuPin_pausedPeriodicServerPinnedAway_releasesItsOldPcpuAtOnce() {
        Scenario s = host(2, 6, Server.PERIODIC)
                .domain("H", null, 1, ms(10, 10, 2), List.of(0), busy())
                .domain("G", null, 1, ms(10, 4, 1), List.of(0), periodic(100 * MS, MS, 50 * MS))
                .commands(new Command.Pause(1_500_000, "pause G", "G"),
                        new Command.PinVcpu(2_500_000, "vcpu-pin G 0 1", "G", 0, List.of(1)),
                        new Command.Unpause(3_500_000, "unpause G", "G")).build();
        assertEquals(schedule("2500 p0 H; 5000 G empty"), log(s, 6 * MS));
    }
}
