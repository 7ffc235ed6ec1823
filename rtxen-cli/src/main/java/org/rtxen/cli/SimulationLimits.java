package org.rtxen.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.rtxen.engine.RunProgress;
import org.rtxen.engine.Simulation;
import org.rtxen.io.InputException;
import org.rtxen.io.OutputFile;
import org.rtxen.io.ReadableUnits;
import org.rtxen.model.result.SimulationResult;
import picocli.CommandLine.Option;

/**
 * The {@code --max-events} and {@code --timeout} bounds of a simulation (a picocli mixin of {@code simulate} and
 * {@code report}): a bounded run stops cleanly, keeps what it measured up to the time reached, and the command says
 * so on one line and exits {@link Main#EXIT_STOPPED}. {@code --timeout} also bounds the opening of the output files
 * before the run (a FIFO waits for its reader), and the run gets what that left of it; a write to a FIFO waits for its
 * reader to read until shortly after it.
 */
final class SimulationLimits {
    /**
     * How long after --timeout a write to a FIFO output may still wait for its reader: the run stops at the timeout,
     * and its files are finished after it.
     */
    static final long FINISH_MS = 2_000;

    @Option(names = "--max-events", paramLabel = "N",
            description = "stop after N engine events; the results so far are printed, marked partial (exit status 3)")
    private Long maxEvents;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "stop after this much wall-clock time, e.g. 30s; the results so far are printed, marked"
                    + " partial (exit status 3)")
    private String timeout;

    /**
     * Checks the options, before anything waits or runs, and returns the progress listener: a line on {@code err} when
     * it is a terminal, else one that prints nothing.
     */
    RunProgress progress(PrintWriter err) {
        if (maxEvents != null && maxEvents <= 0) {
            throw new InputException(null, "--max-events", 0, "must be at least 1, not " + maxEvents);
        }
        timeoutNs();
        return TerminalProgress.onTerminal(err);
    }

    /**
     * Opens the command's output files with {@code outputs}, which opens each through the function it is given, within
     * --timeout: a FIFO's wait for its reader is shown on the {@code progress} line, and its writes may wait for the
     * reader until {@link #FINISH_MS} after the timeout ({@link BoundedOutputStream}; see {@link #stalled}). Returns
     * what {@code outputs} returns, or empty, once the time ran out waiting, after the line on {@code err} naming what
     * it waited for; the command then exits {@link Main#EXIT_STOPPED} with no result, and what {@code outputs} opened
     * all the same (its opens ended as the time ran out) has been given to {@code discard}, which closes it and leaves
     * every file as it was.
     */
    <T> Optional<T> open(Function<Function<OutputFile, OutputStream>, T> outputs, Consumer<? super T> discard,
                         RunProgress progress, PrintWriter err) {
        AtomicReference<String> waitingFor = new AtomicReference<>("opening the output files");
        long ns = timeoutNs();
        long deadline = ns == Long.MAX_VALUE ? ns : System.nanoTime() + ns + TimeUnit.MILLISECONDS.toNanos(FINISH_MS);
        Consumer<String> waiting = what -> {
            if (what != null) waitingFor.set(what);
            TerminalProgress.show(progress, what);
        };
        Optional<T> opened = WorkLimits.within(ns, () -> outputs.apply(file -> {
            OutputStream out = file.open(waiting);
            return deadline == Long.MAX_VALUE || !file.isFifo() ? out : new BoundedOutputStream(out, deadline,
                    "writing to " + file.label() + ", whose reader stopped reading");
        }), discard);
        if (opened.isEmpty()) {
            TerminalProgress.done(progress);
            WorkLimits.stopped(timeout, ns, waitingFor.get(), err);
        }
        return opened;
    }

    /**
     * After a write to a FIFO output waited past the bound {@link #open} set: the --timeout line on {@code err} naming
     * the FIFO; returns {@link Main#EXIT_STOPPED} (the command has no result, its other outputs are as they were).
     */
    int stalled(BoundedOutputStream.Stalled e, PrintWriter err) {
        return WorkLimits.stopped(timeout, timeoutNs(), e.getMessage(), err);
    }

    /**
     * Bounds {@code simulation} by --max-events and by what is left of --timeout since {@code startNs} (a
     * {@link System#nanoTime} reading), and shows its progress on {@code progress}.
     */
    void applyTo(Simulation simulation, RunProgress progress, long startNs) {
        long ns = timeoutNs();
        long left = ns == Long.MAX_VALUE ? ns : Math.max(1, ns - (System.nanoTime() - startNs));
        simulation.limit(maxEvents == null ? Long.MAX_VALUE : maxEvents, left);
        simulation.progress(progress);
    }

    /** The wall-clock bound in ns, {@code Long.MAX_VALUE} when none was given; a bad value is bad input. */
    long timeoutNs() {
        return timeout == null ? Long.MAX_VALUE : WorkLimits.parseTimeout(timeout);
    }

    /** The {@code --timeout} option's text, for messages. */
    String timeoutText() {
        return timeout;
    }

    /**
     * After the run: nothing for a complete one; for a partial one the line saying which limit stopped it where, on
     * {@code err}. Returns the command's exit status (0 or {@link Main#EXIT_STOPPED}).
     */
    int report(SimulationResult r, long durationNs, PrintWriter err) {
        if (!r.partial()) return 0;
        String limit = r.stoppedBy().equals(Simulation.STOPPED_BY_EVENTS) ? "--max-events " + maxEvents
                : "--timeout " + timeout;
        err.println("rtxen: stopped by " + limit + " after " + ReadableUnits.count(r.events()) + " events at "
                + ReadableUnits.time(r.durationNs()) + " of " + ReadableUnits.time(durationNs)
                + " simulated; the results cover only that span (partial)");
        err.flush();
        return Main.EXIT_STOPPED;
    }
}
