package org.rtxen.analysis.component;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.ComponentInterface.Model;
import org.rtxen.analysis.component.ComponentInterface.Vcpu;
import org.rtxen.analysis.supply.Mpr;

/**
 * Bottom-up compositional analysis of a component tree: each child's interface is computed first and handed to its
 * parent as periodic tasks (one per VCPU), as CARTS does.
 */
public final class Composition {
    private Composition() {}

    /**
     * Analyses the tree with one resource model: PRM or EDP for uniprocessor components (EDF, RM, DM), MPR or DMPR
     * for global EDF components.
     *
     * @throws IllegalArgumentException when a component's scheduler does not fit the model
     */
    public static ComponentResult analyze(ComponentSpec root, Model model, Mpr.Variant variant) {
        List<ComponentResult> children = new ArrayList<>();
        List<Task> workload = new ArrayList<>(root.tasks());
        for (ComponentSpec child : root.children()) {
            ComponentResult r = analyze(child, model, variant);
            children.add(r);
            if (r.iface().feasible()) {
                int i = 0;
                for (Vcpu v : r.iface().vcpus()) workload.add(toParentTask(child.name() + "." + i++, v));
            }
        }
        ComponentInterface iface;
        String childFailure = firstInfeasibleChild(children);
        if (childFailure != null) {
            iface = ComponentInterface.infeasible(model, root.minPeriod(), "child component " + childFailure
                    + " has no interface");
        } else {
            iface = interfaceOf(root, workload, model, variant);
        }
        return new ComponentResult(root.name(), root.policy(), workload, iface, children);
    }

    private static ComponentInterface interfaceOf(ComponentSpec c, List<Task> workload, Model model,
                                                  Mpr.Variant variant) {
        boolean global = c.policy() == Policy.GEDF;
        boolean multi = model == Model.MPR || model == Model.DMPR;
        if (global != multi) {
            throw new IllegalArgumentException("component " + c.name() + ": scheduler " + c.policy()
                    + " does not fit the " + model + " model (" + (global ? "gEDF needs mpr or dmpr"
                    : "EDF, RM and DM need prm or edp") + ")");
        }
        if (!multi) return UniprocessorInterfaces.overPeriods(workload, c.policy(), model, c.minPeriod(), c.maxPeriod());
        ComponentInterface best = null;
        ComponentInterface first = null;
        for (long p = c.minPeriod(); p <= c.maxPeriod(); p++) {
            ComponentInterface i = model == Model.MPR ? MultiprocessorInterfaces.mpr(workload, p, variant)
                    : MultiprocessorInterfaces.dmpr(workload, p);
            if (first == null) first = i;
            if (i.feasible() && (best == null || i.bandwidth().compareTo(best.bandwidth()) < 0)) best = i;
        }
        return best != null ? best : first;
    }

    /**
     * A VCPU as a task of the parent, in whole time units: budget rounded up, deadline rounded down but not below the
     * budget. The rounded server (more budget, a blackout no longer) supplies at least what the exact one does.
     */
    static Task toParentTask(String name, Vcpu v) {
        long wcet = v.budget().ceil().longValueExact();
        Rational deadline = v.deadline() == null ? Rational.of(v.period()) : v.deadline();
        return new Task(name, v.period(), wcet, Math.max(Math.max(wcet, 1), deadline.floor().longValueExact()));
    }

    private static String firstInfeasibleChild(List<ComponentResult> children) {
        for (ComponentResult c : children) {
            if (!c.iface().feasible()) return c.name();
        }
        return null;
    }
}
