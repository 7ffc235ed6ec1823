package org.rtxen.analysis.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.ComponentInterface;
import org.rtxen.analysis.component.ComponentInterface.Model;
import org.rtxen.analysis.component.ComponentResult;
import org.rtxen.analysis.component.MultiprocessorInterfaces;
import org.rtxen.analysis.component.Policy;
import org.rtxen.analysis.component.UniprocessorInterfaces;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Names;
import org.rtxen.model.Overheads;
import org.rtxen.model.Time;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.params.ServerParams;

/**
 * Designs one RTDS guest: which VCPU runs which task, the period of each VCPU (the scenario's, or the cheapest of a
 * period search) and the PRM budget each VCPU's tasks need, in microseconds.
 */
final class GuestDesigner {
    /** How many periods a search tries at most (evenly spaced over the range, both ends included). */
    static final int SEARCH_POINTS = 20;
    /** A period search also tries each task period divided by 1 to this many (whole µs only). */
    static final int DIVISORS = 8;
    /**
     * The EDF work limit of the planner's PRM searches: past it the budget is closed by the linear bound (sound,
     * possibly above the minimum by a fraction of a µs on these task sets, and rounded up to a whole µs anyway).
     */
    static final long POINT_LIMIT = 20_000;

    private GuestDesigner() {}

    /**
     * Designs {@code d}, whose VCPUs may run on {@code pcpus}; {@code others} are the other VCPUs of the pool, for the
     * overhead estimate.
     */
    static GuestDesign design(DomainSpec d, Set<Integer> pcpus, ServerParams rtds, PlanOptions options,
                              Overheads overheads, List<OverheadCharge.Source> others) {
        GuestSpec g = d.guest();
        String belowMicro = belowOneMicrosecond(g.tasks());
        if (belowMicro != null) return GuestDesign.infeasible(belowMicro);
        List<TaskSpec> ordered = priorityOrder(g);
        Policy policy = g.scheduler() == GuestScheduler.EDF ? Policy.EDF : Policy.FP;
        long[] configured = new long[d.vcpus()];
        for (int v = 0; v < configured.length; v++) configured[v] = rtds.server(v).periodNs() / Time.US;
        if (!options.searchesPeriod()) return designAt(d, ordered, policy, configured, options, null);
        long min = options.minPeriodUs();
        long max = options.maxPeriodUs();
        long unitUs = Math.max(1, rtds.unitNs() / Time.US);
        long[] periods = searchedPeriods(g, configured, min, max, unitUs);
        if (periods.length == 0) {
            return GuestDesign.infeasible("no period in " + Time.format(min * Time.US) + ".." + Time.format(max * Time.US)
                    + " is a whole " + Time.format(unitUs * Time.US) + ", the unit of the pool's xl parameters");
        }
        List<List<TaskSpec>> placement = searchPlacement(d, ordered, policy, options);
        GuestDesign best = null;
        Rational bestBandwidth = null;
        List<Plan.PeriodOption> table = new ArrayList<>();
        GuestDesign first = null;
        for (long p : periods) {
            GuestDesign at = designAtPeriod(d, ordered, policy, p, options, placement);
            if (first == null) first = at;
            Rational bw = at.feasible() ? at.estimatedBandwidth(d, pcpus, overheads, others) : null;
            table.add(new Plan.PeriodOption(p * Time.US, bw));
            if (bw != null && (bestBandwidth == null || bw.compareTo(bestBandwidth) < 0)) {
                best = at;
                bestBandwidth = bw;
            }
        }
        GuestDesign chosen = best != null ? best : first.withReason(first.reason() + " (at every period in "
                + Time.format(min * Time.US) + ".." + Time.format(max * Time.US) + ")");
        return chosen.withPeriods(table);
    }

