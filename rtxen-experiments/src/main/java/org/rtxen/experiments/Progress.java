package org.rtxen.experiments;

import java.io.PrintWriter;
import java.util.Locale;

/** Reports a sweep's progress: a bar with an ETA on a terminal, plain lines otherwise. */
public interface Progress {
    /** The sweep starts: {@code total} runs, of which {@code done} are already stored. */
    void start(int total, int done);

    /** One more run is stored (recorded in the journal: it survives a kill); {@code done} of {@code total} now. */
    void stored(int done, int total);

    /** The sweep ends: its runs are all stored, or a timeout stopped it (what follows starts on a line of its own). */
    void finish();

    /** No output. */
    Progress NONE = new Progress() {
        @Override
        public void start(int total, int done) {}

        @Override
        public void stored(int done, int total) {}

        @Override
        public void finish() {}
    };

    /** A redrawn bar with the rate and the time left, for a terminal. */
    static Progress bar(PrintWriter out) {
        return new Clocked(out, true);
    }

    /** A line per 5% or per 10 seconds, whichever comes first, for logs and pipes. */
    static Progress lines(PrintWriter out) {
        return new Clocked(out, false);
    }

    /** The two formats share their clock and ETA. */
    final class Clocked implements Progress {
        private static final int WIDTH = 30;
        /** Seconds of running before the rate is taken to say when the sweep ends. */
        private static final double WARM_SECONDS = 5;
        private final PrintWriter out;
        private final boolean terminal;
        private long startNs;
        private int startDone;
        private long lastPrintNs;
        private int lastPercent;
        /** Whether the terminal's bar is on the current line, which {@link #finish} then ends. */
        private boolean barShown;

        private Clocked(PrintWriter out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public void start(int total, int done) {
            startNs = System.nanoTime();
            lastPrintNs = startNs;
            startDone = done;
            out.printf(Locale.ROOT, "sweep: %d runs, %d stored already, %d to run%n", total, done, total - done);
            out.flush();
        }

        @Override
        public void stored(int done, int total) {
            long now = System.nanoTime();
            int percent = (int) (100L * done / Math.max(1, total));
            boolean due = terminal ? now - lastPrintNs > 200_000_000L || done == total
                    : percent / 5 > lastPercent / 5 || now - lastPrintNs > 10_000_000_000L || done == total;
            if (!due) return;
            lastPrintNs = now;
            lastPercent = percent;
            double seconds = (now - startNs) / 1e9;
            int ran = done - startDone;
            double rate = seconds > 0 ? ran / seconds : 0;
            // The first runs are cold (the JIT still compiling): their rate once promised thousands of hours.
            String eta = rate > 0 && seconds >= WARM_SECONDS ? clock((total - done) / rate) : "--:--";
            if (terminal) {
                int filled = WIDTH * done / Math.max(1, total);
                out.printf(Locale.ROOT, "\r[%s%s] %d/%d %3d%%  %.1f runs/s  ETA %s ", "#".repeat(filled),
                        " ".repeat(WIDTH - filled), done, total, percent, rate, eta);
                barShown = true;
            } else {
                out.printf(Locale.ROOT, "sweep: %d/%d runs (%d%%), %.1f runs/s, %s left%n", done, total, percent, rate, eta);
            }
            out.flush();
        }

        @Override
        public void finish() {
            if (barShown) out.println();
            barShown = false;
            out.flush();
        }

        private static String clock(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                    : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
    }
}
