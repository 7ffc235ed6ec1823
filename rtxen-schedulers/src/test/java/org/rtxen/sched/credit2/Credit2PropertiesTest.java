package org.rtxen.sched.credit2;

import static org.rtxen.model.Time.MS;
import static org.rtxen.model.Time.S;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.sched.Runs;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;

/**
 * Credit2 on random hosts, layouts, weights, caps, pinning and run-time vcpu-pin/pause/cpupool-cpu-remove/-add:
 * invariants and determinism.
 */
class Credit2PropertiesTest {
    /** 1-2 sockets x 1-3 cores x 1-2 threads, any run-queue layout, 1-6 domains of 1-3 VCPUs. */
    static Scenario randomScenario(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        HostSpec host = new HostSpec(1 + rnd.nextInt(2), 1 + rnd.nextInt(3), 1 + rnd.nextInt(2));
        List<Integer> cpus = new ArrayList<>();
        for (int i = 0; i < host.pcpus(); i++) cpus.add(i);
        RunqueueLayout layout = RunqueueLayout.values()[rnd.nextInt(RunqueueLayout.values().length)];
        long ratelimit = rnd.nextInt(3) == 0 ? 0 : (100 + rnd.nextInt(2000)) * 1000L;
        PoolSpec pool = new PoolSpec("Pool-0", "credit2", cpus, new Credit2PoolParams(ratelimit, layout));
        List<DomainSpec> domains = new ArrayList<>();
        int n = 1 + rnd.nextInt(6);
        for (int d = 0; d < n; d++) {
            int vcpus = 1 + rnd.nextInt(3);
            int weight = 1 + rnd.nextInt(1024);
            int cap = rnd.nextInt(3) == 0 ? 10 + rnd.nextInt(90 * vcpus) : 0;
            List<Integer> affinity = rnd.nextInt(3) == 0 ? List.of(rnd.nextInt(host.pcpus())) : List.of();
            long period = (2 + rnd.nextInt(40)) * MS;
            GuestSpec guest = rnd.nextInt(3) == 0 ? ScenarioBuilder.busy()
                    : ScenarioBuilder.periodic(period, 1 + rnd.nextLong(period / 2), rnd.nextLong(period));
            domains.add(new DomainSpec("d" + d, false, "Pool-0", vcpus, new Credit2Params(weight, cap), affinity, guest));
        }
        return new Scenario(2 * S, seed, host, List.of(pool), domains, Overheads.NONE);
    }

    /** Random vcpu-pin, pause and unpause actions during the run, and the last pCPU removed and added again. */
    static Simulation withActions(Scenario s, long seed) {
        Simulation sim = Simulation.of(s, Schedulers.factory());
        SplittableRandom rnd = new SplittableRandom(~seed);
        int pcpus = s.host().pcpus();
        for (int k = 0; k < 6; k++) {
            long at = (1 + rnd.nextInt(1900)) * MS;
            List<Vcpu> all = sim.host().domains().get(rnd.nextInt(sim.host().domains().size())).vcpus();
            Vcpu v = all.get(rnd.nextInt(all.size()));
            if (rnd.nextBoolean()) {
                List<Integer> mask = new ArrayList<>();
                for (int c = 0; c < pcpus; c++) if (rnd.nextBoolean()) mask.add(c);
                if (mask.isEmpty()) mask.add(rnd.nextInt(pcpus));
                // Skipped while its only pCPUs are out of the pool (xl refuses such a pin).
                sim.at(at, () -> {
                    if (mask.stream().anyMatch(c -> sim.host().pcpus().get(c).pool() != null)) {
                        sim.framework().setAffinity(v, CpuMask.of(mask));
                    }
                });
            } else {
                sim.at(at, () -> sim.framework().pause(v)).at(at + (1 + rnd.nextInt(50)) * MS, () -> sim.framework().unpause(v));
            }
        }
        if (pcpus > 1) {
            // cpupool-cpu-remove of the last pCPU, and cpupool-cpu-add of it again later.
            Pcpu last = sim.host().pcpus().get(pcpus - 1);
            long out = (1 + rnd.nextInt(1000)) * MS;
            sim.at(out, () -> sim.framework().removePcpu(last))
                    .at(out + (1 + rnd.nextInt(800)) * MS, () -> sim.framework().addPcpu(sim.host().pools().get(0), last));
        }
        return sim;
    }

    @Property(tries = 60)
    void schedule_randomHosts_frameworkAndCredit2InvariantsHoldAfterEveryEvent(@ForAll long seed) {
        // Credit2Scheduler.checkInvariants after every event: each run queue sorted by credit, its queued VCPUs
        // runnable, not scheduled and assigned to it; max_weight and the instantaneous load match the assigned
        // VCPUs; credit never below the floor; PINNED follows the hard affinity; parked flags match the lists.
        withActions(randomScenario(seed), seed).observe(new InvariantChecker()).run();
    }

    @Property(tries = 10)
    void schedule_sameScenarioTwice_identicalResults(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Runs.assertDeterministic(randomScenario(seed));
    }
}
