package org.rtxen.sched;

import java.util.ArrayList;
import java.util.List;
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
import org.rtxen.sched.rtds.RtdsParams;
import org.rtxen.model.params.SchedParams;

/** Builds scenarios in code for tests: one pool over all pCPUs unless pools are added explicitly. */
public final class ScenarioBuilder {
    /** One millisecond in ns. */
    public static final long MS = 1_000_000L;

    private final int pcpus;
    private final long durationNs;
    private long seed = 1;
    private Overheads overheads = Overheads.NONE;
    private final List<PoolSpec> pools = new ArrayList<>();
    private final List<DomainSpec> domains = new ArrayList<>();
    private final List<Command> commands = new ArrayList<>();
    private String defaultKind = "rtds";
    private PoolParams defaultPoolParams = new PoolParams.None();

    private ScenarioBuilder(int pcpus, long durationNs) {
        this.pcpus = pcpus;
        this.durationNs = durationNs;
    }

    /** A flat host of {@code pcpus} pCPUs simulated for {@code durationNs}. */
    public static ScenarioBuilder host(int pcpus, long durationNs) {
        return new ScenarioBuilder(pcpus, durationNs);
    }

    /** Sets the seed. */
    public ScenarioBuilder seed(long s) {
        seed = s;
        return this;
    }

    /** Sets the overheads. */
    public ScenarioBuilder overheads(Overheads o) {
        overheads = o;
        return this;
    }

    /** The policy (and pool parameters) of the implicit single pool. */
    public ScenarioBuilder scheduler(String kind, PoolParams params) {
        defaultKind = kind;
        defaultPoolParams = params;
        return this;
    }

    /** Adds an explicit pool. */
    public ScenarioBuilder pool(String name, String kind, PoolParams params, Integer... cpus) {
        pools.add(new PoolSpec(name, kind, List.of(cpus), params));
        return this;
    }

    /** Adds a domain in pool {@code pool} (null: the single pool). */
    public ScenarioBuilder domain(String name, String pool, int vcpus, SchedParams params, List<Integer> affinity,
                                  GuestSpec guest) {
        domains.add(new DomainSpec(name, false, pool, vcpus, params, affinity, guest));
        return this;
    }

    /** Adds run-time commands. */
    public ScenarioBuilder commands(Command... cs) {
        commands.addAll(List.of(cs));
        return this;
    }

    /** Adds a domain as given. */
    public ScenarioBuilder domain(DomainSpec d) {
        domains.add(d);
        return this;
    }

    /** Adds a one-VCPU domain in the single pool with no pinning. */
    public ScenarioBuilder domain(String name, SchedParams params, GuestSpec guest) {
        return domain(name, null, 1, params, List.of(), guest);
    }

    /** The scenario. */
    public Scenario build() {
        List<PoolSpec> ps = pools;
        if (ps.isEmpty()) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < pcpus; i++) all.add(i);
            ps = List.of(new PoolSpec("Pool-0", defaultKind, all, defaultPoolParams));
        }
        return new Scenario(durationNs, seed, HostSpec.flat(pcpus), ps, domains, overheads, commands);
    }

    /** RTDS parameters in ms for every VCPU. */
    public static RtdsParams rtds(long periodMs, long budgetMs, boolean extratime) {
        return new RtdsParams(periodMs * MS, budgetMs * MS, extratime, List.of());
    }

    /** A guest that only runs the always-runnable CPU hog. */
    public static GuestSpec busy() {
        return new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, true, List.of());
    }

    /** A global guest with the given scheduler and tasks. */
    public static GuestSpec guest(GuestScheduler scheduler, TaskSpec... tasks) {
        return new GuestSpec(scheduler, Placement.GLOBAL, false, List.of(tasks));
    }

    /** A periodic task in ms: implicit deadline, no offset, rate-monotonic priority, WCET execution. */
    public static TaskSpec task(String name, long periodMs, long wcetMs) {
        return new TaskSpec(name, periodMs * MS, wcetMs * MS, periodMs * MS, 0, TaskSpec.NO_PRIORITY,
                TaskSpec.ANY_VCPU, new ExecTimeModel.Wcet());
    }

    /** A guest with one periodic task {@code t} in ns: implicit deadline, first release at {@code offsetNs}, WCET execution. */
    public static GuestSpec periodic(long periodNs, long wcetNs, long offsetNs) {
        return guest(GuestScheduler.FP, new TaskSpec("t", periodNs, wcetNs, periodNs, offsetNs, TaskSpec.NO_PRIORITY,
                TaskSpec.ANY_VCPU, new ExecTimeModel.Wcet()));
    }
}
