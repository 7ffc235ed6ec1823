package org.rtxen.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.component.ComponentInterface;
import org.rtxen.analysis.component.ComponentResult;
import org.rtxen.analysis.host.TestResult;
import org.rtxen.analysis.plan.Plan;
import org.rtxen.analysis.plan.PlanOptions;
import org.rtxen.analysis.plan.Planner;
import org.rtxen.io.InputException;
import org.rtxen.io.ReadableUnits;
import org.rtxen.io.ScenarioReader;
import org.rtxen.io.ScenarioWriter;
import org.rtxen.io.analysis.AnalysisJson;
import org.rtxen.io.xl.XlCommands;
import org.rtxen.model.Names;
import org.rtxen.model.Quoted;
import org.rtxen.model.Scenario;
import org.rtxen.model.Time;
import org.rtxen.sched.rtds.RtdsParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rtxen plan SCENARIO.yaml}: computes each RTDS domain's VCPU budgets from its guest's tasks, checks every
 * pool (RTDS VCPUs against the pCPUs, ARINC653 partitions against their slots; other pools are reported as not
 * analysed), and prints the verdict, the {@code xl} commands and the completed scenario; {@code --verify} then
 * simulates the plan.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Compute RTDS VCPU budgets that guarantee every guest deadline, check every pool (RTDS VCPUs"
                + " as deferrable servers on the pCPUs, ARINC653 partitions against their slots; Credit pools give no"
                + " guarantee and are reported as not analysed), charge the scenario's overheads, and print the xl"
                + " commands and the scenario with the budgets filled in. See docs/analysis.md."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:planned (the verdict is in the output)", "1:--verify found a missed deadline",
            "2:bad input", "3:--timeout stopped the planning or its verification (no result)", "70:internal error"})
