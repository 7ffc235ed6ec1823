package org.rtxen.analysis.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.ComponentInterface.Model;
import org.rtxen.analysis.component.ComponentInterface.Vcpu;
import org.rtxen.analysis.supply.Mpr;
import org.rtxen.model.Names;

/**
 * Bottom-up compositional analysis of a component tree: each child's interface is computed first and handed to its
 * parent as periodic tasks (one per VCPU), as CARTS does.
 */
public final class Composition {
    /**
     * The most periods a component's [min_period, max_period] may hold: each is a complete interface search (about
     * 30 µs for one small task, far more for many), so 10^8 of them would run for hours.
     */
    public static final long PERIOD_LIMIT = 100_000;

    private Composition() {}

    /**
     * Analyses the tree: uniprocessor components (EDF, RM, DM) get a {@code uniModel} interface (PRM or EDP), global
     * EDF components a {@code multiModel} one (MPR or DMPR).
     */
    public static ComponentResult analyze(ComponentSpec root, Model uniModel, Model multiModel, Mpr.Variant variant) {
        if (uniModel != Model.PRM && uniModel != Model.EDP) throw new IllegalArgumentException("uniModel: PRM or EDP");
        if (multiModel != Model.MPR && multiModel != Model.DMPR) throw new IllegalArgumentException("multiModel: MPR or DMPR");
        Model model = root.policy() == Policy.GEDF ? multiModel : uniModel;
        List<ComponentResult> children = new ArrayList<>();
        List<Task> workload = new ArrayList<>(root.tasks());
        for (ComponentSpec child : root.children()) {
            ComponentResult r = analyze(child, uniModel, multiModel, variant);
            children.add(r);
            if (r.iface().feasible()) {
                int i = 0;
                String shown = Names.shown(child.name());
                for (Vcpu v : r.iface().vcpus()) workload.add(toParentTask(shown + "." + i++, v));
            }
        }
        ComponentInterface iface;
        String childFailure = firstInfeasibleChild(children);
        if (childFailure != null) {
            iface = ComponentInterface.infeasible(model, root.minPeriod(), Reason.of("child component ",
                    childFailure, " has no interface"));
        } else {
            iface = interfaceOf(root, workload, model, variant);
        }
        return new ComponentResult(root.name(), root.policy(), workload, iface, children);
    }

    private static ComponentInterface interfaceOf(ComponentSpec c, List<Task> workload, Model model,
                                                  Mpr.Variant variant) {
        long periods = c.maxPeriod() - c.minPeriod() + 1;
        if (periods > PERIOD_LIMIT) {
            return ComponentInterface.infeasible(model, c.minPeriod(), Reason.of("not analysed: the period range [",
                    Reason.span(c.minPeriod()), ", ", Reason.span(c.maxPeriod()), "] holds ",
                    String.format(Locale.ROOT, "%,d", periods), " periods (in steps of ", Reason.span(1), "), each a"
                    + " complete interface search, more than the limit of ", String.format(Locale.ROOT, "%,d",
                    PERIOD_LIMIT), ": narrow min_period..max_period or give period"));
        }
        boolean multi = model == Model.MPR || model == Model.DMPR;
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
            if (!c.iface().feasible()) return Names.shown(c.name());
        }
        return null;
    }
}
