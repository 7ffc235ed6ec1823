package org.rtxen.sched;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.engine.InvariantChecker;
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
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;
import org.rtxen.model.result.SimulationResult;

/** Builds small one-pool scenarios for policy tests and runs them with the invariant checker attached. */
public final class ScenarioFixture {
    private final HostSpec host;
    private final PoolSpec pool;
    private final List<DomainSpec> domains = new ArrayList<>();

    private ScenarioFixture(int pcpus, SchedulerKind kind, PoolParams params) {
        this.host = HostSpec.flat(pcpus);
        List<Integer> cpus = new ArrayList<>();
        for (int i = 0; i < pcpus; i++) cpus.add(i);
        this.pool = new PoolSpec("Pool-0", kind, cpus, params);
    }

    /** A flat host of {@code pcpus} pCPUs in one pool run by {@code kind} with pool parameters {@code params}. */
    public static ScenarioFixture pool(int pcpus, SchedulerKind kind, PoolParams params) {
        return new ScenarioFixture(pcpus, kind, params);
    }

    /** A guest whose single VCPU is always runnable (a CPU hog). */
    public static GuestSpec busy() {
        return new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, true, List.of());
    }

    /** A guest with one periodic task that runs {@code wcetNs} every {@code periodNs} from {@code offsetNs}. */
    public static GuestSpec periodic(long periodNs, long wcetNs, long offsetNs) {
        TaskSpec t = new TaskSpec("t", periodNs, wcetNs, periodNs, offsetNs, TaskSpec.NO_PRIORITY, TaskSpec.ANY_VCPU,
                new ExecTimeModel.Wcet());
        return new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, false, List.of(t));
    }

    /** Adds a one-VCPU domain with no pinning. */
    public ScenarioFixture domain(String name, SchedParams params, GuestSpec guest) {
        domains.add(new DomainSpec(name, false, pool.name(), 1, params, List.of(), guest));
        return this;
    }

    /** The scenario over [0, durationNs) with seed 1 and no overheads. */
    public Scenario scenario(long durationNs) {
        return new Scenario(durationNs, 1, host, List.of(pool), domains, Overheads.NONE);
    }

    /** A simulation of {@link #scenario} with the production policies and the invariant checker attached. */
    public Simulation simulation(long durationNs) {
        return Simulation.of(scenario(durationNs), Schedulers.factory()).observe(new InvariantChecker());
    }

    /** Runs {@link #simulation} to the end. */
    public SimulationResult run(long durationNs) {
        return simulation(durationNs).run();
    }
}
