package org.rtxen.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rtxen.engine.RunProgress;
import org.rtxen.engine.Simulation;
import org.rtxen.io.InputException;
import org.rtxen.io.ResultFormat;
import org.rtxen.io.ScenarioReader;
import org.rtxen.io.SimulationVerdict;
import org.rtxen.model.Scenario;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Schedulers;
import org.rtxen.timeline.XentraceWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rtxen simulate SCENARIO.yaml}: reads a scenario, simulates it and prints what it measured. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate a Xen host running the scenario's domains and print per-domain, per-VCPU, per-task "
                + "and per-pCPU results, ending with one verdict line.", "The scenario format is in docs/scenario.md; the "
                + "--trace, --jobs and --xentrace files are described in docs/outputs.md."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the simulation ran", "2:bad input (the message names the file, line and field)",
                "3:--max-events or --timeout stopped the run: the results printed are partial",
                "70:internal error"})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "the scenario YAML file")
    private Path scenarioFile;

    @Option(names = "--json", description = "print the result as JSON (times in ns) instead of tables")
    private boolean json;

    @Mixin
    private RunOptions run;

    @Mixin
    private SimulationLimits limits;

    @Option(names = "--trace", paramLabel = "FILE.json",
            description = "also write a timeline as Chrome/Perfetto trace-event JSON (open it at ui.perfetto.dev)")
    private Path traceFile;

    @Option(names = "--jobs", paramLabel = "FILE.csv", description = "also write one CSV row per job")
    private Path jobsFile;

    @Option(names = "--xentrace", paramLabel = "FILE",
            description = "also write a xentrace binary file with a 1 GHz TSC (xenalyze --cpu-hz 1G reads it)")
    private Path xentraceFile;

    @Override
    public Integer call() {
        Scenario scenario = run.apply(ScenarioReader.read(scenarioFile));
        int pcpus = scenario.host().pcpus();
        if (xentraceFile != null && pcpus > XentraceWriter.MAX_PCPUS) {
            throw new InputException(xentraceFile.toString(), "--xentrace", 0, "the host has " + pcpus + " pCPUs, and a"
                    + " xentrace file holds pCPUs 0.." + (XentraceWriter.MAX_PCPUS - 1) + " only (xenalyze's MAX_CPUS,"
                    + " spec xentrace.md 1.3)");
        }
        Simulation simulation = Simulation.of(scenario, Schedulers.factory());
        PrintWriter err = spec.commandLine().getErr();
        RunProgress progress = limits.progress(err);
        long start = System.nanoTime();
        Optional<TimelineFiles> opened = limits.open(
                open -> TimelineFiles.open(scenarioFile, traceFile, jobsFile, xentraceFile, open), TimelineFiles::discard,
                progress, err);
        if (opened.isEmpty()) return Main.EXIT_STOPPED;
        TimelineFiles timelines = opened.get();
        limits.applyTo(simulation, progress, start);
        SimulationResult result;
        try {
            timelines.attachTo(simulation);
            result = simulation.run();
            timelines.finish();
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof BoundedOutputStream.Stalled stalled)) throw timelines.failed(e.getCause());
            timelines.discard();
            return limits.stalled(stalled, err);
        } catch (RuntimeException | Error e) {
            timelines.discard();
            throw e;
        } finally {
            TerminalProgress.done(progress);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(ResultFormat.JSON.format(result));
        } else {
            out.print(ResultFormat.TEXT.format(result));
            out.println(SimulationVerdict.line(result));
        }
        out.flush();
        return limits.report(result, scenario.durationNs(), err);
    }
}
