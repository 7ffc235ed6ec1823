package org.rtxen.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.component.ComponentInterface;
import org.rtxen.analysis.component.ComponentInterface.Model;
import org.rtxen.analysis.component.ComponentInterface.Vcpu;
import org.rtxen.analysis.component.ComponentResult;
import org.rtxen.analysis.component.Composition;
import org.rtxen.analysis.host.HostTests;
import org.rtxen.analysis.host.ServerKind;
import org.rtxen.analysis.host.TestResult;
import org.rtxen.analysis.plan.Plan;
import org.rtxen.analysis.plan.PlanOptions;
import org.rtxen.analysis.plan.Planner;
import org.rtxen.io.InputException;
import org.rtxen.io.InputFiles;
import org.rtxen.io.OutputFile;
import org.rtxen.io.ScenarioReader;
import org.rtxen.io.analysis.AnalysisJson;
import org.rtxen.io.analysis.CartsReader;
import org.rtxen.io.analysis.CartsWriter;
import org.rtxen.io.analysis.Scaled;
import org.rtxen.io.analysis.TaskSetReader;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Names;
import org.rtxen.model.Quoted;
import org.rtxen.model.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rtxen analyze FILE}: compositional analysis of a CARTS input XML or of a scenario's guests, or host-level
 * tests of a plain task-set YAML.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Compute minimum-bandwidth interfaces (PRM, EDP, MPR, DMPR) for a CARTS input XML or for a "
                + "scenario's guests, or run schedulability tests on a task-set YAML "
                + "({cpus: N, tasks: [{period, wcet, deadline}]}).",
                "See docs/analysis.md."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:analysis done (also when infeasible: see the output)", "2:bad input",
                "3:--timeout stopped the analysis (no result)", "70:internal error"})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE",
            description = "a CARTS input .xml, a scenario .yaml (top-level domains:), or a task-set .yaml")
    private Path file;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "prm | edp | mpr | dmpr (CARTS input). prm/edp apply to EDF/RM/DM components, mpr/dmpr to "
                    + "gEDF ones; the other kind keeps its default (prm, mpr).")
    private String model;

    @Mixin
    private SbfOption sbf;

    @Mixin
    private WorkLimits limits;

    @Option(names = "--test", paramLabel = "LIST", split = ",",
            description = "task-set tests (default all): gfb,bak,bcl,bcl-iter,rta,edf,fp,ff,bf,wf,ffd,bfd,wfd")
    private List<String> tests;

    @Option(names = "--json", description = "print JSON")
    private boolean json;

    @Option(names = "--carts-xml", paramLabel = "OUT", description = "also write CARTS-compatible output XML")
    private Path cartsOut;

    @Override
    public Integer call() {
        return limits.call(this::analyze, "analysing " + file, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    private int analyze(PrintWriter out) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xml")) {
            InapplicableOptions.refuse(spec, "CARTS XML (task sets only)", "--test");
            analyzeCarts(out);
        } else if (isScenario()) {
            InapplicableOptions.refuse(spec, "a scenario", "--test", "--carts-xml");
            analyzeScenario(out);
        } else {
            InapplicableOptions.refuse(spec, "a task set", "--model", "--sbf", "--carts-xml");
            analyzeTaskSet(out);
        }
        out.flush();
        return 0;
    }

    private void analyzeCarts(PrintWriter out) {
        CartsReader.Carts carts = CartsReader.read(file);
        OutputFile xml = cartsOut == null ? null : OutputFile.claim(cartsOut, "--carts-xml", List.of(file), List.of());
        Model uni = Model.PRM;
        Model multi = Model.MPR;
        if (model != null) {
            switch (model.toLowerCase(Locale.ROOT)) {
                case "prm" -> uni = Model.PRM;
                case "edp" -> uni = Model.EDP;
                case "mpr" -> multi = Model.MPR;
                case "dmpr" -> multi = Model.DMPR;
                default -> throw new InputException(null, "--model", 0, Quoted.of(model) + " (use prm, edp, mpr or dmpr)");
            }
        }
        ComponentResult result = Composition.analyze(carts.root(), uni, multi, sbf.variant());
        if (xml != null) writeCarts(xml, result, carts.scale());
        if (json) {
            ObjectNode root = AnalysisJson.object();
            AnalysisJson.addComponents(root, result, carts.scale());
            out.println(AnalysisJson.text(root));
        } else {
            out.println("Interfaces (times in the file's own unit):");
            printTree(out, result, Names::shown, carts.scale(), Reason.fileUnit(carts.scale()), 1);
        }
    }

    /**
     * Writes the interfaces as CARTS output XML into {@code xml}, whole or not at all, and puts it in place unless
     * --timeout stopped the analysis first ({@link WorkLimits#commit}); the limits hear what a FIFO waits for.
     */
    private void writeCarts(OutputFile xml, ComponentResult result, long scale) {
        try (xml; OutputStream stream = xml.open(limits::waitingFor)) {
            CartsWriter.write(result, scale, stream);
            stream.close();
            limits.commit(List.of(xml));
        } catch (IOException e) {
            throw xml.cannotWrite(e);
        }
    }

    /** A scenario (top-level {@code domains:}) rather than a task set. */
    private boolean isScenario() {
        return InputFiles.text(file).lines().anyMatch(l -> l.startsWith("domains:"));
    }

    /** The interfaces of a scenario's guests, in microseconds (the planner's analysis without the host part). */
    private void analyzeScenario(PrintWriter out) {
        PlanOptions.GuestModel multi = PlanOptions.GuestModel.MPR;
        if (model != null) {
            switch (model.toLowerCase(Locale.ROOT)) {
                case "prm", "mpr" -> multi = PlanOptions.GuestModel.MPR;
                case "dmpr" -> multi = PlanOptions.GuestModel.DMPR;
                default -> throw new InputException(null, "--model", 0, Quoted.of(model)
                        + " (a scenario's guests use prm, and mpr or dmpr for global EDF guests)");
            }
        }
        Scenario scenario = ScenarioReader.read(file);
        Plan plan = Planner.plan(scenario, new PlanOptions(multi, sbf.variant(), 0, 0));
        Map<String, String> notAnalysed = notAnalysed(scenario, plan);
        if (json) {
            ObjectNode root = AnalysisJson.object();
            root.put("feasible", plan.domains().stream().filter(d -> !fixedSupply(d)).allMatch(d -> !d.components().isEmpty()
                    && d.components().stream().allMatch(ComponentResult::allFeasible)));
            ArrayNode components = root.putArray("components");
            for (Plan.DomainPlan d : plan.domains()) {
                for (ComponentResult c : d.components()) {
                    ObjectNode one = AnalysisJson.part();
                    AnalysisJson.addComponents(one, c, AnalysisJson.TimeFields.NS_FROM_US);
                    one.withArray("components").forEach(components::add);
                }
                if (d.components().isEmpty() && !fixedSupply(d)) {
                    components.addObject().put("name", Names.shown(d.domain())).put("feasible", false)
                            .put("reason", d.reason());
                }
            }
            ArrayNode skipped = root.putArray("not_analysed");
            notAnalysed.forEach((domain, why) -> skipped.addObject().put("domain", domain).put("reason", why));
            out.println(AnalysisJson.text(root));
            return;
        }
        out.println("Guest interfaces (times in µs; rtxen plan also checks the pools):");
        for (Plan.DomainPlan d : plan.domains()) {
            for (ComponentResult c : d.components()) {
                printTree(out, c, UnaryOperator.identity(), 1, Reason.MICROSECONDS, 1);
            }
            if (d.components().isEmpty() && !fixedSupply(d)) {
                out.printf(Locale.ROOT, "  %s: no interface: %s%n", Names.shown(d.domain()), d.reason());
            }
        }
        notAnalysed.forEach((domain, why) -> out.printf(Locale.ROOT, "  %s: no interface: %s%n", Names.shown(domain), why));
    }

    /**
     * The domains with guest tasks that get no interface without failing, in the scenario's order, each with why: an
     * ARINC653 partition (a fixed supply) or a domain of a pool the planner does not analyse (Credit, null, ...).
     */
    private static Map<String, String> notAnalysed(Scenario scenario, Plan plan) {
        Map<String, String> why = new LinkedHashMap<>();
        for (DomainSpec d : scenario.domains()) {
            Plan.DomainPlan planned = plan.domains().stream().filter(x -> x.domain().equals(d.name())).findFirst()
                    .orElse(null);
            Plan.PoolPlan pool = plan.pools().stream().filter(p -> p.pool().equals(d.pool())).findFirst().orElse(null);
            if (planned != null && fixedSupply(planned)) {
                why.put(d.name(), "its pool " + Names.shown(d.pool()) + " gives it a fixed supply (rtxen plan checks it"
                        + " against that)");
            } else if (planned == null && pool != null && !pool.analysed() && d.guest() != null
                    && !d.guest().tasks().isEmpty()) {
                why.put(d.name(), "its pool " + Names.shown(d.pool()) + " is " + pool.reason());
            }
        }
        return why;
    }

    /**
     * A domain the planner gives no interface and no reason: its pool supplies it a fixed table (ARINC653 slots) that
     * the plan checks the guest against, so there is no interface to compute.
     */
    private static boolean fixedSupply(Plan.DomainPlan d) {
        return d.components().isEmpty() && d.reason().isBlank();
    }

    private void analyzeTaskSet(PrintWriter out) {
        TaskSetReader.TaskSet set = TaskSetReader.read(file);
        List<String> names = tests == null ? HostTests.NAMES : tests;
        if (names.isEmpty()) throw new InputException(null, "--test", 0, "names no test");
        for (String n : names) {
            if (!HostTests.NAMES.contains(n)) {
                throw new InputException(null, "--test", 0, "unknown test " + Quoted.of(n) + " (known: "
                        + String.join(",", HostTests.NAMES) + ")");
            }
        }
        List<TestResult> results = HostTests.run(set.tasks(), set.cpus(), names, ServerKind.PERIODIC);
        if (json) {
            ObjectNode root = AnalysisJson.object();
            root.put("cpus", set.cpus());
            AnalysisJson.addTests(root, results);
            out.println(AnalysisJson.text(root));
            return;
        }
        out.printf(Locale.ROOT, "%d tasks on %d cpus%n", set.tasks().size(), set.cpus());
        for (TestResult r : results) {
            out.printf(Locale.ROOT, "  %-9s %-14s %s%s%n", r.test(), r.schedulable() ? "schedulable" : "not proven", r.assumption(),
                    r.reason().isEmpty() ? "" : " — " + r.reason().format(Reason.NANOSECONDS));
        }
    }

    /**
     * Prints one component per line, children indented, its name as {@code shown} gives it (a CARTS file's names
     * through {@link Names#shown}; a plan's components are labelled already), numbers in the input's unit, reasons'
     * durations in {@code unit}.
     */
    static void printTree(PrintWriter out, ComponentResult c, UnaryOperator<String> shown, long scale, Reason.Unit unit,
                          int depth) {
        ComponentInterface i = c.iface();
        String pad = "  ".repeat(depth);
        Scaled s = new Scaled(1, scale);
        if (!i.feasible()) {
            out.printf(Locale.ROOT, "%s%s (%s): infeasible: %s%n", pad, shown.apply(c.name()), i.model(), i.reason().format(unit));
        } else {
            String deadline = i.deadline() == null ? ""
                    : " deadline " + s.deadline(i.deadline(), i.budget()).toPlainString();
            String notMinimal = i.minimal() ? "" : i.lowerBound() == null ? " (not proven minimal)"
                    : " (not proven minimal; the minimum is at least " + s.lowerBound(i.lowerBound()).toPlainString()
                    + ")";
            out.printf(Locale.ROOT, "%s%s (%s %s): period %s budget %s (= %s) bandwidth %s cpus %d%s%s%n", pad, shown.apply(c.name()),
                    c.policy(), i.model(), s.exact(i.period()).toPlainString(), s.budget(i.budget()).toPlainString(),
                    i.budget().divide(scale), i.bandwidth().toDecimal(RoundingMode.CEILING).toPlainString(), i.cpus(),
                    deadline, notMinimal);
            if (i.vcpus().size() > 1) {
                StringBuilder b = new StringBuilder();
                for (Vcpu v : i.vcpus()) {
                    b.append(" (").append(s.exact(v.period()).toPlainString()).append(", ")
                            .append(s.budget(v.budget()).toPlainString()).append(')');
                }
                out.printf(Locale.ROOT, "%s  vcpus:%s%n", pad, b);
            }
        }
        for (ComponentResult child : c.children()) printTree(out, child, shown, scale, unit, depth + 1);
    }
}
