package org.rtxen.experiments.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rtxen.model.Quoted;

/**
 * Overrides keys of a scenario's YAML tree before the ordinary scenario reader sees it, so that a sweep axis can vary
 * any key, including those of schedulers added later. A key path is dotted with list indices:
 * {@code pools[0].scheduler}, {@code domains[*].guest.busy} ({@code [*]}: every item),
 * {@code overheads.context_switch}. Missing mappings along the path are created; a null value removes the key.
 */
public final class ScenarioTree {
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)((?:\\[(?:\\d+|\\*)\\])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+|\\*)\\]");
    private static final YAMLMapper YAML = new YAMLMapper();

    private ScenarioTree() {}

    /** One step of a path: a mapping key followed by list indices (-1 for {@code [*]}). */
    record Step(String key, List<Integer> indices) {}

    /**
     * Parses a key path.
     *
     * @throws IllegalArgumentException when it is not of the form above
     */
    static List<Step> parsePath(String path) {
        List<Step> steps = new ArrayList<>();
        for (String part : path.split("\\.", -1)) {
            Matcher m = STEP.matcher(part);
            if (!m.matches()) throw new IllegalArgumentException(Quoted.of(path) + " is not a key path such as pools[0].scheduler");
            List<Integer> idx = new ArrayList<>();
            Matcher i = INDEX.matcher(m.group(2));
            while (i.find()) idx.add(i.group(1).equals("*") ? -1 : Integer.parseInt(i.group(1)));
            steps.add(new Step(m.group(1), idx));
        }
        return steps;
    }

    /**
     * Sets {@code path} to a copy of {@code value} in {@code root} (null or a YAML null removes the key).
     *
     * @throws IllegalArgumentException when the path crosses a value that is not a mapping or list, or an index is
     *                                  out of range
     */
    public static void set(ObjectNode root, String path, JsonNode value) {
        set(root, parsePath(path), 0, path, value);
    }

    private static void set(ObjectNode node, List<Step> steps, int at, String path, JsonNode value) {
        Step s = steps.get(at);
        boolean last = at == steps.size() - 1;
        if (s.indices().isEmpty()) {
            if (last) {
                if (value == null || value.isNull()) node.remove(s.key());
                else node.set(s.key(), value.deepCopy());
                return;
            }
            JsonNode child = node.get(s.key());
            if (child == null || child.isNull()) child = node.putObject(s.key());
            if (!child.isObject()) throw new IllegalArgumentException(path + ": " + s.key() + " is not a mapping");
            set((ObjectNode) child, steps, at + 1, path, value);
            return;
        }
        JsonNode list = node.get(s.key());
        if (list == null || !list.isArray()) throw new IllegalArgumentException(path + ": " + s.key() + " is not a list");
        for (JsonNode target : select((ArrayNode) list, s.indices(), 0, path)) {
            if (last) throw new IllegalArgumentException(path + ": a key path must end in a key, not a list index");
            if (!target.isObject()) throw new IllegalArgumentException(path + ": the list items of " + s.key() + " are not mappings");
            set((ObjectNode) target, steps, at + 1, path, value);
        }
    }

    private static List<JsonNode> select(ArrayNode list, List<Integer> indices, int at, String path) {
        List<JsonNode> chosen = new ArrayList<>();
        int i = indices.get(at);
        if (i >= list.size()) {
            throw new IllegalArgumentException(path + ": index " + i + " is out of range (the list has " + list.size() + " items)");
        }
        List<JsonNode> items = new ArrayList<>();
        if (i < 0) list.forEach(items::add);
        else items.add(list.get(i));
        for (JsonNode item : items) {
            if (at == indices.size() - 1) chosen.add(item);
            else if (item.isArray()) chosen.addAll(select((ArrayNode) item, indices, at + 1, path));
            else throw new IllegalArgumentException(path + ": not a nested list");
        }
        return chosen;
    }

    /** The tree as YAML text for the scenario reader. */
    public static String yaml(JsonNode root) {
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Jackson tree always serialises", e);
        }
    }
}
