package org.rtxen.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rtxen.analysis.component.ComponentInterface.Model;
import org.rtxen.analysis.component.ComponentResult;
import org.rtxen.analysis.host.TestResult;
import org.rtxen.analysis.plan.Plan;
import org.rtxen.analysis.plan.Planner;
import org.rtxen.io.InputException;
import org.rtxen.io.ScenarioReader;
import org.rtxen.io.ScenarioWriter;
import org.rtxen.io.analysis.AnalysisJson;
import org.rtxen.io.xl.XlCommands;
import org.rtxen.model.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rtxen plan SCENARIO.yaml}: computes each RTDS domain's VCPU budgets from its guest's tasks, checks the
 * VCPUs against each pool's pCPUs, and prints the verdict, the {@code xl} commands and the completed scenario.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Compute RTDS VCPU budgets (µs) that guarantee every guest deadline, check them against the "
                + "pools' pCPUs as deferrable servers, and print the xl commands and the scenario with the budgets "
                + "filled in. Periods are the scenario's; see docs/analysis.md."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:planned (the verdict is in the output)", "2:bad input", "70:internal error"})
public final class PlanCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "the scenario YAML file")
    private Path scenarioFile;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "mpr",
            description = "interface of global EDF guests with several VCPUs: mpr (default) | dmpr")
    private String model;

    @Mixin
    private SbfOption sbf;

    @Option(names = "--json", description = "print JSON")
    private boolean json;

    @Override
    public Integer call() {
        Scenario scenario = ScenarioReader.read(scenarioFile);
        Model multi = switch (model.toLowerCase(Locale.ROOT)) {
            case "mpr" -> Model.MPR;
            case "dmpr" -> Model.DMPR;
            default -> throw new InputException(null, "--model", 0, "'" + model + "' (use mpr or dmpr)");
        };
        Plan plan = Planner.plan(scenario, multi, sbf.variant());
        List<String> xl = XlCommands.forScenario(plan.planned());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(AnalysisJson.text(json(plan, xl)));
        } else {
            text(out, plan, xl);
        }
        out.flush();
        return 0;
    }

    private static ObjectNode json(Plan plan, List<String> xl) {
        ObjectNode root = AnalysisJson.object();
        root.put("schedulable", plan.schedulable());
        ArrayNode domains = root.putArray("domains");
        for (Plan.DomainPlan d : plan.domains()) {
            ObjectNode o = domains.addObject();
            o.put("name", d.domain());
            o.put("feasible", d.feasible());
            if (!d.reason().isEmpty()) o.put("reason", d.reason());
            ArrayNode components = o.putArray("components");
            for (ComponentResult c : d.components()) {
                ObjectNode tmp = AnalysisJson.part();
                AnalysisJson.addComponents(tmp, c, AnalysisJson.TimeFields.NS_FROM_US);
                tmp.withArray("components").forEach(components::add);
            }
        }
        ArrayNode pools = root.putArray("pools");
        for (Plan.PoolPlan p : plan.pools()) {
            ObjectNode o = pools.addObject();
            o.put("name", p.pool());
            o.put("pcpus", p.pcpus());
            o.put("schedulable", p.schedulable());
            if (!p.reason().isEmpty()) o.put("reason", p.reason());
            AnalysisJson.addTests(o, p.tests());
        }
        ArrayNode commands = root.putArray("xl");
        xl.forEach(commands::add);
        root.put("scenario", ScenarioWriter.yaml(plan.planned()));
        return root;
    }

    private static void text(PrintWriter out, Plan plan, List<String> xl) {
        out.println(plan.schedulable() ? "schedulable: every planned guest deadline is guaranteed"
                : "NOT schedulable (see below)");
        out.println();
        out.println("Domains (times in µs):");
        for (Plan.DomainPlan d : plan.domains()) {
            if (d.components().isEmpty()) out.printf("  %s: no interface: %s%n", d.domain(), d.reason());
            for (ComponentResult c : d.components()) AnalyzeCommand.printTree(out, c, 1, 1);
            if (!d.feasible() && !d.components().isEmpty()) out.printf("  %s: no interface: %s%n", d.domain(), d.reason());
        }
        out.println();
        out.println("Pools:");
        for (Plan.PoolPlan p : plan.pools()) {
            out.printf("  %s (%d pCPUs): %s%n", p.pool(), p.pcpus(), p.schedulable() ? "schedulable"
                    : "NOT schedulable: " + p.reason());
            for (TestResult r : p.tests()) {
                out.printf("    %-32s %-11s %s%s%n", r.test(), r.schedulable() ? "passes" : "fails", r.assumption(),
                        r.reason().isEmpty() ? "" : " — " + r.reason());
            }
        }
        out.println();
        out.println("xl commands:");
        for (String line : xl) out.println("  " + line);
        out.println();
        out.println("Scenario with the planned parameters:");
        out.print(ScenarioWriter.yaml(plan.planned()));
    }
}
