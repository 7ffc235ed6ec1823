package org.rtxen.engine.codec;

import java.util.List;

/**
 * A located value of a scenario file, as a codec reads its policy's parameters: rtxen-io implements it over YAML so
 * that every failure is one {@code FILE:LINE: field.path: reason} line, and a policy never sees a parser. A key whose
 * value is empty counts as absent. Every accessor that fails throws the reader's bad-input exception.
 */
public interface ParamNode {
    /** The dotted field path of this node, e.g. {@code domains[1].rtds.budget}. */
    String path();

    /** This node as a mapping whose keys must all be among {@code allowed}; fails on the first unknown key. */
    ParamNode mapWithKeys(String... allowed);

    /** True when this mapping has {@code key} with a non-empty value. */
    boolean has(String key);

    /** The value of {@code key} in this mapping, or null when absent. */
    ParamNode get(String key);

    /** The value of {@code key} in this mapping; fails naming the field when it is absent. */
    ParamNode require(String key);

    /** The items of this list; fails when this is not a list. */
    List<? extends ParamNode> items();

    /** The text of this scalar. */
    String text();

    /** This scalar as a time in nanoseconds ({@code 10ms}, {@code 500us}; a bare number is microseconds). */
    long time();

    /** This scalar as a time above zero. */
    default long positiveTime() {
        long ns = time();
        if (ns <= 0) throw error("must be positive, not " + text());
        return ns;
    }

    /** This scalar as a whole number in [min, max]. */
    long integer(long min, long max);

    /** This scalar as {@code true} or {@code false}. */
    boolean bool();

    /** This scalar as one of the given words, returned as written. */
    String word(String... choices);

    /** A bad-input exception about this node, for the codec to throw: {@code throw node.error("...")}. */
    RuntimeException error(String reason);

    /** A bad-input exception about the absent field {@code key} of this mapping. */
    RuntimeException missing(String key, String reason);
}
