package org.rtxen.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rtxen.engine.RunProgress;
import org.rtxen.experiments.Progress;
import org.rtxen.experiments.Summary;
import org.rtxen.experiments.SweepRunner;
import org.rtxen.experiments.run.RunOne;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.experiments.sweep.RunKeys;
import org.rtxen.experiments.sweep.RunSpec;
import org.rtxen.experiments.sweep.ScenarioBuilder;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.experiments.sweep.SweepReader;
import org.rtxen.io.InputException;
import org.rtxen.io.ReadableUnits;
import org.rtxen.io.ScenarioWriter;
import org.rtxen.model.Quoted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rtxen sweep SWEEP.yaml --out DIR}: runs a sweep in this JVM, resumably, and summarises it. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run every run of a sweep file that DIR does not hold yet, on every core, storing each result "
                + "as it finishes (DuckDB, DIR/NAME.duckdb); then write DIR/results.csv and DIR/results.parquet and "
                + "print the summary, soundness defects included. Running it again resumes. See docs/sweep.md."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:all runs stored, no soundness defect", "1:soundness defects or failed runs (listed)",
                "2:bad input", "3:--timeout stopped the sweep before its last run (running it again resumes), while"
                        + " it read and checked the sweep file (nothing stored yet), or while a FIFO export waited for its"
                        + " reader (running it again exports)",
                "70:internal error"})
public final class SweepCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP", description = "the sweep YAML file")
    private Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "directory of the store and exports (required to run)")
    private Path outDir;

    @Option(names = "--workers", paramLabel = "N", description = "worker threads (default: every core)")
    private Integer workers;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on a terminal, lines otherwise) | bar | lines | none")
    private String progress;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "stop taking new runs after this much wall-clock time from the command's start, e.g. 2h, the"
                    + " reading and checking of the sweep file included (the runs in flight finish and are stored;"
                    + " running it again resumes; exit status 3)")
    private String timeout;

    @Option(names = "--scenario", paramLabel = "RUN",
            description = "print the scenario of the run with this key (the run column) and exit, to simulate, analyse or plan it alone")
    private String runKey;

    @Override
    public Integer call() {
        long started = System.nanoTime(); // --timeout counts from here: the reading and the check take their share
        if (runKey != null) return printScenario();
        if (outDir == null) throw new InputException(null, "--out", 0, "give the directory of the results: --out DIR");
        if (outDir.toString().isEmpty()) throw new InputException(null, "--out", 0, "the path is empty");
        Path out = outDir;
        int n = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
        if (n < 1) throw new InputException(null, "--workers", 0, "must be at least 1");
        long timeoutNs = timeout == null ? Long.MAX_VALUE : WorkLimits.parseTimeout(timeout);
        PrintWriter err = spec.commandLine().getErr();
        Progress p = switch (progress) {
            case "auto" -> Terminal.standardError() ? Progress.bar(err) : Progress.lines(err);
            case "bar" -> Progress.bar(err);
            case "lines" -> Progress.lines(err);
            case "none" -> Progress.NONE;
            default -> throw new InputException(null, "--progress", 0, Quoted.of(progress) + " (use auto, bar, lines or none)");
        };
        // Checking a sweep can take a while where it draws the points' task sets (docs/performance.md, "Sweeps").
        SweepReader.Checking checking = progress.equals("none") ? SweepReader.Checking.NONE : TerminalProgress.checking(err);
        Optional<Sweep> read;
        try {
            read = WorkLimits.within(left(timeoutNs, started), () -> SweepReader.read(file, checking));
        } finally {
            TerminalProgress.done(checking);
        }
        if (read.isEmpty()) {
            err.println("rtxen: " + WorkLimits.stoppedBy(timeout, timeoutNs) + " while reading and checking " + file
                    + ", before any run: nothing was stored, and running it again checks the file again from the start");
            err.flush();
            return Main.EXIT_STOPPED;
        }
        Sweep sweep = read.get();
        RunProgress waitingLine = progress.equals("none") ? (now, duration, events) -> { }
                : TerminalProgress.onTerminal(err, "exporting");
        Summary s;
        try {
            BoundedExports exports = new BoundedExports(started, timeoutNs, waitingLine);
            s = SweepRunner.run(sweep, out, n, p, left(timeoutNs, started), exports);
        } catch (BoundedExports.Stopped e) {
            err.println("rtxen: " + WorkLimits.stoppedBy(timeout, timeoutNs) + " while " + e.getMessage() + "; every run"
                    + " is stored in " + out + ", none exported: running it again exports them");
            err.flush();
            return Main.EXIT_STOPPED;
        }
        if (s.runs() < sweep.runCount()) {
            err.println("rtxen: --timeout " + timeout + " stopped the sweep with " + ReadableUnits.count(s.runs()) + " of "
                    + ReadableUnits.count(sweep.runCount()) + " runs stored in " + out + "; running it again resumes");
            err.flush();
            return Main.EXIT_STOPPED;
        }
        PrintWriter o = spec.commandLine().getOut();
        s.print(o);
        o.println("results: " + out.resolve(ResultStore.CSV) + ", " + out.resolve(ResultStore.PARQUET));
        o.flush();
        return s.defects().isEmpty() && s.errors().isEmpty() ? 0 : 1;
    }

    /** What is left of the bound {@code timeoutNs} since {@code started} (a {@link System#nanoTime} reading). */
    private static long left(long timeoutNs, long started) {
        return timeoutNs == Long.MAX_VALUE ? timeoutNs : timeoutNs - (System.nanoTime() - started);
    }

    private int printScenario() {
        Sweep sweep = SweepReader.read(file);
        int index = new RunKeys(sweep).indexOf(runKey);
        if (index < 0) throw new InputException(null, "--scenario", 0, "the sweep has no run " + Quoted.of(runKey));
        RunSpec run = sweep.runs().get(index);
        PrintWriter o = spec.commandLine().getOut();
        o.println("# " + file + ", run " + run.key() + " (seed " + run.seed() + ")");
        if (sweep.vcpus() == Sweep.VcpuMode.PLANNED) {
            o.println("# with the VCPU budgets the run plans (vcpus: planned)");
            o.print(ScenarioWriter.yaml(RunOne.simulated(sweep, run)));
        } else {
            o.print(ScenarioBuilder.text(sweep, run).yaml());
        }
        o.flush();
        return 0;
    }
}
