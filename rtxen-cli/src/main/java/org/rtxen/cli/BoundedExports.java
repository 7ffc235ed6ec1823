package org.rtxen.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.rtxen.engine.RunProgress;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.io.OutputFile;

/**
 * {@code sweep}'s exports written in place (a FIFO, a device), bounded by its --timeout as {@code simulate}'s and
 * {@code report}'s outputs are ({@link SimulationLimits}): an export into a FIFO waits for its reader, and each write
 * for the reader to read, until {@link SimulationLimits#FINISH_MS} after the timeout, or after the exports began where
 * the sweep's last runs ended later; a wait still going on then stops the command ({@link Stopped}). Without a
 * timeout they wait as long as it takes.
 */
final class BoundedExports implements ResultStore.Delivery {
    /** A wait for a FIFO's reader that the bound ended; the message says what was waited for. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped(String waitingFor) {
            super(waitingFor);
        }
    }

    /** When --timeout is up, a {@link System#nanoTime} reading; {@code Long.MAX_VALUE} without a timeout. */
    private final long timeUpNs;
    /** Where a FIFO's wait for its reader is shown (on a terminal). */
    private final RunProgress line;
    /** The bound of every wait, set when the first export is written; null before. */
    private Long deadlineNs;

    /**
     * Exports bounded by a timeout of {@code timeoutNs} ({@code Long.MAX_VALUE}: none) counted from {@code startNs} (a
     * {@link System#nanoTime} reading), showing a FIFO's wait on {@code line}.
     */
    BoundedExports(long startNs, long timeoutNs, RunProgress line) {
        this.timeUpNs = timeoutNs == Long.MAX_VALUE ? timeoutNs : startNs + timeoutNs;
        this.line = line;
    }

    @Override
    public void deliver(OutputFile out, Path content) {
        long deadline = deadline();
        AtomicReference<String> waitingFor = new AtomicReference<>("opening " + out.label());
        Consumer<String> waiting = what -> {
            if (what != null) waitingFor.set(what);
            TerminalProgress.show(line, what);
        };
        Optional<OutputStream> opened = WorkLimits.within(deadline == Long.MAX_VALUE ? deadline
                : deadline - System.nanoTime(), () -> {
                    OutputStream stream = out.open(waiting);
                    return deadline == Long.MAX_VALUE || !out.isFifo() ? stream : new BoundedOutputStream(stream,
                            deadline, "writing to " + out.label() + ", whose reader stopped reading");
                }, WorkLimits::closeUnused);
        if (opened.isEmpty()) {
            TerminalProgress.done(line);
            throw new Stopped(waitingFor.get());
        }
        try (OutputStream stream = opened.get()) {
            Files.copy(content, stream);
        } catch (BoundedOutputStream.Stalled e) {
            throw new Stopped(e.getMessage());
        } catch (IOException e) {
            throw out.cannotWrite(e);
        }
    }

    /** The bound of the waits: {@link SimulationLimits#FINISH_MS} after the timeout, or after now if that is later. */
    private long deadline() {
        if (timeUpNs == Long.MAX_VALUE) return timeUpNs;
        if (deadlineNs == null) {
            long now = System.nanoTime();
            long from = now - timeUpNs > 0 ? now : timeUpNs;
            deadlineNs = from + TimeUnit.MILLISECONDS.toNanos(SimulationLimits.FINISH_MS);
        }
        return deadlineNs;
    }
}
