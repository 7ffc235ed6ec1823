package org.rtxen.sched.rtxen2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.sched.ScenarioBuilder.MS;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.periodic;
import static org.rtxen.sched.Runs.domain;
import static org.rtxen.sched.Runs.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.command.Command;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Runs;
import org.rtxen.sched.ScenarioBuilder;

/**
 * RT-Xen 2.0 schedules derived by hand from the G rules. Common facts used below: every pCPU decides at 0 and every
 * 1 ms after (G5), so with whole-millisecond parameters every decision falls on a whole millisecond; a VCPU first
 * picked at time 0 keeps {@code last_start == 0}, so its first quantum is not charged (G6.1, E29); a queued VCPU is
 * refilled only when now is strictly past its deadline (G8), one quantum after the boundary, while a running one is
 * refilled at the boundary itself, free of charge (G6.3, E25).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Rtxen2SchedulesTest {

    static SimulationResult run(Scenario s) {
        return Runs.checked(s);
    }

    static Rtxen2Params ms(long period, long budget) {
        return new Rtxen2Params(period * MS, budget * MS, List.of());
    }

    static Rtxen2PoolParams pool(Priority p, ServerKind s, Quirks q) {
        return new Rtxen2PoolParams(p, s, q);
    }

    /**
     * Two pCPUs, EDF deferrable, hogs A pinned to pCPU 0 and B to pCPU 1, both 10ms/10ms: a running VCPU is refilled
     * at each boundary (G6.3), so each runs its pCPU all the time. At 500 ms pCPU 1 leaves the pool: B's affinity is
     * broken to all pCPUs and B migrates to pCPU 0 (G13), where A and B take turns (both always have budget), so pCPU
     * 0 stays busy to the end: 1000 ms. At 800 ms pCPU 1 rejoins and decides at once (G5). rtglobal: its first
     * decision picks whichever of A and B waits in the pool's queue with budget (G9), which runs there to the end:
     * pCPU 1 busy 500 + 200 = 700 ms. rtpartition: pCPU 1's own queue is empty and nothing moves back (G13): 500 ms.
     */
    @ParameterizedTest(name = "{0}: pCPU 1 busy {1} ms")
    @CsvSource({"rtglobal, 700", "rtpartition, 500"})
    void cpuRemoveThenAdd_globalUsesTheNewPcpu_partitionedDoesNot(String policy, long pcpu1BusyMs) {
        SimulationResult r = run(ScenarioBuilder.host(2, 1000 * MS)
                .scheduler(policy, pool(Priority.EDF, ServerKind.DEFERRABLE, Quirks.FULL_FEATURE))
                .domain("A", null, 1, ms(10, 10), List.of(0), busy())
                .domain("B", null, 1, ms(10, 10), List.of(1), busy())
                .commands(new Command.RemoveCpu(500 * MS, "cpupool-cpu-remove Pool-0 1", "Pool-0", 1),
                        new Command.AddCpu(800 * MS, "cpupool-cpu-add Pool-0 1", "Pool-0", 1)).build());
        assertEquals(1000 * MS, r.pcpus().get(0).busyNs());
        assertEquals(pcpu1BusyMs * MS, r.pcpus().get(1).busyNs());
        assertEquals((1000 + pcpu1BusyMs) * MS, domain(r, "A").runNs() + domain(r, "B").runNs());
    }

    static Scenario twoHogs(String policy, Priority p) {
        return ScenarioBuilder.host(1, 30 * MS).scheduler(policy, pool(p, ServerKind.DEFERRABLE, Quirks.FULL_FEATURE))
                .domain("A", ms(10, 6), busy())
                .domain("B", ms(15, 9), busy()).build();
    }

    /**
     * One pCPU, hogs A 10ms/6ms and B 15ms/9ms (utilisation 1.2), 30 ms. A is ahead of B in the queue at the
     * first decision under both schemes: it runs 0-7 (its first quantum is free), then B 7-10.
     * <ul>
     * <li>DM (A has the shorter period): A is queued with deadline 10, refilled at 11, and preempts B: A 11-17, B
     * 17-21 (A refilled at 21), A 21-27, B 27-30. A 7+6+6 = 19 ms, B 4+4+3 = 11 ms.</li>
     * <li>EDF: at 11 A is refilled with deadline 20 but B's deadline is 15: B runs on; at 15 B crosses its deadline
     * (refilled free, deadline 30) and A (20) preempts: A 15-26 (at 20 A crosses its deadline, is refilled to 6 ms
     * with deadline 30 and keeps the pCPU on the tie with B), B 26-30. A 7+11 = 18 ms, B 8+4 = 12 ms.</li>
     * </ul>
     */
    @Test
    void priority_edfAndDm_shareAFullPcpuDifferently() {
        SimulationResult dm = run(twoHogs("rtpartition", Priority.DM));
        SimulationResult edf = run(twoHogs("rtpartition", Priority.EDF));
        assertEquals(19 * MS, domain(dm, "A").runNs());
        assertEquals(11 * MS, domain(dm, "B").runNs());
        assertEquals(18 * MS, domain(edf, "A").runNs());
        assertEquals(12 * MS, domain(edf, "B").runNs());
        // rtglobal on one pCPU takes the same decisions.
        assertEquals(19 * MS, domain(run(twoHogs("rtglobal", Priority.DM)), "A").runNs());
        assertEquals(18 * MS, domain(run(twoHogs("rtglobal", Priority.EDF)), "A").runNs());
    }

    /**
     * Two pCPUs, three hogs 10ms/6ms, 30 ms, EDF. The hogs wake at 0 in the order A, B, C before any decision, so the
     * tie on deadline 10 puts C first, then B, then A (LIFO ties, G7).
     * <ul>
     * <li>pEDF ({@code rtpartition}, A and B pinned to pCPU 0, C to pCPU 1): pCPU 0 is overloaded. B 0-7 (first
     * quantum free), A 7-16 (A crosses its deadline at 10, refilled free; B, refilled at 11, does not beat it on the
     * tie), B 16-26 (crossing at 20), A 26-30: A 9+4 = 13 ms, B 7+10 = 17 ms. C alone on pCPU 1: 0-7, then refilled
     * one quantum after each deadline: 11-17, 21-27: 19 ms.</li>
     * <li>gEDF ({@code rtglobal}, no pinning): every tickle at wake-up targets the idle pCPU 0 (G12.1), but both pCPUs
     * decide at 0 anyway: C on pCPU 0, B on pCPU 1, 0-7. A takes pCPU 0 at 7 and runs to 16 (refilled free at 10).
     * At 11 B and C are refilled (C re-inserted last, first of the tie): C takes the idle pCPU 1, 11-17. B gets pCPU
     * 0 at 16 and runs to 26 (refilled free at 20); A, refilled at 21, takes pCPU 1, 21-27; C gets pCPU 0, 26-30. A
     * 9+6 = 15 ms, B 7+10 = 17 ms, C 7+6+4 = 17 ms.</li>
     * </ul>
     */
    @Test
    void placement_globalAndPartitionedEdf_differ() {
        SimulationResult p = run(ScenarioBuilder.host(2, 30 * MS)
                .scheduler("rtpartition", Rtxen2PoolParams.DEFAULTS)
                .domain("A", null, 1, ms(10, 6), List.of(0), busy())
                .domain("B", null, 1, ms(10, 6), List.of(0), busy())
                .domain("C", null, 1, ms(10, 6), List.of(1), busy()).build());
        assertEquals(13 * MS, domain(p, "A").runNs());
        assertEquals(17 * MS, domain(p, "B").runNs());
        assertEquals(19 * MS, domain(p, "C").runNs());
        SimulationResult g = run(ScenarioBuilder.host(2, 30 * MS)
                .scheduler("rtglobal", Rtxen2PoolParams.DEFAULTS)
                .domain("A", ms(10, 6), busy())
                .domain("B", ms(10, 6), busy())
                .domain("C", ms(10, 6), busy()).build());
        assertEquals(15 * MS, domain(g, "A").runNs());
        assertEquals(17 * MS, domain(g, "B").runNs());
        assertEquals(17 * MS, domain(g, "C").runNs());
    }

    static Scenario guestAndHog(String policy, ServerKind server) {
        return ScenarioBuilder.host(1, 105 * MS).scheduler(policy, pool(Priority.DM, server, Quirks.FULL_FEATURE))
                .domain("G", ms(10, 4), periodic(10 * MS, 3 * MS, 5 * MS))
                .domain("H", ms(20, 10), busy()).build();
    }

    /**
     * One pCPU, DM. G 10ms/4ms runs a task released at 5, 15, ... ms needing 3 ms; H 20ms/10ms is a hog (lower
     * priority).
     * <ul>
     * <li>Deferrable: G has no work until 5 and keeps its budget; each job preempts H at once and runs 3 ms:
     * 3 ms.</li>
     * <li>Periodic (G2): G's guest task keeps G competing from 0, so G is served while the pCPU idles and its budget
     * burns: 0-5 (first quantum free), empty at 5. The job released at 5 waits for G's refill at 11 and ends at 14:
     * 9 ms. G keeps burning its last 1 ms idle at 14-15, so the job released at 15 again waits for 21: 9 ms, and so
     * on.</li>
     * </ul>
     * Ten jobs complete in 105 ms either way.
     */
    @Test
    void server_periodicIdlesItsBudgetAway_deferrableKeepsIt() {
        for (String policy : List.of("rtpartition", "rtglobal")) {
            var ds = task(run(guestAndHog(policy, ServerKind.DEFERRABLE)), "G", "t").response();
            var ps = task(run(guestAndHog(policy, ServerKind.PERIODIC)), "G", "t").response();
            assertEquals(10, ds.count());
            assertEquals(3 * MS, ds.maxNs());
            assertEquals(3 * MS, ds.minNs());
            assertEquals(10, ps.count());
            assertEquals(9 * MS, ps.minNs());
            assertEquals(9 * MS, ps.maxNs());
        }
    }

    /**
     * E23: one hog 10ms/4ms alone, 100 ms. Fixed clamp: 0-5 (first quantum free), then refilled one quantum after
     * each deadline: 11-15, 21-25, ... 91-95: 5 + 9*4 = 41 ms. With the unit mix-up any budget below 500,000 us is
     * zeroed after the first charge: 0-2 (free quantum, then one charged), then 11-12, 21-22, ... 91-92: 2 + 9 = 11
     * ms.
     */
    @Test
    void quirk_e23BudgetClamp_allowsOneQuantumPerPeriod() {
        Quirks bug = new Quirks(false, true, false, true, false, true, true);
        for (String policy : List.of("rtpartition", "rtglobal")) {
            SimulationResult fixed = run(ScenarioBuilder.host(1, 100 * MS).scheduler(policy, Rtxen2PoolParams.DEFAULTS)
                    .domain("A", ms(10, 4), busy()).build());
            SimulationResult buggy = run(ScenarioBuilder.host(1, 100 * MS)
                    .scheduler(policy, pool(Priority.EDF, ServerKind.DEFERRABLE, bug))
                    .domain("A", ms(10, 4), busy()).build());
            assertEquals(41 * MS, domain(fixed, "A").runNs());
            assertEquals(11 * MS, domain(buggy, "A").runNs());
        }
    }

    /** E29 off: the first quantum is charged like any other, so the hog of the E23 test gets 4 ms in every period: 40 ms. */
    @Test
    void quirk_e29Off_chargesTheFirstQuantum() {
        Quirks fixed = new Quirks(false, false, false, true, false, true, false);
        SimulationResult r = run(ScenarioBuilder.host(1, 100 * MS)
                .scheduler("rtpartition", pool(Priority.EDF, ServerKind.DEFERRABLE, fixed))
                .domain("A", ms(10, 4), busy()).build());
        assertEquals(40 * MS, domain(r, "A").runNs());
    }

    /**
     * G3: without parameters Domain-0 gets budget = period = 10 ms and a guest 10 ms / 4 ms. Each alone on its own
     * one-pCPU pool for 100 ms: Domain-0, a hog, never runs out (it crosses each deadline while running and is
     * refilled): 100 ms. The guest hog runs 0-5 (first quantum free), then 4 ms from one quantum after each deadline:
     * 5 + 9*4 = 41 ms.
     */
    @Test
    void adjust_noParameters_domain0AndGuestDefaults() {
        Scenario base = ScenarioBuilder.host(2, 100 * MS)
                .pool("P0", "rtpartition", Rtxen2PoolParams.DEFAULTS, 0)
                .pool("P1", "rtpartition", Rtxen2PoolParams.DEFAULTS, 1)
                .domain("G", "P1", 1, Rtxen2Params.ALLOCATION_DEFAULTS, List.of(), busy()).build();
        List<DomainSpec> domains = new ArrayList<>(base.domains());
        domains.add(0, new DomainSpec("Domain-0", true, "P0", 1, Rtxen2Params.ALLOCATION_DEFAULTS, List.of(), busy()));
        Scenario s = new Scenario(base.durationNs(), base.seed(), base.host(), base.pools(), domains, base.overheads());
        SimulationResult r = run(s);
        assertEquals(100 * MS, domain(r, "Domain-0").runNs());
        assertEquals(41 * MS, domain(r, "G").runNs());
    }
    /**
     * G12 and E24 on {@code rtglobal}, 2 pCPUs, EDF, 15 ms. Hogs A 10ms/9ms and B 20ms/18ms take pCPU 0 (A, deadline 10)
     * and pCPU 1 (B, deadline 20) at 0. C (15ms/5ms, deadline 15) gets a 2 ms job at 3 ms, just after both pCPUs'
     * quantum decisions at 3. Full-feature tickle: no pCPU is idle; the victim is the busy pCPU with the latest
     * deadline, pCPU 1 (B, 20), and C's 15 beats it: pCPU 1 decides at once and C runs 3-5, a 2 ms response. Inverted
     * victim (E24): the tracked victim is pCPU 0 (A, 10), which C does not beat, so nobody is tickled; C waits for
     * pCPU 1's next quantum at 4 (pCPU 0 keeps A, deadline 10 < 15) and runs 4-6: 3 ms.
     */
    @Test
    void quirk_e24InvertedTickleVictim_delaysThePreemptionToTheNextQuantum() {
        Quirks inverted = new Quirks(false, false, true, true, false, true, true);
        for (Quirks q : List.of(Quirks.FULL_FEATURE, inverted)) {
            SimulationResult r = run(ScenarioBuilder.host(2, 15 * MS)
                    .scheduler("rtglobal", pool(Priority.EDF, ServerKind.DEFERRABLE, q))
                    .domain("A", ms(10, 9), busy())
                    .domain("B", ms(20, 18), busy())
                    .domain("C", ms(15, 5), periodic(15 * MS, 2 * MS, 3 * MS)).build());
            assertEquals((q == inverted ? 3 : 2) * MS, task(r, "C", "t").response().maxNs(), q.toString());
        }
    }
}
