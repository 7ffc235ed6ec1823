package org.rtxen.experiments.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a sweep's runs by their keys ({@code u=POINT/AXIS=LABEL/.../rep=R}) without listing them: a key is taken apart
 * into its point, axis values and replication, each looked up, so that a store's keys are matched to the runs of a
 * grid of millions in memory that does not grow with the runs.
 */
public final class RunKeys {
    private final Sweep sweep;
    /** Per axis, the index of each of its values by label. */
    private final List<Map<String, Integer>> valueByLabel = new ArrayList<>();

    /** The keys of {@code sweep}'s runs. */
    public RunKeys(Sweep sweep) {
        this.sweep = sweep;
        for (Axis a : sweep.axes()) {
            Map<String, Integer> byLabel = new HashMap<>();
            for (int v = 0; v < a.values().size(); v++) byLabel.put(a.values().get(v).label(), v);
            valueByLabel.add(byLabel);
        }
    }

    /** The index in {@link Sweep#runs()} of the run whose key is {@code key}, or -1 when the sweep has none. */
    public int indexOf(String key) {
        List<Axis> axes = sweep.axes();
        // Neither a point's, an axis's or a value's label nor a replication has a '/': the parts are the key's fields.
        String[] parts = key.split("/", -1);
        int last = parts.length - 1;
        if (parts.length != axes.size() + 2 || !parts[0].startsWith("u=") || !parts[last].startsWith("rep=")) return -1;
        int point = point(parts[0].substring("u=".length()));
        int replication = replication(parts[last].substring("rep=".length()));
        if (point < 0 || replication < 0) return -1;
        int configuration = 0;
        for (int a = 0; a < axes.size(); a++) {
            String name = axes.get(a).name() + "=";
            String part = parts[a + 1];
            Integer value = part.startsWith(name) ? valueByLabel.get(a).get(part.substring(name.length())) : null;
            if (value == null) return -1;
            configuration = configuration * axes.get(a).values().size() + value;
        }
        return (point * sweep.configurations() + configuration) * sweep.replications() + replication;
    }

    /** The index of the point whose label is {@code label}, written as the runs' keys write it, or -1. */
    private int point(String label) {
        double u;
        try {
            u = Double.parseDouble(label);
        } catch (NumberFormatException e) {
            return -1;
        }
        return Double.isFinite(u) && Expansion.label(u).equals(label) ? sweep.utilizations().indexOf(u) : -1;
    }

    /** The replication {@code text} names, written as the runs' keys write it, or -1 when the sweep has none such. */
    private int replication(String text) {
        try {
            int r = Integer.parseInt(text);
            return r >= 0 && r < sweep.replications() && Integer.toString(r).equals(text) ? r : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
