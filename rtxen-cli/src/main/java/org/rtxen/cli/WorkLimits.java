package org.rtxen.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.rtxen.io.InputException;
import org.rtxen.io.OutputFile;
import org.rtxen.io.ReadableUnits;
import org.rtxen.model.Quoted;
import org.rtxen.model.Time;
import picocli.CommandLine.Option;

/**
 * The {@code --timeout} bound of a long command (a picocli mixin): the command's work runs on a worker thread and is
 * interrupted when the time is up; the analysis searches, simulations and waits for a FIFO output's reader look at the
 * interrupt and stop, and the command says so on one line and exits {@link Main#EXIT_STOPPED}. Once the work
 * {@linkplain #commit puts its output files in place}, the timeout no longer stops it: the command waits for it to end
 * and reports its result, so that no file is written by a command that says it has none.
 */
final class WorkLimits {
    /** How long an interrupted worker may take to notice before the command gives up waiting for it. */
    private static final long GRACE_MS = 2_000;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "stop after this much wall-clock time, e.g. 30s or 500ms (exit status 3)")
    private String timeout;

    /** What the work waits for now (a FIFO's reader), which the --timeout message names instead of the work; or null. */
    private volatile String waitingFor;

    /** Which comes first, the work's commit of its outputs or the timeout's stop. */
    private final Race race = new Race();

    /**
     * The race between a bounded work's delivery (its commit of its output files, or else its result) and its stop by
     * the timeout: whichever comes first wins, and the other then does not happen.
     */
    private static final class Race {
        /** Who came first: nobody yet, the delivery or the stop. */
        private enum Winner { NONE, DELIVERY, STOP }

        private final AtomicReference<Winner> winner = new AtomicReference<>(Winner.NONE);

        /** Whether the work may deliver: the stop has not come first (and never comes from now on). */
        boolean deliveryFirst() {
            return winner.compareAndSet(Winner.NONE, Winner.DELIVERY) || winner.get() == Winner.DELIVERY;
        }

        /** Whether the work may be stopped: it has not delivered (and never delivers from now on). */
        boolean stopFirst() {
            return winner.compareAndSet(Winner.NONE, Winner.STOP) || winner.get() == Winner.STOP;
        }
    }

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
            throw new InputException(null, "--timeout", 0, Quoted.of(text) + " needs a unit, e.g. 30s or 500ms");
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
        /** Does the work, printing its result on {@code out}, and returns the exit status. */
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
        Optional<Integer> status = within(ns, () -> command.run(new PrintWriter(buffer)), unused -> { }, race);
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
     * Puts the work's {@code outputs} in place ({@link OutputFile#commitAll}) unless the timeout stopped the work
     * first: from then on the timeout does not stop the work but waits for it to end, and the command reports its
     * result. The renames take milliseconds; what the work does after them should be as short (printing its result).
     *
     * @throws CancellationException when the timeout stopped the work first: nothing is put in place
     */
    void commit(List<OutputFile> outputs) {
        if (!race.deliveryFirst()) throw new CancellationException("stopped by --timeout before its outputs were written");
        OutputFile.commitAll(outputs);
    }

    /**
     * Runs {@code work} (whose result is never null) for at most {@code ns} of wall-clock time, on a worker thread that
     * is interrupted when the time is up: its result, or empty when the time ran out first; {@code Long.MAX_VALUE}
     * runs it here, unbounded, and a bound already spent ({@code ns <= 0}) does not start it.
     */
    static <T> Optional<T> within(long ns, Callable<T> work) {
        return within(ns, work, unused -> { });
    }

    /**
     * {@link #within(long, Callable)} for a work whose result holds something open (an output file): a result the
     * work has once the time ran out first is given to {@code discard} on the worker, before this returns.
     */
    static <T> Optional<T> within(long ns, Callable<T> work, Consumer<? super T> discard) {
        return within(ns, work, discard, new Race());
    }

    /**
     * {@link #within(long, Callable, Consumer)}, except that a work that won {@code race} by committing is waited for.
     * The work's end is a delivery too: a result that comes before the stop is the result, however close the two, and
     * one that comes after it is discarded by the worker, which the stop waits for (within {@link #GRACE_MS}).
     */
    private static <T> Optional<T> within(long ns, Callable<T> work, Consumer<? super T> discard, Race race) {
        if (ns == Long.MAX_VALUE) return Optional.of(callHere(work));
        long start = System.nanoTime();
        Callable<T> timed = () -> {
            // A bound that passed before the worker began stops the command however quick the work would be.
            if (System.nanoTime() - start >= ns) throw new TimeoutException();
            T result = work.call();
            if (race.deliveryFirst()) return result;
            Thread.interrupted(); // the stop's interrupt, seen: it must not cut short the discarding
            discard.accept(result);
            throw new CancellationException("stopped by --timeout before its result was taken");
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
            if (!race.stopFirst()) return Optional.of(committed(result));
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
            if (!race.stopFirst()) return Optional.of(committed(result));
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
     * The result of a work that delivered (began to commit its outputs, or ended) before the timeout came, waited for
     * however long it takes (an interrupt of this thread is kept for later): the outputs are written, so the command
     * has a result.
     */
    private static <T> T committed(Future<T> result) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes an output {@code stream} opened for a work that the timeout stopped (a {@link #within} discard): nothing
     * was written to it, so a failure to close it loses nothing.
     */
    static void closeUnused(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // nothing was written to it, and the command reports the timeout
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
