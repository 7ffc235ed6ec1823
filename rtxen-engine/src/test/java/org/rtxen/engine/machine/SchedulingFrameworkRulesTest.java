package org.rtxen.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
import org.rtxen.model.result.ResponseStats;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.VcpuResult;

/**
 * The framework's overhead arithmetic (T7, F11), migration hand-over (F14, F15, M3), domain placement (F17, F18)
 * and host set-up, each derived by hand and observed through the recording FIFO policy ({@link TestPolicies}), which
 * never preempts, runs its queue in wake order and places a VCPU on the first pCPU of its affinity at or after the
 * pool's first one.
 */
class SchedulingFrameworkRulesTest {
    private static final SchedParams TEST_PARAMS = new SchedParams() {};
    private static final long MS = 1_000_000;
    private static final long US = 1_000;

    /** A task released every {@code period} from {@code offset}, running {@code wcet} each time. */
    private static TaskSpec task(long period, long wcet, long offset) {
        return new TaskSpec("t", period, wcet, period, offset, 0, -1, new ExecTimeModel.Wcet());
    }

    /** A one-VCPU domain of pool "P" running {@code task}. */
    private static DomainSpec domain(String name, TaskSpec task) {
        return new DomainSpec(name, false, "P", 1, TEST_PARAMS, List.of(),
                new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, false, List.of(task)));
    }

    /** Domain "a" of pool "P", pinned to pCPU 1, whose task computes 4 ms every 20 ms from 0. */
    private static DomainSpec pinnedToPcpu1() {
        return new DomainSpec("a", false, "P", 1, TEST_PARAMS, List.of(1),
                new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, false, List.of(task(20 * MS, 4 * MS, 0))));
    }

    /** A flat host of {@code pcpus} pCPUs, all in pool "P". */
    private static Scenario scenario(long duration, int pcpus, List<DomainSpec> domains, Overheads overheads) {
        List<Integer> all = IntStream.range(0, pcpus).boxed().toList();
        return new Scenario(duration, 1, HostSpec.flat(pcpus), List.of(new PoolSpec("P", "fifo", all,
                new PoolParams.None())), domains, overheads);
    }

    private static ResponseStats response(SimulationResult r, int domain) {
        return r.domains().get(domain).tasks().get(0).response();
    }

    /**
     * F11.7 and T7: a decision that keeps the current VCPU switches nothing but still costs a scheduler run. One pCPU,
     * 10 us per schedule call, no switch cost. A's job (4 ms) starts at 10 us; B's release at 1 ms tickles the pCPU,
     * whose FIFO decision keeps A, which is held from 1 ms to 1.01 ms, so A has 4 ms - 0.99 ms left at 1.01 ms and
     * completes at 4.02 ms. B then runs after one more 10 us scheduler run, from 4.03 ms to 5.03 ms: 4.03 ms after its
     * release. The overheads count as running (the class Javadoc of SchedulingFramework): the pCPU is busy 0-5.03 ms.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void schedule_decisionKeepingTheCurrentVcpu_stillDelaysItByTheSchedulerRun() {
        Scenario s = scenario(10 * MS, 1, List.of(domain("a", task(10 * MS, 4 * MS, 0)),
                domain("b", task(10 * MS, MS, MS))), new Overheads(10 * US, 0, 0));
        SimulationResult r = Simulation.of(s, new TestPolicies()).observe(new InvariantChecker()).run();
        assertEquals(4 * MS + 20 * US, response(r, 0).maxNs());
        assertEquals(4 * MS + 30 * US, response(r, 1).maxNs());
        assertEquals(3, r.pcpus().get(0).contextSwitches()); // idle->a, a->b, b->idle: none at 1 ms
        assertEquals(5 * MS + 30 * US, r.pcpus().get(0).busyNs()); // busy from 0 until b blocks, overheads included
    }

    /**
     * F14 and T7: a blocked VCPU pinned elsewhere moves at once (it is not running; the policy hears of the new
     * affinity first), and its next run on the new pCPU
     * costs the migration overhead; its first run ever is no migration. Two pCPUs, 7 us per migration. Job 0 runs on
     * pCPU 0 (the FIFO placement) from 0 to 2 ms; at 5 ms the VCPU is pinned to pCPU 1; job 1 (released at 10 ms)
     * runs there after 7 us: responses 2 ms and 2.007 ms, one migration, counted on pCPU 1.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void schedule_firstRunAfterAPin_costsTheMigrationOverhead() {
        Scenario s = scenario(20 * MS, 2, List.of(domain("a", task(10 * MS, 2 * MS, 0))), new Overheads(0, 0, 7 * US));
        TestPolicies policies = new TestPolicies();
        Simulation sim = Simulation.of(s, policies).observe(new InvariantChecker());
        Vcpu a = sim.host().domains().get(0).vcpus().get(0);
        sim.at(5 * MS, () -> sim.framework().setAffinity(a, CpuMask.of(List.of(1))));
        SimulationResult r = sim.run();
        assertEquals(2 * MS, response(r, 0).minNs());
        assertEquals(2 * MS + 7 * US, response(r, 0).maxNs());
        assertEquals(List.of(0L, 1L), List.of(r.pcpus().get(0).migrations(), r.pcpus().get(1).migrations()));
        assertSame(sim.host().pcpu(1), a.processor());
        assertTrue(policies.last().calls.contains("adjustAffinity:d1v0@{1}"));
    }

    /**
     * F14, F11.9 and M3: a running VCPU pinned elsewhere is switched out and moves only once its context is saved.
     * Two pCPUs, 5 us per context switch, 7 us per migration; a 4 ms job released at 0 starts on pCPU 0 at 5 us. At
     * 1 ms it is pinned to pCPU 1: the sleep hook tickles pCPU 0, which switches to idle at 1 ms (0.995 ms done);
     * the context is saved at 1.005 ms, and only then is the VCPU placed on pCPU 1 and woken (offline 1 ms to
     * 1.005 ms). pCPU 1 switches to it at once and it resumes after 5 + 7 us, at 1.017 ms, with 3.005 ms left:
     * response 4.022 ms.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void contextSaved_ofAVcpuPinnedWhileRunning_handsItToTheNewPcpu() {
        Scenario s = scenario(20 * MS, 2, List.of(domain("a", task(20 * MS, 4 * MS, 0))), new Overheads(0, 5 * US, 7 * US));
        Simulation sim = Simulation.of(s, new TestPolicies()).observe(new InvariantChecker());
        Vcpu a = sim.host().domains().get(0).vcpus().get(0);
        sim.at(MS, () -> sim.framework().setAffinity(a, CpuMask.of(List.of(1))));
        SimulationResult r = sim.run();
        assertEquals(4 * MS + 22 * US, response(r, 0).maxNs());
        assertEquals(5 * US, r.domains().get(0).vcpus().get(0).offlineNs());
        assertEquals(0, r.domains().get(0).vcpus().get(0).runnableNs());
        assertEquals(1, r.pcpus().get(1).migrations());
    }

    /**
     * F6 and M3 (a synchronous pause waits until the VCPU stops running; commands given after it wait too). One pCPU,
     * 5 us per context switch; a 4 ms job starts at 5 us. At 1 ms the domain is paused and, as a second command at the
     * same instant, unpaused: the unpause waits until the context is saved at 1.005 ms (offline 5 us), then the VCPU
     * is switched back in and resumes at 1.010 ms with 3.005 ms left: response 4.015 ms, no migration.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void contextSaved_ofAPausedDomain_releasesTheCommandsWaitingForIt() {
        Scenario s = scenario(20 * MS, 1, List.of(domain("a", task(20 * MS, 4 * MS, 0))), new Overheads(0, 5 * US, 0));
        Simulation sim = Simulation.of(s, new TestPolicies()).observe(new InvariantChecker());
        Domain d = sim.host().domains().get(0);
        sim.at(MS, () -> sim.framework().pauseDomain(d));
        sim.at(MS, () -> sim.framework().unpauseDomain(d));
        SimulationResult r = sim.run();
        assertEquals(4 * MS + 15 * US, response(r, 0).maxNs());
        assertEquals(5 * US, r.domains().get(0).vcpus().get(0).offlineNs());
        assertEquals(0, r.pcpus().get(0).migrations());
    }

    /**
     * F17 and F18 (createDomain's Javadoc): VCPU i is first placed on pCPU i mod n of the pool (the pool's n pCPUs in
     * id order), moved to the next pCPU of its affinity when that one is outside it, and then put where the policy's
     * pick says. Pool P is pCPUs 1-3 of a 4-pCPU host; VCPU 1 is pinned to {1, 3}: proposals pCPU 1, 3 (2 is outside
     * {1, 3}), 3, 1 (3 mod 3 = 0); the FIFO pick puts every VCPU on pCPU 1.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void createDomain_successivePoolPcpus_areProposedToThePickAndItsAnswerKept() {
        DomainSpec vm = new DomainSpec("vm", false, "P", 4, TEST_PARAMS, List.of(),
                List.of(List.of(), List.of(3, 1), List.of(), List.of()), 0, GuestSpec.IDLE);
        Scenario s = new Scenario(MS, 1, HostSpec.flat(4), List.of(new PoolSpec("Q", "fifo", List.of(0),
                new PoolParams.None()), new PoolSpec("P", "fifo", List.of(3, 1, 2), new PoolParams.None())),
                List.of(vm), Overheads.NONE);
        TestPolicies policies = new TestPolicies();
        Simulation.of(s, policies).run();
        assertEquals(List.of("pickCpu:d1v0@pcpu1", "pickCpu:d1v1@pcpu3", "pickCpu:d1v2@pcpu3", "pickCpu:d1v3@pcpu1"),
                policies.last().calls.stream().filter(c -> c.startsWith("pickCpu")).toList());
        Host host = policies.last().host();
        for (Vcpu v : host.domains().get(0).vcpus()) assertSame(host.pcpu(1), v.processor(), v.toString());
    }

    /**
     * HostSpec numbers pCPUs socket-major, then core, then thread: on 2 sockets of 3 cores of 2 threads, pCPU 7 is
     * socket 7 / 6 = 1, core (7 / 2) mod 3 = 0, thread 7 mod 2 = 1, host core 7 / 2 = 3; pCPU 4 is socket 0, core 2,
     * thread 0, host core 2.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void build_smtHost_numbersSocketCoreAndThreadSocketMajor() {
        Scenario s = new Scenario(MS, 1, new HostSpec(2, 3, 2), List.of(new PoolSpec("P", "fifo", List.of(0),
                new PoolParams.None())), List.of(), Overheads.NONE);
        Host host = Simulation.of(s, new TestPolicies()).host();
        Pcpu p7 = host.pcpu(7);
        Pcpu p4 = host.pcpu(4);
        assertEquals(List.of(1, 0, 1, 3), List.of(p7.socket(), p7.core(), p7.thread(), p7.hostCore()));
        assertEquals(List.of(0, 2, 0, 2), List.of(p4.socket(), p4.core(), p4.thread(), p4.hostCore()));
    }

    /**
     * Domain ids (Domain#id: 0 for the control domain, then 1, 2, ... in scenario order) and VCPU ids (Host#vcpus:
     * guest VCPUs first, then one idle VCPU per pCPU): domains a (2 VCPUs), dom0 (control, 1) and b (1) on 2 pCPUs
     * have ids 1, 0, 2; the guest VCPUs are ids 0-3 and the idle VCPUs of pCPUs 0 and 1 are ids 4 and 5. An unpinned
     * VCPU's hard affinity is every pCPU of the host, and where it may run is its pool's pCPUs (F16, F17).
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void build_domainsAndVcpus_getDenseIdsAndTheirPoolsAffinity() {
        DomainSpec a = new DomainSpec("a", false, "P", 2, TEST_PARAMS, List.of(), GuestSpec.IDLE);
        DomainSpec dom0 = new DomainSpec("dom0", true, "Q", 1, TEST_PARAMS, List.of(), GuestSpec.IDLE);
        DomainSpec b = new DomainSpec("b", false, "P", 1, TEST_PARAMS, List.of(), GuestSpec.IDLE);
        Scenario s = new Scenario(MS, 1, HostSpec.flat(2), List.of(new PoolSpec("P", "fifo", List.of(1),
                new PoolParams.None()), new PoolSpec("Q", "fifo", List.of(0), new PoolParams.None())),
                List.of(a, dom0, b), Overheads.NONE);
        Host host = Simulation.of(s, new TestPolicies()).host();
        assertEquals(List.of(1, 0, 2), host.domains().stream().map(Domain::id).toList());
        assertEquals(6, host.vcpuCount());
        for (int id = 0; id < 6; id++) assertEquals(id, host.vcpus().get(id).id());
        assertSame(host.pcpu(0).idleVcpu(), host.vcpus().get(4));
        assertSame(host.pcpu(1).idleVcpu(), host.vcpus().get(5));
        assertEquals(List.of("a", "b"), host.pools().get(0).domains().stream().map(Domain::name).toList());
        assertEquals(List.of("dom0"), host.pools().get(1).domains().stream().map(Domain::name).toList());
        Vcpu bv = host.domains().get(2).vcpus().get(0);
        assertEquals(CpuMask.of(List.of(0, 1)), bv.hardAffinity());
        assertEquals(CpuMask.of(List.of(1)), bv.affinityInPool());
    }

    /**
     * The accounting closes at the end of the run: a hog created at 4 ms that runs from then to the end (10 ms) on
     * pCPU 0 makes it busy 6 ms and pCPU 1, idle throughout, 0 ms.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void finish_busyAndIdlePcpus_closeTheirBusyTime() {
        DomainSpec hog = new DomainSpec("hog", false, "P", 1, TEST_PARAMS, List.of(), List.of(), 4 * MS,
                new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, true, List.of()));
        SimulationResult r = Simulation.of(scenario(10 * MS, 2, List.of(hog), Overheads.NONE), new TestPolicies()).run();
        assertEquals(List.of(6 * MS, 0L), List.of(r.pcpus().get(0).busyNs(), r.pcpus().get(1).busyNs()));
        assertEquals(6 * MS, r.domains().get(0).runNs());
    }

    /**
     * Start-up (SchedulingFramework#start): the policy gets its pool parameters, and a domain with a later start is
     * offline and unknown to its policy until then, and blocked from its creation. One pCPU; a domain created at 5 ms
     * whose guest (started then) releases a 1 ms job 2 ms later: offline 0 to 5 ms, blocked 5 to 7 and 8 to 10 ms
     * (4 ms), response 1 ms; the policy's first calls are adjustGlobal, then the domain's parameters, placement and insertion at 5 ms.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void start_domainWithALaterStart_isOfflineAndUnknownToItsPolicyUntilThen() {
        DomainSpec late = new DomainSpec("late", false, "P", 1, TEST_PARAMS, List.of(), List.of(), 5 * MS,
                new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, false, List.of(task(10 * MS, MS, 2 * MS))));
        TestPolicies policies = new TestPolicies();
        SimulationResult r = Simulation.of(scenario(10 * MS, 1, List.of(late), Overheads.NONE), policies)
                .observe(new InvariantChecker()).run();
        assertEquals(List.of("adjustGlobal", "adjust:d1(late)", "pickCpu:d1v0@pcpu0", "insert:d1v0"),
                policies.last().calls.subList(0, 4));
        assertEquals(5 * MS, r.domains().get(0).vcpus().get(0).offlineNs());
        assertEquals(4 * MS, r.domains().get(0).vcpus().get(0).blockedNs());
        assertEquals(MS, response(r, 0).maxNs());
    }

    /**
     * F6/F7 run states: an event for a VCPU of a paused domain unblocks it without waking it (Xen's vcpu_wake leaves it
     * offline, not runnable), and the unpause wakes it. One pCPU; 2 ms jobs every 10 ms; the domain is paused at 5 ms
     * (its VCPU blocked since 2 ms) and unpaused at 12 ms: the 10 ms job waits offline until 12 ms and completes at 14
     * ms (response 4 ms). Over 20 ms: offline 2 ms, running 4 ms, blocked 2-10 and 14-20 ms, i.e. 14 ms.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void wake_ofAPausedDomainsVcpu_leavesItOfflineUntilTheUnpause() {
        Scenario s = scenario(20 * MS, 1, List.of(domain("a", task(10 * MS, 2 * MS, 0))), Overheads.NONE);
        Simulation sim = Simulation.of(s, new TestPolicies()).observe(new InvariantChecker());
        Domain d = sim.host().domains().get(0);
        sim.at(5 * MS, () -> sim.framework().pauseDomain(d));
        sim.at(12 * MS, () -> sim.framework().unpauseDomain(d));
        SimulationResult r = sim.run();
        assertEquals(4 * MS, response(r, 0).maxNs());
        VcpuResult v = r.domains().get(0).vcpus().get(0);
        assertEquals(List.of(4 * MS, 0L, 14 * MS, 2 * MS), List.of(v.runNs(), v.runnableNs(), v.blockedNs(), v.offlineNs()));
    }

    /**
     * F6/F7 run states: pausing a runnable VCPU that waits in the queue makes it offline (the sleep hook takes it out),
     * and the unpause makes it runnable again. One pCPU; A's 4 ms job runs from 0; B's 1 ms job is released at 0.5 ms
     * and queued behind it; B's domain is paused at 1 ms and unpaused at 2 ms. B runs after A, 4 to 5 ms: response
     * 4.5 ms, runnable 0.5-1 and 2-4 ms (2.5 ms), offline 1 ms.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void pause_ofAQueuedVcpu_makesItOfflineUntilTheUnpause() {
        Scenario s = scenario(10 * MS, 1, List.of(domain("a", task(10 * MS, 4 * MS, 0)),
                domain("b", task(10 * MS, MS, MS / 2))), Overheads.NONE);
        Simulation sim = Simulation.of(s, new TestPolicies()).observe(new InvariantChecker());
        Domain b = sim.host().domains().get(1);
        sim.at(MS, () -> sim.framework().pauseDomain(b));
        sim.at(2 * MS, () -> sim.framework().unpauseDomain(b));
        SimulationResult r = sim.run();
        assertEquals(4 * MS + MS / 2, response(r, 1).maxNs());
        VcpuResult v = r.domains().get(1).vcpus().get(0);
        assertEquals(List.of(MS, 2 * MS + MS / 2, MS), List.of(v.runNs(), v.runnableNs(), v.offlineNs()));
    }

    /**
     * F10 and F11.5: the slice returned arms s_timer, whose expiry only runs the scheduler again; the FIFO policy then
     * keeps the VCPU, which is still held for the 10 us scheduler run (T7). One pCPU, 1 ms slices; a 4 ms job starts at
     * 10 us and is held at 1, 2, 3 and 4 ms for 10 us each: it has run 4 x 0.99 ms by 4 ms and completes at 4.05 ms.
     * Over 10 ms the pCPU runs its scheduler 6 times (0, 1, 2, 3, 4 and 4.05 ms; none while idle without a timer).
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void sliceTimer_expiry_runsTheSchedulerAgain() {
        Scenario s = scenario(10 * MS, 1, List.of(domain("a", task(10 * MS, 4 * MS, 0))), new Overheads(10 * US, 0, 0));
        Simulation sim = Simulation.of(s, new TestPolicies(MS)).observe(new InvariantChecker());
        SimulationResult r = sim.run();
        assertEquals(4 * MS + 50 * US, response(r, 0).maxNs());
        assertEquals(6, sim.host().pcpu(0).scheduleCalls());
    }

    /**
     * Run-time parameters (domctl putinfo): a live domain's policy hears them at once; a domain not created yet keeps
     * them and its policy gets them at creation. Domain a (live) and b (created at 5 ms) are both given new
     * parameters at 1 ms: the policy sees adjust for a at boot and at 1 ms, and for b once, at 5 ms.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void adjust_liveAndNotYetCreatedDomains_reachesThePolicyWhenTheDomainExists() {
        DomainSpec b = new DomainSpec("b", false, "P", 1, TEST_PARAMS, List.of(), List.of(), 5 * MS, GuestSpec.IDLE);
        TestPolicies policies = new TestPolicies();
        Simulation sim = Simulation.of(scenario(10 * MS, 1, List.of(domain("a", task(10 * MS, MS, 0)), b), Overheads.NONE),
                policies);
        SchedParams changed = new SchedParams() {};
        for (Domain d : sim.host().domains()) sim.at(MS, () -> sim.framework().adjust(d, changed));
        sim.run();
        assertEquals(List.of("adjust:d1(a)", "adjust:d1(a)", "adjust:d2(b)"),
                policies.last().calls.stream().filter(c -> c.startsWith("adjust:")).toList());
        assertSame(changed, sim.host().domains().get(1).params());
    }

    /**
     * xl destroy: the domain is paused, and once its running VCPU is switched out (at once, no switch cost) it leaves
     * its policy and stays offline. One pCPU; a's 2 ms job started at 0 is cut at 1 ms: run 1 ms, offline 19 ms of
     * 20, no job completed, the domain no longer live. Domain b, idle (blocked from 0), destroyed at 1 ms too, goes
     * from blocked to offline then: blocked 1 ms, offline 19 ms. Both leave the policy, and a's guest stops: its 10 ms
     * job is never released.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void destroy_runningAndBlockedDomains_stopsThemForTheRestOfTheRun() {
        DomainSpec idle = new DomainSpec("b", false, "P", 1, TEST_PARAMS, List.of(), GuestSpec.IDLE);
        Scenario s = scenario(20 * MS, 1, List.of(domain("a", task(10 * MS, 2 * MS, 0)), idle), Overheads.NONE);
        TestPolicies policies = new TestPolicies();
        Simulation sim = Simulation.of(s, policies).observe(new InvariantChecker());
        Domain d = sim.host().domains().get(0);
        for (Domain each : sim.host().domains()) sim.at(MS, () -> sim.framework().destroy(each));
        SimulationResult r = sim.run();
        VcpuResult v = r.domains().get(0).vcpus().get(0);
        assertEquals(List.of(MS, 19 * MS), List.of(v.runNs(), v.offlineNs()));
        VcpuResult bv = r.domains().get(1).vcpus().get(0);
        assertEquals(List.of(MS, 19 * MS), List.of(bv.blockedNs(), bv.offlineNs()));
        assertEquals(List.of(1L, 0L), List.of(r.domains().get(0).tasks().get(0).released(),
                r.domains().get(0).tasks().get(0).completed()));
        assertEquals(List.of("remove:d1v0", "remove:d2v0"),
                policies.last().calls.stream().filter(c -> c.startsWith("remove:")).toList());
        assertFalse(d.isLive());
    }

    /**
     * F17 (xl cpupool-migrate): the moved domain leaves the old pool, gets the new policy's defaults (null
     * parameters), all pCPUs as hard affinity, and its VCPUs on successive pCPUs of the new pool from its first;
     * its next run there is a migration (7 us, T7). Pools P = {0} and Q = {1}; a blocked domain of P is moved at
     * 5 ms: Q's policy sees adjust(defaults), the proposal pCPU 1 and the insertion; the 10 ms job runs on pCPU 1
     * with response 2.007 ms.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void moveDomain_toAnotherPool_isCreatedThereWithDefaultsOnItsPcpus() {
        Scenario s = new Scenario(20 * MS, 1, HostSpec.flat(2), List.of(new PoolSpec("P", "fifo", List.of(0),
                new PoolParams.None()), new PoolSpec("Q", "fifo", List.of(1), new PoolParams.None())),
                List.of(domain("a", task(10 * MS, 2 * MS, 0))), new Overheads(0, 0, 7 * US));
        TestPolicies policies = new TestPolicies();
        Simulation sim = Simulation.of(s, policies).observe(new InvariantChecker());
        Domain d = sim.host().domains().get(0);
        CpuPool q = sim.host().pools().get(1);
        sim.at(5 * MS, () -> sim.framework().moveDomain(d, q));
        SimulationResult r = sim.run();
        assertEquals(List.of("adjustGlobal", "adjust:d1(a)", "pickCpu:d1v0@pcpu1", "insert:d1v0"),
                policies.get(1).calls.subList(0, 4));
        assertEquals(2 * MS + 7 * US, response(r, 0).maxNs());
        assertEquals(List.of(), sim.host().pools().get(0).domains());
        assertEquals(List.of("remove:d1v0"), policies.get(0).calls.stream().filter(c -> c.startsWith("remove:")).toList());
        assertTrue(d.isLive());
        assertEquals(List.of(d), q.domains());
        assertSame(null, d.params());
        assertEquals(CpuMask.of(List.of(0, 1)), d.vcpus().get(0).hardAffinity());
    }

    /**
     * F17 and F6 (sched_move_domain runs with the domain paused synchronously, so xl cpupool-migrate returns only once
     * the domain has moved; a command given after it waits until then). Pools P = {0} and Q = {1}, 5 us per context
     * switch. A's 4 ms job starts on pCPU 0 at 5 us. At 1 ms A is moved to Q and, as a second command at the same
     * instant, its parameters are changed. The move's pause switches A out at 1 ms and its context is saved at
     * 1.005 ms; then A leaves P's policy, is created in Q with the defaults (Q's policy hears adjust once), unpaused,
     * and only then does the parameter change run: Q's policy hears it (a second adjust), P's heard A's creation
     * only, and A keeps the new parameters. A resumes on pCPU 1 after one more switch, at 1.010 ms, with 3.005 ms
     * left: response 4.015 ms. (Run at once, the change would reach P's policy and be reset to the defaults by the
     * move.)
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void moveDomain_ofARunningDomain_laterCommandsWaitUntilItHasMoved() {
        Scenario s = new Scenario(20 * MS, 1, HostSpec.flat(2), List.of(new PoolSpec("P", "fifo", List.of(0),
                new PoolParams.None()), new PoolSpec("Q", "fifo", List.of(1), new PoolParams.None())),
                List.of(domain("a", task(20 * MS, 4 * MS, 0))), new Overheads(0, 5 * US, 0));
        TestPolicies policies = new TestPolicies();
        Simulation sim = Simulation.of(s, policies).observe(new InvariantChecker());
        Domain d = sim.host().domains().get(0);
        CpuPool q = sim.host().pools().get(1);
        SchedParams changed = new SchedParams() {};
        sim.at(MS, () -> sim.framework().moveDomain(d, q));
        sim.at(MS, () -> sim.framework().adjust(d, changed));
        SimulationResult r = sim.run();
        assertEquals(List.of("adjust:d1(a)", "remove:d1v0"), policies.get(0).calls.stream()
                .filter(c -> c.startsWith("adjust:") || c.startsWith("remove:")).toList());
        assertEquals(List.of("adjust:d1(a)", "adjust:d1(a)"), policies.get(1).calls.stream()
                .filter(c -> c.startsWith("adjust:")).toList());
        assertSame(changed, d.params());
        assertEquals(4 * MS + 15 * US, response(r, 0).maxNs());
    }

    /**
     * F17 for a domain not created yet: moved before its start, it is created in the new pool when it starts, and
     * the old pool's policy never hears of it. Pools P = {0} and Q = {1}; domain "late" of P starts at 5 ms with a
     * 1 ms job released 2 ms later, and is moved to Q at 1 ms: Q's policy gets adjust (the defaults), the proposal
     * pCPU 1 and the insertion at 5 ms, P's policy only its adjustGlobal, and the job runs on pCPU 1 at 7-8 ms.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void moveDomain_notCreatedYet_isCreatedInTheNewPoolAtItsStart() {
        DomainSpec late = new DomainSpec("late", false, "P", 1, TEST_PARAMS, List.of(), List.of(), 5 * MS,
                new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, false, List.of(task(10 * MS, MS, 2 * MS))));
        Scenario s = new Scenario(10 * MS, 1, HostSpec.flat(2), List.of(new PoolSpec("P", "fifo", List.of(0),
                new PoolParams.None()), new PoolSpec("Q", "fifo", List.of(1), new PoolParams.None())),
                List.of(late), Overheads.NONE);
        TestPolicies policies = new TestPolicies();
        Simulation sim = Simulation.of(s, policies).observe(new InvariantChecker());
        Domain d = sim.host().domains().get(0);
        CpuPool q = sim.host().pools().get(1);
        sim.at(MS, () -> sim.framework().moveDomain(d, q));
        SimulationResult r = sim.run();
        assertEquals(List.of("adjustGlobal"), policies.get(0).calls);
        assertEquals(List.of("adjustGlobal", "adjust:d1(late)", "pickCpu:d1v0@pcpu1", "insert:d1v0"),
                policies.get(1).calls.subList(0, 4));
        assertEquals(List.of(d), q.domains());
        assertEquals(List.of(0L, MS), List.of(r.pcpus().get(0).busyNs(), r.pcpus().get(1).busyNs()));
    }

    /**
     * xl destroy (domain_kill pauses synchronously, F6): a command given after the destruction of a running domain
     * waits until its VCPUs are switched out, by which time the domain has left its policy. One pCPU, 5 us per context
     * switch; A's 4 ms job starts at 5 us. At 1 ms A is destroyed and, as a second command at the same instant, its
     * parameters are changed. A is switched out at 1 ms, its context saved at 1.005 ms, it leaves the policy and is
     * no longer live; the change then runs and reaches no policy: the policy heard adjust only at A's creation, then
     * remove. (Run at once, the change would reach the policy of a domain being destroyed, before its remove.) The
     * trace records the destruction when xl gives it, at 1 ms.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void destroy_ofARunningDomain_laterCommandsWaitUntilItHasLeftItsPolicy() {
        Scenario s = scenario(20 * MS, 1, List.of(domain("a", task(20 * MS, 4 * MS, 0))), new Overheads(0, 5 * US, 0));
        TestPolicies policies = new TestPolicies();
        Simulation sim = Simulation.of(s, policies).observe(new InvariantChecker());
        Domain d = sim.host().domains().get(0);
        SchedParams changed = new SchedParams() {};
        sim.at(MS, () -> sim.framework().destroy(d));
        sim.at(MS, () -> sim.framework().adjust(d, changed));
        List<String> destroyed = new ArrayList<>();
        sim.trace(new TraceSink() {
            @Override
            public void domainDestroyed(long now, Domain gone) {
                destroyed.add(now + " " + gone);
            }
        }).run();
        assertEquals(List.of(MS + " d1(a)"), destroyed);
        assertEquals(List.of("adjust:d1(a)", "remove:d1v0"), policies.last().calls.stream()
                .filter(c -> c.startsWith("adjust:") || c.startsWith("remove:")).toList());
        assertFalse(d.isLive());
    }

    /**
     * F17 with Xen's for_each_domain_in_cpupool, which walks the host's domain list in domain id order: domains that
     * join a pool out of that order are still walked in it, e.g. when pCPU removal breaks affinities (F14). pCPUs
     * 0-2; pools P = {0} and Q = {1, 2}; idle domains a (d1) and b (d2) of P. At 1 ms b, then a, are moved to Q
     * (both blocked: at once); at 2 ms b, then a, are pinned to pCPU 2, which is then removed from Q: both
     * affinities are broken to all pCPUs in domain order, a's first, whatever the order of the moves and pins.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void moveDomain_twoDomainsJoiningOutOfOrder_areWalkedInDomainOrder() {
        DomainSpec a = new DomainSpec("a", false, "P", 1, TEST_PARAMS, List.of(), GuestSpec.IDLE);
        DomainSpec b = new DomainSpec("b", false, "P", 1, TEST_PARAMS, List.of(), GuestSpec.IDLE);
        Scenario s = new Scenario(5 * MS, 1, HostSpec.flat(3), List.of(new PoolSpec("P", "fifo", List.of(0),
                new PoolParams.None()), new PoolSpec("Q", "fifo", List.of(1, 2), new PoolParams.None())),
                List.of(a, b), Overheads.NONE);
        TestPolicies policies = new TestPolicies();
        Simulation sim = Simulation.of(s, policies).observe(new InvariantChecker());
        Domain da = sim.host().domains().get(0);
        Domain db = sim.host().domains().get(1);
        CpuPool q = sim.host().pools().get(1);
        sim.at(MS, () -> sim.framework().moveDomain(db, q));
        sim.at(MS, () -> sim.framework().moveDomain(da, q));
        sim.at(2 * MS, () -> sim.framework().setAffinity(db.vcpus().get(0), CpuMask.of(List.of(2))));
        sim.at(2 * MS, () -> sim.framework().setAffinity(da.vcpus().get(0), CpuMask.of(List.of(2))));
        sim.at(2 * MS, () -> sim.framework().removePcpu(sim.host().pcpu(2)));
        sim.run();
        assertEquals(List.of(da, db), q.domains());
        assertEquals(List.of("adjustAffinity:d1v0@{0,1,2}", "adjustAffinity:d2v0@{0,1,2}"), policies.get(1).calls
                .stream().filter(c -> c.endsWith("@{0,1,2}")).toList());
    }

    /**
     * xl cpupool-cpu-remove (F14 for the VCPUs on it): a VCPU pinned only to the leaving pCPU has its affinity broken
     * to all pCPUs and migrates; the pCPU leaves the pool once its context switch is done, and a command given after
     * the removal waits until then. Pool P = {0, 1}, 5 us per switch, 7 us per migration; A, pinned to pCPU 1, runs a
     * 4 ms job from 5 us. At 1 ms pCPU 1 is removed (the policy hears of A's broken affinity, then of the leaving
     * pCPU) and then (same instant) added back: pCPU 1 switches A out at 1 ms,
     * its context is saved at 1.005 ms, A moves to pCPU 0 and pCPU 1 leaves the pool; only then is it added back.
     * A resumes on pCPU 0 at 1.017 ms with 3.005 ms left: response 4.022 ms, as for a pin (F14).
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void removePcpu_runningVcpuPinnedThere_migratesAndTheNextCommandWaits() {
        DomainSpec a = pinnedToPcpu1();
        TestPolicies policies = new TestPolicies();
        Simulation sim = Simulation.of(scenario(20 * MS, 2, List.of(a), new Overheads(0, 5 * US, 7 * US)), policies)
                .observe(new InvariantChecker());
        Pcpu p1 = sim.host().pcpu(1);
        CpuPool pool = sim.host().pools().get(0);
        sim.at(MS, () -> sim.framework().removePcpu(p1));
        sim.at(MS, () -> sim.framework().addPcpu(pool, p1));
        SimulationResult r = sim.run();
        assertEquals(4 * MS + 22 * US, response(r, 0).maxNs());
        assertEquals(List.of("adjustAffinity:d1v0@{0,1}", "pcpuLeaving:pcpu1", "leavePool:pcpu1", "joinPool:pcpu1"),
                policies.last().calls.stream().filter(c -> c.contains("Pool:") || c.startsWith("pcpuLeaving")
                        || c.startsWith("adjustAffinity")).toList());
        Vcpu v = sim.host().domains().get(0).vcpus().get(0);
        assertEquals(CpuMask.of(List.of(0, 1)), v.hardAffinity());
        assertEquals(CpuMask.of(List.of(0, 1)), v.affinityInPool());
        assertSame(sim.host().pcpu(0), v.processor());
        assertSame(pool, p1.pool());
    }

    /**
     * xl cpupool-cpu-remove of a busy pCPU under a policy whose sleep hook does not switch the VCPU out: the framework
     * itself raises the leaving pCPU's SCHEDULE softirq (Xen's cpu_disable_scheduler leaves it no VCPU to run), so
     * the removal still completes. Pool P = {0, 1}, no overheads; A, pinned to pCPU 1, runs a 4 ms job from 0. At
     * 1 ms pCPU 1 is removed: A's affinity is broken to all pCPUs, A is put to sleep (no tickle from the policy) and
     * marked migrating; pCPU 1's softirq decides idle at 1 ms, A's context is saved at once, A moves to pCPU 0 and
     * wakes there, pCPU 1 leaves the pool. A resumes on pCPU 0 at 1 ms with 3 ms left: response 4 ms, pCPU 1 busy
     * for 1 ms and pCPU 0 for 3 ms (without the softirq, A would stay on pCPU 1 until its job ends).
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void removePcpu_busyPcpuOfAPolicyWhoseSleepDoesNotTickle_isStillSwitchedOut() {
        DomainSpec a = pinnedToPcpu1();
        TestPolicies policies = new TestPolicies();
        Simulation sim = Simulation.of(scenario(20 * MS, 2, List.of(a), Overheads.NONE), policies)
                .observe(new InvariantChecker());
        policies.last().sleepWithoutTickle();
        Pcpu p1 = sim.host().pcpu(1);
        sim.at(MS, () -> sim.framework().removePcpu(p1));
        SimulationResult r = sim.run();
        assertEquals(1, response(r, 0).count());
        assertEquals(4 * MS, response(r, 0).maxNs());
        assertEquals(List.of(3 * MS, MS), List.of(r.pcpus().get(0).busyNs(), r.pcpus().get(1).busyNs()));
        assertSame(null, p1.pool());
        assertSame(sim.host().pcpu(0), sim.host().domains().get(0).vcpus().get(0).processor());
    }

    /**
     * xl cpupool-cpu-remove of an idle pCPU whose SCHEDULE softirq is still pending: the pCPU leaves the pool at once
     * and the softirq raised for it before schedules nothing (the removal stops it, and a free pCPU's softirq would
     * return at once: either keeps this test passing, neither does). Pool P = {0, 1}, no overheads;
     * A, pinned to pCPU 1, runs a 4 ms job from 0 and is paused at 0.5 ms (0.5 ms done; pCPU 1 idles). At 1 ms one
     * toolstack action unpauses A, which tickles pCPU 1, and removes pCPU 1 before that softirq runs: A's affinity is
     * broken to all pCPUs, A (not running) moves to pCPU 0 at once and wakes there, and pCPU 1, idle, leaves the pool.
     * A resumes on pCPU 0 at 1 ms with 3.5 ms left: response 4.5 ms, one migration, and pCPU 1 ran nothing after
     * 0.5 ms.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void removePcpu_idlePcpuWithAPendingSoftirq_leavesAtOnceAndSchedulesNothing() {
        DomainSpec a = pinnedToPcpu1();
        TestPolicies policies = new TestPolicies();
        Simulation sim = Simulation.of(scenario(20 * MS, 2, List.of(a), Overheads.NONE), policies)
                .observe(new InvariantChecker());
        Domain d = sim.host().domains().get(0);
        Pcpu p1 = sim.host().pcpu(1);
        sim.at(MS / 2, () -> sim.framework().pauseDomain(d));
        sim.at(MS, () -> {
            sim.framework().unpauseDomain(d);
            sim.framework().removePcpu(p1);
        });
        SimulationResult r = sim.run();
        assertEquals(4 * MS + MS / 2, response(r, 0).maxNs());
        assertSame(null, p1.pool());
        assertEquals(MS / 2, r.pcpus().get(1).busyNs());
        assertEquals(List.of(0L, 1L), List.of(r.pcpus().get(1).migrations(), r.pcpus().get(0).migrations()));
    }

    /**
     * A policy that keeps a VCPU whose guest blocked is refused at that decision, naming the pCPU and the VCPU: the
     * guest has nothing to run, so the run would otherwise count time it never ran. One pCPU; A's 1 ms job ends at
     * 1 ms, A blocks and the sleep hook tickles the pCPU, whose decision keeps A.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void schedule_policyKeepingABlockedVcpu_isRefused() {
        TestPolicies policies = new TestPolicies();
        Simulation sim = Simulation.of(scenario(10 * MS, 1, List.of(domain("a", task(10 * MS, MS, 0))), Overheads.NONE),
                policies);
        policies.last().keepBlockedVcpus();
        IllegalStateException e = assertThrows(IllegalStateException.class, sim::run);
        assertEquals("pcpu0 kept d1v0, which is blocked", e.getMessage());
    }

    /**
     * A VCPU blocked in its guest that stops being paused or migrating is reported to the policy
     * ({@code resumedWhileBlocked}), which Xen's vcpu_wake, waking only runnable VCPUs, never does; a runnable one gets
     * the wake hook as usual. Two pCPUs; A's 1 ms job at 0 ends at 1 ms and A blocks. Paused at 2 ms, unpaused at
     * 3 ms: reported once. Pinned to pCPU 1 at 4 ms: it migrates at once (not running) and is reported again. Its next
     * job at 20 ms wakes it through the wake hook.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void unpauseAndMigration_ofAVcpuBlockedInItsGuest_areReportedToThePolicy() {
        TestPolicies policies = new TestPolicies();
        Simulation sim = Simulation.of(scenario(25 * MS, 2, List.of(domain("a", task(20 * MS, MS, 0))), Overheads.NONE),
                policies);
        Domain d = sim.host().domains().get(0);
        sim.at(2 * MS, () -> sim.framework().pauseDomain(d));
        sim.at(3 * MS, () -> sim.framework().unpauseDomain(d));
        sim.at(4 * MS, () -> sim.framework().setAffinity(d.vcpus().get(0), CpuMask.of(List.of(1))));
        sim.run();
        assertEquals(List.of("wake:d1v0", "resumedWhileBlocked:d1v0", "resumedWhileBlocked:d1v0", "wake:d1v0"),
                policies.last().calls.stream().filter(c -> c.startsWith("wake:") || c.startsWith("resumed")).toList());
    }

    /** A domain naming a pool that does not exist is refused, even when the host has a single pool. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void build_unknownPoolOfASinglePoolHost_isRefused() {
        DomainSpec stray = new DomainSpec("stray", false, "X", 1, TEST_PARAMS, List.of(), GuestSpec.IDLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Simulation.of(scenario(MS, 1, List.of(stray), Overheads.NONE), new TestPolicies()));
        assertEquals("domain stray: unknown pool 'X'", e.getMessage());
    }
}
