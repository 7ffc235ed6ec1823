package org.rtxen.engine.event;

/** What a {@link Timer} does when it fires; implementations are created once and must not allocate per fire. */
@FunctionalInterface
public interface TimerCallback {
    /** Runs the timer's action at simulated time {@code now} (the timer's expiry). */
    void fire(long now);
}
