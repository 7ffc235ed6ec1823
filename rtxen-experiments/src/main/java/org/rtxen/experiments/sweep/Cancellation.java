package org.rtxen.experiments.sweep;

import java.util.concurrent.CancellationException;

/**
 * Stops the check of a sweep when its thread is interrupted (a caller's timeout, such as the command line's
 * {@code --timeout}): the loops over the points and configurations look at the interrupt once per item.
 */
final class Cancellation {
    private Cancellation() {}

    /** Throws when the current thread has been interrupted (the flag stays set for the caller to see). */
    static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the check of the sweep was interrupted");
        }
    }
}