    /**
     * {@code d} designed with every VCPU at period {@code periodUs}, as the period search designs it there (a global
     * guest's tasks placed as for the whole search), with {@code table}, its search's table, kept: for a pool whose
     * domains' cheapest periods fail the pool test together and that tries one period for all (the planner).
     */
    static GuestDesign designAtPeriod(DomainSpec d, long periodUs, PlanOptions options, List<Plan.PeriodOption> table) {
        List<TaskSpec> ordered = priorityOrder(d.guest());
        Policy policy = d.guest().scheduler() == GuestScheduler.EDF ? Policy.EDF : Policy.FP;
        return designAtPeriod(d, ordered, policy, periodUs, options, searchPlacement(d, ordered, policy, options))
                .withPeriods(table);
    }

    /**
     * A global guest's task placement for a period search: made once, at the longest period of the range (where PRM's
     * blackout costs least relative to the demand), and kept at every period tried; null when the planner does not
     * place the tasks (or they fit nowhere there).
     */
    private static List<List<TaskSpec>> searchPlacement(DomainSpec d, List<TaskSpec> ordered, Policy policy,
                                                        PlanOptions options) {
        long[] longest = new long[d.vcpus()];
        java.util.Arrays.fill(longest, options.maxPeriodUs());
        GuestDesign placed = designAt(d, ordered, policy, longest, options, null);
        return placed.feasible() && placed.repinned() ? placed.groups() : null;
    }

    private static GuestDesign designAtPeriod(DomainSpec d, List<TaskSpec> ordered, Policy policy, long periodUs,
                                              PlanOptions options, List<List<TaskSpec>> placement) {
        long[] periods = new long[d.vcpus()];
        java.util.Arrays.fill(periods, periodUs);
        return designAt(d, ordered, policy, periods, options, placement);
    }

    /**
     * The periods a search tries, in µs, ascending, all whole multiples of {@code unitUs} (the pool's xl unit: 1 µs
     * for RTDS, 1000 for RT-Xen 2.0): {@link #SEARCH_POINTS} evenly spaced over [min, max] (both ends included, each
     * rounded up to the unit), plus the exact candidates there: each task period divided by 1 to {@link #DIVISORS}
     * when that is a whole unit (a server period that divides a task's period keeps the supply in step with its
     * releases), and the VCPUs' configured periods.
     */
    static long[] searchedPeriods(GuestSpec g, long[] configuredUs, long min, long max, long unitUs) {
        java.util.TreeSet<Long> out = new java.util.TreeSet<>();
        int points = (int) Math.min(SEARCH_POINTS, max - min + 1);
        for (int i = 0; i < points; i++) {
            long p = points == 1 ? min : min + (max - min) * i / (points - 1);
            out.add(-Math.floorDiv(-p, unitUs) * unitUs);
        }
        for (TaskSpec t : g.tasks()) {
            if (t.periodNs() % Time.US != 0) continue;
            long us = t.periodNs() / Time.US;
            for (int k = 1; k <= DIVISORS; k++) if (us % k == 0) out.add(us / k);
        }
        for (long p : configuredUs) out.add(p);
        return out.stream().mapToLong(Long::longValue).filter(p -> p >= min && p <= max && p % unitUs == 0).toArray();
    }

    /**
     * The guest's tasks in the order its scheduler ranks them: for fixed priority the explicit priority (higher
     * first), then the shorter period, the shorter deadline, the task order, exactly as rtxen's guest model does in
     * nanoseconds (so rounding to microseconds cannot reorder ties); for EDF the task order.
     */
    static List<TaskSpec> priorityOrder(GuestSpec g) {
        List<TaskSpec> out = new ArrayList<>(g.tasks());
        if (g.scheduler() == GuestScheduler.EDF) return out;
        List<TaskSpec> original = g.tasks();
        out.sort(Comparator.<TaskSpec>comparingInt(t -> -t.priority())
                .thenComparingLong(TaskSpec::periodNs)
                .thenComparingLong(GuestDesigner::deadlineNs)
                .thenComparing(inOrderOf(original)));
        return out;
    }

