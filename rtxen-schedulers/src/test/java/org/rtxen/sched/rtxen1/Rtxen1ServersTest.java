package org.rtxen.sched.rtxen1;

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
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.TraceSink;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.command.Command;
import org.rtxen.model.result.ResponseStats;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;

/** RT-Xen 1.0's four servers on one pCPU, schedules derived by hand from rules S1-S9. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Rtxen1ServersTest {

    static SimulationResult run(Scenario s) {
        return Simulation.of(s, Schedulers.factory()).observe(new InvariantChecker()).run();
    }

    /**
     * One pCPU, 210 ms (ten jobs complete under every server). G: priority 1, 10 ms / 3 ms, one task released at 2, 22, 42 ... ms needing 6 ms (period 20).
     * H: priority 2, 10 ms / 2 ms, a CPU hog. Both server periods start at 0 and every event falls on a 1 ms tick.
     * <ul>
     * <li>Deferrable (S4): at 0 G has no work and keeps its 3 ms; H runs 0-2. The job arrives at 2: G runs 2-5 and
     * is depleted; H has none left; idle to 10. At 10 both refill: G runs 10-13 and the job ends at 13: 11 ms. At 20
     * the state is that of 0 again, so every job takes 11 ms.</li>
     * <li>Periodic (S5): at 0 G is the highest-priority VCPU with budget and idle, so its budget drains while the
     * pCPU idles (H may not run): 1 ms is left at 2. G runs 2-3, H 3-5. At 10 G runs 10-13 (4 of 6 done), H 13-15.
     * At 20 G runs 20-22 and the job ends at 22: 20 ms. The next job, released at 22, keeps the VCPU busy: G's last
     * 1 ms 22-23, 30-33, 40-42: again 20 ms, and so on.</li>
     * <li>Polling (S6): at the decision at 0 G has budget and nothing to run: its budget is dropped. The job waits
     * until 10: G 10-13, 20-23: ends at 23, 21 ms. The next job (released at 22) starts at 23 with no budget left
     * and ends at 43: 21 ms.</li>
     * <li>Sporadic (S7): H runs 0-2 and posts 2 ms for 10. G activates at 2, runs 2-5 and posts 3 ms for 12. At 10 H
     * gets 2 ms (10-12, posted for 20); at 12 G gets 3 ms and runs 12-15: the job ends at 15, 13 ms, and G posts
     * 3 ms for 22. H runs 20-22; at 22 the next job arrives as G gets its 3 ms: 22-25, then 32-35: 13 ms.</li>
     * </ul>
     * Four servers, four response times: 11, 20, 21 and 13 ms.
     */
    @ParameterizedTest(name = "{0}: {1} ms")
    @CsvSource({"DEFERRABLE, 11", "PERIODIC, 20", "POLLING, 21", "SPORADIC, 13"})
    void server_sameGuest_fourResponseTimes(Server server, long responseMs) {
        SimulationResult r = run(guestAndHog(server, 210 * MS));
        ResponseStats rt = task(r, "G", "t").response();
        assertEquals(10, rt.count());
        assertEquals(responseMs * MS, rt.minNs());
        assertEquals(responseMs * MS, rt.maxNs());
    }

    /**
     * Two pCPUs, deferrable servers: A (priority 1) and B (priority 2), hogs with 10 ms / 5 ms, pinned to pCPUs 0 and
     * 1: 5 ms each per period in parallel. At 500 ms (after the decisions that refilled both, S2) pCPU 1 leaves the
     * pool: B's affinity holds no other pCPU of the pool and is broken to all ("Breaking affinity"); running there
     * with a full budget, B migrates to the next pCPU of its affinity, 0 (S1), and keeps its
     * budget and period grid: A runs 500-505 and B 505-510, and so in every period. pCPU 1 rejoins at 800 ms with an
     * empty queue: partitioned, nothing moves back, so pCPU 1 stays idle. A and B 500 ms each; pCPU 0 busy 250 + 500
     * = 750 ms, pCPU 1 250 ms.
     */
    @Test
    void cpuRemoveThenAdd_movesTheVcpuToAnotherPcpuOfItsAffinity() {
        SimulationResult r = run(ScenarioBuilder.host(2, 1000 * MS)
                .scheduler("rtxen1", new Rtxen1PoolParams(Server.DEFERRABLE))
                .domain("A", null, 1, new Rtxen1Params(10 * MS, 5 * MS, 1), List.of(0), busy())
                .domain("B", null, 1, new Rtxen1Params(10 * MS, 5 * MS, 2), List.of(1), busy())
                .commands(new Command.RemoveCpu(500 * MS, "cpupool-cpu-remove Pool-0 1", "Pool-0", 1),
                        new Command.AddCpu(800 * MS, "cpupool-cpu-add Pool-0 1", "Pool-0", 1)).build());
        assertEquals(500 * MS, domain(r, "A").runNs());
        assertEquals(500 * MS, domain(r, "B").runNs());
        assertEquals(750 * MS, r.pcpus().get(0).busyNs());
        assertEquals(250 * MS, r.pcpus().get(1).busyNs());
    }

    static Scenario guestAndHog(Server server, long durationNs) {
        return ScenarioBuilder.host(1, durationNs)
                .scheduler("rtxen1", new Rtxen1PoolParams(server))
                .domain("G", new Rtxen1Params(10 * MS, 3 * MS, 1), periodic(20 * MS, 6 * MS, 2 * MS))
                .domain("H", new Rtxen1Params(10 * MS, 2 * MS, 2), busy())
                .build();
    }

    /**
     * Periodic vs Deferrable Server over the first 200 ms of the scenario above. Deferrable: G executes each whole
     * job, 6 ms per 20 ms (2-5, 10-13; 22-25, 30-33 ...): 60 ms; H 2 ms per period: 40 ms; busy 100 ms. Periodic: G
     * drains 2 ms with no work at 0-2 and executes only 1 ms (2-3) and 3 ms (10-13) in the first 20 ms, then 6 ms in
     * each of the nine next (20-23, 30-33; ...): 58 ms; H still runs 2 ms per period (3-5, 13-15, 23-25 ...): 40 ms;
     * busy 98 ms: the 2 ms drained at the start were idled away.
     */
    @Test
    void server_periodic_idlesBudgetAwayThatDeferrableKeeps() {
        SimulationResult periodic = run(guestAndHog(Server.PERIODIC, 200 * MS));
        SimulationResult deferrable = run(guestAndHog(Server.DEFERRABLE, 200 * MS));
        assertEquals(60 * MS, domain(deferrable, "G").runNs());
        assertEquals(40 * MS, domain(deferrable, "H").runNs());
        assertEquals(100 * MS, deferrable.pcpus().get(0).busyNs());
        assertEquals(58 * MS, domain(periodic, "G").runNs());
        assertEquals(40 * MS, domain(periodic, "H").runNs());
        assertEquals(98 * MS, periodic.pcpus().get(0).busyNs());
    }

    /**
     * Budget = period (1 ms / 1 ms), one busy VCPU alone for 100 ms: every server gives it the whole pCPU. S4-S6 refill
     * it at each period start, which is the instant it is depleted (S3: the decision charges, then replenishes, then
     * picks). S7: each activation starts at a tick ta, exhausts the capacity at ta + 1 ms and posts its 1 ms at
     * ta + period, that same instant; the decision that charges the exhaustion applies it (S3, S7) and the VCPU runs on.
     */
    @ParameterizedTest
    @CsvSource({"DEFERRABLE", "PERIODIC", "POLLING", "SPORADIC"})
    void server_budgetEqualToPeriod_runsTheWholePcpu(Server server) {
        SimulationResult r = run(ScenarioBuilder.host(1, 100 * MS).scheduler("rtxen1", new Rtxen1PoolParams(server))
                .domain("A", new Rtxen1Params(MS, MS, 0), busy()).build());
        assertEquals(100 * MS, domain(r, "A").runNs());
    }

    /**
     * Sporadic Server, one pCPU, 60 ms. G: priority 1, 3 ms / 3 ms, one task of period 6 ms needing 4 ms (released at
     * 0, 6, 12 ...). H: priority 2, 10 ms / 10 ms, a CPU hog. At 0 G activates (S7, ta = 0) and runs 0-3; at 3 it
     * has exhausted its capacity: the activation ends and posts 3 ms for ta + period = 3, due at this very decision
     * (S3: charge, replenish, pick), so G runs on from a new activation at 3 and the job ends at 4: 4 ms. G blocks
     * with 2 ms left, posting 1 ms for 6; H runs 4-6 (its capacity never drops below 6 ms: 2 ms per 6 ms, returned
     * 10 ms later). At 6 G gets its 1 ms back (3 ms) and the state is that of 0 again: every job takes 4 ms, G runs
     * 40 ms and H 20 ms. (Posting the replenishment after the pick would let H run 3-4 and each job take 5 ms.)
     */
    @Test
    void sporadic_replenishmentDueAtExhaustion_isAppliedByTheSameDecision() {
        SimulationResult r = run(ScenarioBuilder.host(1, 60 * MS)
                .scheduler("rtxen1", new Rtxen1PoolParams(Server.SPORADIC))
                .domain("G", new Rtxen1Params(3 * MS, 3 * MS, 1), periodic(6 * MS, 4 * MS, 0))
                .domain("H", new Rtxen1Params(10 * MS, 10 * MS, 2), busy()).build());
        ResponseStats rt = task(r, "G", "t").response();
        assertEquals(10, rt.count());
        assertEquals(4 * MS, rt.minNs());
        assertEquals(4 * MS, rt.maxNs());
        assertEquals(40 * MS, domain(r, "G").runNs());
        assertEquals(20 * MS, domain(r, "H").runNs());
    }

    /**
     * S9: the scenario above under the Deferrable Server, switched to the Polling Server at 100 ms. Jobs released at
     * 2, 22, ..., 82 ms end 11 ms later (deferrable). At 100 ms the tick has just refilled G under the Deferrable
     * Server; the switch makes the pCPU decide again at once, now polling: G has no work, so its budget is dropped.
     * The job released at 102 waits for 110: 110-113 and 120-123, 21 ms; from then on 21 ms as under the Polling
     * Server from the start (the job released at 122 starts at 123 with no budget: 130-133, 140-143).
     */
    @Test
    void adjustGlobal_switchAtRunTime_changesTheServerFromThen() {
        Scenario s = guestAndHog(Server.DEFERRABLE, 210 * MS);
        Simulation sim = Simulation.of(s, Schedulers.factory()).observe(new InvariantChecker());
        List<long[]> jobs = new ArrayList<>(); // {completion, response}
        sim.trace(new TraceSink() {
            @Override
            public void jobCompleted(long now, Domain d, String task, long job, long responseNs, boolean missed) {
                if (d.name().equals("G")) jobs.add(new long[] {now, responseNs});
            }
        });
        sim.at(100 * MS, () -> sim.host().pools().get(0).scheduler().adjustGlobal(new Rtxen1PoolParams(Server.POLLING)));
        sim.run();
        assertEquals(10, jobs.size());
        for (int k = 0; k < 5; k++) assertEquals(11 * MS, jobs.get(k)[1], "job " + k + " (deferrable)");
        for (int k = 5; k < 10; k++) assertEquals(21 * MS, jobs.get(k)[1], "job " + k + " (polling)");
        assertEquals(123 * MS, jobs.get(5)[0]);
    }
    /**
     * S1 priorities, one pCPU, 10 ms, two hogs created in the order B (20ms/10ms), A (10ms/4ms). With the default
     * priority (equal for both) the order is rate-monotonic: A runs 0-4, then B 4-10: A 4 ms, B 6 ms. With B given
     * priority 1 and A priority 2, B runs 0-10 and A gets nothing.
     */
    @Test
    void priority_defaultIsRateMonotonic_explicitOverridesIt() {
        Scenario byDefault = ScenarioBuilder.host(1, 10 * MS).scheduler("rtxen1", Rtxen1PoolParams.DEFAULTS)
                .domain("B", new Rtxen1Params(20 * MS, 10 * MS, Rtxen1Params.DEFAULT_PRIORITY), busy())
                .domain("A", new Rtxen1Params(10 * MS, 4 * MS, Rtxen1Params.DEFAULT_PRIORITY), busy()).build();
        Scenario explicit = ScenarioBuilder.host(1, 10 * MS).scheduler("rtxen1", Rtxen1PoolParams.DEFAULTS)
                .domain("B", new Rtxen1Params(20 * MS, 10 * MS, 1), busy())
                .domain("A", new Rtxen1Params(10 * MS, 4 * MS, 2), busy()).build();
        assertEquals(4 * MS, domain(run(byDefault), "A").runNs());
        assertEquals(6 * MS, domain(run(byDefault), "B").runNs());
        assertEquals(0, domain(run(explicit), "A").runNs());
        assertEquals(10 * MS, domain(run(explicit), "B").runNs());
    }

    /**
     * S1: the smaller priority number runs first whatever the creation order. One pCPU, 10 ms, deferrable servers: B
     * (priority 2, 10 ms / 10 ms, hog) is created before A (priority 1, 10 ms / 4 ms, hog), equal periods. A runs 0-4
     * until its budget is gone, then B 4-10: A 4 ms, B 6 ms. (Queued in creation order, B would run 0-10.)
     */
    @Test
    void priority_higherPriorityCreatedLater_runsFirst() {
        SimulationResult r = run(ScenarioBuilder.host(1, 10 * MS).scheduler("rtxen1", Rtxen1PoolParams.DEFAULTS)
                .domain("B", new Rtxen1Params(10 * MS, 10 * MS, 2), busy())
                .domain("A", new Rtxen1Params(10 * MS, 4 * MS, 1), busy()).build());
        assertEquals(4 * MS, domain(r, "A").runNs());
        assertEquals(6 * MS, domain(r, "B").runNs());
    }

    /**
     * S5 with a server inserted between quantum ticks; its periods start at insertion. One pCPU, Periodic Server, 30 ms.
     * B: priority 2, 10 ms / 10 ms, hog, from 0. A: priority 1, 10 ms / 4 ms, no work, created at 2.5 ms, so its
     * periods start at 2.5, 12.5, 22.5 ms. At 2.5 A is the highest-priority VCPU with budget: the pCPU decides at once
     * and idles while A's budget drains (S5), until 6.5; B runs 6.5-13. A's refill due at 12.5 is applied at the next
     * decision, the tick at 13 (S3): idle 13-17, B 17-23, idle 23-27 (refill of 22.5 at 23), B 27-30.
     */
    @Test
    void periodicServer_insertedBetweenTicks_drainsFromItsInsertionAndRefillsOnItsGrid() {
        DomainSpec a = new DomainSpec("A", false, null, 1, new Rtxen1Params(10 * MS, 4 * MS, 1), List.of(), List.of(),
                2_500_000L, GuestSpec.IDLE);
        Scenario s = ScenarioBuilder.host(1, 30 * MS).scheduler("rtxen1", new Rtxen1PoolParams(Server.PERIODIC))
                .domain("B", new Rtxen1Params(10 * MS, 10 * MS, 2), busy()).domain(a).build();
        List<String> switches = new ArrayList<>();
        Simulation sim = Simulation.of(s, Schedulers.factory()).observe(new InvariantChecker());
        String[] last = {""};
        sim.observe(x -> {
            var cur = x.host().pcpu(0).current();
            String now = cur.isIdle() ? "idle" : cur.domain().name();
            if (!now.equals(last[0])) {
                last[0] = now;
                switches.add(x.now() / 100_000 / 10.0 + ":" + now);
            }
        });
        sim.run();
        assertEquals(List.of("0.0:B", "2.5:idle", "6.5:B", "13.0:idle", "17.0:B", "23.0:idle", "27.0:B"), switches);
    }
}
