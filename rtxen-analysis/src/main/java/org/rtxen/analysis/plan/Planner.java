package org.rtxen.analysis.plan;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.ComponentInterface;
import org.rtxen.analysis.component.ComponentInterface.Model;
import org.rtxen.analysis.component.ComponentInterface.Vcpu;
import org.rtxen.analysis.component.ComponentResult;
import org.rtxen.analysis.component.MultiprocessorInterfaces;
import org.rtxen.analysis.component.Policy;
import org.rtxen.analysis.component.UniprocessorInterfaces;
import org.rtxen.analysis.host.GlobalEdfTests;
import org.rtxen.analysis.host.Partitioning;
import org.rtxen.analysis.host.ServerKind;
import org.rtxen.analysis.host.TestResult;
import org.rtxen.analysis.host.UniprocessorTests;
import org.rtxen.analysis.supply.Mpr;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.Time;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.params.ServerParams;
import org.rtxen.model.params.VcpuServer;

/**
 * Plans server parameters (per-VCPU period and budget, {@link ServerParams}) for a scenario; the policy's own records
 * are filled in by {@link ServerParams#withServers}, so the analysis never names them (RTDS's have this shape). Works
 * in microseconds, Xen's parameter unit: task periods and deadlines are rounded down and WCETs up (more demand, so
 * sound); each VCPU keeps the period the scenario gives it and gets the minimum budget of its guest's interface,
 * rounded up to a whole microsecond and at least the policy's minimum (Xen's 10 µs for RTDS, R36).
 *
 * <p>Guests: a global EDF guest with several VCPUs gets an MPR (or DMPR) interface with exactly its VCPU count; a
 * single-VCPU guest (EDF, or FP in rate-monotonic order) a PRM interface; a partitioned guest one PRM interface per
 * VCPU over the tasks pinned to it. Domains without tasks keep their parameters and count as load.
 *
 * <p>Pools: a pool whose domains have server parameters is planned as RTDS runs, global EDF over deferrable servers.
 * The verdict uses only tests sound for them: BCL and RTA without slack refinement (jobs may run anywhere in
 * [release, deadline)), or, when every domain is pinned to one pCPU, the exact per-pCPU EDF demand test with
 * deadlines Θ (back-to-back execution). GFB, BAK and a worst-fit-decreasing partitioning are reported alongside.
 */
public final class Planner {
    private Planner() {}

    /** Plans every domain with server parameters; {@code multiModel} is MPR or DMPR for global EDF guests. */
    public static Plan plan(Scenario scenario, Model multiModel, Mpr.Variant variant) {
        List<DomainSpec> planned = new ArrayList<>();
        List<Plan.DomainPlan> domainPlans = new ArrayList<>();
        for (DomainSpec d : scenario.domains()) {
            if (!(d.params() instanceof ServerParams servers) || d.guest().tasks().isEmpty()) {
                planned.add(d);
                continue;
            }
            Plan.DomainPlan dp = planDomain(d, servers, multiModel, variant);
            domainPlans.add(dp);
            planned.add(dp.feasible() ? withBudgets(d, servers, dp) : d);
        }
        Scenario out = new Scenario(scenario.durationNs(), scenario.seed(), scenario.host(), scenario.pools(), planned,
                scenario.overheads(), scenario.commands());
        List<Plan.PoolPlan> poolPlans = new ArrayList<>();
        for (PoolSpec pool : scenario.pools()) {
            if (hasServers(pool, planned)) poolPlans.add(planPool(pool, planned));
        }
        boolean ok = domainPlans.stream().allMatch(Plan.DomainPlan::feasible)
                && poolPlans.stream().allMatch(Plan.PoolPlan::schedulable);
        return new Plan(out, domainPlans, poolPlans, ok);
    }

    /** Whether some domain of the pool has server parameters (the pool then runs a server-based policy). */
    private static boolean hasServers(PoolSpec pool, List<DomainSpec> domains) {
        return domains.stream().anyMatch(d -> d.pool().equals(pool.name()) && d.params() instanceof ServerParams);
    }

    private static Plan.DomainPlan planDomain(DomainSpec d, ServerParams servers, Model multiModel, Mpr.Variant variant) {
        GuestSpec g = d.guest();
        for (TaskSpec t : g.tasks()) {
            if (t.priority() != TaskSpec.NO_PRIORITY) {
                return new Plan.DomainPlan(d.name(), List.of(), false, "explicit SCHED_FIFO priorities are not"
                        + " analysed (leave them out for rate-monotonic order)");
            }
        }
        Policy uni = g.scheduler() == GuestScheduler.EDF ? Policy.EDF : Policy.RM;
        List<ComponentResult> components = new ArrayList<>();
        if (g.placement() == Placement.PARTITIONED || d.vcpus() == 1) {
            for (int v = 0; v < d.vcpus(); v++) {
                List<Task> tasks = tasksOn(g, g.placement() == Placement.PARTITIONED ? v : -1);
                long period = servers.server(v).periodNs() / Time.US;
                ComponentInterface i = UniprocessorInterfaces.prm(tasks, uni, period);
                components.add(new ComponentResult(d.name() + ".vcpu" + v, uni, tasks, i, List.of()));
            }
        } else {
            if (g.scheduler() != GuestScheduler.EDF) {
                return new Plan.DomainPlan(d.name(), List.of(), false, "global fixed-priority guests on several VCPUs"
                        + " are not analysed (use edf, or partitioned placement)");
            }
            List<Task> tasks = tasksOn(g, -1);
            long period = servers.server(0).periodNs() / Time.US;
            for (int v = 1; v < d.vcpus(); v++) {
                if (servers.server(v).periodNs() != servers.server(0).periodNs()) {
                    return new Plan.DomainPlan(d.name(), List.of(), false, "a global guest's VCPUs must share one"
                            + " period (VCPU " + v + " overrides it)");
                }
            }
            ComponentInterface i = multiModel == Model.DMPR ? MultiprocessorInterfaces.dmpr(tasks, period, d.vcpus())
                    : MultiprocessorInterfaces.mpr(tasks, period, variant, d.vcpus());
            components.add(new ComponentResult(d.name(), Policy.GEDF, tasks, i, List.of()));
        }
        for (ComponentResult c : components) {
            if (!c.iface().feasible()) {
                return new Plan.DomainPlan(d.name(), components, false, c.name() + ": " + c.iface().reason());
            }
        }
        return new Plan.DomainPlan(d.name(), components, true, "");
    }

