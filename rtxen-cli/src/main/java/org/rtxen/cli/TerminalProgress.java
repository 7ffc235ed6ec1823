package org.rtxen.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.rtxen.engine.RunProgress;
import org.rtxen.experiments.sweep.SweepReader;
import org.rtxen.io.ReadableUnits;

/**
 * A simulation's progress, or a sweep check's, as one line rewritten in place on standard error, at most four times a
 * second, only when standard error is a terminal (nothing otherwise, so logs and pipes stay clean); {@link #done}
 * erases it.
 */
final class TerminalProgress implements RunProgress, SweepReader.Checking {
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

    /** A sweep check's progress on {@code err} when standard error is a terminal, else a listener that prints nothing. */
    static SweepReader.Checking checking(PrintWriter err) {
        return Terminal.standardError() ? new TerminalProgress(err, "checking the sweep") : SweepReader.Checking.NONE;
    }

    @Override
    public void update(long nowNs, long durationNs, long events) {
        if (due()) {
            draw(String.format(Locale.ROOT, "%s: %s of %s (%s%%), %s events", label, ReadableUnits.time(nowNs),
                    ReadableUnits.time(durationNs), ReadableUnits.percent(nowNs, durationNs), ReadableUnits.count(events)));
        }
    }

    @Override
    public void checked(int done, int points) {
        if (due()) {
            draw(String.format(Locale.ROOT, "%s: %s of %s utilisation points (%s%%)", label, ReadableUnits.count(done),
                    ReadableUnits.count(points), ReadableUnits.percent(done, points)));
        }
    }

    /** Whether a quarter of a second has passed since the line was last drawn (or the work started). */
    private boolean due() {
        long wall = System.nanoTime();
        if (wall - lastNs < EVERY_NS) return false;
        lastNs = wall;
        return true;
    }

    /** Draws {@code what} and the seconds so far over the line shown before. */
    private void draw(String what) {
        print(what + ", " + (lastNs - startNs) / 1_000_000_000L + "s");
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

    /** Erases the line of {@code progress}, one of the listeners above, if it showed one. */
    static void done(Object progress) {
        if (!(progress instanceof TerminalProgress t)) return;
        synchronized (t) {
            if (t.shown == 0) return;
            t.err.print("\r" + " ".repeat(t.shown) + "\r");
            t.err.flush();
            t.shown = 0;
        }
    }
}
