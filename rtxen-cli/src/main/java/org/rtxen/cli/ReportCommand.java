package org.rtxen.cli;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.component.ComponentInterface;
import org.rtxen.analysis.component.ComponentResult;
import org.rtxen.analysis.plan.Plan;
import org.rtxen.analysis.plan.PlanOptions;
import org.rtxen.analysis.plan.Planner;
import org.rtxen.engine.RunProgress;
import org.rtxen.engine.Simulation;
import org.rtxen.io.InputException;
import org.rtxen.io.OutputFile;
import org.rtxen.io.ReadableUnits;
import org.rtxen.io.ScenarioReader;
import org.rtxen.io.SimulationVerdict;
import org.rtxen.model.Names;
import org.rtxen.model.Quoted;
import org.rtxen.model.Scenario;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.ResponseStats;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.model.result.VcpuResult;
import org.rtxen.sched.Schedulers;
import org.rtxen.timeline.PerfettoTraceWriter;
import org.rtxen.timeline.report.HtmlReport;
import org.rtxen.timeline.report.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rtxen report SCENARIO -o report.html}: simulates the scenario, plans it, and writes one self-contained HTML
 * page with the verdicts, the plan, per-task and per-VCPU tables, a zoomable timeline and response-time histograms.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Simulate and plan a scenario and write one self-contained HTML page (no network needed): the "
                + "verdict, the plan, per-task results, a zoomable Gantt chart per pCPU, VCPU and task, and "
                + "response-time histograms.", "The page holds the whole timeline: keep --duration to seconds. "
                + "See docs/outputs.md."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the report was written", "2:bad input",
                "3:--max-events or --timeout stopped the simulation, or --timeout the planning: the report was written,"
                        + " marked partial or without the plan",
                "70:internal error"})
