package org.rtxen.analysis.plan;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.UniprocessorInterfaces;
import org.rtxen.analysis.demand.DeadlinePoints;
import org.rtxen.analysis.demand.Demand;
import org.rtxen.analysis.host.TestResult;
import org.rtxen.analysis.supply.SlotSupply;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Names;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Time;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.params.SlotTable;

/**
 * Exact analysis of an ARINC653 pool: each VCPU's slots are a known supply ({@link SlotSupply}), and the tasks the
 * guest runs on that VCPU are tested against it in nanoseconds: EDF by dbf(t) ≤ sbf(t) at every deadline up to the
 * point where the linear bounds settle it, fixed priority by some t ≤ D_i with rbf_i(t) ≤ sbf(t). A slot's VCPU runs
 * whenever it is runnable in its slot, also after waking mid-slot (A3.4), and never elsewhere, so the guest's
 * supply while it has work is exactly its slots' (less the overheads charged at each slot).
 */
final class SlotTableAnalysis {
    /** Deadlines an EDF check may need to visit (counted before it starts) above which it is refused, with the count. */
    static final long POINT_LIMIT = 5_000_000;

    private final List<Plan.DomainPlan> domainPlans = new ArrayList<>();
    private final Plan.PoolPlan poolPlan;

    SlotTableAnalysis(PoolSpec pool, List<DomainSpec> members, Overheads overheads) {
        List<TestResult> tests = new ArrayList<>();
        String poolReason = "";
        String sched = pool.scheduler();
        int m = pool.pcpus().size();
        if (!(pool.params() instanceof SlotTable table)) {
            poolPlan = new Plan.PoolPlan(pool.name(), sched, m, true, tests, members.stream().allMatch(d -> !hasTasks(d)),
                    "Xen's boot table gives every slot to the control domain: no other domain runs (A3.3)");
            for (DomainSpec d : members) {
                if (hasTasks(d)) domainPlans.add(result(d, false, "it has no slot in the boot table"));
            }
            return;
        }
        if (members.stream().anyMatch(DomainSpec::control)) {
            poolPlan = new Plan.PoolPlan(pool.name(), sched, m, false, tests, false, "not analysed: the control"
                    + " domain's 10 ms slots are appended to the table when it is placed in the pool (A3.7)");
            return;
        }
        for (DomainSpec d : members) {
            if (!hasTasks(d)) continue;
            GuestSpec g = d.guest();
            if (d.vcpus() > 1 && g.placement() != Placement.PARTITIONED) {
                domainPlans.add(result(d, false, "a global guest on several ARINC653 VCPUs is not analysed (a job"
                        + " stays on its VCPU outside that VCPU's slots): give its tasks placement: partitioned"));
                continue;
            }
            String fail = "";
            for (int v = 0; v < d.vcpus() && fail.isEmpty(); v++) {
                List<TaskSpec> mine = new ArrayList<>();
                for (TaskSpec t : GuestDesigner.priorityOrder(g)) {
                    if (d.vcpus() == 1 || t.vcpu() == v) mine.add(t);
                }
                if (mine.isEmpty()) continue;
                SlotSupply supply = supplyOf(table, d.name(), v, members, overheads);
                List<Task> tasks = mine.stream().map(SlotTableAnalysis::inNanos).toList();
                String r = g.scheduler() == GuestScheduler.EDF ? edf(tasks, supply) : fp(tasks, supply);
                TestResult test = new TestResult("slots-" + Planner.vcpuName(d.name(), v), r.isEmpty(),
                        "static slot table: exact supply per major frame", r.isEmpty() ? Reason.NONE : Reason.of(r));
                tests.add(test);
                if (!r.isEmpty()) fail = Planner.vcpuName(d.name(), v) + ": " + r;
            }
            domainPlans.add(result(d, fail.isEmpty(), fail));
            if (!fail.isEmpty() && poolReason.isEmpty()) poolReason = fail;
        }
        poolPlan = new Plan.PoolPlan(pool.name(), sched, m, true, tests, poolReason.isEmpty(), poolReason);
    }

    List<Plan.DomainPlan> domainPlans() {
        return domainPlans;
    }

    Plan.PoolPlan poolPlan() {
        return poolPlan;
    }

    private static boolean hasTasks(DomainSpec d) {
        return d.guest() != null && !d.guest().tasks().isEmpty();
    }

    private static Plan.DomainPlan result(DomainSpec d, boolean ok, String reason) {
        return new Plan.DomainPlan(d.name(), d.pool(), List.of(), List.of(), ok, reason,
                "each VCPU runs in its ARINC653 slots only", "", List.of());
    }

    private static Task inNanos(TaskSpec t) {
        return new Task(Names.shown(t.name()), t.periodNs(), t.wcetNs(),
                t.deadlineNs() > 0 ? t.deadlineNs() : t.periodNs());
    }

