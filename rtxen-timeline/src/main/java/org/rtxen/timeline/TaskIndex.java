package org.rtxen.timeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Host;
import org.rtxen.model.guest.TaskSpec;

/** Numbers every guest task of a host densely (domain order, then task order), for per-task arrays in the sinks. */
final class TaskIndex {
    private final Map<Domain, Map<String, Integer>> byDomain = new IdentityHashMap<>();
    private final List<Domain> domainOf = new ArrayList<>();
    private final List<String> nameOf = new ArrayList<>();
    private final List<TaskSpec> specOf = new ArrayList<>();
    private final List<Integer> localIndexOf = new ArrayList<>();

    TaskIndex(Host host) {
        for (Domain d : host.domains()) {
            Map<String, Integer> tasks = new HashMap<>();
            int local = 0;
            for (TaskSpec t : d.spec().guest().tasks()) {
                tasks.put(t.name(), domainOf.size());
                domainOf.add(d);
                nameOf.add(t.name());
                specOf.add(t);
                localIndexOf.add(local++);
            }
            byDomain.put(d, tasks);
        }
    }

    /** The number of tasks. */
    int size() {
        return domainOf.size();
    }

    /** The index of task {@code name} of domain {@code d}. */
    int of(Domain d, String name) {
        return byDomain.get(d).get(name);
    }

    /** The domain of task {@code i}. */
    Domain domain(int i) {
        return domainOf.get(i);
    }

    /** The name of task {@code i}. */
    String name(int i) {
        return nameOf.get(i);
    }

    /** The specification of task {@code i}. */
    TaskSpec spec(int i) {
        return specOf.get(i);
    }

    /** The position of task {@code i} in its domain's task list. */
    int localIndex(int i) {
        return localIndexOf.get(i);
    }
}
