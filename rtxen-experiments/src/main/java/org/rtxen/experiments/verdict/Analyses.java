package org.rtxen.experiments.verdict;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.host.HostTests;
import org.rtxen.analysis.host.ServerKind;
import org.rtxen.analysis.component.ComponentResult;
import org.rtxen.analysis.plan.Plan;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Names;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Quoted;
import org.rtxen.model.Scenario;
import org.rtxen.model.Time;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.params.ServerParams;
import org.rtxen.model.params.ServerPoolParams;
import org.rtxen.model.params.VcpuServer;
import org.rtxen.workload.PeriodicTask;

/**
 * The analyses a sweep can record per run, by name:
 * <ul>
 * <li>{@code plan}: the planner's verdict ({@code rtxen plan}): every guest's interface exists and every RTDS pool
 * passes the planner's sound tests for deferrable servers. Needs {@code vcpus: planned}.</li>
 * <li>{@code csa:TEST}: compositional: every guest's interface exists and, in every pool of server-based domains
 * (the planner's {@link ServerParams}), the planned VCPUs as
 * periodic tasks pass host test TEST ({@code rtxen analyze --test} names), as deferrable servers unless every guest
 * of the pool runs the busy hog (periodic servers). Needs {@code vcpus: planned}.</li>
 * <li>{@code host:TEST}: host test TEST on the generated tasks as if they ran directly on the target domains' pCPUs
 * (bare metal, no VCPUs): a reference curve, not compared with the simulation.</li>
 * </ul>
 * {@code plan} and {@code csa:*} analyse the simulated system; when their assumptions hold for a run (RTDS pools,
 * synchronous releases, WCET execution, no overheads) a "schedulable" verdict with a simulated miss is a defect.
 * <p>Pools whose parameters are {@link ServerPoolParams} (RT-Xen 2.0's {@code rtglobal}/{@code rtpartition}) say
 * how they schedule: their servers are periodic or deferrable as configured, and a test whose scheduling policy does
 * not match the pool's gives no verdict (null): {@code fp} only for fixed-priority pools whose server domains are
 * each pinned to one pCPU (no global fixed-priority test exists here), the EDF tests only for EDF pools, and {@code plan} never (the planner reports such pools as not analysed: docs/analysis.md, "RT-Xen 2.0
 * pools"). In a pool whose
 * server domains are each pinned to one pCPU, {@code csa:edf} and {@code csa:fp} test every pCPU's VCPUs alone.
 */
public final class Analyses {
    /** The policy the planner's analyses model (global EDF over deferrable servers). */
    private static final String RTDS = "rtds";

    private Analyses() {}

    /** Why {@code name} cannot be used, or null when it can. */
    public static String problem(String name, boolean planned) {
        if (name.equals("plan")) return planned ? null : "plan needs vcpus: planned";
        int colon = name.indexOf(':');
        String kind = colon < 0 ? name : name.substring(0, colon);
        String test = colon < 0 ? "" : name.substring(colon + 1);
        if (!kind.equals("csa") && !kind.equals("host")) {
            return "unknown analysis " + Quoted.of(name) + " (use plan, csa:TEST or host:TEST)";
        }
        if (!HostTests.NAMES.contains(test)) {
            return "unknown test " + Quoted.of(test) + " (known: " + String.join(",", HostTests.NAMES) + ")";
        }
        if (kind.equals("csa") && !planned) return name + " needs vcpus: planned";
        return null;
    }

    /**
     * Whether an analysis describes the simulated system, so that its verdict can be checked by simulation:
     * {@code plan}; {@code csa:} with a global EDF test when no VCPU is pinned (BCL, BCL-iterative and RTA always;
     * GFB and BAK, proven for sporadic tasks, only when every guest runs the busy hog, i.e. periodic servers). A
     * partitioning test describes a partitioned VMM that the global pool does not simulate, and {@code host:} bare
     * metal: both are reference curves.
     */
    public static boolean checkable(String name, Scenario s) {
        if (name.equals("plan")) return true;
        if (!name.startsWith("csa:")) return false;
        String test = name.substring(4);
        if (pinnedPerPcpu(s)) {
            // Per-pCPU tests describe a pinned VMM: FP's jitter Π − Θ covers deferred servers; the EDF demand test
            // only periodic ones (see docs/analysis.md, the deferrable-server caveat).
            return test.equals("fp") || test.equals("edf") && s.domains().stream()
                    .filter(d -> !d.guest().tasks().isEmpty()).allMatch(d -> periodicServers(d, s));
        }
        for (DomainSpec d : s.domains()) if (!d.affinity().isEmpty()) return false;
        return switch (test) {
            case "bcl", "bcl-iter", "rta" -> true;
            case "gfb", "bak" -> s.domains().stream().filter(d -> !d.guest().tasks().isEmpty()).allMatch(d -> periodicServers(d, s));
            default -> false;
        };
    }

