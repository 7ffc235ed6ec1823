package org.rtxen.cli.fidelity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.model.result.VcpuResult;

/**
 * Compares one simulation with the real Xen run of the same scenario: per-VCPU CPU share, the order in which
 * VCPUs follow each other on the pCPUs, and deadline misses per task.
 *
 * <p>CPU time is compared as a share of the observed span (the trace window for Xen, the simulated duration for
 * rtxen), since the two spans differ. The pick order is compared by its transitions (which VCPU is dispatched
 * after which): they do not depend on where the trace window starts, while a position-by-position comparison
 * would (real Xen's trace starts at an arbitrary phase of the schedule).
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
     * @param cpu                per-VCPU shares
     * @param misses             per-task misses
     * @param xenTransitions     distinct "A then B" dispatch transitions in Xen's picks
     * @param matchedTransitions how many of them rtxen also produces
     */
    record Result(List<CpuRow> cpu, List<MissRow> misses, int xenTransitions, int matchedTransitions) {
        /** The largest relative CPU-share error over the VCPUs. */
        double worstCpuError() {
            return cpu.stream().mapToDouble(CpuRow::relativeError).max().orElse(0);
        }

        /** One Markdown table row per VCPU: scenario, VCPU, Xen, rtxen, difference. */
        String markdownRows(String scenario) {
            StringBuilder b = new StringBuilder();
            for (CpuRow r : cpu) {
                b.append(String.format(Locale.ROOT, "| %s | %s | %.2f %% | %.2f %% | %+.2f %% |%n", scenario, r.vcpu(),
                        100 * r.xenShare(), 100 * r.rtxenShare(),
                        r.xenShare() == 0 ? 0 : 100 * (r.rtxenShare() - r.xenShare()) / r.xenShare()));
            }
            return b.toString();
        }
    }

    /** Compares a simulation of the reference's scenario, with its recorded dispatches, with the reference. */
    static Result compare(XenReference xen, SimulationResult sim, List<XenReference.Pick> simDispatches) {
        List<CpuRow> cpu = new ArrayList<>();
        for (XenReference.Vcpu v : xen.vcpus()) {
            DomainResult d = domain(sim, v.domain());
            if (d == null) continue;
            long simRun = d.vcpus().stream().filter(s -> s.id() == v.id()).mapToLong(VcpuResult::runNs).sum();
            cpu.add(new CpuRow(v.domain() + "/" + v.id(), (double) v.runNs() / xen.traceNs(),
                    (double) simRun / sim.durationNs()));
        }
        List<MissRow> misses = new ArrayList<>();
        for (XenReference.Task t : xen.tasks()) {
            DomainResult d = domain(sim, t.domain());
            if (d == null) continue;
            for (TaskResult s : d.tasks()) {
                if (s.name().equals(t.name())) {
                    misses.add(new MissRow(t.domain() + "/" + t.name(), t.misses(), t.jobs(), s.missed(),
                            s.released()));
                }
            }
        }
        Set<String> xenPairs = transitions(xen.picks());
        Set<String> simPairs = transitions(simDispatches);
        int matched = (int) xenPairs.stream().filter(simPairs::contains).count();
        return new Result(cpu, misses, xenPairs.size(), matched);
    }

    /** The distinct "A then B" pairs of consecutive dispatches of different VCPUs on one pCPU. */
    static Set<String> transitions(List<XenReference.Pick> dispatches) {
        Set<String> pairs = new HashSet<>();
        Map<Integer, String> last = new HashMap<>();
        for (XenReference.Pick p : dispatches) {
            String before = last.put(p.pcpu(), p.vcpu());
            if (before != null && !before.equals(p.vcpu())) pairs.add(before + " -> " + p.vcpu());
        }
        return pairs;
    }

    private static DomainResult domain(SimulationResult sim, String name) {
        return sim.domains().stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }
}
