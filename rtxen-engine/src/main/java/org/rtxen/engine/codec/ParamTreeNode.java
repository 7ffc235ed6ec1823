package org.rtxen.engine.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rtxen.model.Quoted;
import org.rtxen.model.Time;

/**
 * A {@link ParamNode} over values built in code ({@link ParamTree}): code that builds scenarios without a file
 * (benchmarks) gets a policy's records from its codec, and the conformance suite checks that a codec reads back
 * what it writes. Failures are {@link IllegalArgumentException}s naming the path.
 */
public final class ParamTreeNode implements ParamNode {
    private final String path;
    private final ParamValue value;

    /** The node for {@code value} at field path {@code path}. */
    public ParamTreeNode(String path, ParamValue value) {
        this.path = path;
        this.value = value;
    }

    @Override
    public String path() {
        return path;
    }

    private ParamTree map() {
        if (!(value instanceof ParamTree t)) throw error("expected a mapping");
        return t;
    }

    @Override
    public ParamNode mapWithKeys(String... allowed) {
        for (String k : map().entries().keySet()) {
            if (!Set.of(allowed).contains(k)) throw new IllegalArgumentException(path + "." + k + ": unknown key");
        }
        return this;
    }

    @Override
    public boolean has(String key) {
        return map().entries().containsKey(key);
    }

    @Override
    public ParamNode get(String key) {
        ParamValue v = map().entries().get(key);
        return v == null ? null : new ParamTreeNode(path + "." + key, v);
    }

    @Override
    public ParamNode require(String key) {
        ParamNode n = get(key);
        if (n == null) throw missing(key, "required field is missing");
        return n;
    }

    @Override
    public List<? extends ParamNode> items() {
        if (!(value instanceof ParamValue.Items items)) throw error("expected a list");
        List<ParamTreeNode> out = new ArrayList<>();
        for (int i = 0; i < items.items().size(); i++) out.add(new ParamTreeNode(path + "[" + i + "]", items.items().get(i)));
        return out;
    }

    @Override
    public String text() {
        if (!(value instanceof ParamValue.Scalar s)) throw error("expected a single value");
        return s.text();
    }

    @Override
    public long time() {
        try {
            return Time.parse(text());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    @Override
    public long integer(long min, long max) {
        long v;
        try {
            v = Long.parseLong(text());
        } catch (NumberFormatException e) {
            throw error(Quoted.of(text()) + " is not a whole number");
        }
        if (v < min || v > max) throw error(v + " is out of range " + min + ".." + max);
        return v;
    }

    @Override
    public boolean bool() {
        return switch (text()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error("not a boolean");
        };
    }

    @Override
    public String word(String... choices) {
        for (String c : choices) {
            if (c.equals(text())) return c;
        }
        throw error(Quoted.of(text()) + " is not one of " + String.join(", ", choices));
    }

    @Override
    public RuntimeException error(String reason) {
        return new IllegalArgumentException(path + ": " + reason);
    }

    @Override
    public RuntimeException missing(String key, String reason) {
        return new IllegalArgumentException(path + "." + key + ": " + reason);
    }
}
