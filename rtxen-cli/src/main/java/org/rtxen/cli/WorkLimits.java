package org.rtxen.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rtxen.io.InputException;
import org.rtxen.io.ReadableUnits;
import org.rtxen.model.Time;
import picocli.CommandLine.Option;

/**
 * The {@code --timeout} bound of a long command (a picocli mixin): the command's work runs on a worker thread and is
 * interrupted when the time is up; the analysis searches, simulations and waits for a FIFO output's reader look at the
 * interrupt and stop, and the command says so on one line and exits {@link Main#EXIT_STOPPED}.
 */
final class WorkLimits {
    /** How long an interrupted worker may take to notice before the command gives up waiting for it. */
    private static final long GRACE_MS = 2_000;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "stop after this much wall-clock time, e.g. 30s or 500ms (exit status 3)")
    private String timeout;

    /** What the work waits for now (a FIFO's reader), which the --timeout message names instead of the work; or null. */
    private volatile String waitingFor;

    /** The wall-clock bound in ns, {@code Long.MAX_VALUE} when none was given; a bad value is bad input. */
    long timeoutNs() {
        return timeout == null ? Long.MAX_VALUE : parseTimeout(timeout);
    }

    /** The option's text, for messages. */
    String timeoutText() {
        return timeout;
    }

    /** {@code text} as a positive wall-clock duration with a unit; bad input naming {@code --timeout} otherwise. */
    static long parseTimeout(String text) {
        if (!text.strip().isEmpty() && Character.isDigit(text.strip().charAt(text.strip().length() - 1))) {
            throw new InputException(null, "--timeout", 0, "'" + text + "' needs a unit, e.g. 30s or 500ms");
        }
        long ns;
        try {
            ns = Time.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InputException(null, "--timeout", 0, e.getMessage());
        }
        if (ns <= 0) throw new InputException(null, "--timeout", 0, "must be positive, not " + text);
        return ns;
    }

    /** A command's work: prints its result on {@code out} and returns the exit status. */
    @FunctionalInterface
    interface Work {
        int run(PrintWriter out) throws Exception;
    }

    /**
     * Runs {@code work} within the timeout: its output and status when it finishes in time, else
     * {@link Main#EXIT_STOPPED} after one line on {@code err} naming what was being done ({@code doing}, e.g.
     * "planning scenario.yaml") and no output at all (the work prints into a buffer, copied to {@code out} at the end).
     */
    int call(Work command, String doing, PrintWriter out, PrintWriter err) {
        long ns = timeoutNs();
        if (ns == Long.MAX_VALUE) return callHere(() -> command.run(out));
        StringWriter buffer = new StringWriter();
        Optional<Integer> status = within(ns, () -> command.run(new PrintWriter(buffer)));
        if (status.isEmpty()) return stopped(timeout, ns, waitingFor != null ? waitingFor : doing, err);
        out.print(buffer);
        out.flush();
        return status.get();
    }

    /**
     * Tells the --timeout message what the work waits for ({@link org.rtxen.io.OutputFile#open}'s notice), or that it
     * waits no more (null).
     */
    void waitingFor(String what) {
        waitingFor = what;
    }

    /**
     * Runs {@code work} (whose result is never null) for at most {@code ns} of wall-clock time, on a worker thread that
     * is interrupted when the time is up: its result, or empty when the time ran out first; {@code Long.MAX_VALUE}
     * runs it here, unbounded, and a bound already spent ({@code ns <= 0}) does not start it.
     */
    static <T> Optional<T> within(long ns, Callable<T> work) {
        if (ns == Long.MAX_VALUE) return Optional.of(callHere(work));
        long start = System.nanoTime();
        Callable<T> timed = () -> {
            // A bound that passed before the worker began stops the command however quick the work would be.
            if (System.nanoTime() - start >= ns) throw new TimeoutException();
            return work.call();
        };
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rtxen-work");
            t.setDaemon(true); // a search that ignores the interrupt must not keep the JVM alive
            return t;
        });
        Future<T> result = worker.submit(timed);
        try {
            return Optional.of(result.get(Math.max(ns, 0), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            result.cancel(true);
            worker.shutdown();
            try {
                worker.awaitTermination(GRACE_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) return Optional.empty();
            throw rethrow(e.getCause());
        } finally {
            worker.shutdownNow();
        }
    }

    /**
     * Says on one line that {@code --timeout timeout}, a bound of {@code ns}, stopped {@code doing} before it had a
     * result, and returns {@link Main#EXIT_STOPPED}.
     */
    static int stopped(String timeout, long ns, String doing, PrintWriter err) {
        err.println("rtxen: " + stoppedBy(timeout, ns) + " while " + doing + "; no result");
        err.flush();
        return Main.EXIT_STOPPED;
    }

    /** The start of a --timeout line: {@code stopped by --timeout 5s (5.000s of wall-clock time)}. */
    static String stoppedBy(String timeout, long ns) {
        return "stopped by --timeout " + timeout + " (" + ReadableUnits.time(ns) + " of wall-clock time)";
    }

    private static <T> T callHere(Callable<T> work) {
        try {
            return work.call();
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    /** Passes the worker's failure on unchanged, so Main turns it into the usual one line. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }
}
