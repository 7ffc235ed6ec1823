package org.rtxen.sched.credit;

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
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Runs;
import org.rtxen.sched.Schedulers;

/**
 * On random Credit hosts the framework's and the Credit scheduler's invariants hold after every event, and the same
 * scenario run twice gives identical results.
 */
class CreditPropertiesTest {
    /** A random Credit host: 1-2 sockets of 1-2 cores of 1-2 threads, 1-5 domains of 1-3 VCPUs with random weights, caps, pinning and hog or periodic guests. */
    private static Scenario randomScenario(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        HostSpec host = new HostSpec(1 + rnd.nextInt(2), 1 + rnd.nextInt(2), 1 + rnd.nextInt(2));
        List<Integer> cpus = new ArrayList<>();
        for (int i = 0; i < host.pcpus(); i++) cpus.add(i);
        CreditPoolParams params = new CreditPoolParams((1 + rnd.nextInt(30)) * MS, rnd.nextBoolean() ? MS : 0);
        PoolSpec pool = new PoolSpec("Pool-0", "credit", cpus, params);
        List<DomainSpec> domains = new ArrayList<>();
        int n = 1 + rnd.nextInt(5);
        for (int d = 0; d < n; d++) {
            int weight = 1 + rnd.nextInt(1024);
            int cap = rnd.nextInt(3) == 0 ? 10 + rnd.nextInt(150) : 0;
            List<Integer> affinity = rnd.nextInt(3) == 0 ? List.of(rnd.nextInt(host.pcpus())) : List.of();
            long period = (2 + rnd.nextInt(40)) * MS;
            GuestSpec guest = rnd.nextInt(3) == 0 ? ScenarioBuilder.busy()
                    : ScenarioBuilder.periodic(period, 1 + rnd.nextLong(period / 2), rnd.nextLong(period));
            domains.add(new DomainSpec("d" + d, false, "Pool-0", 1 + rnd.nextInt(3), new CreditParams(weight, cap),
                    affinity, guest));
        }
        return new Scenario(2 * S, seed, host, List.of(pool), domains, Overheads.NONE);
    }

    @Property(tries = 40)
    void schedule_randomHosts_frameworkAndCreditInvariantsHoldAfterEveryEvent(@ForAll long seed) {
        // The invariant checker runs the framework's checks and CreditScheduler.checkInvariants (nr_runnable equals
        // the queued plus current VCPUs, idle only at a queue's tail, queued VCPUs on their own pCPU's queue, pool
        // weight equals the sum over active VCPUs) after every event; it throws at the first violation.
        Simulation.of(randomScenario(seed), Schedulers.factory()).observe(new InvariantChecker()).run();
    }

    @Property(tries = 10)
    void schedule_sameScenarioTwice_identicalResults(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Runs.assertDeterministic(randomScenario(seed));
    }
}
