package org.rtxen.io.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.component.ComponentInterface;
import org.rtxen.analysis.component.ComponentInterface.Vcpu;
import org.rtxen.analysis.component.ComponentResult;
import org.rtxen.analysis.host.TestResult;
import org.rtxen.io.JsonStyle;

/**
 * The analysis JSON contract: {@code components[]} with {@code name}, {@code model}, {@code feasible},
 * {@code period}, {@code budget} (decimal, rounded up where not finite: {@link Scaled}), {@code budget_exact}
 * (fraction string), {@code minimal} (only
 * when false: a sufficient budget, possibly above the minimum) with {@code budget_lower_bound} (the minimum lies in
 * [budget_lower_bound, budget]) where known, {@code cpus},
 * {@code deadline} (EDP), {@code vcpus[]} and {@code reason}; for task-set tests {@code tests} as
 * {@code {name: true|false}} with {@code test_details[]} (assumption, reason). Keys keep a fixed order. Time fields
 * are named and scaled by a {@link TimeFields}: in nanoseconds with an {@code _ns} suffix for scenarios, in the
 * input's own unit without suffix for CARTS files. Every document starts with {@code schema_version}.
 */
public final class AnalysisJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AnalysisJson() {}

    /** The version of every analysis JSON document's layout (docs/schemas/); raised when a field changes meaning. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * How time fields are named and scaled.
     *
     * @param scaled from analysis numbers to output numbers
     * @param suffix appended to every time field's name ({@code _ns}, or nothing for an abstract unit)
     * @param unit   how durations in reasons are printed
     */
    public record TimeFields(Scaled scaled, String suffix, Reason.Unit unit) {
        /** Analysis numbers in microseconds (the planner's unit), written as nanoseconds with {@code _ns} names. */
        public static final TimeFields NS_FROM_US = new TimeFields(new Scaled(1000, 1), "_ns", Reason.MICROSECONDS);

        /** A CARTS file's abstract unit: the reader multiplied every number by {@code scale}; names carry no unit. */
        public static TimeFields carts(long scale) {
            return new TimeFields(new Scaled(1, scale), "", Reason.fileUnit(scale));
        }
    }

    /** A fresh JSON object to add sections to, holding {@code schema_version}. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode().put("schema_version", SCHEMA_VERSION);
    }

    /** A fresh JSON object without {@code schema_version}, for a part of a document. */
    public static ObjectNode part() {
        return MAPPER.createObjectNode();
    }

    /** {@link #addComponents(ObjectNode, ComponentResult, TimeFields)} for a CARTS file read with {@code scale}. */
    public static void addComponents(ObjectNode root, ComponentResult tree, long scale) {
        addComponents(root, tree, TimeFields.carts(scale));
    }

    /** Adds {@code components[]} for the tree (pre-order: a component before its children) and {@code feasible}. */
    public static void addComponents(ObjectNode root, ComponentResult tree, TimeFields times) {
        root.put("feasible", tree.allFeasible());
        ArrayNode list = root.putArray("components");
        addComponent(list, tree, times);
    }

    private static void addComponent(ArrayNode list, ComponentResult c, TimeFields t) {
        ComponentInterface i = c.iface();
        Scaled s = t.scaled();
        String u = t.suffix();
        ObjectNode o = list.addObject();
        o.put("name", c.name());
        o.put("model", i.model().name().toLowerCase(java.util.Locale.ROOT));
        o.put("feasible", i.feasible());
        o.put("period" + u, s.exact(i.period()));
        if (i.feasible()) {
            o.put("budget" + u, s.budget(i.budget()));
            o.put("budget_exact" + u, s.of(i.budget()).toString());
            if (!i.minimal()) o.put("minimal", false);
            if (i.lowerBound() != null) o.put("budget_lower_bound" + u, s.lowerBound(i.lowerBound()));
            o.put("cpus", i.cpus());
            if (i.deadline() != null) o.put("deadline" + u, s.deadline(i.deadline(), i.budget()));
            ArrayNode vcpus = o.putArray("vcpus");
            for (Vcpu v : i.vcpus()) {
                ObjectNode vo = vcpus.addObject();
                vo.put("period" + u, s.exact(v.period()));
                vo.put("budget" + u, s.budget(v.budget()));
                if (i.deadline() != null) vo.put("deadline" + u, s.deadline(v.deadline(), v.budget()));
            }
        } else {
            o.put("reason", i.reason().format(t.unit()));
        }
        for (ComponentResult child : c.children()) addComponent(list, child, t);
    }

    /**
     * Adds {@code tests} ({@code {name: verdict}}) and {@code test_details[]}; the tests ran in nanoseconds (a task
     * set, a pool's servers), so reasons print their durations with units.
     */
    public static void addTests(ObjectNode root, List<TestResult> results) {
        ObjectNode tests = root.putObject("tests");
        for (TestResult r : results) tests.put(r.test(), r.schedulable());
        ArrayNode details = root.putArray("test_details");
        for (TestResult r : results) {
            ObjectNode d = details.addObject();
            d.put("name", r.test());
            d.put("schedulable", r.schedulable());
            d.put("assumption", r.assumption());
            if (!r.reason().isEmpty()) d.put("reason", r.reason().format(Reason.NANOSECONDS));
        }
    }

    /** The document as JSON text in the commands' one layout ({@link JsonStyle}). */
    public static String text(ObjectNode root) {
        return JsonStyle.text(root);
    }
}
