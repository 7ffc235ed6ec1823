package org.rtxen.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.rtxen.io.InputException;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.Quoted;
import org.rtxen.model.Scenario;
import org.rtxen.model.Time;
import org.rtxen.workload.PeriodicTask;
import org.rtxen.workload.TaskSetGenerator;

/**
 * Builds the scenario of one run: the base tree, the axes' overrides, the generated tasks dealt round-robin to the
 * target domains, the run's seed; then the ordinary scenario reader validates the tree itself (no YAML text in
 * between). A guest with partitioned placement gets its tasks assigned to VCPUs worst-fit decreasing by utilisation.
 */
public final class ScenarioBuilder {
    /** A run's scenario and the task set generated for it. */
    public record Built(Scenario scenario, List<PeriodicTask> tasks) {}

    private ScenarioBuilder() {}

    /**
     * The scenario of {@code run}.
     *
     * @throws InputException naming the sweep-file value that made the scenario invalid
     */
    public static Built build(Sweep sweep, RunSpec run) {
        Tree tree = tree(sweep, run);
        String where = "scenario of " + run.key();
        try {
            return new Built(ScenarioReader.parse(tree.root(), where), tree.tasks());
        } catch (InputException e) {
            throw blamed(sweep, run, where, e);
        }
    }

    /**
     * What the scenario reader found wrong with the scenario of {@code run} ({@code where}), blamed on the sweep-file
     * value that set the field at fault: an axis value of the run, else a key of {@code set}; else on the run's last
     * axis value, or without axes on the base scenario.
     */
    private static InputException blamed(Sweep sweep, RunSpec run, String where, InputException e) {
        String prefix = where + (e.line() > 0 ? ":" + e.line() : "") + ": " + (e.field() == null ? "" : e.field() + ": ");
        String m = e.getMessage();
        String reason = "the scenario it makes is invalid: " + (e.field() == null ? "" : e.field() + ": ")
                + (m.startsWith(prefix) ? m.substring(prefix.length()) : m);
        for (Axis.Value v : run.values()) {
            for (String path : v.set().keySet()) {
                if (sets(path, e.field())) return new InputException(sweep.source(), v.where(), v.line(), reason);
            }
        }
        for (Map.Entry<String, Integer> s : sweep.setLines().entrySet()) {
            if (sets(s.getKey(), e.field())) return new InputException(sweep.source(), "set." + s.getKey(), s.getValue(), reason);
        }
        if (run.values().isEmpty()) return new InputException(sweep.baseSource(), null, 0, where + ": " + reason);
        Axis.Value last = run.values().get(run.values().size() - 1);
        return new InputException(sweep.source(), last.where(), last.line(), reason);
    }

    /** A run's scenario as YAML text, before validation, and its generated tasks. */
    public record Text(String yaml, List<PeriodicTask> tasks) {}

    /**
     * The scenario of {@code run} as YAML text (what {@code rtxen sweep --scenario KEY} prints, so that one run can be
     * simulated, analysed or planned alone), and its generated tasks.
     *
     * @throws InputException naming the sweep-file value that could not be applied
     */
    public static Text text(Sweep sweep, RunSpec run) {
        Tree tree = tree(sweep, run);
        return new Text(ScenarioTree.yaml(tree.root()), tree.tasks());
    }

    /** A run's scenario as a YAML tree, before validation, and its generated tasks. */
    private record Tree(ObjectNode root, List<PeriodicTask> tasks) {}

    private static Tree tree(Sweep sweep, RunSpec run) {
        ObjectNode tree = sweep.base().deepCopy();
        for (Axis.Value v : run.values()) {
            for (Map.Entry<String, JsonNode> e : v.set().entrySet()) {
                try {
                    ScenarioTree.set(tree, e.getKey(), e.getValue());
                } catch (IllegalArgumentException ex) {
                    throw new InputException(sweep.source(), v.where(), v.line(), ex.getMessage());
                }
            }
        }
        List<PeriodicTask> tasks;
        try {
            tasks = sweep.generator().generate(run.utilization(), run.seed());
        } catch (IllegalArgumentException ex) {
            throw new InputException(sweep.source(), "utilization", 0, "u=" + run.utilization() + ": " + ex.getMessage());
        }
        insertTasks(sweep, tree, tasks);
        tree.put("seed", run.seed());
        return new Tree(tree, tasks);
    }

    /** Whether the key path {@code path} ({@code [*]} for every item) sets scenario field {@code field} or one inside it. */
    private static boolean sets(String path, String field) {
        if (field == null) return false;
        String stem = path.replaceAll("\\[\\*]", "");
        return field.replaceAll("\\[\\d+]", "").startsWith(stem.replaceAll("\\[\\d+]", ""));
    }

    private static void insertTasks(Sweep sweep, ObjectNode tree, List<PeriodicTask> tasks) {
        List<List<PeriodicTask>> dealt = TaskSetGenerator.deal(tasks, sweep.targets().size());
        JsonNode domains = tree.get("domains");
        for (int d = 0; d < sweep.targets().size(); d++) {
            String name = sweep.targets().get(d);
            ObjectNode domain = find(domains, name);
            if (domain == null) {
                throw new InputException(sweep.source(), "generator.domains", 0, "the scenario has no domain " + Quoted.of(name));
            }
            if (dealt.get(d).isEmpty()) { // fewer tasks than domains: an idle VM is no part of the experiment
                ((ArrayNode) domains).remove(indexOf(domains, domain));
                continue;
            }
            ObjectNode guest = domain.has("guest") && domain.get("guest").isObject() ? (ObjectNode) domain.get("guest")
                    : domain.putObject("guest");
            boolean partitioned = "partitioned".equals(guest.path("placement").asText());
            int vcpus = domain.path("vcpus").asInt(1);
            List<PeriodicTask> mine = dealt.get(d);
            int[] vcpuOf = partitioned ? worstFit(mine, vcpus) : null;
            ArrayNode list = guest.putArray("tasks");
            for (int i = 0; i < mine.size(); i++) {
                PeriodicTask t = mine.get(i);
                ObjectNode o = list.addObject();
                o.put("name", "t" + (d + i * sweep.targets().size()));
                o.put("period", Time.format(t.periodNs()));
                o.put("wcet", Time.format(t.wcetNs()));
                o.put("deadline", Time.format(t.deadlineNs()));
                if (partitioned) o.put("vcpu", vcpuOf[i]);
            }
        }
    }

    /** Worst-fit decreasing: tasks by utilisation, largest first, each to the least-loaded VCPU (lowest on ties). */
    private static int[] worstFit(List<PeriodicTask> tasks, int vcpus) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) order.add(i);
        order.sort(Comparator.comparingDouble((Integer i) -> -tasks.get(i).utilization()).thenComparing(i -> i));
        double[] load = new double[vcpus];
        int[] out = new int[tasks.size()];
        for (int i : order) {
            int best = 0;
            for (int v = 1; v < vcpus; v++) if (load[v] < load[best]) best = v;
            out[i] = best;
            load[best] += tasks.get(i).utilization();
        }
        return out;
    }

    private static int indexOf(JsonNode list, JsonNode item) {
        for (int i = 0; i < list.size(); i++) if (list.get(i) == item) return i;
        throw new IllegalStateException("not in the list");
    }

    private static ObjectNode find(JsonNode domains, String name) {
        if (domains == null || !domains.isArray()) return null;
        for (JsonNode d : domains) {
            if (d.isObject() && name.equals(d.path("name").asText())) return (ObjectNode) d;
        }
        return null;
    }
}
