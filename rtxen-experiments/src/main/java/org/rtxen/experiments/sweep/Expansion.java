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
        for (double u : sweep.utilizations()) {
            String point = "u=" + label(u);
            for (List<Axis.Value> combo : combinations(sweep.axes())) {
                Map<String, String> labels = new LinkedHashMap<>();
                StringBuilder key = new StringBuilder(point);
                for (int a = 0; a < combo.size(); a++) {
                    String name = sweep.axes().get(a).name();
                    labels.put(name, combo.get(a).label());
                    key.append('/').append(name).append('=').append(combo.get(a).label());
                }
                for (int r = 0; r < sweep.replications(); r++) {
                    long seed = Seeds.derive(sweep.seed(), point, "rep=" + r);
                    out.add(new RunSpec(key + "/rep=" + r, u, r, seed, labels, combo));
                }
            }
        }
        return out;
    }

    /** The utilisation as written without trailing zeros: 0.5, 1, 1.25. */
    static String label(double u) {
        return BigDecimal.valueOf(u).stripTrailingZeros().toPlainString();
    }

    private static List<List<Axis.Value>> combinations(List<Axis> axes) {
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
