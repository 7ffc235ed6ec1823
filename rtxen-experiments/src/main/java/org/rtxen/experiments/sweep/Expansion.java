package org.rtxen.experiments.sweep;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtxen.workload.Seeds;

/** Expands a sweep into its runs: utilisation points outermost, then the axes in order, then replications. */
final class Expansion {
    private Expansion() {}

    static List<RunSpec> expand(Sweep sweep) {
        List<RunSpec> out = new ArrayList<>();
        List<List<Axis.Value>> configurations = configurations(sweep.axes());
        for (double u : sweep.utilizations()) {
            for (List<Axis.Value> c : configurations) add(out, sweep, u, c, sweep.replications());
        }
        return out;
    }

    /** The run of the first replication at point {@code u} in the configuration of the axis values {@code values}. */
    static RunSpec first(Sweep sweep, double u, List<Axis.Value> values) {
        List<RunSpec> out = new ArrayList<>(1);
        add(out, sweep, u, values, 1);
        return out.get(0);
    }

    /** Adds the runs of the first {@code replications} replications at point {@code u} in one configuration. */
    private static void add(List<RunSpec> out, Sweep sweep, double u, List<Axis.Value> values, int replications) {
        String point = "u=" + label(u);
        Map<String, String> labels = new LinkedHashMap<>();
        StringBuilder key = new StringBuilder(point);
        for (int a = 0; a < values.size(); a++) {
            String name = sweep.axes().get(a).name();
            labels.put(name, values.get(a).label());
            key.append('/').append(name).append('=').append(values.get(a).label());
        }
        for (int r = 0; r < replications; r++) {
            out.add(new RunSpec(key + "/rep=" + r, u, r, seed(sweep, u, r), labels, values));
        }
    }

    /** The seed of replication {@code r} at point {@code u}, in every configuration: it draws the same task set. */
    static long seed(Sweep sweep, double u, int r) {
        return Seeds.derive(sweep.seed(), "u=" + label(u), "rep=" + r);
    }

    /** The utilisation as written without trailing zeros: 0.5, 1, 1.25. */
    static String label(double u) {
        return BigDecimal.valueOf(u).stripTrailingZeros().toPlainString();
    }

    /** Every configuration, as its value of each axis, in the order of the runs: the last axis varies fastest. */
    static List<List<Axis.Value>> configurations(List<Axis> axes) {
        List<List<Axis.Value>> out = new ArrayList<>();
        out.add(List.of());
        for (Axis axis : axes) {
            List<List<Axis.Value>> next = new ArrayList<>();
            for (List<Axis.Value> prefix : out) {
                for (Axis.Value v : axis.values()) {
                    List<Axis.Value> c = new ArrayList<>(prefix);
                    c.add(v);
                    next.add(c);
                }
            }
            out = next;
        }
        return out;
    }
}
