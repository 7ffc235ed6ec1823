package org.rtxen.cli;

import java.io.PrintWriter;
import org.rtxen.engine.RunProgress;
import org.rtxen.engine.Simulation;
import org.rtxen.io.InputException;
import org.rtxen.io.ReadableUnits;
import org.rtxen.model.result.SimulationResult;
import picocli.CommandLine.Option;

/**
 * The {@code --max-events} and {@code --timeout} bounds of a simulation (a picocli mixin of {@code simulate} and
 * {@code report}): a bounded run stops cleanly, keeps what it measured up to the time reached, and the command says
 * so on one line and exits {@link Main#EXIT_STOPPED}.
 */
final class SimulationLimits {
    @Option(names = "--max-events", paramLabel = "N",
            description = "stop after N engine events; the results so far are printed, marked partial (exit status 3)")
    private Long maxEvents;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "stop after this much wall-clock time, e.g. 30s; the results so far are printed, marked"
                    + " partial (exit status 3)")
    private String timeout;

    /** Bounds {@code simulation} by the options given and shows progress on a terminal; returns the listener. */
    RunProgress applyTo(Simulation simulation, PrintWriter err) {
        if (maxEvents != null && maxEvents <= 0) {
            throw new InputException(null, "--max-events", 0, "must be at least 1, not " + maxEvents);
        }
        simulation.limit(maxEvents == null ? Long.MAX_VALUE : maxEvents, timeoutNs());
        RunProgress progress = TerminalProgress.onTerminal(err);
        simulation.progress(progress);
        return progress;
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
