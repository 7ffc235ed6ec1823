package org.rtxen.engine.event;

/**
 * A one-shot timer of the simulated machine, like Xen's {@code struct timer}: {@link #set} arms or re-arms it,
 * {@link #stop} cancels it. It fires at most once per arming, at its expiry, through its fixed callback.
 * Timers are created once (by the engine or through {@code SchedContext.newTimer}) and reused; arming never allocates.
 */
public final class Timer {
    private final EventQueue queue;
    final int id;

    Timer(EventQueue queue, int id) {
        this.queue = queue;
        this.id = id;
    }

    /**
     * Arms the timer to fire at absolute time {@code expiry} (Xen's {@code set_timer}), replacing any earlier arming.
     * An expiry in the past fires at the current time, after the events already due then.
     */
    public void set(long expiry) {
        queue.schedule(id, expiry);
    }

    /** Cancels the timer if it is armed (Xen's {@code stop_timer}). */
    public void stop() {
        queue.cancel(id);
    }

    /** Whether the timer is armed and has not fired yet. */
    public boolean isActive() {
        return queue.isPending(id);
    }

    /** The time it is armed for; only meaningful while {@link #isActive()}. */
    public long expiry() {
        return queue.expiryOf(id);
    }
}
