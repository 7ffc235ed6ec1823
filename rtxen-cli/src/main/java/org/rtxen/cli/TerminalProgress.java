package org.rtxen.cli;

import java.io.PrintWriter;
import org.rtxen.engine.RunProgress;
import org.rtxen.io.ReadableUnits;

/**
 * A simulation's progress as one line rewritten in place on standard error, at most four times a second, only when
 * standard error is a terminal (nothing otherwise, so logs and pipes stay clean); {@link #done()} erases it.
 */
final class TerminalProgress implements RunProgress {
    private static final long EVERY_NS = 250_000_000L;
    private final PrintWriter err;
    /** What the line says is running: "simulating", or which of several runs. */
    private final String label;
    private final long startNs = System.nanoTime();
    private long lastNs = startNs;
    private int shown;

    private TerminalProgress(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    /** Progress on {@code err} when standard error is a terminal, else a listener that prints nothing. */
    static RunProgress onTerminal(PrintWriter err) {
        return onTerminal(err, "simulating");
    }

    /** The same, its line starting with {@code label} (e.g. "verifying, run 3 of 11") instead of "simulating". */
    static RunProgress onTerminal(PrintWriter err, String label) {
        return Terminal.standardError() ? new TerminalProgress(err, label) : (now, duration, events) -> { };
    }

    @Override
    public void update(long nowNs, long durationNs, long events) {
        long wall = System.nanoTime();
        if (wall - lastNs < EVERY_NS) return;
        lastNs = wall;
        print(String.format(java.util.Locale.ROOT, "%s: %s of %s (%s%%), %s events, %ds",
                label, ReadableUnits.time(nowNs), ReadableUnits.time(durationNs), ReadableUnits.percent(nowNs, durationNs),
                ReadableUnits.count(events), (wall - startNs) / 1_000_000_000L));
    }

    /** Writes {@code line} over the one shown. */
    private synchronized void print(String line) {
        err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
        err.flush();
        shown = line.length();
    }

    /**
     * Shows {@code line} (what the command waits for before its run, from another thread too) in place of the progress
     * line on a terminal, or erases it when null.
     */
    static void show(RunProgress p, String line) {
        if (!(p instanceof TerminalProgress t)) return;
        if (line == null) {
            done(t);
        } else {
            t.print(line);
        }
    }

    /** Erases the progress line, if one was shown. */
    static void done(RunProgress p) {
        if (!(p instanceof TerminalProgress t)) return;
        synchronized (t) {
            if (t.shown == 0) return;
            t.err.print("\r" + " ".repeat(t.shown) + "\r");
            t.err.flush();
            t.shown = 0;
        }
    }
}
