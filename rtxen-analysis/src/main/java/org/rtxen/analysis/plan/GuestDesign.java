package org.rtxen.analysis.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.component.ComponentResult;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Names;
import org.rtxen.model.Overheads;
import org.rtxen.model.Time;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.params.ServerParams;
import org.rtxen.model.params.VcpuServer;

/**
 * One RTDS guest's design before the overhead charge: per VCPU its period (µs), the tasks placed on it and the
 * budget its PRM interface needs (ns, whole µs).
 *
 * @param feasible    whether every VCPU has an interface
 * @param reason      why not
 * @param assumption  the guest behaviour the interfaces rest on
 * @param guaranteed  whether the interfaces hold for rtxen's (and Linux's) guest; false for MPR/DMPR
 * @param repinned    whether the planner pinned a global guest's tasks to VCPUs (the planned scenario says where)
 * @param periodsUs   per VCPU its period
 * @param groups      per VCPU the tasks placed on it (every task on every VCPU for a migrating guest)
 * @param components  the interfaces, for reports
 * @param guestBudgetsNs per VCPU the budget its interface needs
 * @param periods     the period search's table, if any
 */
record GuestDesign(boolean feasible, String reason, String assumption, boolean guaranteed, boolean repinned,
                   long[] periodsUs, List<List<TaskSpec>> groups, List<ComponentResult> components,
                   long[] guestBudgetsNs, List<Plan.PeriodOption> periods) {

    static GuestDesign infeasible(String reason) {
        return new GuestDesign(false, reason, "", false, false, new long[0], List.of(), List.of(), new long[0],
                List.of());
    }

    GuestDesign withReason(String r) {
        return new GuestDesign(feasible, r, assumption, guaranteed, repinned, periodsUs, groups, components,
                guestBudgetsNs, periods);
    }

    GuestDesign withPeriods(List<Plan.PeriodOption> table) {
        return new GuestDesign(feasible, reason, assumption, guaranteed, repinned, periodsUs, groups, components,
                guestBudgetsNs, table);
    }

    GuestDesign withComponents(List<ComponentResult> list) {
        return new GuestDesign(feasible, reason, assumption, guaranteed, repinned, periodsUs, groups, list,
                guestBudgetsNs, periods);
    }

    /** This design's VCPUs as sources of scheduler events, each allowed on {@code pcpus}. */
    List<OverheadCharge.Source> sources(DomainSpec d, Set<Integer> pcpus) {
        List<OverheadCharge.Source> out = new ArrayList<>();
        for (int v = 0; v < periodsUs.length; v++) {
            long[] taskPeriods = groups.get(v).stream().mapToLong(TaskSpec::periodNs).toArray();
            out.add(new OverheadCharge.Source(periodsUs[v] * Time.US, d.guest().busy() || taskPeriods.length == 0,
                    taskPeriods, pcpus));
        }
        return out;
    }

    /** Σ budget/period with the overhead charge estimated against {@code others}, for a period search. */
    Rational estimatedBandwidth(DomainSpec d, Set<Integer> pcpus, Overheads o,
                                List<OverheadCharge.Source> others) {
        List<OverheadCharge.Source> own = sources(d, pcpus);
        List<OverheadCharge.Source> all = new ArrayList<>(others);
        all.addAll(own);
        Rational sum = Rational.ZERO;
        for (int v = 0; v < own.size(); v++) {
            long charge = groups.get(v).isEmpty() ? 0 : OverheadCharge.perPeriodNs(o, own.get(v), all);
            long budget = serverBudgetNs(v, charge, (ServerParams) d.params());
            if (budget > periodsUs[v] * Time.US) return null;
            sum = sum.add(Rational.of(budget, periodsUs[v] * Time.US));
        }
        return sum;
    }

    /**
     * The budget given to Xen: guest budget plus the charge rounded up to a whole µs, at least the policy's minimum,
     * rounded up to the policy's unit (whole ms for RT-Xen 2.0), so that the plan prints what xl is given.
     */
    long serverBudgetNs(int v, long chargeNs, ServerParams policy) {
        long charge = -Math.floorDiv(-chargeNs, Time.US) * Time.US;
        long budget = Math.max(policy.minBudgetNs(), guestBudgetsNs[v] + charge);
        long unit = Math.max(Time.US, policy.unitNs());
        return -Math.floorDiv(-budget, unit) * unit;
    }

    /** The domain's plan with the final overhead charges ({@code own} are its sources among {@code all}). */
    Plan.DomainPlan finish(DomainSpec d, List<OverheadCharge.Source> own, List<OverheadCharge.Source> all,
                           Overheads o) {
        if (!feasible) {
            return new Plan.DomainPlan(d.name(), d.pool(), components, List.of(), false, reason, assumption, "",
                    periods);
        }
        List<Plan.Server> servers = new ArrayList<>();
        String fail = "";
        for (int v = 0; v < periodsUs.length; v++) {
            // A VCPU without tasks never wakes: it owes its guest nothing, whatever it loses.
            long charge = groups.get(v).isEmpty() ? 0 : OverheadCharge.perPeriodNs(o, own.get(v), all);
            long budget = serverBudgetNs(v, charge, (ServerParams) d.params());
            long period = periodsUs[v] * Time.US;
            if (budget > period && fail.isEmpty()) {
                fail = Planner.vcpuName(d.name(), v) + ": budget " + Time.format(guestBudgetsNs[v])
                        + " plus overhead " + Time.format(charge) + " exceeds its period " + Time.format(period);
            }
            servers.add(new Plan.Server(v, period, Math.min(budget, period), guestBudgetsNs[v], charge,
                    groups.get(v).stream().map(TaskSpec::name).toList()));
        }
        boolean ok = fail.isEmpty() && guaranteed;
        String why = !fail.isEmpty() ? fail : guaranteed ? "" : "no guarantee: " + assumption;
        return new Plan.DomainPlan(d.name(), d.pool(), components, servers, ok, why, assumption, advice(d, servers),
                periods);
    }

    /** When the planner left VCPUs without tasks: how much fewer VCPUs would save. */
    private String advice(DomainSpec d, List<Plan.Server> servers) {
        if (!repinned) return "";
        Rational all = Rational.ZERO;
        Rational used = Rational.ZERO;
        int count = 0;
        for (Plan.Server s : servers) {
            Rational bw = Rational.of(s.budgetNs(), s.periodNs());
            all = all.add(bw);
            if (!s.tasks().isEmpty()) {
                used = used.add(bw);
                count++;
            }
        }
        if (count == servers.size()) return "";
        return String.format(java.util.Locale.ROOT, "%s needs only %d of its %d VCPUs: with vcpus: %d it would"
                        + " need %.1f%% of a pCPU instead of %.1f%%", Names.shown(d.name()), count, servers.size(),
                count, used.doubleValue() * 100, all.doubleValue() * 100);
    }

    /** The domain with its planned servers (one per VCPU, {@link ServerParams#withServers}) and its tasks' VCPUs. */
    DomainSpec plannedSpec(DomainSpec d, ServerParams params, Plan.DomainPlan dp) {
        List<VcpuServer> servers = new ArrayList<>();
        for (Plan.Server s : dp.servers()) servers.add(new VcpuServer(s.periodNs(), s.budgetNs()));
        GuestSpec guest = d.guest();
        if (repinned) {
            List<TaskSpec> tasks = new ArrayList<>();
            for (TaskSpec t : guest.tasks()) {
                int v = 0;
                while (!groups.get(v).contains(t)) v++;
                tasks.add(new TaskSpec(t.name(), t.periodNs(), t.wcetNs(), t.deadlineNs(), t.offsetNs(),
                        t.priority(), v, t.exec()));
            }
            guest = new GuestSpec(guest.scheduler(), Placement.PARTITIONED, guest.busy(), tasks);
        }
        return new DomainSpec(d.name(), d.control(), d.pool(), d.vcpus(), params.withServers(servers), d.affinity(),
                d.vcpuAffinity(), d.startNs(), guest);
    }
}
