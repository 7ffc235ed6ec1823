package org.rtxen.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rtxen.experiments.verdict.Analyses;
import org.rtxen.io.InputException;
import org.rtxen.io.InputFiles;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.BoundedDecimal;
import org.rtxen.model.Quoted;
import org.rtxen.model.Time;
import org.rtxen.workload.NamedPeriodRange;
import org.rtxen.workload.Periods;
import org.rtxen.workload.TaskSetGenerator;
import org.rtxen.workload.TaskUtilization;

/**
 * Reads a sweep file (docs/sweep.md) and checks it completely before anything runs: the base scenario, every key
 * path, the generator at every utilisation point, and the scenario of every configuration. Every problem is one
 * {@link InputException} naming the file, the line and the field.
 */
public final class SweepReader {
    /** The most runs one sweep may expand to (a sanity bound). */
    public static final int MAX_RUNS = 10_000_000;
    /**
     * The longest name in UTF-8 bytes: the store's files are named after it, and the longest, DuckDB's
     * NAME.duckdb.wal.checkpoint, then has the 255 bytes a file name may have.
     */
    private static final int MAX_NAME_BYTES = 255 - ".duckdb.wal.checkpoint".length();
    /** The largest total utilisation a point may ask for: every pCPU of the largest host busy. */
    private static final int MAX_UTILIZATION = ScenarioReader.MAX_PCPUS;

    /** Told how far the check of the utilisation points has got, after each point whose task set it drew. */
    @FunctionalInterface
    public interface Checking {
        /** The first {@code done} of the sweep's {@code points} utilisation points are checked. */
        void checked(int done, int points);

        /** Tells nothing. */
        Checking NONE = (done, points) -> { };
    }

    private final LocatedYaml doc;

    private SweepReader(LocatedYaml doc) {
        this.doc = doc;
    }

    /** Reads, validates and returns the sweep in {@code file}. */
    public static Sweep read(Path file) {
        return read(file, Checking.NONE);
    }

