package org.rtxen.analysis.component;

import java.util.List;
import org.rtxen.analysis.Task;

/**
 * A component's interface together with the workload it was computed for and its children's results.
 *
 * @param name      the component's name: a CARTS file's as written; a plan labels a guest's components {@code vm}
 *                  (a global guest) and {@code vm.vcpu0} (one per VCPU), the domain's name as
 *                  {@link org.rtxen.model.Names#shown} shows it
 * @param policy    its scheduler
 * @param workload  its tasks plus the tasks its children's interfaces hand up
 * @param iface     the interface (or the infeasible result)
 * @param children  the children's results, in input order
 */
public record ComponentResult(String name, Policy policy, List<Task> workload, ComponentInterface iface,
                              List<ComponentResult> children) {
    /** Copies the lists. */
    public ComponentResult {
        workload = List.copyOf(workload);
        children = List.copyOf(children);
    }

    /** Whether this component and every descendant has an interface. */
    public boolean allFeasible() {
        if (!iface.feasible()) return false;
        for (ComponentResult c : children) {
            if (!c.allFeasible()) return false;
        }
        return true;
    }
}
