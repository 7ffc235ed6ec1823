package org.rtxen.engine.codec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtxen.model.Time;

/** An ordered mapping of keys to values that a codec fills when it writes parameters; keys keep insertion order. */
public final class ParamTree implements ParamValue {
    private final Map<String, ParamValue> entries = new LinkedHashMap<>();

    /** Adds a time. */
    public ParamTree time(String key, long ns) {
        return put(key, new Scalar(Kind.TIME, Time.format(ns)));
    }

    /** Adds a whole number. */
    public ParamTree integer(String key, long value) {
        return put(key, new Scalar(Kind.NUMBER, Long.toString(value)));
    }

    /** Adds a boolean. */
    public ParamTree bool(String key, boolean value) {
        return put(key, new Scalar(Kind.BOOL, Boolean.toString(value)));
    }

    /** Adds a keyword, written bare. */
    public ParamTree word(String key, String word) {
        return put(key, new Scalar(Kind.WORD, word));
    }

    /** Adds free text (a name), written quoted. */
    public ParamTree name(String key, String text) {
        return put(key, new Scalar(Kind.NAME, text));
    }

    /** Adds a nested mapping. */
    public ParamTree tree(String key, ParamTree tree) {
        return put(key, tree);
    }

    /** Adds a list. */
    public ParamTree items(String key, List<? extends ParamValue> items) {
        return put(key, new Items(List.copyOf(items)));
    }

    private ParamTree put(String key, ParamValue value) {
        if (entries.putIfAbsent(key, value) != null) throw new IllegalArgumentException("key " + key + " written twice");
        return this;
    }

    /** The entries in the order they were added. */
    public Map<String, ParamValue> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** True when nothing was written: the scenario then leaves the policy's key out. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamTree t && t.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