    /** Reads, validates and returns the sweep in {@code file}, telling {@code checking} how far the check has got. */
    public static Sweep read(Path file, Checking checking) {
        String text = InputFiles.text(file);
        String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), stem, dir, checking);
    }

    /**
     * Parses and validates sweep text.
     *
     * @param name     the default sweep name (the file name without .yaml)
     * @param baseDir  the directory a relative {@code scenario:} path is resolved against
     * @param checking told how far the check of the utilisation points has got
     */
    public static Sweep parse(String text, String source, String name, Path baseDir, Checking checking) {
        SweepReader reader = new SweepReader(LocatedYaml.parse(text, source));
        Sweep s = reader.sweep(name, baseDir);
        UtilizationPoints us = s.utilizations();
        // A point's scenario (in the first configuration) differs from another's only in its tasks, whose values the
        // scenario reader accepts whatever they are (positive times, WCET at most the period), and in the target
        // domains left out for want of a task: so one point per number of target domains given tasks is built.
        Map<Integer, Integer> firstPointGiving = new LinkedHashMap<>();
        for (int i = 0; i < us.size(); i++) {
            Cancellation.check();
            boolean draws = s.generator().onlyDrawingTells(us.get(i));
            int tasks = reader.checkPoint(s, i, draws);
            if (draws) checking.checked(i + 1, us.size());
            firstPointGiving.putIfAbsent(Math.min(tasks, s.targets().size()), i);
        }
        for (int c = 0; c < s.configurations(); c++) {
            Cancellation.check();
            ScenarioBuilder.build(s, Expansion.run(s, us.get(0), Expansion.configuration(s.axes(), c), 0));
        }
        List<Axis.Value> first = Expansion.configuration(s.axes(), 0);
        for (int i : firstPointGiving.values()) {
            if (i > 0) ScenarioBuilder.build(s, Expansion.run(s, us.get(i), first, 0)); // 0: built above
        }
        return s;
    }

    /**
     * The number of tasks point {@code i} draws, refused at the point's line where the generator cannot draw it: by
     * its bounds, or, where {@code draw}, by drawing the task set of the point's first replication.
     */
    private int checkPoint(Sweep s, int i, boolean draw) {
        double u = s.utilizations().get(i);
        TaskSetGenerator g = s.generator();
        try {
            g.checkTotal(u);
            return draw ? g.generate(u, Expansion.seed(s, u, 0)).size() : g.tasks();
        } catch (IllegalArgumentException e) {
            throw doc.error("utilization[" + i + "]", "u=" + Expansion.label(u) + ": " + e.getMessage());
        }
    }

    private Sweep sweep(String defaultName, Path baseDir) {
        JsonNode root = doc.root();
        keys("", root, "name", "scenario", "seed", "replications", "set", "utilization", "generator", "axes", "vcpus",
                "analyses");
        String name = root.has("name") ? word("name", root.get("name")) : defaultName;
        if (name.isEmpty() || name.startsWith(".")) {
            throw new InputException(doc.source(), "name", 0, "the sweep's name, the file name without .yaml, is "
                    + (name.isEmpty() ? "empty" : Quoted.of(name)) + ", and the store's files are named after it:"
                    + " they would be hidden (DIR/" + name + ".duckdb): give the sweep a name: key");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            String why = "is " + bytes + " bytes long, and the store's files are named after it: at most " + MAX_NAME_BYTES
                    + " (DuckDB's NAME.duckdb.wal.checkpoint then has the 255 bytes a file name may have)";
            if (root.has("name")) throw doc.error("name", why);
            throw new InputException(doc.source(), "name", 0, "the sweep's name, the file name without .yaml, " + why
                    + ": give the sweep a shorter name: key");
        }
        String baseSource;
        ObjectNode base;
        JsonNode sc = require("", root, "scenario");
        if (sc.isTextual()) {
            Path p = baseDir.resolve(sc.asText());
            baseSource = p.toString();
            if (!Files.exists(p)) throw doc.error("scenario", "no such scenario file: " + p);
            String text;
            try {
                text = InputFiles.text(p);
            } catch (InputException e) {
                throw doc.error("scenario", "the scenario file " + e.getMessage());
            }
            ScenarioReader.read(p); // the base's own errors, with its own lines
            base = (ObjectNode) LocatedYaml.parse(text, baseSource).root();
        } else if (sc.isObject()) {
            baseSource = doc.source();
            base = ((ObjectNode) sc).deepCopy();
        } else {
            throw doc.error("scenario", "give a scenario file name or the scenario itself as a mapping");
        }
        Map<String, Integer> setLines = new LinkedHashMap<>();
        if (root.has("set")) {
            for (Map.Entry<String, JsonNode> e : pathMap("set", root.get("set")).entrySet()) {
                try {
                    ScenarioTree.set(base, e.getKey(), e.getValue());
                } catch (IllegalArgumentException ex) {
                    throw doc.error("set." + e.getKey(), ex.getMessage());
                }
                setLines.put(e.getKey(), doc.line("set." + e.getKey()));
            }
        }
        long seed = root.has("seed") ? integer("seed", root.get("seed"), Long.MIN_VALUE, Long.MAX_VALUE) : 0;
        int reps = root.has("replications") ? (int) integer("replications", root.get("replications"), 1, 1_000_000) : 1;
        UtilizationPoints us = utilizations(require("", root, "utilization"));
        TaskSetGenerator gen = generator(require("", root, "generator"));
        List<String> targets = targets(root.get("generator"), base);
        List<Axis> axes = axes(root.get("axes"));
        Sweep.VcpuMode vcpus = Sweep.VcpuMode.GIVEN;
        if (root.has("vcpus")) {
            String v = shown(root.get("vcpus"));
            if (v.equals("planned")) vcpus = Sweep.VcpuMode.PLANNED;
            else if (!v.equals("given")) throw doc.error("vcpus", Quoted.of(v) + " is not one of: given, planned");
        }
        List<String> analyses = new ArrayList<>();
        if (root.has("analyses")) {
            JsonNode list = list("analyses", root.get("analyses"));
            for (int i = 0; i < list.size(); i++) {
                String a = shown(list.get(i));
                String problem = Analyses.problem(a, vcpus == Sweep.VcpuMode.PLANNED);
                if (problem != null) throw doc.error("analyses[" + i + "]", problem);
                if (analyses.contains(a)) throw doc.error("analyses[" + i + "]", Quoted.of(a) + " is listed twice");
                analyses.add(a);
            }
        }
        BigInteger total = BigInteger.valueOf(us.size()).multiply(BigInteger.valueOf(reps)); // exact: no long wraps
        for (Axis a : axes) total = total.multiply(BigInteger.valueOf(a.values().size()));
        if (total.compareTo(BigInteger.valueOf(MAX_RUNS)) > 0) {
            throw doc.error("axes", "the sweep expands to " + total + " runs, more than " + MAX_RUNS);
        }
        return new Sweep(name, doc.source(), base, baseSource, seed, reps, us, gen, targets, axes, vcpus, analyses,
                setLines);
    }

    private UtilizationPoints utilizations(JsonNode n) {
        if (n.isArray()) {
            if (n.isEmpty()) throw doc.error("utilization", "give at least one point");
            double[] out = new double[n.size()];
            for (int i = 0; i < n.size(); i++) out[i] = utilization("utilization[" + i + "]", n.get(i)).doubleValue();
            try {
                return UtilizationPoints.listed(out);
            } catch (IllegalArgumentException e) {
                throw doc.error("utilization", e.getMessage());
            }
        }
        if (!n.isObject()) throw doc.error("utilization", "give a list of totals or {from, to, step}");
        keys("utilization", n, "from", "to", "step");
        BigDecimal from = utilization("utilization.from", require("utilization", n, "from"));
        BigDecimal to = utilization("utilization.to", require("utilization", n, "to"));
        BigDecimal step = positive("utilization.step", require("utilization", n, "step"));
        if (to.compareTo(from) < 0) throw doc.error("utilization.to", "is below from");
        BigDecimal points = to.subtract(from).divide(step, 0, RoundingMode.FLOOR).add(BigDecimal.ONE);
        if (points.compareTo(BigDecimal.valueOf(MAX_RUNS)) > 0) {
            throw doc.error("utilization.step", "makes " + points.toPlainString() + " points, more than " + MAX_RUNS);
        }
        try {
            return UtilizationPoints.range(from, step, points.intValueExact());
        } catch (IllegalArgumentException e) {
            throw doc.error("utilization.step", e.getMessage());
        }
    }

    private TaskSetGenerator generator(JsonNode g) {
        keys("generator", g, "method", "tasks", "period", "max_task_utilization", "distribution", "domains");
        String where = "generator";
        TaskSetGenerator.Method method;
        try {
            method = TaskSetGenerator.Method.byLabel(shown(require(where, g, "method")));
        } catch (IllegalArgumentException e) {
            throw doc.error("generator.method", e.getMessage());
        }
        JsonNode p = require(where, g, "period");
        keys("generator.period", p, "min", "max", "range", "distribution", "unit");
        long unit = p.has("unit") ? time("generator.period.unit", p.get("unit")) : (method == TaskSetGenerator.Method.RTXEN ? Time.MS : Time.US);
        long min;
        long max;
        if (p.has("range")) {
            if (p.has("min") || p.has("max")) throw doc.error("generator.period.range", "give either range or min and max");
            try {
                NamedPeriodRange r = NamedPeriodRange.byLabel(shown(p.get("range")));
                min = r.minNs();
                max = r.maxNs();
            } catch (IllegalArgumentException e) {
                throw doc.error("generator.period.range", e.getMessage());
            }
        } else {
            min = time("generator.period.min", require("generator.period", p, "min"));
            max = time("generator.period.max", require("generator.period", p, "max"));
        }
        Periods.Distribution dist = Periods.Distribution.UNIFORM;
        if (p.has("distribution")) {
            String d = shown(p.get("distribution"));
            dist = null;
            for (Periods.Distribution x : Periods.Distribution.values()) if (x.label().equals(d)) dist = x;
            if (dist == null) throw doc.error("generator.period.distribution", Quoted.of(d) + " is not one of: uniform, log-uniform, harmonic");
        }
        Periods periods;
        try {
            periods = new Periods(min, max, unit, dist);
        } catch (IllegalArgumentException e) {
            throw doc.error("generator.period", e.getMessage());
        }
        int tasks = g.has("tasks") ? (int) integer("generator.tasks", g.get("tasks"), 1, TaskSetGenerator.maxTasks(method)) : 0;
        if (g.has("max_task_utilization") && !method.boundsTaskUtilization()) {
            throw doc.error("generator.max_task_utilization", "applies to the uunifast-discard and randfixedsum methods only");
        }
        double maxU = g.has("max_task_utilization") ? positive("generator.max_task_utilization", g.get("max_task_utilization")).doubleValue() : 1.0;
        TaskUtilization per = null;
        if (g.has("distribution")) {
            try {
                per = TaskUtilization.byLabel(shown(g.get("distribution")));
            } catch (IllegalArgumentException e) {
                throw doc.error("generator.distribution", e.getMessage());
            }
        }
        if (method == TaskSetGenerator.Method.RTXEN) {
            if (g.has("tasks")) throw doc.error("generator.tasks", "the rtxen method draws tasks until the target is reached: leave tasks out");
            if (per == null) throw doc.error("generator", "the rtxen method needs distribution (e.g. uniform-medium)");
        } else {
            if (!g.has("tasks")) throw doc.error("generator", "tasks: required for " + method.label());
            if (per != null) throw doc.error("generator.distribution", "applies to the rtxen method only");
        }
        try {
            return new TaskSetGenerator(method, tasks, periods, maxU, per);
        } catch (IllegalArgumentException e) {
            throw doc.error("generator", e.getMessage());
        }
    }

    private List<String> targets(JsonNode g, ObjectNode base) {
        List<String> out = new ArrayList<>();
        if (g.has("domains")) {
            JsonNode l = list("generator.domains", g.get("domains"));
            for (int i = 0; i < l.size(); i++) {
                String d = shown(l.get(i));
                if (!domainNames(base).contains(d)) {
                    throw doc.error("generator.domains[" + i + "]", "the scenario has no domain " + Quoted.of(d) + " (it has: "
                            + String.join(", ", domainNames(base)) + ")");
                }
                if (out.contains(d)) throw doc.error("generator.domains[" + i + "]", Quoted.of(d) + " is listed twice");
                out.add(d);
            }
            if (out.isEmpty()) throw doc.error("generator.domains", "list at least one domain");
        } else {
            for (JsonNode d : base.path("domains")) {
                String n = d.path("name").asText();
                if (!n.equals(ScenarioReader.CONTROL_DOMAIN_NAME) && !d.path("dom0").asBoolean(false)) out.add(n);
            }
            if (out.isEmpty()) throw doc.error("generator", "the scenario has no guest domain to give tasks to");
        }
        return out;
    }

    private static List<String> domainNames(ObjectNode base) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : base.path("domains")) out.add(d.path("name").asText());
        return out;
    }

    private List<Axis> axes(JsonNode n) {
        List<Axis> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        JsonNode l = list("axes", n);
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < l.size(); i++) {
            String w = "axes[" + i + "]";
            JsonNode a = l.get(i);
            keys(w, a, "name", "key", "values");
            String name = word(w + ".name", require(w, a, "name"));
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw doc.error(w + ".name", "axis " + Quoted.of(name) + " is defined twice (names are compared ignoring case, as"
                        + " the store's columns ax_NAME are)");
            }
            JsonNode values = list(w + ".values", require(w, a, "values"));
            if (values.isEmpty()) throw doc.error(w + ".values", "give at least one value");
            List<Axis.Value> vs = new ArrayList<>();
            Set<String> labels = new LinkedHashSet<>();
            for (int j = 0; j < values.size(); j++) {
                String vw = w + ".values[" + j + "]";
                JsonNode v = values.get(j);
                Axis.Value value;
                if (a.has("key")) {
                    String key = shown(a.get("key"));
                    checkPath(w + ".key", key);
                    if (v.isObject()) {
                        keys(vw, v, "label", "value");
                        value = new Axis.Value(word(vw + ".label", require(vw, v, "label")), Map.of(key, require(vw, v, "value")), vw, doc.line(vw));
                    } else if (v.isValueNode()) {
                        value = new Axis.Value(label(vw, v.asText()), Map.of(key, v), vw, doc.line(vw));
                    } else {
                        throw doc.error(vw, "a list value needs {label, value}");
                    }
                } else {
                    if (!v.isObject()) throw doc.error(vw, "without key, each value is {label, set: {KEY: VALUE, ...}}");
                    keys(vw, v, "label", "set");
                    value = new Axis.Value(word(vw + ".label", require(vw, v, "label")), pathMap(vw + ".set", require(vw, v, "set")), vw, doc.line(vw));
                }
                if (!labels.add(value.label())) throw doc.error(vw, "label " + Quoted.of(value.label()) + " is used twice in this axis");
                vs.add(value);
            }
            out.add(new Axis(name, vs));
        }
        return out;
    }

    private Map<String, JsonNode> pathMap(String where, JsonNode n) {
        if (!n.isObject()) throw doc.error(where, "expected a mapping of scenario key paths to values");
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            checkPath(where + "." + e.getKey(), e.getKey());
            out.put(e.getKey(), e.getValue());
        }
        if (out.isEmpty()) throw doc.error(where, "set at least one key");
        return out;
    }

    private void checkPath(String where, String path) {
        try {
            ScenarioTree.parsePath(path);
        } catch (IllegalArgumentException e) {
            throw doc.error(where, e.getMessage());
        }
    }

    private String label(String where, String s) {
        if (s.isEmpty() || !s.matches("[A-Za-z0-9._+-]+")) {
            throw doc.error(where, Quoted.of(s) + " cannot be a label (use letters, digits, . _ + -), or give {label, value}");
        }
        return s;
    }

    private String word(String where, JsonNode n) {
        if (!n.isValueNode()) throw doc.error(where, "expected a single value");
        String s = n.asText();
        if (!s.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) throw doc.error(where, Quoted.of(s) + " is not a name (letters, digits, . _ + -)");
        return s;
    }

    /** A value as the user wrote it, for names and messages: a scalar's text, a list's or mapping's JSON (not ''). */
    private static String shown(JsonNode n) {
        return n.isValueNode() ? n.asText() : n.toString();
    }

    private void keys(String where, JsonNode n, String... allowed) {
        if (!n.isObject()) throw doc.error(where, "expected a mapping of keys to values");
        Set<String> known = Set.of(allowed);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw doc.error(where.isEmpty() ? k : where + "." + k, "unknown key (expected one of: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    private JsonNode require(String where, JsonNode n, String key) {
        JsonNode v = n.get(key);
        String f = where.isEmpty() ? key : where + "." + key;
        if (v == null || v.isNull()) throw new InputException(doc.source(), f, doc.line(where), "required field is missing");
        return v;
    }

    private JsonNode list(String where, JsonNode n) {
        if (!n.isArray()) throw doc.error(where, "expected a list");
        return n;
    }

    private long integer(String where, JsonNode n, long min, long max) {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) throw doc.error(where, Quoted.of(shown(n)) + " is not a whole number");
        long v = n.asLong();
        if (v < min || v > max) throw doc.error(where, v + " is out of range " + min + ".." + max);
        return v;
    }

    /** A total utilisation: positive and at most what the largest host can serve, {@link #MAX_UTILIZATION}. */
    private BigDecimal utilization(String where, JsonNode n) {
        BigDecimal u = positive(where, n);
        if (u.compareTo(BigDecimal.valueOf(MAX_UTILIZATION)) > 0) {
            throw doc.error(where, "must be at most " + MAX_UTILIZATION + " (one per pCPU of the largest host), not "
                    + u.toPlainString());
        }
        return u;
    }

    /** A positive number whose exponent is within ±{@link BoundedDecimal#MAX_EXPONENT}, so that it prints short. */
    private BigDecimal positive(String where, JsonNode n) {
        if (!n.isNumber()) throw doc.error(where, Quoted.of(shown(n)) + " is not a number");
        BigDecimal v = n.decimalValue();
        if (Math.abs((long) v.scale()) > BoundedDecimal.MAX_EXPONENT) {
            throw doc.error(where, Quoted.of(v.toString()) + " is out of range (exponent beyond ±" + BoundedDecimal.MAX_EXPONENT + ")");
        }
        if (v.signum() <= 0) throw doc.error(where, "must be positive, not " + v.toPlainString());
        return v;
    }

    private long time(String where, JsonNode n) {
        if (!n.isValueNode() || n.isBoolean()) throw doc.error(where, Quoted.of(shown(n)) + " is not a time (use e.g. 10ms, 500us)");
        long ns;
        try {
            ns = Time.parse(n.asText());
        } catch (IllegalArgumentException e) {
            throw doc.error(where, e.getMessage());
        }
        if (ns <= 0) throw doc.error(where, "must be positive");
        return ns;
    }
}
