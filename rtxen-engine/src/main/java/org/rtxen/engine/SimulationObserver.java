package org.rtxen.engine;

/** Called by a {@link Simulation} after every event it processes, e.g. to check invariants or collect a trace. */
@FunctionalInterface
public interface SimulationObserver {
    /** The event at {@code sim.now()} and everything it triggered synchronously have been processed. */
    void afterEvent(Simulation sim);
}
