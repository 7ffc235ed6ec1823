package org.rtxen.experiments.sweep;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One run of a sweep: a total-utilisation point, one value of every axis, and a replication. Its {@link #key()} is
 * stable across machines and runs (the store's primary key), and its {@link #seed()} depends on the utilisation
 * point and the replication only, so every configuration sees the same task set.
 *
 * @param key         e.g. {@code u=1.5/scheduler=credit/rep=3}
 * @param utilization the target total utilisation
 * @param replication 0-based
 * @param seed        the seed of the task set and of the scenario's random streams
 * @param labels      axis name to value label, in axis order
 * @param values      the chosen value of each axis, in axis order
 */
public record RunSpec(String key, double utilization, int replication, long seed, Map<String, String> labels,
                      List<Axis.Value> values) implements Serializable {
    /** Copies the collections, keeping the order. */
    public RunSpec {
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        values = List.copyOf(values);
    }

    /** The configuration: the axis labels joined, e.g. {@code scheduler=credit,server=ds}; "base" without axes. */
    public String configuration() {
        if (labels.isEmpty()) return "base";
        StringBuilder b = new StringBuilder();
        labels.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }
}
