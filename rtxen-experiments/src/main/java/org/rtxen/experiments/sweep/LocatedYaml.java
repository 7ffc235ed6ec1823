package org.rtxen.experiments.sweep;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.rtxen.io.InputException;
import org.rtxen.io.YamlFactories;

/**
 * A YAML document read into a Jackson tree, with the line of every node by its field path (such as
 * {@code axes[1].values[0]}), so that values can be copied into a scenario tree verbatim and still be blamed by line.
 */
final class LocatedYaml {
    private final String source;
    private final JsonNode root;
    private final Map<String, Integer> lines;

    private LocatedYaml(String source, JsonNode root, Map<String, Integer> lines) {
        this.source = source;
        this.root = root;
        this.lines = lines;
    }

    /** Parses one document; duplicate keys, aliases and tags are errors, as in scenario files. */
    static LocatedYaml parse(String text, String source) {
        Map<String, Integer> lines = new HashMap<>();
        try (YAMLParser p = YamlFactories.create().createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) throw new InputException(source, null, 0, "the file is empty");
            JsonNode root = read(p, source, "", lines);
            if (p.nextToken() != null) throw new InputException(source, null, line(p), "only one YAML document is allowed");
            return new LocatedYaml(source, root, lines);
        } catch (StreamReadException e) {
            throw YamlFactories.syntaxError(e, source);
        } catch (IOException e) {
            throw new InputException(source, null, 0, "cannot read YAML: " + e.getMessage());
        }
    }

    private static JsonNode read(YAMLParser p, String source, String path, Map<String, Integer> lines) throws IOException {
        lines.put(path, line(p));
        YamlFactories.requirePlain(p, source, path, line(p));
        JsonToken t = p.currentToken();
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (t == JsonToken.START_OBJECT) {
            ObjectNode o = f.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                String child = path.isEmpty() ? key : path + "." + key;
                if (o.has(key)) throw new InputException(source, child, line(p), "duplicate key");
                int keyLine = line(p);
                p.nextToken();
                o.set(key, read(p, source, child, lines));
                lines.put(child, keyLine);
            }
            return o;
        }
        if (t == JsonToken.START_ARRAY) {
            ArrayNode a = f.arrayNode();
            while (p.nextToken() != JsonToken.END_ARRAY) a.add(read(p, source, path + "[" + a.size() + "]", lines));
            return a;
        }
        return switch (t) {
            case VALUE_NULL -> f.nullNode();
            case VALUE_TRUE, VALUE_FALSE -> f.booleanNode(t == JsonToken.VALUE_TRUE);
            case VALUE_NUMBER_INT -> f.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> f.numberNode(p.getDecimalValue());
            default -> f.textNode(p.getText());
        };
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    /** The document's root. */
    JsonNode root() {
        return root;
    }

    /** The file name used in messages. */
    String source() {
        return source;
    }

    /** The line of the node at {@code path}, or of its nearest ancestor that has one. */
    int line(String path) {
        String p = path;
        while (true) {
            Integer l = lines.get(p);
            if (l != null) return l;
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) return lines.getOrDefault("", 0);
            p = p.substring(0, cut);
        }
    }

    /** A bad-input exception about the node at {@code path}. */
    InputException error(String path, String reason) {
        return new InputException(source, path.isEmpty() ? null : path, line(path), reason);
    }
}
