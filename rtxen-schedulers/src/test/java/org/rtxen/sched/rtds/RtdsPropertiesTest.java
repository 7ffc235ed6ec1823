package org.rtxen.sched.rtds;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rtxen.model.Time.MS;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
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
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.VcpuResult;
import org.rtxen.sched.Runs;
import org.rtxen.sched.Schedulers;

/**
 * On random RTDS hosts, small ones and ones large enough to rank their busy pCPUs, the framework's and the RTDS
 * scheduler's invariants hold after every event (the ranking choosing the pCPU R19's walk chooses), a VCPU without
 * extratime never runs more than its budget per period (R11, R13, R16, R25.7), and the same scenario run twice gives
 * identical results.
 */
class RtdsPropertiesTest {
    private static final long DURATION = 300 * MS;

    /**
     * A random RTDS host: 1-4 pCPUs, 1-5 domains of 1-3 VCPUs with random period (0.1-20 ms), budget, extratime
     * and pinning, running the hog or 1-3 random periodic tasks (FP or EDF, global or partitioned), and random
     * small overheads.
     */
    private static Scenario randomScenario(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int pcpus = 1 + rnd.nextInt(4);
        List<Integer> cpus = new ArrayList<>();
        for (int i = 0; i < pcpus; i++) cpus.add(i);
        List<DomainSpec> domains = new ArrayList<>();
        int n = 1 + rnd.nextInt(5);
        for (int d = 0; d < n; d++) {
            int vcpus = 1 + rnd.nextInt(3);
            long period = 100_000 + rnd.nextLong(20 * MS);
            long budget = 10_000 + rnd.nextLong(period - 10_000 + 1);
            RtdsParams params = new RtdsParams(period, budget, rnd.nextBoolean(), List.of());
            List<Integer> affinity = rnd.nextInt(3) == 0 ? List.of(rnd.nextInt(pcpus)) : List.of();
            domains.add(new DomainSpec("d" + d, false, "Pool-0", vcpus, params, affinity, randomGuest(rnd, vcpus)));
        }
        Overheads overheads = rnd.nextBoolean() ? Overheads.NONE
                : new Overheads(rnd.nextLong(5_000), rnd.nextLong(10_000), rnd.nextLong(20_000));
        PoolSpec pool = new PoolSpec("Pool-0", "rtds", cpus, new PoolParams.None());
        return new Scenario(DURATION, seed, HostSpec.flat(pcpus), List.of(pool), domains, overheads);
    }

