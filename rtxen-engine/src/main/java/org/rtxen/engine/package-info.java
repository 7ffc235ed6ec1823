/**
 * The simulator: {@link org.rtxen.engine.Simulation} (build a host from a scenario, run it, return the result), its
 * {@link org.rtxen.engine.SimulationObserver}s and the {@link org.rtxen.engine.InvariantChecker} tests attach.
 * The top of the engine's packages: it uses machine, guest and event, and nothing in the engine uses it.
 */
package org.rtxen.engine;
