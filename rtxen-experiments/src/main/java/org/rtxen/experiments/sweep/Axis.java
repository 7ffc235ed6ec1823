package org.rtxen.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One axis of a sweep: a name and the values it takes; each value sets one or more scenario keys.
 *
 * @param name   the axis name, a column of the results ({@code ax_NAME})
 * @param values the values, in order
 */
public record Axis(String name, List<Value> values) implements Serializable {
    /** Copies the list. */
    public Axis {
        values = List.copyOf(values);
    }

    /**
     * One value of an axis.
     *
     * @param label the label in run keys, results and legends
     * @param set   scenario key paths and the YAML values they are set to, in order
     * @param where the sweep-file field that defines it, for messages
     * @param line  its line in the sweep file
     */
    public record Value(String label, Map<String, JsonNode> set, String where, int line) implements Serializable {
        /** Copies the map, keeping its order. */
        public Value {
            set = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(set));
        }
    }
}
