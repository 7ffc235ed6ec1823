package org.rtxen.analysis;

/**
 * Thrown out of a long analysis search when its thread is interrupted (a caller's timeout, such as the command line's
 * {@code --timeout}): the searches call {@link #checkpoint()} now and then, never per elementary step.
 */
public final class SearchCancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private SearchCancelled() {
        super("analysis cancelled: its thread was interrupted", null, false, false);
    }

    /** Throws when the current thread has been interrupted (the flag stays set for the caller to see). */
    public static void checkpoint() {
        if (Thread.currentThread().isInterrupted()) throw new SearchCancelled();
    }
}
