package org.rtxen.experiments.sweep;

import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.rtxen.workload.Seeds;

/**
 * Expands a sweep into its runs: utilisation points outermost, then the axes in order (the last varying fastest), then
 * replications. Run {@code i} is computed from {@code i} alone, so the runs of a grid of millions are never all held.
 */
final class Expansion {
    private Expansion() {}

    /** The sweep's runs in order, each computed when asked for. */
    static List<RunSpec> runs(Sweep sweep) {
        return new Runs(sweep);
    }

    /** Run {@code index} of the sweep, 0-based in the order of {@link #runs}. */
    static RunSpec run(Sweep sweep, int index) {
        int replications = sweep.replications();
        int configurations = sweep.configurations();
        int configuration = index / replications % configurations;
        double u = sweep.utilizations().get(index / replications / configurations);
        return run(sweep, u, configuration(sweep.axes(), configuration), index % replications);
    }

    /**
     * The run of replication {@code replication} at point {@code u} in the configuration of the axis values
     * {@code values}.
     */
    static RunSpec run(Sweep sweep, double u, List<Axis.Value> values, int replication) {
        Map<String, String> labels = new LinkedHashMap<>();
        StringBuilder key = new StringBuilder("u=").append(label(u));
        for (int a = 0; a < values.size(); a++) {
            String name = sweep.axes().get(a).name();
            labels.put(name, values.get(a).label());
            key.append('/').append(name).append('=').append(values.get(a).label());
        }
        key.append("/rep=").append(replication);
        return new RunSpec(key.toString(), u, replication, seed(sweep, u, replication), labels, values);
    }

    /** The seed of replication {@code r} at point {@code u}, in every configuration: it draws the same task set. */
    static long seed(Sweep sweep, double u, int r) {
        return Seeds.derive(sweep.seed(), "u=" + label(u), "rep=" + r);
    }

    /** The utilisation as written without trailing zeros: 0.5, 1, 1.25. */
    static String label(double u) {
        return BigDecimal.valueOf(u).stripTrailingZeros().toPlainString();
    }

    /**
     * Configuration {@code index}, as its value of each axis, in the order of the runs: the last axis varies fastest.
     */
    static List<Axis.Value> configuration(List<Axis> axes, int index) {
        Axis.Value[] out = new Axis.Value[axes.size()];
        int rest = index;
        for (int a = axes.size() - 1; a >= 0; a--) {
            List<Axis.Value> values = axes.get(a).values();
            out[a] = values.get(rest % values.size());
            rest /= values.size();
        }
        return List.of(out);
    }

    /** A sweep's runs as a list whose elements are computed from their index. */
    private static final class Runs extends AbstractList<RunSpec> implements RandomAccess {
        private final Sweep sweep;
        private final int size;

        Runs(Sweep sweep) {
            this.sweep = sweep;
            this.size = sweep.runCount();
        }

        @Override
        public RunSpec get(int index) {
            if (index < 0 || index >= size) throw new IndexOutOfBoundsException("run " + index + " of " + size);
            return run(sweep, index);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