    /**
     * VCPU {@code vcpu} of {@code domain}: the slots naming it, laid back to back from the frame start (A3.1), each
     * losing δ = schedule + 2·context switch at its start and a schedule cost per wake of another VCPU of the pool
     * during it (a wake makes the pCPU reschedule, A3.5), the same domain's other VCPUs included.
     */
    static SlotSupply supplyOf(SlotTable table, String domain, int vcpu, List<DomainSpec> members,
                               Overheads o) {
        List<long[]> intervals = new ArrayList<>();
        long at = 0;
        for (SlotTable.Slot s : table.slots()) {
            if (s.domain().equals(domain) && s.vcpu() == vcpu) {
                long loss = OverheadCharge.perSwitchNs(o, false)
                        + o.scheduleNs() * otherWakes(members, domain, vcpu, s.runtimeNs());
                intervals.add(new long[] {at, at + s.runtimeNs(), loss});
            }
            at += s.runtimeNs();
        }
        long[] start = new long[intervals.size()];
        long[] end = new long[intervals.size()];
        long[] loss = new long[intervals.size()];
        for (int i = 0; i < start.length; i++) {
            start[i] = intervals.get(i)[0];
            end[i] = intervals.get(i)[1];
            loss[i] = intervals.get(i)[2];
        }
        return new SlotSupply(table.majorFrameNs(), start, end, loss);
    }

    /**
     * Wakes of the pool's VCPUs other than VCPU {@code vcpu} of {@code domain} in a window: one per job release of a
     * task placed on them, plus one per task; a VCPU whose guest never blocks (the busy hog) wakes once, when its
     * domain starts, which may fall in any window.
     */
    private static long otherWakes(List<DomainSpec> members, String domain, int vcpu, long window) {
        long n = 0;
        for (DomainSpec d : members) {
            if (d.guest() == null) continue;
            boolean same = d.name().equals(domain);
            if (d.guest().busy()) {
                n += same ? d.vcpus() - 1 : d.vcpus();
                continue;
            }
            for (TaskSpec t : d.guest().tasks()) {
                if (same && (d.vcpus() == 1 || t.vcpu() == vcpu)) continue;
                n += -Math.floorDiv(-window, t.periodNs()) + 1;
            }
        }
        return n;
    }

    /** EDF: dbf(t) ≤ sbf(t) at every deadline up to the linear-bound horizon; empty when it holds, else why not. */
    static String edf(List<Task> tasks, SlotSupply supply) {
        Rational u = Demand.utilization(tasks);
        if (u.signum() == 0) return "";
        Rational rate = supply.rate();
        int cmp = rate.compareTo(u);
        if (cmp < 0) {
            return "its slots supply " + percent(rate) + " of a pCPU, below its tasks' utilization " + percent(u);
        }
        long horizon;
        boolean cut; // the horizon lies past the longs: deadlines beyond 2^63 − 1 ns go unchecked
        String why;
        if (cmp > 0) {
            Rational h = supply.lsbfOffset().add(Demand.linearDemandOffset(tasks)).divide(rate.subtract(u));
            cut = h.floor().bitLength() >= 63;
            horizon = cut ? Long.MAX_VALUE : h.floor().longValueExact();
            why = "where the linear bounds settle it (supply only just above utilization)";
        } else {
            // Supply rate = U: past max D, dbf(t + L) = dbf(t) + U·L, and past a slot's loss (less than F)
            // sbf(t + L) = sbf(t) + U·L, for L = lcm(periods, F): the deadlines up to max D + L + F decide.
            long end = Demand.patternEnd(tasks, supply.frame());
            cut = end > Long.MAX_VALUE - supply.frame();
            horizon = cut ? Long.MAX_VALUE : end + supply.frame();
            why = "up to the end of the repeating pattern, the hyperperiod of the tasks and the major frame"
                    + " (supply equals utilization)";
        }
        long count = Demand.deadlinesUpTo(tasks, horizon);
        if (count > POINT_LIMIT) {
            return "not analysed: the check would visit " + (count == Long.MAX_VALUE ? "more than 2^63"
                    : String.format(java.util.Locale.ROOT, "%,d", count)) + " deadlines " + why + ", above the"
                    + " limit of " + String.format(java.util.Locale.ROOT, "%,d", POINT_LIMIT);
        }
        DeadlinePoints points = new DeadlinePoints(tasks);
        while (points.hasNext()) {
            long t = points.next();
            if (t > horizon) break;
            long supplied = supply.sbf(t);
            if (points.demand() > supplied) {
                return "in a window of " + Time.format(t) + " its tasks may need " + Time.format(points.demand())
                        + " but the slots guarantee only " + Time.format(supplied);
            }
        }
        return cut ? "not analysed: the deadlines to check " + why + " reach past 2^63 ns" : "";
    }

    /** Fixed priority (tasks highest first): every task has some t ≤ D_i with rbf_i(t) ≤ sbf(t). */
    static String fp(List<Task> tasks, SlotSupply supply) {
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            if (task.deadline() > task.period()) {
                return "task " + task.name() + ": fixed-priority analysis needs deadline ≤ period";
            }
            List<Task> hp = tasks.subList(0, i);
            String tooLarge = UniprocessorInterfaces.fpWorkTooLarge(task, hp);
            if (!tooLarge.isEmpty()) return tooLarge;
            boolean ok = false;
            for (long t : UniprocessorInterfaces.fpPoints(task, hp)) {
                if (Demand.rbf(task, hp, t) <= supply.sbf(t)) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                return "task " + task.name() + ": its slots never supply its request and its higher-priority tasks'"
                        + " within its deadline " + Time.format(task.deadline());
            }
        }
        return "";
    }

    private static String percent(Rational r) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", r.doubleValue() * 100);
    }
}
