package org.rtxen.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A FIFO's (or pipe's) stream whose writes run on a daemon thread of their own and are waited for only until a
 * deadline: a write still waiting then (the reader opened it but stopped reading) fails with {@link Stalled}, as does
 * every later one, and the thread is left blocked in it, as an abandoned open of a FIFO is
 * ({@link org.rtxen.io.OutputFile#open}).
 */
final class BoundedOutputStream extends OutputStream {
    /** A write that was still waiting at the deadline; the message says what was being done, for the --timeout line. */
    static final class Stalled extends IOException {
        private static final long serialVersionUID = 1L;

        Stalled(String doing) {
            super(doing);
        }
    }

    /** A write, flush or close of the stream underneath. */
    @FunctionalInterface
    private interface Step {
        /** Does the step, waiting as long as the stream underneath takes. */
        void run() throws IOException;
    }

    private final OutputStream out;
    /** The deadline, a {@link System#nanoTime} reading. */
    private final long deadlineNs;
    private final String doing;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rtxen-fifo-write");
        t.setDaemon(true); // left blocked in a write, it must not keep the JVM alive
        return t;
    });
    /** Whether a step was left running on the writer thread (stalled, or its wait interrupted). */
    private boolean abandoned;

    /**
     * Writes to {@code out} until {@code deadlineNs}; {@code doing} ("writing to --trace out.fifo, ...") names a stall.
     */
    BoundedOutputStream(OutputStream out, long deadlineNs, String doing) {
        this.out = out;
        this.deadlineNs = deadlineNs;
        this.doing = doing;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        bounded(() -> out.write(b, off, len));
    }

    @Override
    public void flush() throws IOException {
        bounded(out::flush);
    }

    /** Closes the stream underneath, unless a step was left running: the thread left blocked still holds it. */
    @Override
    public void close() throws IOException {
        if (abandoned) return;
        try {
            bounded(out::close);
        } finally {
            writer.shutdown();
        }
    }

    /** Runs {@code step} on the writer thread and waits for it until the deadline. */
    private void bounded(Step step) throws IOException {
        if (abandoned) throw new Stalled(doing);
        Future<?> done = writer.submit(() -> {
            step.run();
            return null;
        });
        try {
            done.get(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandoned = true;
            throw new Stalled(doing);
        } catch (InterruptedException e) {
            abandoned = true;
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(doing);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw (Error) e.getCause();
        }
    }
}
