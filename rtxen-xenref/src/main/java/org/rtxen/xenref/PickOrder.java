package org.rtxen.xenref;

import java.util.ArrayList;
import java.util.List;

/**
 * The pick order of one RTDS period in the form both sides of the Xen comparison record it: the VCPUs in the order
 * they were first dispatched in the period, where VCPUs first dispatched within {@link #SIMULTANEOUS_NS} of each
 * other (on different pCPUs, after one scheduling event) count as simultaneous and are listed by name. Which of
 * two pCPUs logs its dispatch first after one event is a race of the (emulated) pCPUs, not a scheduling decision.
 */
public final class PickOrder {
    /** Dispatches this close to the first of a group count as simultaneous. */
    public static final long SIMULTANEOUS_NS = 100_000;

    private final List<String> names = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();

    /** Records the first dispatch of {@code name} at {@code timeNs}; later ones of the same VCPU are ignored. */
    public void dispatched(String name, long timeNs) {
        if (names.contains(name)) return;
        names.add(name);
        times.add(timeNs);
    }

    /** The VCPUs in order of first dispatch, each group of simultaneous ones sorted by name. */
    public List<String> order() {
        List<String> out = new ArrayList<>(names.size());
        int groupStart = 0;
        for (int i = 1; i <= names.size(); i++) {
            if (i == names.size() || times.get(i) - times.get(groupStart) > SIMULTANEOUS_NS) {
                out.addAll(names.subList(groupStart, i).stream().sorted().toList());
                groupStart = i;
            }
        }
        return List.copyOf(out);
    }
}
