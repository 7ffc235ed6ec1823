package org.rtxen.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rtxen.engine.codec.ParamNode;
import org.rtxen.model.Quoted;
import org.rtxen.model.Time;

/**
 * One node of a YAML document that remembers its field path (such as {@code domains[1].rtds.budget}) and line, so
 * that every accessor can fail with an {@link InputException} naming both. A key whose value is empty ({@code key:}
 * or {@code key: null}) counts as absent.
 */
final class YamlNode implements ParamNode {
    /** What a node holds: keys and values, items, or one value. */
    private enum Kind { MAP, LIST, SCALAR }

    private final String source;
    private final String path;
    private final int line;
    private final Kind kind;
    private final JsonToken scalarToken;
    private final String text;
    private final BigInteger wholeNumber;
    private final Map<String, YamlNode> entries;
    private final Map<String, Integer> keyLines;
    private final List<YamlNode> items;
    /** Keys of this mapping whose value is a bare YAML null word ({@code null}, {@code Null}, {@code NULL}), as scalars. */
    private final Map<String, YamlNode> bareNulls = new LinkedHashMap<>();

    private YamlNode(String source, String path, int line, Kind kind, JsonToken scalarToken, String text,
                     BigInteger wholeNumber, Map<String, YamlNode> entries, Map<String, Integer> keyLines, List<YamlNode> items) {
        this.source = source;
        this.path = path;
        this.line = line;
        this.kind = kind;
        this.scalarToken = scalarToken;
        this.text = text;
        this.wholeNumber = wholeNumber;
        this.entries = entries;
        this.keyLines = keyLines;
        this.items = items;
    }

