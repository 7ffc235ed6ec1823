package org.rtxen.engine;

/** Told now and then (every {@link Simulation#CHECK_EVERY} events) how far a running simulation has got. */
@FunctionalInterface
public interface RunProgress {
    /** {@code events} events have run and simulated time is {@code nowNs} of {@code durationNs}. */
    void update(long nowNs, long durationNs, long events);
}