    /**
     * The verdict of every analysis (true: schedulable).
     *
     * @param plan    the planner's result, or null when VCPUs are given
     * @param pcpus   the pCPUs of the pools holding the target domains
     */
    public static Map<String, Boolean> verdicts(List<String> names, Plan plan, List<PeriodicTask> tasks, int pcpus) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String n : names) {
            if (n.equals("plan")) {
                out.put(n, anyServerPool(plan.planned()) ? null : plan.schedulable());
            } else if (n.startsWith("csa:")) {
                out.put(n, csa(plan, n.substring(4)));
            } else {
                List<Task> ts = new ArrayList<>();
                for (int i = 0; i < tasks.size(); i++) {
                    PeriodicTask t = tasks.get(i);
                    ts.add(new Task("t" + i, t.periodNs() / Time.US, ceilUs(t.wcetNs()), t.deadlineNs() / Time.US));
                }
                out.put(n, HostTests.run(ts, pcpus, List.of(n.substring(5)), ServerKind.PERIODIC).get(0).schedulable());
            }
        }
        return out;
    }

    /** The {@code csa:TEST} verdict: null when TEST's policy does not match a pool's (see the class comment). */
    private static Boolean csa(Plan plan, String test) {
        Scenario s = plan.planned();
        for (PoolSpec pool : s.pools()) {
            if (!(pool.params() instanceof ServerPoolParams sp)) continue;
            boolean hasServers = s.domains().stream().anyMatch(d -> d.pool().equals(pool.name()) && d.params() instanceof ServerParams);
            // No global FP test exists here: a fixed-priority pool gets fp only when partitioned (one pCPU each).
            if (hasServers && (sp.fixedPriority() != test.equals("fp") || sp.fixedPriority() && !pinnedPerPcpu(s))) {
                return null;
            }
        }
        // Every guest needs an interface (MPR ones are interfaces for a migrating guest: the planner does not call
        // them guaranteed, but this experiment's verdict is the interface's own).
        if (!plan.domains().stream().allMatch(d -> !d.components().isEmpty()
                && d.components().stream().allMatch(ComponentResult::allFeasible))) {
            return false;
        }
        boolean perPcpu = pinnedPerPcpu(s) && (test.equals("edf") || test.equals("fp"));
        for (PoolSpec pool : s.pools()) {
            Map<Integer, List<Task>> groups = new TreeMap<>();
            boolean allPeriodic = true;
            for (DomainSpec d : s.domains()) {
                if (!d.pool().equals(pool.name()) || !(d.params() instanceof ServerParams servers)) continue;
                allPeriodic &= periodicServers(d, s);
                int group = perPcpu ? d.affinity().get(0) : -1;
                for (int v = 0; v < d.vcpus(); v++) {
                    VcpuServer p = servers.server(v);
                    groups.computeIfAbsent(group, g -> new ArrayList<>())
                            .add(Task.implicit(Names.shown(d.name()) + "." + v, p.periodNs() / Time.US,
                                    ceilUs(p.budgetNs())));
                }
            }
            ServerKind kind = allPeriodic ? ServerKind.PERIODIC : ServerKind.DEFERRABLE;
            int cpus = perPcpu ? 1 : pool.pcpus().size();
            for (List<Task> vcpus : groups.values()) {
                if (!HostTests.run(vcpus, cpus, List.of(test), kind).get(0).schedulable()) return false;
            }
        }
        return true;
    }

    /** Whether domain {@code d}'s VCPUs are periodic servers: its pool says so, or its guest runs the busy hog. */
    private static boolean periodicServers(DomainSpec d, Scenario s) {
        if (d.guest().busy()) return true;
        return s.pools().stream().anyMatch(p -> p.name().equals(d.pool())
                && p.params() instanceof ServerPoolParams sp && sp.periodicServers());
    }

    /** Whether some pool holding server domains has {@link ServerPoolParams} (the planner does not analyse it). */
    private static boolean anyServerPool(Scenario s) {
        return s.pools().stream().anyMatch(p -> p.params() instanceof ServerPoolParams
                && s.domains().stream().anyMatch(d -> d.pool().equals(p.name()) && d.params() instanceof ServerParams));
    }

    /** Whether every server domain with VCPUs is pinned to exactly one pCPU (a partitioned VMM). */
    private static boolean pinnedPerPcpu(Scenario s) {
        List<DomainSpec> servers = s.domains().stream().filter(d -> d.params() instanceof ServerParams).toList();
        return !servers.isEmpty() && servers.stream().allMatch(d -> d.affinity().size() == 1 && d.vcpuAffinity().isEmpty());
    }

    private static long ceilUs(long ns) {
        return (ns + Time.US - 1) / Time.US;
    }

    /**
     * The analyses' own assumptions: synchronous release (no offsets), every job runs its WCET, no overheads, and the
     * target domains' pools run RTDS (the deferrable servers the planner models) or a policy whose
     * {@link ServerPoolParams} say how it schedules its servers (RT-Xen 2.0's).
     */
    public static boolean assumptionsHold(Scenario s, List<String> targets) {
        if (!s.overheads().equals(Overheads.NONE)) return false;
        Set<String> pools = new HashSet<>();
        for (DomainSpec d : s.domains()) {
            if (targets.contains(d.name())) pools.add(d.pool());
            for (TaskSpec t : d.guest().tasks()) {
                if (t.offsetNs() != 0 || !(t.exec() instanceof ExecTimeModel.Wcet)) return false;
            }
        }
        for (PoolSpec p : s.pools()) {
            if (pools.contains(p.name()) && !p.scheduler().equals(RTDS) && !(p.params() instanceof ServerPoolParams)) return false;
        }
        return true;
    }

    /**
     * The soundness defects of a run whose assumptions hold: the checkable analyses that said schedulable although
     * the simulation missed {@code missed} deadlines.
     */
    public static List<String> defects(Map<String, Boolean> verdicts, long missed, Scenario s) {
        List<String> out = new ArrayList<>();
        if (missed == 0) return out;
        verdicts.forEach((name, ok) -> {
            if (Boolean.TRUE.equals(ok) && checkable(name, s)) out.add(name);
        });
        return out;
    }
}
