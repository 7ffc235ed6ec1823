package org.rtxen.io.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.rtxen.analysis.component.ComponentInterface;
import org.rtxen.analysis.component.ComponentInterface.Vcpu;
import org.rtxen.analysis.component.ComponentResult;
import org.rtxen.analysis.host.TestResult;

/**
 * The analysis JSON contract: {@code components[]} with {@code name}, {@code model}, {@code feasible},
 * {@code period}, {@code budget} (exact decimal), {@code budget_exact} (fraction string), {@code minimal} (only
 * when false: a sufficient budget, possibly above the minimum) with {@code budget_lower_bound} (the minimum lies in
 * [budget_lower_bound, budget]) where known, {@code cpus},
 * {@code deadline} (EDP), {@code vcpus[]} and {@code reason}; for task-set tests {@code tests} as
 * {@code {name: true|false}} with {@code test_details[]} (assumption, reason). Keys keep a fixed order.
 */
public final class AnalysisJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AnalysisJson() {}

    /** A fresh JSON object to add sections to. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Adds {@code components[]} for the tree (pre-order: a component before its children) and {@code feasible}. */
    public static void addComponents(ObjectNode root, ComponentResult tree, long scale) {
        root.put("feasible", tree.allFeasible());
        ArrayNode list = root.putArray("components");
        addComponent(list, tree, new Scaled(scale));
    }

    private static void addComponent(ArrayNode list, ComponentResult c, Scaled s) {
        ComponentInterface i = c.iface();
        ObjectNode o = list.addObject();
        o.put("name", c.name());
        o.put("model", i.model().name().toLowerCase(java.util.Locale.ROOT));
        o.put("feasible", i.feasible());
        o.put("period", s.decimal(i.period()));
        if (i.feasible()) {
            o.put("budget", s.decimal(i.budget()));
            o.put("budget_exact", s.of(i.budget()).toString());
            if (!i.minimal()) o.put("minimal", false);
            if (i.lowerBound() != null) o.put("budget_lower_bound", s.decimal(i.lowerBound()));
            o.put("cpus", i.cpus());
            if (i.deadline() != null) o.put("deadline", s.decimal(i.deadline()));
            ArrayNode vcpus = o.putArray("vcpus");
            for (Vcpu v : i.vcpus()) {
                ObjectNode vo = vcpus.addObject();
                vo.put("period", s.decimal(v.period()));
                vo.put("budget", s.decimal(v.budget()));
                if (i.deadline() != null) vo.put("deadline", s.decimal(v.deadline()));
            }
        } else {
            o.put("reason", i.reason());
        }
        for (ComponentResult child : c.children()) addComponent(list, child, s);
    }

    /** Adds {@code tests} ({@code {name: verdict}}) and {@code test_details[]}. */
    public static void addTests(ObjectNode root, List<TestResult> results) {
        ObjectNode tests = root.putObject("tests");
        for (TestResult r : results) tests.put(r.test(), r.schedulable());
        ArrayNode details = root.putArray("test_details");
        for (TestResult r : results) {
            ObjectNode d = details.addObject();
            d.put("name", r.test());
            d.put("schedulable", r.schedulable());
            d.put("assumption", r.assumption());
            if (!r.reason().isEmpty()) d.put("reason", r.reason());
        }
    }

    /** The document as indented JSON text. */
    public static String text(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