    /**
     * Parses one YAML document into a located tree.
     *
     * @param yaml   the document text
     * @param source the file name used in error messages
     * @throws InputException on a syntax error, a duplicate key, an empty document or a second document
     */
    static YamlNode parse(String yaml, String source) {
        try (YAMLParser p = YamlFactories.create().createParser(yaml)) {
            JsonToken first = p.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                throw new InputException(source, null, 0, "the file is empty");
            }
            YamlNode root = read(p, source, "");
            if (p.nextToken() != null) {
                throw new InputException(source, null, line(p), "only one YAML document is allowed");
            }
            return root;
        } catch (StreamReadException e) {
            throw YamlFactories.syntaxError(e, source);
        } catch (IOException e) {
            throw new InputException(source, null, 0, "cannot read YAML: " + YamlFactories.firstLine(e.getMessage()));
        }
    }

    /**
     * The located tree of a Jackson tree, as {@link #parse} gives for the tree written out as YAML (strings quoted,
     * so a text node stays a string) but with no lines: the scenario of a sweep's run without a text round trip.
     *
     * @throws InputException on a null list item, as {@link #parse} does
     */
    static YamlNode of(JsonNode node, String source, String path) {
        if (node.isObject()) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new LinkedHashMap<>();
            YamlNode map = new YamlNode(source, path, 0, Kind.MAP, null, null, null, entries, keyLines, List.of());
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                keyLines.put(e.getKey(), 0);
                if (!e.getValue().isNull()) {
                    entries.put(e.getKey(), of(e.getValue(), source, child));
                } else {
                    map.bareNulls.put(e.getKey(), new YamlNode(source, child, 0, Kind.SCALAR, JsonToken.VALUE_STRING,
                            "null", null, Map.of(), Map.of(), List.of()));
                }
            }
            return map;
        }
        if (node.isArray()) {
            List<YamlNode> items = new ArrayList<>();
            for (JsonNode item : node) {
                String child = path + "[" + items.size() + "]";
                if (item.isNull()) throw new InputException(source, child, 0, "empty list item");
                items.add(of(item, source, child));
            }
            return new YamlNode(source, path, 0, Kind.LIST, null, null, null, Map.of(), Map.of(), items);
        }
        JsonToken t = node.isTextual() ? JsonToken.VALUE_STRING : node.asToken();
        BigInteger whole = t == JsonToken.VALUE_NUMBER_INT ? node.bigIntegerValue() : null;
        return new YamlNode(source, path, 0, Kind.SCALAR, t, representable(node.asText(), source, path, 0), whole, Map.of(),
                Map.of(), List.of());
    }

    /** Reads the value whose first token is the parser's current token. */
    private static YamlNode read(YAMLParser p, String source, String path) throws IOException {
        int at = line(p);
        YamlFactories.requirePlain(p, source, path, at);
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new LinkedHashMap<>();
            Map<String, YamlNode> nulls = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = line(p);
                String child = path.isEmpty() ? key : path + "." + key;
                if (keyLines.containsKey(key)) {
                    throw new InputException(source, child, keyLine,
                            "duplicate key (first given on line " + keyLines.get(key) + ")");
                }
                keyLines.put(key, keyLine);
                if (p.nextToken() != JsonToken.VALUE_NULL) {
                    entries.put(key, read(p, source, child));
                } else if ("null".equalsIgnoreCase(p.getText())) {
                    nulls.put(key, new YamlNode(source, child, keyLine, Kind.SCALAR, JsonToken.VALUE_STRING, p.getText(),
                            null, Map.of(), Map.of(), List.of()));
                }
            }
            YamlNode map = new YamlNode(source, path, at, Kind.MAP, null, null, null, entries, keyLines, List.of());
            map.bareNulls.putAll(nulls);
            return map;
        }
        if (t == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String child = path + "[" + items.size() + "]";
                if (p.currentToken() == JsonToken.VALUE_NULL) {
                    throw new InputException(source, child, line(p), "empty list item");
                }
                items.add(read(p, source, child));
            }
            return new YamlNode(source, path, at, Kind.LIST, null, null, null, Map.of(), Map.of(), items);
        }
        BigInteger whole = t == JsonToken.VALUE_NUMBER_INT ? p.getBigIntegerValue() : null;
        return new YamlNode(source, path, at, Kind.SCALAR, t, representable(p.getText(), source, path, at), whole,
                Map.of(), Map.of(), List.of());
    }

    /**
     * {@code text}, refused when it holds a lone UTF-16 surrogate (a YAML escape of one half of a pair without the
     * other): no UTF-8 output, neither the tables nor the JSON nor a scenario written back, could give it back.
     */
    private static String representable(String text, String source, String path, int line) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InputException(source, path.isEmpty() ? null : path, line,
                        String.format("holds a lone UTF-16 surrogate (\\u%04x), which no UTF-8 output can give back",
                                (int) c));
            }
        }
        return text;
    }

    /** The dotted field path of this node; empty for the document root. */
    @Override
    public String path() {
        return path;
    }

    /** The 1-based line where this node starts. */
    int line() {
        return line;
    }

    /** A bad-input exception about this node. */
    @Override
    public InputException error(String reason) {
        return new InputException(source, path.isEmpty() ? null : path, line, reason);
    }

    /** This node as a mapping whose keys must all be among {@code allowed}; fails on the first unknown key. */
    @Override
    public YamlNode mapWithKeys(String... allowed) {
        if (kind != Kind.MAP) throw error("expected a mapping of keys to values");
        Set<String> known = Set.of(allowed);
        for (Map.Entry<String, Integer> k : keyLines.entrySet()) {
            if (!known.contains(k.getKey())) {
                String field = path.isEmpty() ? k.getKey() : path + "." + k.getKey();
                throw new InputException(source, field, k.getValue(),
                        "unknown key (expected one of: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return this;
    }

    /** True when this mapping has {@code key} with a non-empty value. */
    @Override
    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value of {@code key} in this mapping, or null when absent or empty. */
    @Override
    public YamlNode get(String key) {
        return entries.get(key);
    }

    /**
     * The value of {@code key} written as a bare YAML null word ({@code key: null}), which YAML reads as no value and
     * {@link #get} therefore treats as absent, as a scalar with the word as written; null when the key has another
     * value or none. For fields where "null" is a name, such as {@code scheduler: null}.
     */
    YamlNode bareNull(String key) {
        return bareNulls.get(key);
    }

    /** The value of {@code key} in this mapping; fails naming the field when it is absent. */
    @Override
    public YamlNode require(String key) {
        YamlNode v = entries.get(key);
        if (v == null) throw missing(key, "required field is missing");
        return v;
    }

    /** A bad-input exception about the absent (or empty) field {@code key} of this mapping. */
    @Override
    public InputException missing(String key, String reason) {
        return new InputException(source, path.isEmpty() ? key : path + "." + key,
                keyLines.getOrDefault(key, line), reason);
    }

    /** Whether this node is a list. */
    boolean isList() {
        return kind == Kind.LIST;
    }

    /** The items of this list. */
    @Override
    public List<YamlNode> items() {
        if (kind != Kind.LIST) throw error("expected a list");
        return Collections.unmodifiableList(items);
    }

    /** The text of this scalar. */
    @Override
    public String text() {
        if (kind != Kind.SCALAR) throw error("expected a single value, not a " + (kind == Kind.MAP ? "mapping" : "list"));
        return text;
    }

    /** This scalar as a time in nanoseconds: {@code 10ms}, {@code 500us}, {@code 2s}; a bare number is microseconds. */
    @Override
    public long time() {
        String t = text();
        if (scalarToken == JsonToken.VALUE_TRUE || scalarToken == JsonToken.VALUE_FALSE) {
            throw error(Quoted.of(t) + " is not a time (use e.g. 10ms, 500us, 2s, 250ns)");
        }
        try {
            return Time.parse(t);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** This scalar as a whole number in [min, max]. */
    @Override
    public long integer(long min, long max) {
        String t = text();
        if (wholeNumber == null) throw error(Quoted.of(t) + " is not a whole number");
        BigInteger v = wholeNumber;
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(t + " is out of range " + min + ".." + max);
        }
        return v.longValueExact();
    }

    /** This scalar as a boolean ({@code true} or {@code false}). */
    @Override
    public boolean bool() {
        String t = text();
        if (scalarToken == JsonToken.VALUE_TRUE) return true;
        if (scalarToken == JsonToken.VALUE_FALSE) return false;
        throw error(Quoted.of(t) + " is not true or false");
    }

    /** This scalar as one of the given lower-case words, returned as written. */
    @Override
    public String word(String... choices) {
        String t = text();
        for (String c : choices) {
            if (c.equals(t)) return c;
        }
        throw error(Quoted.of(t) + " is not one of: " + String.join(", ", choices));
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
