package org.rtxen.analysis.component;

import java.util.List;
import org.rtxen.analysis.Task;

/**
 * A component of a hierarchy (a CARTS {@code component} or {@code system}, or a guest): its scheduler, the periods
 * its interface may use, its own tasks and its child components, whose interfaces become tasks of this one.
 *
 * @param name      unique in the hierarchy
 * @param policy    the component's scheduler
 * @param minPeriod least interface period to try
 * @param maxPeriod greatest interface period to try (equal to minPeriod for a fixed period)
 */
public record ComponentSpec(String name, Policy policy, long minPeriod, long maxPeriod, List<Task> tasks,
                            List<ComponentSpec> children) {
    /** Copies the lists and checks the period range. */
    public ComponentSpec {
        if (minPeriod <= 0 || maxPeriod < minPeriod) {
            throw new IllegalArgumentException(name + ": period range must satisfy 0 < min_period ≤ max_period");
        }
        tasks = List.copyOf(tasks);
        children = List.copyOf(children);
    }
}
