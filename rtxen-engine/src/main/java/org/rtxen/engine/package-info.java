/**
 * The discrete-event engine: {@link org.rtxen.engine.Simulation} (build a host from a scenario, run it,
 * return the result), the deterministic {@link org.rtxen.engine.EventQueue} of reusable
 * {@link org.rtxen.engine.Timer}s, and the same-time event order {@link org.rtxen.engine.EventClass}.
 */
package org.rtxen.engine;