    /**
     * Tasks compared by their first position in {@code order} (as {@code order.indexOf} would, found once: indexOf in
     * a comparator made placing a guest of 600 tasks take a second).
     */
    private static Comparator<TaskSpec> inOrderOf(List<TaskSpec> order) {
        Map<TaskSpec, Integer> position = new HashMap<>();
        for (int i = 0; i < order.size(); i++) position.putIfAbsent(order.get(i), i);
        return Comparator.comparingInt(position::get);
    }

    private static long deadlineNs(TaskSpec t) {
        return t.deadlineNs() > 0 ? t.deadlineNs() : t.periodNs();
    }

    /**
     * Why a task cannot be analysed in µs, or null: a period or deadline below 1 µs rounds down to 0, and rounding it
     * up to 1 µs (as the planner did) lowers the demand: a (10 ms, 600 ns, D 500 ns) task was guaranteed and missed.
     */
    private static String belowOneMicrosecond(List<TaskSpec> tasks) {
        for (TaskSpec t : tasks) {
            String what = t.periodNs() < Time.US ? "period " + Time.format(t.periodNs())
                    : deadlineNs(t) < Time.US ? "deadline " + Time.format(deadlineNs(t)) : null;
            if (what != null) {
                return "task " + Names.shown(t.name()) + ": " + what + " is below 1us, the unit the guest is analysed"
                        + " in (Xen's parameter unit)";
            }
        }
        return null;
    }

    /** The task in microseconds: period and deadline (at least 1 µs) rounded down, WCET up (more demand, so sound). */
    static Task inMicros(TaskSpec t) {
        return new Task(Names.shown(t.name()), t.periodNs() / Time.US, -Math.floorDiv(-t.wcetNs(), Time.US),
                deadlineNs(t) / Time.US);
    }

    /** The design at the given periods; {@code placement}, if given, is a global guest's task placement to keep. */
    private static GuestDesign designAt(DomainSpec d, List<TaskSpec> ordered, Policy policy, long[] periods,
                                        PlanOptions options, List<List<TaskSpec>> placement) {
        GuestSpec g = d.guest();
        int m = d.vcpus();
        if (Planner.globalMulti(d) && options.guest() != PlanOptions.GuestModel.PARTITIONED) {
            return migrating(d, ordered, periods, options);
        }
        List<List<TaskSpec>> groups = new ArrayList<>();
        for (int v = 0; v < m; v++) groups.add(new ArrayList<>());
        String assumption;
        boolean planned = false;
        if (m == 1) {
            groups.get(0).addAll(ordered);
            assumption = "one VCPU as a PRM server";
        } else if (g.placement() == Placement.PARTITIONED) {
            for (TaskSpec t : ordered) groups.get(t.vcpu()).add(t);
            assumption = "each VCPU a PRM server for the tasks pinned to it";
        } else {
            if (placement != null) {
                for (int v = 0; v < m; v++) groups.get(v).addAll(placement.get(v));
            } else {
                String fail = partition(ordered, policy, periods, groups);
                if (fail != null) return GuestDesign.infeasible(fail);
            }
            planned = true;
            assumption = "the guest's tasks pinned to VCPUs as planned (e.g. taskset), each VCPU a PRM server:"
                    + " a global guest does not move a job off a VCPU Xen has descheduled";
        }
        List<ComponentResult> components = new ArrayList<>();
        long[] budgets = new long[m];
        for (int v = 0; v < m; v++) {
            List<Task> tasks = groups.get(v).stream().map(GuestDesigner::inMicros).toList();
            ComponentInterface i = UniprocessorInterfaces.prm(tasks, policy, periods[v], POINT_LIMIT);
            components.add(new ComponentResult(Planner.vcpuName(d.name(), v), policy, tasks, i, List.of()));
            if (!i.feasible()) return GuestDesign.infeasible(Planner.vcpuName(d.name(), v) + ": "
                    + i.reason().format(Reason.MICROSECONDS));
            budgets[v] = Planner.guestBudgetNs(i);
        }
        return new GuestDesign(true, "", assumption, true, planned, periods, groups, components, budgets, List.of());
    }