public final class PlanCommand implements Callable<Integer> {
    /** What the output does with a scenario's run-time commands, after the line saying they are not analysed. */
    static final String COMMANDS_KEPT = "they are kept in the planned scenario, and --verify simulates them";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "the scenario YAML file")
    private Path scenarioFile;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "partitioned",
            description = "global guests with several VCPUs: partitioned (default: pin each task to a VCPU, sound"
                    + " for Linux and rtxen's guest) | mpr | dmpr (interfaces for a guest that migrates jobs to"
                    + " whichever VCPU runs: reported, but not a guarantee)")
    private String model;

    @Mixin
    private SbfOption sbf;

    @Mixin
    private WorkLimits limits;

    @Option(names = "--period", paramLabel = "MIN..MAX",
            description = "search each planned domain's server period in MIN..MAX (e.g. 1ms..20ms; a bare number is"
                    + " µs; one value alone: that period) and keep the least bandwidth; prints the bandwidth-vs-period"
                    + " table")
    private String period;

    @Option(names = "--verify", paramLabel = "N", arity = "0..1", fallbackValue = "10",
            description = "simulate the plan with every task released at 0 and with N random phasings (default"
                    + " 10, at most " + PlanVerifier.MAX_PHASINGS + "), every job at its WCET, and report any missed"
                    + " deadline")
    private Integer verify;

    @Option(names = "--json", description = "print JSON")
    private boolean json;

    @Override
    public Integer call() {
        return limits.call(this::plan, "planning " + scenarioFile, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    private int plan(PrintWriter out) {
        Scenario scenario = ScenarioReader.read(scenarioFile);
        XlCommands.checkNames(scenario, scenarioFile.toString());   // before the planning, which can take long
        PlanOptions.GuestModel guest = switch (model.toLowerCase(Locale.ROOT)) {
            case "partitioned" -> PlanOptions.GuestModel.PARTITIONED;
            case "mpr" -> PlanOptions.GuestModel.MPR;
            case "dmpr" -> PlanOptions.GuestModel.DMPR;
            default -> throw new InputException(null, "--model", 0, Quoted.of(model) + " (use partitioned, mpr or dmpr)");
        };
        long[] range = periodRange();
        if (verify != null && (verify < 0 || verify > PlanVerifier.MAX_PHASINGS)) {
            throw new InputException(null, "--verify", 0, "must be from 0 to " + PlanVerifier.MAX_PHASINGS + ", not "
                    + verify);
        }
        Plan plan = Planner.plan(scenario, new PlanOptions(guest, sbf.variant(), range[0], range[1]));
        List<String> xl = XlCommands.forScenario(plan.planned());
        String printed = ScenarioWriter.yaml(plan.planned());
        // The scenario as printed, read back: a command's parameters follow the planned ones it changes.
        PlanVerifier.Result verified = verify == null ? null
                : PlanVerifier.verify(ScenarioReader.parse(printed, "the planned scenario"), verify, scenario.seed(),
                        spec.commandLine().getErr());
        if (json) {
            out.println(AnalysisJson.text(json(plan, xl, printed, verified)));
        } else {
            text(out, plan, xl, printed, verified);
        }
        out.flush();
        return verified != null && !verified.misses().isEmpty() ? 1 : 0;
    }

    /** {min, max} in µs from {@code --period}, or {0, 0}. */
    private long[] periodRange() {
        if (period == null) return new long[] {0, 0};
        String[] parts = period.split("\\.\\.", -1);
        if (parts.length > 2 || parts[0].isBlank()) {
            throw new InputException(null, "--period", 0, Quoted.of(period) + " (use MIN..MAX, e.g. 1ms..20ms)");
        }
        long min = micros(parts[0]);
        long max = parts.length == 2 ? micros(parts[1]) : min;
        if (min < RtdsParams.MIN_NS / Time.US || max < min || max > RtdsParams.MAX_PERIOD_NS / Time.US) {
            throw new InputException(null, "--period", 0, Quoted.of(period) + ": need " + Time.format(RtdsParams.MIN_NS)
                    + " <= MIN <= MAX <= " + RtdsParams.MAX_PERIOD_NS / Time.US + "us (R35, R36)");
        }
        return new long[] {min, max};
    }

    private static long micros(String text) {
        String t = text.trim();
        long ns;
        try {
            ns = t.matches("\\d+") ? Math.multiplyExact(Long.parseLong(t), Time.US) : Time.parse(t);
        } catch (RuntimeException e) {
            throw new InputException(null, "--period", 0, Quoted.of(text) + " is not a time (e.g. 5ms, 500us)");
        }
        if (ns % Time.US != 0) throw new InputException(null, "--period", 0, Quoted.of(text) + ": whole µs only");
        return ns / Time.US;
    }

    // ------------------------------------------------------------------------------------------------------ JSON

    private static ObjectNode json(Plan plan, List<String> xl, String printed, PlanVerifier.Result verified) {
        ObjectNode root = AnalysisJson.object();
        root.put("schedulable", plan.schedulable());
        root.put("overheads", plan.overheads());
        ArrayNode notAnalysed = root.putArray("not_analysed");
        plan.notAnalysed().forEach(p -> notAnalysed.add(p.pool()));
        if (!plan.extraTimeOff().isEmpty()) {
            ObjectNode off = root.putObject("extratime_off");
            ArrayNode names = off.putArray("domains");
            plan.extraTimeOff().forEach(names::add);
            off.put("why", Plan.EXTRA_TIME_OFF_WHY);
        }
        if (!plan.planned().commands().isEmpty()) {
            ObjectNode commands = root.putObject("commands_not_analysed");
            commands.put("count", plan.planned().commands().size());
            commands.put("from_ns", plan.planned().commands().get(0).atNs());
            commands.put("why", plan.commandsNotAnalysed() + "; " + COMMANDS_KEPT);
        }
        ArrayNode domains = root.putArray("domains");
        for (Plan.DomainPlan d : plan.domains()) {
            ObjectNode o = domains.addObject();
            o.put("name", d.domain());
            o.put("pool", d.pool());
            o.put("feasible", d.feasible());
            if (!d.reason().isEmpty()) o.put("reason", d.reason());
            o.put("assumption", d.assumption());
            if (!d.advice().isEmpty()) o.put("advice", d.advice());
            ArrayNode components = o.putArray("components");
            for (ComponentResult c : d.components()) {
                ObjectNode tmp = AnalysisJson.part();
                AnalysisJson.addComponents(tmp, c, AnalysisJson.TimeFields.NS_FROM_US);
                tmp.withArray("components").forEach(components::add);
            }
            ArrayNode servers = o.putArray("servers");
            for (Plan.Server s : d.servers()) {
                ObjectNode so = servers.addObject();
                so.put("vcpu", s.vcpu());
                so.put("period_ns", s.periodNs());
                so.put("budget_ns", s.budgetNs());
                so.put("guest_budget_ns", s.guestBudgetNs());
                so.put("overhead_ns", s.overheadNs());
                ArrayNode tasks = so.putArray("tasks");
                s.tasks().forEach(tasks::add);
            }
            if (!d.periods().isEmpty()) {
                ArrayNode table = o.putArray("period_search");
                for (Plan.PeriodOption p : d.periods()) {
                    ObjectNode row = table.addObject();
                    row.put("period_ns", p.periodNs());
                    if (p.bandwidth() == null) row.putNull("bandwidth");
                    else row.put("bandwidth", p.bandwidth().toDecimal(RoundingMode.CEILING));
                }
            }
        }
        ArrayNode pools = root.putArray("pools");
        for (Plan.PoolPlan p : plan.pools()) {
            ObjectNode o = pools.addObject();
            o.put("name", p.pool());
            o.put("scheduler", p.scheduler());
            o.put("pcpus", p.pcpus());
            o.put("analysed", p.analysed());
            o.put("schedulable", p.schedulable());
            if (!p.reason().isEmpty()) o.put("reason", p.reason());
            AnalysisJson.addTests(o, p.tests());
        }
        ArrayNode commands = root.putArray("xl");
        xl.forEach(commands::add);
        root.put("scenario", printed);
        if (verified != null) {
            ObjectNode v = root.putObject("verify");
            v.put("runs", verified.runs());
            ArrayNode misses = v.putArray("misses");
            for (PlanVerifier.Miss m : verified.misses()) {
                ObjectNode mo = misses.addObject();
                mo.put("run", m.run());
                mo.put("domain", m.domain());
                mo.put("task", m.task());
                mo.put("job", m.job());
                mo.put("release_ns", m.releaseNs());
                mo.put("deadline_ns", m.deadlineNs());
                if (m.completedNs() >= 0) mo.put("completed_ns", m.completedNs());
                else mo.putNull("completed_ns");
            }
        }
        return root;
    }

    // ------------------------------------------------------------------------------------------------------ text

    private void text(PrintWriter out, Plan plan, List<String> xl, String printed,
                      PlanVerifier.Result verified) {
        out.println(headline(plan));
        out.println("  overheads charged: " + plan.overheads());
        if (!plan.commandsNotAnalysed().isEmpty()) {
            out.println("  commands: " + plan.commandsNotAnalysed() + "; " + COMMANDS_KEPT);
        }
        if (!plan.extraTimeOff().isEmpty()) {
            out.println("  extratime turned off for " + extraTimeOff(plan) + ": " + Plan.EXTRA_TIME_OFF_WHY);
        }
        out.println();
        out.println("Domains:");
        List<String> unanalysed = plan.notAnalysed().stream().map(Plan.PoolPlan::pool).toList();
        for (Plan.DomainPlan d : plan.domains()) {
            out.printf(Locale.ROOT, "  %s (pool %s): %s%n", Names.shown(d.domain()), Names.shown(d.pool()),
                    !d.feasible() ? "NOT guaranteed: " + d.reason()
                    : unanalysed.contains(d.pool()) ? "interface found, NOT guaranteed: its pool is not analysed"
                    : "every deadline guaranteed");
            if (!d.assumption().isEmpty()) out.printf(Locale.ROOT, "    assumes: %s%n", d.assumption());
            for (ComponentResult c : d.components()) {
                ComponentInterface i = c.iface();
                if (!i.feasible()) continue;
                out.printf(Locale.ROOT, "    %s: %s interface, period %s, budget %s%s%n", c.name(), i.model(),
                        Time.format(i.period() * Time.US), Reason.MICROSECONDS.format(i.budget()), i.cpus() > 1 ? " over " + i.cpus()
                                + " VCPUs" : "");
            }
            for (Plan.Server s : d.servers()) {
                out.printf(Locale.ROOT, "    vcpu%d: period %s, budget %s (guest %s + overhead %s)%s%n", s.vcpu(),
                        Time.format(s.periodNs()), Time.format(s.budgetNs()), Time.format(s.guestBudgetNs()),
                        Time.format(s.overheadNs()), s.tasks().isEmpty() ? ", no tasks"
                                : ", tasks " + String.join(", ", s.tasks().stream().map(Names::shown).toList()));
            }
            if (!d.advice().isEmpty()) out.printf(Locale.ROOT, "    advice: %s%n", d.advice());
            if (!d.periods().isEmpty()) {
                out.println("    period search (bandwidth = Σ budget/period, overheads included):");
                long planned = d.servers().isEmpty() ? -1 : d.servers().get(0).periodNs();
                for (Plan.PeriodOption p : d.periods()) {
                    out.printf(Locale.ROOT, "      %-10s %s%s%n", Time.format(p.periodNs()), p.bandwidth() == null ? "no budget fits"
                            : String.format(Locale.ROOT, "%.2f%% of a pCPU", p.bandwidth().doubleValue() * 100),
                            p.periodNs() == planned ? "  <- planned" : "");
                }
            }
        }
        out.println();
        out.println("Pools:");
        for (Plan.PoolPlan p : plan.pools()) {
            out.printf(Locale.ROOT, "  %s (%s, %d pCPU%s): %s%n", Names.shown(p.pool()), p.scheduler(), p.pcpus(),
                    p.pcpus() == 1 ? "" : "s", !p.analysed() ? p.reason()
                    : p.schedulable() ? "schedulable" : "NOT schedulable: " + p.reason());
            for (TestResult r : p.tests()) {
                out.printf(Locale.ROOT, "    %-28s %-6s %s%s%n", r.test(), r.schedulable() ? "passes" : "fails", r.assumption(),
                        r.reason().isEmpty() ? "" : " — " + r.reason().format(Reason.NANOSECONDS));
            }
            if (period == null && failsOnlyAtThePoolTest(plan, p)) {
                out.println("    the servers keep the scenario's periods: --period MIN..MAX searches others for each"
                        + " domain, and one period for all of them");
            }
        }
        if (verified != null) {
            out.println();
            out.printf(Locale.ROOT, "Verification: %d simulated runs (synchronous release and random phasings, WCET jobs): %s%n",
                    verified.runs(), verified.misses().isEmpty() ? "no deadline missed"
                            : verified.misses().size() + " with a missed deadline");
            for (PlanVerifier.Miss m : verified.misses()) {
                out.printf(Locale.ROOT, "  %s: %s.%s job %d released at %s, due at %s, %s%n", m.run(), Names.shown(m.domain()),
                        Names.shown(m.task()),
                        m.job(), Time.format(m.releaseNs()), Time.format(m.deadlineNs()), m.completedNs() < 0
                                ? "not finished by the end of the run" : "completed at " + Time.format(m.completedNs()));
            }
        }
        out.println();
        out.println("xl commands:");
        for (String line : xl) out.println("  " + line);
        out.println();
        out.println("Scenario with the planned parameters:");
        out.print(printed);
    }

    /** Whether an analysed pool fails while every domain in it got servers (what a period search may change). */
    private static boolean failsOnlyAtThePoolTest(Plan plan, Plan.PoolPlan pool) {
        if (!pool.analysed() || pool.schedulable()) return false;
        List<Plan.DomainPlan> served = plan.domains().stream()
                .filter(d -> d.pool().equals(pool.pool()) && !d.servers().isEmpty()).toList();
        return !served.isEmpty() && served.stream().allMatch(Plan.DomainPlan::feasible);
    }

    /** The domains whose extratime the plan turned off, as a line lists them. */
    private static String extraTimeOff(Plan plan) {
        return ReadableUnits.someOf(plan.extraTimeOff().stream().map(Names::shown).toList(), "in the xl commands");
    }

    /** The verdict for the whole host, naming what fails and saying what it does not cover. */
    static String headline(Plan plan) {
        if (plan.schedulable()) {
            return "schedulable: every guest deadline on every pool is guaranteed" + (plan.extraTimeOff().isEmpty()
                    ? "" : " with the planned parameters (extratime off for " + extraTimeOff(plan) + ")");
        }
        List<Plan.PoolPlan> skipped = plan.notAnalysed();
        boolean restPasses = plan.domains().stream().allMatch(Plan.DomainPlan::feasible)
                && plan.pools().stream().filter(Plan.PoolPlan::analysed).allMatch(Plan.PoolPlan::schedulable);
        List<String> uncovered = new ArrayList<>();
        if (!skipped.isEmpty()) {
            uncovered.add(skipped.size() + " pool(s) not analysed ("
                    + String.join(", ", skipped.stream().map(p -> Names.shown(p.pool()) + ": " + p.reason()).toList())
                    + ")");
        }
        if (!plan.commandsNotAnalysed().isEmpty()) uncovered.add(plan.commandsNotAnalysed());
        if (!uncovered.isEmpty() && restPasses) {
            return "NOT guaranteed for the whole host: " + String.join("; ", uncovered)
                    + (skipped.size() < plan.pools().size() ? "; every analysed pool passes" : "");
        }
        List<String> failing = new ArrayList<>();
        List<String> domains = plan.domains().stream().filter(d -> !d.feasible()).map(d -> Names.shown(d.domain()))
                .toList();
        if (!domains.isEmpty()) {
            failing.add((domains.size() == 1 ? "domain " : "domains ") + ReadableUnits.someOf(domains, "below")
                    + " not guaranteed");
        }
        List<String> pools = plan.pools().stream().filter(p -> p.analysed() && !p.schedulable())
                .map(p -> Names.shown(p.pool())).toList();
        if (!pools.isEmpty()) {
            failing.add((pools.size() == 1 ? "pool " + ReadableUnits.someOf(pools, "below") + " fails its test"
                    : "pools " + ReadableUnits.someOf(pools, "below") + " fail their tests"));
        }
        failing.addAll(uncovered);
        return "NOT schedulable: " + String.join("; ", failing) + " (see below)";
    }

}
