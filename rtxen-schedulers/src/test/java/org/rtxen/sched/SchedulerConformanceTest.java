package org.rtxen.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rtxen.sched.ScenarioBuilder.MS;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.command.Command;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.PcpuResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.VcpuResult;
import org.rtxen.sched.arinc653.Arinc653Params;
import org.rtxen.sched.arinc653.Arinc653Schedule;
import org.rtxen.sched.arinc653.Arinc653Slot;
import org.rtxen.sched.credit2.Credit2Params;
import org.rtxen.sched.credit2.Credit2PoolParams;
import org.rtxen.sched.credit2.RunqueueLayout;
import org.rtxen.sched.rtds.RtdsParams;
import org.rtxen.sched.rtds.RtdsPoolParams;
import org.rtxen.sched.rtds.RtdsVariant;

/**
 * The conformance suite every policy in {@link Schedulers} must pass: framework and policy invariants after
 * every event, liveness, complete time accounting and determinism on a mixed workload, with overheads, pauses
 * and affinity changes. Every registered policy runs it, with its codec's default parameters unless
 * {@link #policies()} overrides them.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SchedulerConformanceTest {

    /** How to configure one policy: its kind, domain parameters, and pool parameters given the domains. */
    record PolicyCase(String kind, SchedParams domainParams, Function<List<DomainSpec>, PoolParams> poolParams) {
        @Override
        public String toString() {
            return kind;
        }
    }

    /**
     * One case per registered policy: its codec's defaults, unless an override below says otherwise (RTDS with a
     * shorter server so that the mix is loaded; ARINC653 with a slot per VCPU, since Xen's boot table runs no guest;
     * Credit2 with one run queue per pCPU, so that balancing and run-queue migrations run, and a cap of 80 %, so that
     * parking does (a hog wants 100 %) while three hogs sharing two pCPUs (2/3 each) stay below it; its default layout
     * is covered by Credit2PropertiesTest).
     */
    static Stream<PolicyCase> policies() {
        Map<String, PolicyCase> overrides = Map.of(
                "rtds", new PolicyCase("rtds", new RtdsParams(4 * MS, 2 * MS, true, List.of()), ds -> new PoolParams.None()),
                "arinc653", new PolicyCase("arinc653", new Arinc653Params(), SchedulerConformanceTest::slotPerVcpu),
                "credit2", new PolicyCase("credit2", new Credit2Params(512, 80),
                        ds -> new Credit2PoolParams(500_000L, RunqueueLayout.CPU)));
        Stream<PolicyCase> registered = Schedulers.all().stream().map(p -> overrides.getOrDefault(p.name(),
                new PolicyCase(p.name(), p.codec().defaultDomain(), ds -> p.codec().defaultPool())));
        // RTDS's older releases (pools[].rtds.variant), with the same short server.
        Stream<PolicyCase> rtdsVariants = Stream.of(RtdsVariant.V4_5, RtdsVariant.V4_7).map(v -> new PolicyCase("rtds",
                new RtdsParams(4 * MS, 2 * MS, true, List.of()), ds -> new RtdsPoolParams(v)));
        return Stream.concat(registered, rtdsVariants);
    }

    /** An ARINC653 table with a 2 ms slot for every VCPU of every domain, in order, and 2 ms idle at the end. */
    static Arinc653Schedule slotPerVcpu(List<DomainSpec> domains) {
        List<Arinc653Slot> slots = new ArrayList<>();
        for (DomainSpec d : domains) {
            for (int v = 0; v < d.vcpus(); v++) slots.add(new Arinc653Slot(d.name(), v, 2 * MS));
        }
        return new Arinc653Schedule((slots.size() + 1) * 2 * MS, slots);
    }

    /** 4 pCPUs: two hogs (one pinned), a 2-VCPU global EDF guest, a 2-VCPU partitioned FP guest, an idle domain. */
    static Scenario mixed(PolicyCase c, Overheads overheads, long seed) {
        TaskSpec a = new TaskSpec("a", 5 * MS, 1 * MS, 5 * MS, 0, 0, TaskSpec.ANY_VCPU, new ExecTimeModel.Uniform(MS / 2));
        TaskSpec b = new TaskSpec("b", 7 * MS, 2 * MS, 6 * MS, 1 * MS, 0, TaskSpec.ANY_VCPU, new ExecTimeModel.Wcet());
        TaskSpec p0 = new TaskSpec("p0", 3 * MS, 1 * MS, 3 * MS, 0, 10, 0, new ExecTimeModel.Uniform(100_000));
        TaskSpec p1 = new TaskSpec("p1", 11 * MS, 3 * MS, 11 * MS, 0, 5, 1, new ExecTimeModel.Wcet());
        GuestSpec hog = new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, true, List.of());
        List<DomainSpec> ds = new ArrayList<>();
        ds.add(new DomainSpec("hog", false, "Pool-0", 1, c.domainParams(), List.of(), hog));
        ds.add(new DomainSpec("pinned-hog", false, "Pool-0", 1, c.domainParams(), List.of(3), hog));
        ds.add(new DomainSpec("global", false, "Pool-0", 2, c.domainParams(), List.of(),
                new GuestSpec(GuestScheduler.EDF, Placement.GLOBAL, false, List.of(a, b))));
        ds.add(new DomainSpec("partitioned", false, "Pool-0", 2, c.domainParams(), List.of(),
                new GuestSpec(GuestScheduler.FP, Placement.PARTITIONED, false, List.of(p0, p1))));
        ds.add(new DomainSpec("idle", false, "Pool-0", 1, c.domainParams(), List.of(), GuestSpec.IDLE));
        PoolSpec pool = new PoolSpec("Pool-0", c.kind(), List.of(0, 1, 2, 3), c.poolParams().apply(ds));
        return new Scenario(300 * MS, seed, HostSpec.flat(4), List.of(pool), ds, overheads);
    }

    private static SimulationResult checkedRun(Simulation sim) {
        return sim.observe(new InvariantChecker()).run();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void run_mixedWorkload_keepsInvariantsAndAccountsEveryNanosecond(PolicyCase c) {
        Scenario s = mixed(c, Overheads.NONE, 1);
        Simulation sim = Simulation.of(s, Schedulers.factory());
        SimulationResult r = checkedRun(sim);
        for (DomainResult d : r.domains()) {
            for (VcpuResult v : d.vcpus()) {
                assertEquals(s.durationNs(), v.runNs() + v.runnableNs() + v.blockedNs() + v.offlineNs(), d.name());
            }
        }
        for (PcpuResult p : r.pcpus()) assertTrue(p.busyNs() <= s.durationNs());
        assertEquals(0, Runs.domain(r, "idle").runNs());
        // A policy that declares itself not work conserving (null: a VCPU waits for a pCPU of its own) may leave
        // some busy domains without CPU time; the others must run every busy domain.
        if (!sim.host().pools().get(0).scheduler().isWorkConserving()) return;
        for (String busy : List.of("hog", "pinned-hog", "global", "partitioned")) {
            assertTrue(Runs.domain(r, busy).runNs() > 0, busy + " never ran");
        }
        assertTrue(Runs.task(r, "global", "a").completed() > 0);
        assertTrue(Runs.task(r, "partitioned", "p1").completed() > 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void run_withOverheads_keepsInvariants(PolicyCase c) {
        Scenario s = mixed(c, new Overheads(3_000, 5_000, 20_000), 2);
        SimulationResult r = checkedRun(Simulation.of(s, Schedulers.factory()));
        assertTrue(Runs.domain(r, "hog").runNs() > 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void run_pausesAndAffinityChanges_keepInvariantsAndStayLive(PolicyCase c) {
        Scenario s = mixed(c, Overheads.NONE, 3);
        Simulation sim = Simulation.of(s, Schedulers.factory());
        Vcpu hog = sim.host().domains().get(0).vcpus().get(0);
        Vcpu global1 = sim.host().domains().get(2).vcpus().get(1);
        sim.at(50 * MS, () -> sim.framework().pause(hog))
                .at(80 * MS, () -> sim.framework().unpause(hog))
                .at(100 * MS, () -> sim.framework().setAffinity(hog, CpuMask.of(List.of(2))))
                .at(150 * MS, () -> sim.framework().setAffinity(global1, CpuMask.of(List.of(0, 1))))
                .at(200 * MS, () -> sim.framework().setAffinity(hog, CpuMask.of(List.of(0, 1, 2, 3))));
        SimulationResult r = checkedRun(sim);
        VcpuResult v = Runs.domain(r, "hog").vcpus().get(0);
        assertTrue(v.offlineNs() >= 30 * MS, "paused for 30 ms: " + v.offlineNs());
        assertTrue(v.runNs() > 0);
    }

    /**
     * The scenario's run-time commands on every policy: a parameter change to the policy's defaults, a pin, a pause,
     * a destroyed domain (offline from then on) and, where the policy implements it, a pCPU leaving and rejoining
     * the pool.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void run_runTimeCommands_keepInvariantsAndStayLive(PolicyCase c) {
        Scenario base = mixed(c, new Overheads(3_000, 5_000, 20_000), 4);
        List<Command> commands = new ArrayList<>(List.of(
                new Command.AdjustDomain(40 * MS, "", "hog", c.domainParams()),
                new Command.PinVcpu(60 * MS, "", "global", 1, List.of(0, 1)),
                new Command.Pause(120 * MS, "", "partitioned"),
                new Command.Unpause(140 * MS, "", "partitioned"),
                new Command.Destroy(200 * MS, "", "idle")));
        if (Schedulers.create(base.pools().get(0)).canResizePool()) {
            commands.add(new Command.RemoveCpu(100 * MS, "", "Pool-0", 2));
            commands.add(new Command.AddCpu(150 * MS, "", "Pool-0", 2));
        }
        Scenario s = new Scenario(base.durationNs(), base.seed(), base.host(), base.pools(), base.domains(),
                base.overheads(), commands);
        SimulationResult r = checkedRun(Simulation.of(s, Schedulers.factory()));
        for (String busy : List.of("hog", "pinned-hog", "global", "partitioned")) {
            assertTrue(Runs.domain(r, busy).runNs() > 0, busy + " never ran");
        }
        assertEquals(100 * MS, Runs.domain(r, "idle").vcpus().get(0).offlineNs());
        Runs.assertDeterministic(s);
    }

    /**
     * A domain moved into the policy's pool at run time ({@code xl cpupool-migrate}) arrives with no parameters of
     * this policy (VcpuScheduler.adjust: null means the defaults), must be accepted, and, in a work-conserving
     * policy, run there. Pool-0 (the policy, pCPUs 0 and 1) runs a hog; the mover, a hog in an RTDS pool on pCPU 2
     * with extratime (so it runs all of its first 100 ms), moves into Pool-0 at 100 ms.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void run_domainMovedIntoThePool_getsTheDefaultsAndKeepsInvariants(PolicyCase c) {
        GuestSpec hog = new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, true, List.of());
        DomainSpec local = new DomainSpec("hog", false, "Pool-0", 1, c.domainParams(), List.of(), hog);
        DomainSpec mover = new DomainSpec("mover", false, "Pool-1", 1, new RtdsParams(4 * MS, 2 * MS, true, List.of()),
                List.of(), hog);
        List<PoolSpec> pools = List.of(new PoolSpec("Pool-0", c.kind(), List.of(0, 1), c.poolParams().apply(List.of(local))),
                new PoolSpec("Pool-1", "rtds", List.of(2), new PoolParams.None()));
        Scenario s = new Scenario(200 * MS, 6, HostSpec.flat(3), pools, List.of(local, mover), Overheads.NONE,
                List.of(new Command.MigrateDomain(100 * MS, "", "mover", "Pool-0")));
        Simulation sim = Simulation.of(s, Schedulers.factory());
        SimulationResult r = checkedRun(sim);
        VcpuResult v = Runs.domain(r, "mover").vcpus().get(0);
        assertEquals(s.durationNs(), v.runNs() + v.runnableNs() + v.blockedNs() + v.offlineNs());
        if (sim.host().pools().get(0).scheduler().isWorkConserving()) {
            assertTrue(v.runNs() > 100 * MS, "the mover never ran in its new pool: " + v.runNs());
        }
        Runs.assertDeterministic(s);
    }

    /**
     * A policy that declares itself work conserving lets no pCPU idle for long while a VCPU that may run there is
     * runnable: with three unpinned hogs on two pCPUs for 300 ms, each pCPU is busy for all but at most 30 ms (one
     * default Credit time slice: Credit places every VCPU on pCPU 0 at first and moves one at its 20 ms tick, C1.15).
     * A policy that declares itself not work conserving (budgets, slot tables, one VCPU per pCPU) is not held to it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void run_moreHogsThanPcpus_workConservingPolicyKeepsEveryPcpuBusy(PolicyCase c) {
        GuestSpec hog = new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, true, List.of());
        List<DomainSpec> ds = new ArrayList<>();
        for (String name : List.of("h1", "h2", "h3")) {
            ds.add(new DomainSpec(name, false, "Pool-0", 1, c.domainParams(), List.of(), hog));
        }
        PoolSpec pool = new PoolSpec("Pool-0", c.kind(), List.of(0, 1), c.poolParams().apply(ds));
        Scenario s = new Scenario(300 * MS, 7, HostSpec.flat(2), List.of(pool), ds, Overheads.NONE);
        Simulation sim = Simulation.of(s, Schedulers.factory());
        SimulationResult r = checkedRun(sim);
        if (!sim.host().pools().get(0).scheduler().isWorkConserving()) return;
        for (PcpuResult p : r.pcpus()) {
            assertTrue(p.busyNs() >= s.durationNs() - 30 * MS, c + ": a pCPU idled " + (s.durationNs() - p.busyNs()) + " ns");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void run_sameSeedTwice_identicalResults(PolicyCase c) {
        Runs.assertDeterministic(mixed(c, Overheads.NONE, 5));
    }

    /**
     * The hot loop allocates nothing per event: a run 20 times longer allocates (nearly) the same bytes on this
     * thread as the short one, because everything is allocated at build time. A first long run links every call
     * site; the tolerance, 1 byte per 10 extra events, absorbs what the JVM still allocates once (deoptimisation can
     * rematerialise objects), while any real per-event allocation (16 bytes or more per scheduler run) fails it. The
     * one set-up that grows with the run's length is each task's response histogram, which covers the powers of two up
     * to the run's length: a run 20 times longer spans at most 5 more (2^5 > 20), 64 longs each per task.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void run_twentyTimesLonger_allocatesNothingPerEvent(PolicyCase c) {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Scenario base = mixed(c, Overheads.NONE, 9);
        Scenario shortRun = new Scenario(1000 * MS, 9, base.host(), base.pools(), base.domains(), base.overheads());
        Scenario longRun = new Scenario(20_000 * MS, 9, base.host(), base.pools(), base.domains(), base.overheads());
        Simulation.of(longRun, Schedulers.factory()).run(); // warm-up: class loading and call-site linking allocate once
        long before = mx.getCurrentThreadAllocatedBytes();
        SimulationResult s = Simulation.of(shortRun, Schedulers.factory()).run();
        long mid = mx.getCurrentThreadAllocatedBytes();
        SimulationResult l = Simulation.of(longRun, Schedulers.factory()).run();
        long after = mx.getCurrentThreadAllocatedBytes();
        long extraBytes = (after - mid) - (mid - before);
        long extraEvents = l.events() - s.events();
        long tasks = base.domains().stream().mapToLong(d -> d.guest() == null ? 0 : d.guest().tasks().size()).sum();
        long longerHistograms = tasks * 5 * 64 * Long.BYTES;
        assertTrue(extraBytes <= extraEvents / 10 + longerHistograms, c + ": " + extraBytes + " more bytes for " + extraEvents + " more events");
    }
}
