package org.rtxen.engine.codec;

import java.util.List;

/**
 * One value a codec writes: a scalar, a list, or a {@link ParamTree} of keys. rtxen-io serialises it to YAML (read
 * back by the same codec) and to JSON; the kind of a scalar decides how it is written.
 */
public sealed interface ParamValue permits ParamValue.Scalar, ParamValue.Items, ParamTree {
    /** How a scalar is written. */
    enum Kind {
        /** A time as {@code Time.format} writes it ({@code 10ms}), read back by {@link ParamNode#time()}. */
        TIME,
        /** A whole number. */
        NUMBER,
        /** {@code true} or {@code false}. */
        BOOL,
        /** A keyword written bare, e.g. {@code deferrable}. */
        WORD,
        /** Free text such as a domain name, written quoted. */
        NAME
    }

    /** A scalar of the given kind with its text. */
    record Scalar(Kind kind, String text) implements ParamValue {}

    /** A list of values. */
    record Items(List<ParamValue> items) implements ParamValue {
        /** Copies the list. */
        public Items {
            items = List.copyOf(items);
        }
    }
}