public final class ReportCommand implements Callable<Integer> {
    /** Above this much trace data the page would be too heavy for a browser; the user is asked to shorten the run. */
    static final int MAX_TRACE_BYTES = 200 << 20;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "the scenario YAML file")
    private Path scenarioFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.html", required = true, description = "the page to write")
    private Path output;

    @Mixin
    private RunOptions run;

    @Mixin
    private SimulationLimits limits;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "partitioned",
            description = "how the plan treats global guests with several VCPUs, as in rtxen plan: partitioned"
                    + " (default) | mpr | dmpr")
    private String model;

    @Mixin
    private SbfOption sbf;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        Scenario scenario = run.apply(ScenarioReader.read(scenarioFile));
        OutputFile page = OutputFile.claim(output, "--output", List.of(scenarioFile), List.of());
        PlanOptions.GuestModel multi = switch (model) {
            case "partitioned" -> PlanOptions.GuestModel.PARTITIONED;
            case "mpr" -> PlanOptions.GuestModel.MPR;
            case "dmpr" -> PlanOptions.GuestModel.DMPR;
            default -> throw new InputException(null, "--model", 0, Quoted.of(model) + " (use partitioned, mpr or dmpr)");
        };
        RunProgress progress = limits.progress(spec.commandLine().getErr());
        SimulationResult result;
        Optional<Plan> plan;
        try (page) {
            // Opened before the run, so that --timeout bounds a FIFO's wait for its reader too.
            Optional<OutputStream> opened = limits.open(open -> open.apply(page), WorkLimits::closeUnused, progress,
                    spec.commandLine().getErr());
            if (opened.isEmpty()) return Main.EXIT_STOPPED;
            try (Writer out = new BufferedWriter(new OutputStreamWriter(opened.get(), StandardCharsets.UTF_8))) {
                ByteArrayOutputStream trace = new CappedTrace(MAX_TRACE_BYTES);
                Simulation simulation = Simulation.of(scenario, Schedulers.factory()).trace(new PerfettoTraceWriter(trace));
                limits.applyTo(simulation, progress, started); // what reading and opening left
                try {
                    result = simulation.run();
                } catch (UncheckedIOException e) {
                    if (!(e.getCause() instanceof CappedTrace.Full)) throw e;
                    throw new InputException(null, "--duration", 0, "the timeline of "
                            + ReadableUnits.time(scenario.durationNs()) + " is too large for one page (more than "
                            + (MAX_TRACE_BYTES >> 20) + " MiB); give a shorter --duration");
                } finally {
                    TerminalProgress.done(progress);
                }
                // --timeout bounds the whole command: the planning gets what the reading and the simulation left of it.
                long timeoutNs = limits.timeoutNs();
                long left = timeoutNs == Long.MAX_VALUE ? timeoutNs : timeoutNs - (System.nanoTime() - started);
                PlanOptions options = new PlanOptions(multi, sbf.variant(), 0, 0);
                plan = WorkLimits.within(left, () -> Planner.plan(scenario, options));
                writePage(out, result, plan, trace.toByteArray());
                out.close();
                page.commit();
            } catch (BoundedOutputStream.Stalled e) {
                return limits.stalled(e, spec.commandLine().getErr());
            } catch (IOException e) {
                throw page.cannotWrite(e);
            }
        }
        spec.commandLine().getOut().println("wrote " + output + " (" + SimulationVerdict.line(result) + ")");
        spec.commandLine().getOut().flush();
        int status = limits.report(result, scenario.durationNs(), spec.commandLine().getErr());
        if (status == 0 && plan.isEmpty()) {
            spec.commandLine().getErr().println("rtxen: stopped by --timeout " + limits.timeoutText()
                    + " while planning; the report was written without the plan");
            spec.commandLine().getErr().flush();
            return Main.EXIT_STOPPED;
        }
        return status;
    }

    /** The page: both verdicts, the run's tables, the plan's when it was computed, and the timeline. */
    private void writePage(Writer out, SimulationResult result, Optional<Plan> plan, byte[] trace) throws IOException {
        List<String> verdicts = List.of("Simulation: " + SimulationVerdict.line(result),
                "Plan: " + plan.map(PlanCommand::headline)
                        .orElse("not computed: --timeout " + limits.timeoutText() + " stopped the planning"),
                "Seed " + result.seed() + ", " + result.domains().size() + " domain" + (result.domains().size() == 1 ? "" : "s")
                        + ", " + result.pcpus().size() + " pCPU" + (result.pcpus().size() == 1 ? "" : "s") + ".");
        List<Table> tables = new ArrayList<>(List.of(taskTable(result), vcpuTable(result)));
        plan.ifPresent(p -> tables.addAll(List.of(planDomainTable(p), planPoolTable(p))));
        HtmlReport.write(out, "rtxen report: " + scenarioFile.getFileName(), verdicts, tables, trace);
    }

    private static Table taskTable(SimulationResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (DomainResult d : r.domains()) {
            for (TaskResult t : d.tasks()) {
                ResponseStats s = t.response();
                boolean none = s.count() == 0;
                rows.add(List.of(Names.shown(d.name()), Names.shown(t.name()), ReadableUnits.count(t.released()),
                        ReadableUnits.count(t.completed()), ReadableUnits.count(t.missed()),
                        none ? "-" : ReadableUnits.time(s.minNs()),
                        none ? "-" : ReadableUnits.time(s.meanNs()), none ? "-" : ReadableUnits.time(s.p99Ns()),
                        none ? "-" : ReadableUnits.time(s.maxNs())));
            }
        }
        return new Table("Tasks", "Jobs released in the run, completed, and missed (late, or unfinished past the "
                + "deadline); response times from release to completion.", List.of("Domain", "Task", "Released",
                "Completed", "Missed", "Resp min", "Resp mean", "Resp p99", "Resp max"), rows);
    }

    private static Table vcpuTable(SimulationResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (DomainResult d : r.domains()) {
            for (VcpuResult v : d.vcpus()) {
                rows.add(List.of(Names.shown(d.name()), Integer.toString(v.id()), ReadableUnits.time(v.runNs()),
                        ReadableUnits.time(v.runnableNs()), ReadableUnits.time(v.blockedNs()),
                        ReadableUnits.time(v.offlineNs())));
            }
        }
        return new Table("VCPUs", "Time in each run state over the run.",
                List.of("Domain", "VCPU", "Running", "Runnable", "Blocked", "Offline"), rows);
    }

    private static Table planDomainTable(Plan plan) {
        List<List<String>> rows = new ArrayList<>();
        for (Plan.DomainPlan d : plan.domains()) {
            String domain = Names.shown(d.domain());
            if (d.components().isEmpty()) rows.add(List.of(domain, "-", "-", "-", "-", "-", d.reason()));
            for (ComponentResult c : d.components()) {
                ComponentInterface i = c.iface();
                if (!i.feasible()) {
                    rows.add(List.of(domain, c.name(), i.model().name(), "-", "-", "-",
                            i.reason().format(Reason.MICROSECONDS)));
                    continue;
                }
                StringBuilder vcpus = new StringBuilder();
                for (ComponentInterface.Vcpu v : i.vcpus()) {
                    if (vcpus.length() > 0) vcpus.append("; ");
                    vcpus.append(micros(v.budget().toDecimal(RoundingMode.CEILING))).append(" every ")
                            .append(ReadableUnits.time(v.period() * 1000));
                }
                rows.add(List.of(domain, c.name(), i.model().name(), ReadableUnits.time(i.period() * 1000),
                        micros(i.budget().toDecimal(RoundingMode.CEILING)), vcpus.toString(), i.minimal() ? "" : "not proven minimal"));
            }
        }
        return new Table("Plan: guest interfaces", "rtxen plan's budgets for each guest.",
                List.of("Domain", "Component", "Model", "Period", "Budget", "VCPU servers", "Note"), rows);
    }

    private static Table planPoolTable(Plan plan) {
        List<List<String>> rows = new ArrayList<>();
        for (Plan.PoolPlan p : plan.pools()) {
            rows.add(List.of(Names.shown(p.pool()), Integer.toString(p.pcpus()),
                    p.schedulable() ? "schedulable" : "NOT schedulable", p.reason()));
        }
        return new Table("Plan: pools", "rtxen plan's verdict for each pool.",
                List.of("Pool", "pCPUs", "Verdict", "Reason"), rows);
    }

    /** A planner time in µs (possibly fractional) in the largest readable unit. */
    private static String micros(BigDecimal us) {
        BigDecimal ns = us.movePointRight(3).stripTrailingZeros();
        return ns.scale() <= 0 ? ReadableUnits.time(ns.longValueExact()) : ns.toPlainString() + "ns";
    }

    /** The page's timeline in memory, refused as soon as it passes its cap, not once it is all there. */
    static final class CappedTrace extends ByteArrayOutputStream {
        private final int cap;

        /** The write that would have passed the cap. */
        static final class Full extends IOException {
            private static final long serialVersionUID = 1L;

            Full(int cap) {
                super("the timeline passed " + cap + " bytes");
            }
        }

        CappedTrace(int cap) {
            this.cap = cap;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (count + (long) len > cap) throw new UncheckedIOException(new Full(cap));
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            if (count + 1L > cap) throw new UncheckedIOException(new Full(cap));
            super.write(b);
        }
    }
}
