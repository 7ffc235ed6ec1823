package org.rtxen.analysis.component;

import java.util.List;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Reason;

/**
 * A component's interface: the resource that makes its tasks schedulable, or an explicit infeasible result.
 *
 * @param model    PRM, EDP, MPR or DMPR
 * @param feasible whether an interface exists
 * @param period   Π
 * @param budget   the exact minimum Θ (total over all VCPUs for MPR and DMPR); null when infeasible
 * @param deadline Δ for EDP, else null
 * @param cpus     m' for MPR and DMPR, 1 for PRM and EDP, 0 when infeasible
 * @param vcpus    the VCPUs (period, budget) that realise the interface, empty when infeasible
 * @param reason   why no interface exists (the failing test point or bound); empty when feasible; durations in the tasks' time unit
 * @param minimal  true when the budget is proven minimal; false when the search hit its work limit and closed the
 *                 tail with the linear demand bound, so the budget is sufficient but possibly above the minimum
 * @param lowerBound when not minimal and known, a lower bound of the minimum budget: the minimum lies in
 *                 [lowerBound, budget]; null otherwise
 */
public record ComponentInterface(Model model, boolean feasible, long period, Rational budget, Rational deadline,
                                 int cpus, List<Vcpu> vcpus, Reason reason, boolean minimal,
                                 Rational lowerBound) {
    /** The resource model of an interface. */
    public enum Model {
        /** Periodic resource (Shin &amp; Lee). */
        PRM,
        /** Explicit-deadline periodic resource (Easwaran, Anand, Lee). */
        EDP,
        /** Multiprocessor periodic resource (Easwaran, Shin, Lee). */
        MPR,
        /** Deterministic MPR: full VCPUs plus one partial (Xu et al.). */
        DMPR
    }

    /** One VCPU of an interface: a periodic server (period, budget), with a relative deadline for EDP. */
    public record Vcpu(long period, Rational budget, Rational deadline) {}

    /** Copies the VCPU list. */
    public ComponentInterface {
        vcpus = List.copyOf(vcpus);
    }

    /** An interface whose budget is proven minimal (or an infeasible result). */
    public ComponentInterface(Model model, boolean feasible, long period, Rational budget, Rational deadline, int cpus,
                              List<Vcpu> vcpus, Reason reason) {
        this(model, feasible, period, budget, deadline, cpus, vcpus, reason, true, null);
    }

    /** An infeasible result with its reason. */
    public static ComponentInterface infeasible(Model model, long period, Reason reason) {
        return new ComponentInterface(model, false, period, null, null, 0, List.of(), reason);
    }

    /** Θ/Π (total over all VCPUs), or null when infeasible. */
    public Rational bandwidth() {
        return budget == null ? null : budget.divide(period);
    }
}