    /**
     * A random RTDS host larger than {@link RtdsScheduler#RANKED_ABOVE} (by 1 to 24 pCPUs), so that tickles ask the
     * ranking of busy pCPUs: one to two domains per pCPU of 1-3 VCPUs with short servers (mostly 20 % budget, half
     * with extratime, few distinct periods so that equal deadlines are common), a quarter pinned to 1-3 random pCPUs
     * (the ranking's choice may then lie outside the mask, and tickles walk), and a pCPU leaving the pool and coming
     * back (busy while it leaves).
     */
    private static Scenario largeScenario(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int pcpus = RtdsScheduler.RANKED_ABOVE + 1 + rnd.nextInt(24);
        List<Integer> cpus = new ArrayList<>();
        for (int i = 0; i < pcpus; i++) cpus.add(i);
        List<DomainSpec> domains = new ArrayList<>();
        int n = pcpus + rnd.nextInt(pcpus + 1);
        for (int d = 0; d < n; d++) {
            int vcpus = 1 + rnd.nextInt(3);
            long period = (2 + 2 * rnd.nextInt(4)) * MS;
            long budget = rnd.nextInt(4) == 0 ? 10_000 + rnd.nextLong(period - 10_000 + 1) : period / 5;
            RtdsParams params = new RtdsParams(period, budget, rnd.nextBoolean(), List.of());
            List<Integer> affinity = new ArrayList<>();
            if (rnd.nextInt(4) == 0) {
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) affinity.add(rnd.nextInt(pcpus));
                affinity = affinity.stream().distinct().sorted().toList();
            }
            domains.add(new DomainSpec("d" + d, false, "Pool-0", vcpus, params, affinity, randomGuest(rnd, vcpus)));
        }
        Overheads overheads = rnd.nextBoolean() ? Overheads.NONE
                : new Overheads(rnd.nextLong(5_000), rnd.nextLong(10_000), rnd.nextLong(20_000));
        PoolSpec pool = new PoolSpec("Pool-0", "rtds", cpus, new PoolParams.None());
        int leaving = rnd.nextInt(pcpus);
        List<Command> commands = List.of(new Command.RemoveCpu(40 * MS, "", "Pool-0", leaving),
                new Command.AddCpu(70 * MS, "", "Pool-0", leaving));
        return new Scenario(100 * MS, seed, HostSpec.flat(pcpus), List.of(pool), domains, overheads, commands);
    }

    private static GuestSpec randomGuest(SplittableRandom rnd, int vcpus) {
        if (rnd.nextInt(4) == 0) return new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, true, List.of());
        boolean partitioned = rnd.nextBoolean();
        List<TaskSpec> tasks = new ArrayList<>();
        int k = 1 + rnd.nextInt(3);
        for (int i = 0; i < k; i++) {
            long period = MS + rnd.nextLong(30 * MS);
            long wcet = 1 + rnd.nextLong(period / 2);
            ExecTimeModel exec = rnd.nextBoolean() ? new ExecTimeModel.Wcet() : new ExecTimeModel.Uniform(1 + rnd.nextLong(wcet));
            tasks.add(new TaskSpec("t" + i, period, wcet, period, rnd.nextLong(period), rnd.nextInt(3) * 10,
                    partitioned ? rnd.nextInt(vcpus) : TaskSpec.ANY_VCPU, exec));
        }
        return new GuestSpec(rnd.nextBoolean() ? GuestScheduler.FP : GuestScheduler.EDF,
                partitioned ? Placement.PARTITIONED : Placement.GLOBAL, false, tasks);
    }

    /**
     * The framework's invariants and RtdsScheduler.checkInvariants (runq in priority order, budgets within
     * [0, budget], queued VCPUs not scheduled and holding a replenishment event, no VCPU without extratime running
     * past its budget) hold after every event.
     */
    @Property(tries = 60)
    void schedule_randomHosts_invariantsHoldAfterEveryEvent(@ForAll long seed) {
        Simulation.of(randomScenario(seed), Schedulers.factory()).observe(new InvariantChecker()).run();
    }

    /**
     * The same on hosts above {@link RtdsScheduler#RANKED_ABOVE} pCPUs, where checkInvariants also checks that the
     * ranking of busy pCPUs holds exactly the untickled busy ones with their VCPUs' (level, deadline), and that from
     * every pCPU of the pool it chooses the pCPU R19's walk chooses.
     */
    @Property(tries = 12)
    void schedule_randomLargeHosts_rankingAgreesWithTheWalkAfterEveryEvent(@ForAll long seed) {
        Simulation.of(largeScenario(seed), Schedulers.factory()).observe(new InvariantChecker()).run();
    }

    /**
     * A VCPU without extratime runs at most its budget in each period: periods are [kP, (k+1)P) because the first
     * deadline is P (R13) and deadlines only move by whole periods (R11); the slice never exceeds the remaining
     * budget (R25.7) and time not yet charged when a running VCPU is replenished (R16) is within that slice. So
     * over the run it gets at most budget * ceil(duration / P). Without overheads only: a slice shorter than a
     * context switch overruns, and burn forgives the overrun (R9.4), as in Xen.
     */
    @Property(tries = 60)
    void schedule_noExtratime_neverMoreThanTheBudgetPerPeriod(@ForAll long seed) {
        Scenario r0 = randomScenario(seed);
        Scenario s = new Scenario(r0.durationNs(), r0.seed(), r0.host(), r0.pools(), r0.domains(), Overheads.NONE);
        SimulationResult r = Simulation.of(s, Schedulers.factory()).run();
        for (int d = 0; d < s.domains().size(); d++) {
            RtdsParams p = (RtdsParams) s.domains().get(d).params();
            if (p.extratime()) continue;
            long periods = (s.durationNs() + p.periodNs() - 1) / p.periodNs();
            DomainResult dr = r.domains().get(d);
            for (VcpuResult v : dr.vcpus()) {
                assertTrue(v.runNs() <= p.budgetNs() * periods, dr.name() + " vcpu " + v.id() + " ran " + v.runNs());
            }
        }
    }

    @Property(tries = 10)
    void run_sameScenarioTwice_identicalResults(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Runs.assertDeterministic(randomScenario(seed));
    }
}
