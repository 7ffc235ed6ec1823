package org.rtxen.bench;

import static org.rtxen.model.Time.MS;
import static org.rtxen.model.Time.S;
import static org.rtxen.model.Time.US;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rtxen.engine.Simulation;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.SchedulerKind;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.params.CreditParams;
import org.rtxen.model.params.CreditPoolParams;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.RtdsParams;
import org.rtxen.model.params.SchedParams;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Schedulers;

/**
 * Whole simulations of the standard host: 4 pCPUs in one pool, 8 domains of 2 VCPUs each, every domain a guest
 * with 3 periodic tasks (global EDF inside the guest, execution times uniform in [WCET/2, WCET]; WCET demand 70 %
 * of the host, about 53 % on average), simulated for 10 s. One operation is one run; the {@code events} counter reports engine events per
 * second of wall-clock time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimulationBenchmark {
    /** The pool's policy. */
    @Param({"rtds", "credit"})
    public String policy;

    private Scenario scenario;

    /** Engine events processed, reported by JMH as a rate (events/s). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        /** Events processed in the current iteration. */
        public long events;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    /** Builds the scenario for {@link #policy}. */
    @Setup
    public void setUp() {
        scenario = standardHost(SchedulerKind.byXenName(policy).orElseThrow(), 10 * S);
    }

    /** Runs one simulation of the standard host. */
    @Benchmark
    public SimulationResult simulate(Events counter) {
        SimulationResult r = Simulation.of(scenario, Schedulers.factory()).run();
        counter.events += r.events();
        return r;
    }

    /** The standard host under {@code kind} (RTDS: every VCPU 10 ms period, 4 ms budget, extratime; Credit: defaults). */
    public static Scenario standardHost(SchedulerKind kind, long durationNs) {
        SchedParams params;
        PoolParams poolParams;
        switch (kind) {
            case RTDS -> {
                params = new RtdsParams(10 * MS, 4 * MS, true, List.of());
                poolParams = new PoolParams.None();
            }
            case CREDIT -> {
                params = CreditParams.DEFAULTS;
                poolParams = CreditPoolParams.DEFAULTS;
            }
            default -> throw new IllegalArgumentException("no standard host for " + kind.xenName());
        }
        long[] periods = {5 * MS, 10 * MS, 20 * MS, 40 * MS, 8 * MS, 25 * MS, 50 * MS, 100 * MS};
        List<DomainSpec> domains = new ArrayList<>();
        for (int d = 0; d < 8; d++) {
            List<TaskSpec> tasks = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                long period = periods[(d + 3 * t) % periods.length];
                long wcet = period * 35 / 300; // 3 x 11.7 % = 0.35 pCPU per domain, 2.8 of the 4 pCPUs in all
                tasks.add(new TaskSpec("t" + t, period, wcet, period, (d * 700 + t * 300) * US, TaskSpec.NO_PRIORITY,
                        TaskSpec.ANY_VCPU, new ExecTimeModel.Uniform(wcet / 2)));
            }
            domains.add(new DomainSpec("dom" + d, false, "Pool-0", 2, params, List.of(),
                    new GuestSpec(GuestScheduler.EDF, Placement.GLOBAL, false, tasks)));
        }
        PoolSpec pool = new PoolSpec("Pool-0", kind, List.of(0, 1, 2, 3), poolParams);
        return new Scenario(durationNs, 1, HostSpec.flat(4), List.of(pool), domains, Overheads.NONE);
    }
}
