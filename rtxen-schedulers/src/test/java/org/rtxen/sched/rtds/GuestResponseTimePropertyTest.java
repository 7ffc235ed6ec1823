package org.rtxen.sched.rtds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;

/** The guest's fixed-priority scheduling against exact response-time analysis. */
class GuestResponseTimePropertyTest {

    /**
     * On a dedicated VCPU (RTDS budget == period on its own pCPU, so it never depletes, R15-R16), random
     * rate-monotonic task sets with WCET execution and synchronous release at 0: the synchronous release is the
     * critical instant, so each task's largest response time equals the response-time analysis fixed point
     * R = C + sum over higher-priority tasks of ceil(R / T_j) * C_j, to the nanosecond, whenever every R <= T.
     */
    @Property(tries = 200)
    void guestFp_dedicatedVcpu_maxResponseEqualsRta(@ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(5);
        List<TaskSpec> tasks = new ArrayList<>();
        long maxPeriod = 0;
        for (int i = 0; i < n; i++) {
            long period = 1_000_000 + rnd.nextLong(49_000_000); // 1..50 ms, any ns
            long wcet = 1 + rnd.nextLong(period / n);
            tasks.add(new TaskSpec("t" + i, period, wcet, period, 0, 0, TaskSpec.ANY_VCPU, new ExecTimeModel.Wcet()));
            maxPeriod = Math.max(maxPeriod, period);
        }
        // Rate-monotonic order as the guest ranks it: shorter period first, then task order.
        List<TaskSpec> byPriority = new ArrayList<>(tasks);
        byPriority.sort((a, b) -> a.periodNs() != b.periodNs() ? Long.compare(a.periodNs(), b.periodNs())
                : Integer.compare(tasks.indexOf(a), tasks.indexOf(b)));
        long[] rta = new long[n];
        for (int i = 0; i < n; i++) {
            TaskSpec t = byPriority.get(i);
            long r = t.wcetNs();
            while (true) {
                long next = t.wcetNs();
                for (int j = 0; j < i; j++) {
                    TaskSpec h = byPriority.get(j);
                    next += (r + h.periodNs() - 1) / h.periodNs() * h.wcetNs();
                }
                if (next == r || next > t.periodNs()) {
                    r = next;
                    break;
                }
                r = next;
            }
            rta[i] = r;
            Assume.that(r <= t.periodNs());
        }
        RtdsParams dedicated = new RtdsParams(10_000_000, 10_000_000, false, List.of());
        GuestSpec guest = new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, false, tasks);
        SimulationResult result = Simulation.of(ScenarioBuilder.host(1, 3 * maxPeriod).domain("vm", dedicated, guest).build(),
                Schedulers.factory()).observe(new InvariantChecker()).run();
        for (int i = 0; i < n; i++) {
            TaskSpec t = byPriority.get(i);
            long max = result.domains().get(0).tasks().stream().filter(x -> x.name().equals(t.name())).findFirst()
                    .orElseThrow().response().maxNs();
            assertEquals(rta[i], max, t.name());
        }
    }

    /**
     * EDF is optimal on one processor: on a dedicated VCPU, random implicit-deadline task sets with total WCET
     * utilisation at most 1 (random offsets, WCET or uniform execution times) never miss a deadline.
     */
    @Property(tries = 100)
    void guestEdf_dedicatedVcpu_utilisationAtMostOne_neverMisses(@ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(6);
        List<TaskSpec> tasks = new ArrayList<>();
        long maxPeriod = 0;
        double left = 1.0;
        for (int i = 0; i < n; i++) {
            long period = 1_000_000 + rnd.nextLong(19_000_000);
            double share = i == n - 1 ? left : left * rnd.nextDouble();
            long wcet = Math.max(1, (long) Math.floor(share * period));
            left -= (double) wcet / period;
            ExecTimeModel exec = rnd.nextBoolean() ? new ExecTimeModel.Wcet() : new ExecTimeModel.Uniform(1 + wcet / 2);
            tasks.add(new TaskSpec("t" + i, period, wcet, period, rnd.nextLong(period), 0, TaskSpec.ANY_VCPU, exec));
            maxPeriod = Math.max(maxPeriod, period);
        }
        // Exact utilisation test in integers: sum of wcet_i / period_i <= 1, over the product of the periods.
        BigInteger product = BigInteger.ONE;
        for (TaskSpec t : tasks) product = product.multiply(BigInteger.valueOf(t.periodNs()));
        BigInteger demand = BigInteger.ZERO;
        for (TaskSpec t : tasks) {
            demand = demand.add(product.divide(BigInteger.valueOf(t.periodNs())).multiply(BigInteger.valueOf(t.wcetNs())));
        }
        Assume.that(demand.compareTo(product) <= 0);
        RtdsParams dedicated = new RtdsParams(10_000_000, 10_000_000, false, List.of());
        GuestSpec guest = new GuestSpec(GuestScheduler.EDF, Placement.GLOBAL, false, tasks);
        SimulationResult result = Simulation.of(ScenarioBuilder.host(1, 20 * maxPeriod).domain("vm", dedicated, guest).build(),
                Schedulers.factory()).observe(new InvariantChecker()).run();
        result.domains().get(0).tasks().forEach(t -> assertEquals(0, t.missed(), t.name()));
    }
}