    /** The domain with its parameters carrying one planned server per VCPU ({@link ServerParams#withServers}). */
    private static DomainSpec withBudgets(DomainSpec d, ServerParams params, Plan.DomainPlan dp) {
        long minBudgetUs = ceilUs(params.minBudgetNs());
        List<VcpuServer> servers = new ArrayList<>();
        int v = 0;
        for (ComponentResult c : dp.components()) {
            List<Vcpu> list = c.iface().vcpus();
            if (list.isEmpty()) list = List.of(new Vcpu(params.server(v).periodNs() / Time.US, Rational.ZERO, null));
            for (Vcpu vcpu : list) {
                long budgetUs = Math.min(vcpu.period(), Math.max(minBudgetUs, vcpu.budget().ceil().longValueExact()));
                servers.add(new VcpuServer(vcpu.period() * Time.US, budgetUs * Time.US));
                v++;
            }
        }
        return d.withParams(params.withServers(servers));
    }

    private static Plan.PoolPlan planPool(PoolSpec pool, List<DomainSpec> domains) {
        int m = pool.pcpus().size();
        List<Task> vcpus = new ArrayList<>();
        List<Integer> pinnedTo = new ArrayList<>();
        boolean allPinned = true;
        boolean anyRestricted = false;
        for (DomainSpec d : domains) {
            if (!d.pool().equals(pool.name()) || !(d.params() instanceof ServerParams servers)) continue;
            boolean pinned = d.affinity().size() == 1;
            allPinned &= pinned;
            anyRestricted |= !d.affinity().isEmpty() && d.affinity().size() < m;
            for (int v = 0; v < d.vcpus(); v++) {
                VcpuServer p = servers.server(v);
                vcpus.add(new Task(d.name() + ".vcpu" + v, p.periodNs() / Time.US,
                        ceilUs(p.budgetNs()), p.periodNs() / Time.US));
                pinnedTo.add(pinned ? d.affinity().get(0) : -1);
            }
        }
        List<TestResult> tests = new ArrayList<>();
        if (allPinned && !vcpus.isEmpty()) {
            boolean ok = true;
            String reason = "";
            for (int cpu : pool.pcpus()) {
                List<Task> here = new ArrayList<>();
                for (int i = 0; i < vcpus.size(); i++) {
                    if (pinnedTo.get(i) == cpu) here.add(vcpus.get(i));
                }
                TestResult r = UniprocessorTests.edf(here, ServerKind.DEFERRABLE);
                tests.add(new TestResult("edf-pcpu" + cpu, r.schedulable(), r.assumption(), r.reason()));
                if (!r.schedulable() && ok) {
                    ok = false;
                    reason = "pCPU " + cpu + ": " + r.reason();
                }
            }
            return new Plan.PoolPlan(pool.name(), m, tests, ok, reason);
        }
        if (anyRestricted) {
            return new Plan.PoolPlan(pool.name(), m, tests, false, "domains pinned to some but not all pCPUs of the"
                    + " pool: neither the global nor the per-pCPU tests apply");
        }
        TestResult bcl = GlobalEdfTests.bcl(vcpus, m, ServerKind.DEFERRABLE);
        TestResult rta = GlobalEdfTests.rta(vcpus, m, ServerKind.DEFERRABLE);
        tests.add(bcl);
        tests.add(rta);
        tests.add(GlobalEdfTests.gfb(vcpus, m));
        tests.add(GlobalEdfTests.bak(vcpus, m));
        tests.add(Partitioning.test(vcpus, m, Partitioning.Heuristic.WORST_FIT, true, true, ServerKind.DEFERRABLE));
        boolean ok = bcl.schedulable() || rta.schedulable();
        return new Plan.PoolPlan(pool.name(), m, tests, ok, ok ? "" : "global EDF over deferrable servers: "
                + rta.reason());
    }

    /** The guest's tasks in microseconds (periods and deadlines down, WCETs up); only VCPU v's when v ≥ 0. */
    private static List<Task> tasksOn(GuestSpec g, int vcpu) {
        List<Task> out = new ArrayList<>();
        for (TaskSpec t : g.tasks()) {
            if (vcpu >= 0 && t.vcpu() != vcpu) continue;
            long period = Math.max(1, t.periodNs() / Time.US);
            long deadline = Math.max(1, t.deadlineNs() / Time.US);
            out.add(new Task(t.name(), period, ceilUs(t.wcetNs()), deadline));
        }
        return out;
    }

    private static long ceilUs(long ns) {
        return -Math.floorDiv(-ns, Time.US);
    }
}
