package org.rtxen.xenref.fidelity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.model.result.VcpuResult;

/**
 * Compares one simulation with the real Xen run of the same scenario: per-VCPU CPU share and runnable share, the
 * RTDS pick order per period, and deadline misses per task.
 *
 * <p>CPU and runnable time are compared as shares of the observed span (the trace window for Xen, the simulated
 * duration for rtxen), since the two spans differ. The pick order is compared per period of the shortest RTDS period: a Xen
 * period matches if its order (the VCPUs in the order first picked) occurs in some period of the simulation.
 * Xen's windows start at a replenishment somewhere in a steady run, rtxen's at time 0, so periods are matched as
 * patterns, not one by one. rtxen's order is the order of first dispatch, Xen's the order of first
 * {@code runq_pick}; the two agree except where a picked VCPU lost to the running one.
 *
 * <p>Runs of multi-pCPU RTDS pools that the artefact rule rejected are compared bounded
 * ({@link #compareWithinBudget}): Xen's running time counts at most one budget per server period, which removes
 * the emulation's late budget exhaustions (over-runs) and keeps everything else, so a VCPU that gEDF left short of
 * its budget in some period still shows.
 */
final class ReferenceComparison {
    private ReferenceComparison() {}

    /** One VCPU's CPU share in Xen and in rtxen. */
    record CpuRow(String vcpu, double xenShare, double rtxenShare) {
        /** rtxen's error relative to Xen's share (0.01 = 1 %). */
        double relativeError() {
            return xenShare == 0 ? (rtxenShare == 0 ? 0 : Double.POSITIVE_INFINITY)
                    : Math.abs(rtxenShare - xenShare) / xenShare;
        }
    }

    /** One VCPU's runnable share (ready but waiting for a pCPU) in Xen and in rtxen. */
    record RunnableRow(String vcpu, double xenShare, double rtxenShare) {
        /** rtxen's error in points of the span (0.01 = 1 point), absolute: runnable shares can be near 0. */
        double absoluteError() {
            return Math.abs(rtxenShare - xenShare);
        }
    }

    /** One task's deadline misses per job in Xen and in rtxen. */
    record MissRow(String task, long xenMisses, long xenJobs, long rtxenMisses, long rtxenJobs) {
        /** Both meet every deadline, or both miss some. */
        boolean agrees() {
            return (xenMisses == 0) == (rtxenMisses == 0);
        }
    }

    /**
     * The comparison of one scenario.
     *
     * @param cpu            per-VCPU CPU shares
     * @param runnable       per-VCPU runnable shares
     * @param misses         per-task misses
     * @param xenPeriods     Xen's periods with a pick order
     * @param matchedPeriods how many of them have an order that occurs in rtxen's periods
     * @param unmatched      the orders of the other Xen periods, each once
     */
    record Result(List<CpuRow> cpu, List<RunnableRow> runnable, List<MissRow> misses, int xenPeriods,
                  int matchedPeriods, Set<List<String>> unmatched) {
        /** The largest relative CPU-share error over the VCPUs. */
        double worstCpuError() {
            return cpu.stream().mapToDouble(CpuRow::relativeError).max().orElse(0);
        }

        /**
         * One Markdown table row per VCPU and measure: scenario, VCPU and what, Xen, rtxen, difference (relative
         * for CPU, in points for runnable).
         */
        String markdownRows(String scenario) {
            StringBuilder b = new StringBuilder();
            for (CpuRow r : cpu) {
                b.append(String.format(Locale.ROOT, "| %s | %s CPU | %.2f %% | %.2f %% | %+.2f %% |%n", scenario,
                        r.vcpu(), 100 * r.xenShare(), 100 * r.rtxenShare(),
                        r.xenShare() == 0 ? 0 : 100 * (r.rtxenShare() - r.xenShare()) / r.xenShare()));
            }
            for (RunnableRow r : runnable) {
                b.append(String.format(Locale.ROOT, "| %s | %s runnable | %.2f %% | %.2f %% | %+.2f points |%n",
                        scenario, r.vcpu(), 100 * r.xenShare(), 100 * r.rtxenShare(),
                        100 * (r.rtxenShare() - r.xenShare())));
            }
            return b.toString();
        }
    }

    /** Compares a simulation of the reference's scenario, with its recorded dispatches, with the reference. */
    static Result compare(ReferenceRun xen, SimulationResult sim, List<List<String>> simPickOrder) {
        return compare(xen, sim, simPickOrder, false);
    }

    /**
     * As {@link #compare}, but Xen's CPU time of each VCPU is its running time within budget (at most one budget per
     * server period; rows labelled "within budget"): the bounded comparison of a multi-pCPU RTDS run. Runnable time
     * is not compared there: the emulation's over-runs come out of it.
     */
    static Result compareWithinBudget(ReferenceRun xen, SimulationResult sim, List<List<String>> simPickOrder) {
        return compare(xen, sim, simPickOrder, true);
    }

    private static Result compare(ReferenceRun xen, SimulationResult sim, List<List<String>> simPickOrder,
                                  boolean withinBudget) {
        List<CpuRow> cpu = new ArrayList<>();
        List<RunnableRow> runnable = new ArrayList<>();
        for (ReferenceRun.Vcpu v : xen.vcpus()) {
            DomainResult d = domain(sim, v.domain());
            if (d == null) continue;
            if (withinBudget && v.runWithinBudgetNs() < 0) {
                throw new IllegalArgumentException(xen.scenario() + ": " + v.domain() + "/" + v.id()
                        + " has no run_within_budget_ns (re-derive the JSON with rtxen xen-run --from)");
            }
            // A VCPU rtxen does not have counts as never running and never runnable, so it fails the comparison.
            VcpuResult s = d.vcpus().stream().filter(r -> r.id() == v.id()).findFirst()
                    .orElse(new VcpuResult(v.id(), 0, 0, 0, 0));
            String name = v.domain() + "/" + v.id();
            long xenRun = withinBudget ? v.runWithinBudgetNs() : v.runNs();
            cpu.add(new CpuRow(name + (withinBudget ? " within budget" : ""),
                    (double) xenRun / xen.traceNs(), (double) s.runNs() / sim.durationNs()));
            if (!withinBudget) {
                runnable.add(new RunnableRow(name, (double) v.runnableNs() / xen.traceNs(),
                        (double) s.runnableNs() / sim.durationNs()));
            }
        }
        List<MissRow> misses = new ArrayList<>();
        for (ReferenceRun.Task t : xen.tasks()) {
            DomainResult d = domain(sim, t.domain());
            if (d == null) continue;
            for (TaskResult s : d.tasks()) {
                if (s.name().equals(t.name())) {
                    misses.add(new MissRow(t.domain() + "/" + t.name(), t.misses(), t.jobs(), s.missed(),
                            s.released()));
                }
            }
        }
        Set<List<String>> simOrders = new HashSet<>(simPickOrder);
        int periods = 0;
        int matched = 0;
        Set<List<String>> unmatched = new LinkedHashSet<>();
        for (List<String> order : xen.pickOrder()) {
            if (order.isEmpty()) continue;
            periods++;
            if (simOrders.contains(order)) {
                matched++;
            } else {
                unmatched.add(order);
            }
        }
        return new Result(cpu, runnable, misses, periods, matched, unmatched);
    }

    private static DomainResult domain(SimulationResult sim, String name) {
        return sim.domains().stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }
}