    /**
     * First-fit-decreasing placement of a global guest's tasks on its VCPUs: in decreasing utilization, each task goes
     * to the most loaded VCPU whose tasks still have a PRM interface with it (so the guest uses as few VCPUs as this
     * greedy finds, each PRM blackout shared by as many tasks as fit). Returns null, or why a task fits nowhere.
     */
    private static String partition(List<TaskSpec> ordered, Policy policy, long[] periods,
                                    List<List<TaskSpec>> groups) {
        Comparator<TaskSpec> inOrder = inOrderOf(ordered);
        List<TaskSpec> byLoad = new ArrayList<>(ordered);
        byLoad.sort(Comparator.comparing((TaskSpec t) -> inMicros(t).utilization()).reversed().thenComparing(inOrder));
        Rational[] load = new Rational[groups.size()];
        java.util.Arrays.fill(load, Rational.ZERO);
        for (TaskSpec t : byLoad) {
            Integer[] order = new Integer[groups.size()];
            for (int v = 0; v < order.length; v++) order[v] = v;
            java.util.Arrays.sort(order, (a, b) -> load[b].compareTo(load[a]));
            int chosen = -1;
            for (int v : order) {
                Rational u = load[v].add(inMicros(t).utilization());
                if (u.compareTo(Rational.ONE) > 0) continue;
                List<TaskSpec> candidate = new ArrayList<>(groups.get(v));
                candidate.add(t);
                candidate.sort(inOrder);
                if (UniprocessorInterfaces.prm(candidate.stream().map(GuestDesigner::inMicros).toList(), policy,
                        periods[v], POINT_LIMIT).feasible()) {
                    chosen = v;
                    load[v] = u;
                    break;
                }
            }
            if (chosen < 0) {
                return "task " + Names.shown(t.name()) + " fits on no VCPU next to the tasks placed before it";
            }
            groups.get(chosen).add(t);
            groups.get(chosen).sort(inOrder);
        }
        return null;
    }

    /** MPR or DMPR for a global EDF guest: an interface for a migrating guest, reported but not guaranteed. */
    private static GuestDesign migrating(DomainSpec d, List<TaskSpec> ordered, long[] periods, PlanOptions options) {
        int m = d.vcpus();
        for (long p : periods) {
            if (p != periods[0]) return GuestDesign.infeasible("a global guest's VCPUs must share one period");
        }
        if (d.guest().scheduler() != GuestScheduler.EDF) {
            return GuestDesign.infeasible("MPR and DMPR need a global EDF guest");
        }
        List<Task> tasks = ordered.stream().map(GuestDesigner::inMicros).toList();
        ComponentInterface i = options.guest() == PlanOptions.GuestModel.DMPR
                ? MultiprocessorInterfaces.dmpr(tasks, periods[0], m)
                : MultiprocessorInterfaces.mpr(tasks, periods[0], options.variant(), m);
        String name = Names.shown(d.name());
        List<ComponentResult> components = List.of(new ComponentResult(name, Policy.GEDF, tasks, i, List.of()));
        if (!i.feasible()) return GuestDesign.infeasible(name + ": " + i.reason().format(Reason.MICROSECONDS))
                .withComponents(components);
        long[] budgets = new long[m];
        List<ComponentInterface.Vcpu> vcpus = i.vcpus();
        for (int v = 0; v < m && v < vcpus.size(); v++) {
            budgets[v] = vcpus.get(v).budget().ceil().longValueExact() * Time.US;
        }
        List<List<TaskSpec>> groups = new ArrayList<>();
        for (int v = 0; v < m; v++) groups.add(new ArrayList<>(ordered));
        String model = i.model() == Model.DMPR ? "DMPR" : "MPR";
        return new GuestDesign(true, "", model + " assumes a guest that runs any ready job on whichever VCPU Xen"
                + " supplies; Linux and rtxen's guest model keep a job on a descheduled VCPU, so this interface"
                + " guarantees nothing for this scenario (plan without --model to pin the tasks)", false, false,
                periods, groups, components, budgets, List.of());
    }
}
