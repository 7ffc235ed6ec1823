package org.rtxen.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.TestPolicies;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;
import org.rtxen.model.result.SimulationResult;

/** The framework's F rules, observed through a recording FIFO policy. */
class SchedulingFrameworkTest {
    /** The test policies take no parameters. */
    private static final SchedParams TEST_PARAMS = new SchedParams() {};

    private static final long MS = 1_000_000;

    /** One pCPU, one domain with one task (10 ms, 2 ms) over 30 ms. */
    private static Scenario oneTask(Overheads overheads) {
        TaskSpec t = new TaskSpec("t", 10 * MS, 2 * MS, 10 * MS, 0, 0, -1, new ExecTimeModel.Wcet());
        DomainSpec d = new DomainSpec("vm", false, "P", 1, TEST_PARAMS, List.of(),
                new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, false, List.of(t)));
        return new Scenario(30 * MS, 1, HostSpec.flat(1), List.of(new PoolSpec("P", "fifo", List.of(0),
                new PoolParams.None())), List.of(d), overheads);
    }

    @Test
    void hostCore_socketsOfSmtCores_isSharedByExactlyTheThreadsOfOneCore() {
        Scenario one = oneTask(Overheads.NONE);
        Scenario smt = new Scenario(one.durationNs(), one.seed(), new HostSpec(2, 3, 2), one.pools(), one.domains(),
                Overheads.NONE);
        TestPolicies policies = new TestPolicies();
        Simulation.of(smt, policies).run();
        List<Pcpu> pcpus = policies.last().host().pcpus();
        for (Pcpu a : pcpus) {
            for (Pcpu b : pcpus) {
                boolean sameCore = a.socket() == b.socket() && a.core() == b.core();
                assertEquals(sameCore, a.hostCore() == b.hostCore(), a.id() + " and " + b.id());
            }
        }
        assertEquals(5, pcpus.get(11).hostCore()); // six cores, numbered densely
    }

    @Test
    void block_guestIdles_neverCallsSleepAndSavesContextAfterEverySwitch() {
        TestPolicies policies = new TestPolicies();
        SimulationResult r = Simulation.of(oneTask(Overheads.NONE), policies).observe(new InvariantChecker()).run();
        List<String> calls = policies.last().calls;
        // F5: blocking goes through schedule(), never the sleep hook.
        assertFalse(calls.stream().anyMatch(c -> c.startsWith("sleep")), calls.toString());
        // 3 jobs: idle -> vm and vm -> idle each time: 6 switches, 6 context_saved calls, each after the switch.
        assertEquals(6, r.pcpus().get(0).contextSwitches());
        assertEquals(6, calls.stream().filter(c -> c.startsWith("contextSaved")).count());
        assertEquals(3 * 2 * MS, r.domains().get(0).runNs());
        assertEquals(30 * MS - 6 * MS, r.domains().get(0).vcpus().get(0).blockedNs());
    }

    @Test
    void contextSaved_afterSwitch_seesPrevStillMarkedRunningUntilThen() {
        TestPolicies policies = new TestPolicies();
        Simulation.of(oneTask(Overheads.NONE), policies).run();
        // is_running is cleared after the hook's caller marks the switch done: the hook sees it cleared (F11.9).
        assertTrue(policies.last().calls.stream().filter(c -> c.startsWith("contextSaved"))
                .noneMatch(c -> c.endsWith("still-running")));
    }

    /**
     * With 10 us schedule and 5 us context-switch overhead, each job starts 15 us after its release (one
     * scheduler run plus one switch from idle), so it responds in 2 ms + 15 us; the VCPU is accounted as
     * running during the overhead: 3 * 2.015 ms.
     */
    @Test
    void schedule_withOverheads_delaysGuestExecution() {
        SimulationResult r = Simulation.of(oneTask(new Overheads(10_000, 5_000, 0)), new TestPolicies())
                .observe(new InvariantChecker()).run();
        assertEquals(2 * MS + 15_000, r.domains().get(0).tasks().get(0).response().maxNs());
        assertEquals(2 * MS + 15_000, r.domains().get(0).tasks().get(0).response().minNs());
        assertEquals(3 * (2 * MS + 15_000), r.domains().get(0).runNs());
    }

    /**
     * The trace of the one-task scenario: each 10 ms the release wakes the VCPU (BLOCKED -> RUNNABLE), the pCPU
     * switches to it at once (RUNNABLE -> RUNNING), and after 2 ms the job completes and the VCPU blocks. The job's
     * start (0 us, when the VCPU first executes it) is reported when the job is settled at its completion; the
     * sink is told of the start before anything else and of the end (30 ms) after everything.
     */
    @Test
    void trace_oneTask_reportsRunStatesSwitchesAndJobsInOrder() {
        List<String> events = new java.util.ArrayList<>();
        TraceSink sink = new TraceSink() {
            @Override
            public void runState(long now, Vcpu v, RunState from, RunState to) {
                events.add(now / 1000 + "us " + v + " " + from + "->" + to);
            }

            @Override
            public void contextSwitch(long now, Pcpu p, Vcpu prev, Vcpu next) {
                events.add(now / 1000 + "us " + p + " " + prev + "->" + next);
            }

            @Override
            public void start(org.rtxen.engine.machine.Host host) {
                events.add("start " + host.pcpus().size() + " pcpu");
            }

            @Override
            public void jobReleased(long now, Domain d, String task, long job, long releaseNs, long deadlineNs) {
                events.add(now / 1000 + "us release " + task + "#" + job + " deadline " + deadlineNs / 1000 + "us");
            }

            @Override
            public void jobStarted(long startNs, Domain d, String task, long job) {
                events.add(startNs / 1000 + "us start " + task + "#" + job);
            }

            @Override
            public void end(long endNs) {
                events.add("end " + endNs / 1000 + "us");
            }

            @Override
            public void jobCompleted(long now, Domain d, String task, long job, long responseNs, boolean missed) {
                events.add(now / 1000 + "us complete " + task + "#" + job + " in " + responseNs / 1000 + "us" + (missed ? " missed" : ""));
            }
        };
        Simulation.of(oneTask(Overheads.NONE), new TestPolicies()).trace(sink).run();
        assertEquals(List.of(
                "start 1 pcpu",
                "0us release t#0 deadline 10000us", "0us d1v0 BLOCKED->RUNNABLE", "0us pcpu0 idle0->d1v0",
                "0us d1v0 RUNNABLE->RUNNING", "0us start t#0", "2000us complete t#0 in 2000us", "2000us pcpu0 d1v0->idle0", "2000us d1v0 RUNNING->BLOCKED",
                "10000us release t#1 deadline 20000us", "10000us d1v0 BLOCKED->RUNNABLE", "10000us pcpu0 idle0->d1v0",
                "10000us d1v0 RUNNABLE->RUNNING", "10000us start t#1",
                "12000us complete t#1 in 2000us", "12000us pcpu0 d1v0->idle0", "12000us d1v0 RUNNING->BLOCKED"),
                events.subList(0, 17));
        assertEquals(26, events.size());
        assertEquals("end 30000us", events.get(25));
    }

    @Test
    void wake_beforeBlockIsActedOn_keepsTheVcpuWithoutASwitch() {
        // Two tasks whose jobs chain exactly: t1 completes at 2 ms when t2 is released at 2 ms (release first, M2).
        TaskSpec t1 = new TaskSpec("t1", 10 * MS, 2 * MS, 10 * MS, 0, 0, -1, new ExecTimeModel.Wcet());
        TaskSpec t2 = new TaskSpec("t2", 10 * MS, 2 * MS, 10 * MS, 2 * MS, 0, -1, new ExecTimeModel.Wcet());
        DomainSpec d = new DomainSpec("vm", false, "P", 1, TEST_PARAMS, List.of(),
                new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, false, List.of(t1, t2)));
        Scenario s = new Scenario(10 * MS, 1, HostSpec.flat(1), List.of(new PoolSpec("P", "fifo",
                List.of(0), new PoolParams.None())), List.of(d), Overheads.NONE);
        SimulationResult r = Simulation.of(s, new TestPolicies()).observe(new InvariantChecker()).run();
        // One run of 4 ms: switched in at 0, out at 4 ms.
        assertEquals(2, r.pcpus().get(0).contextSwitches());
        assertEquals(4 * MS, r.domains().get(0).runNs());
    }
}
