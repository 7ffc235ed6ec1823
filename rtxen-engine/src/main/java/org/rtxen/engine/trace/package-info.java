/** Tracing: the {@link org.rtxen.engine.trace.TraceSink} a simulation reports run-state changes, switches and job events to. */
package org.rtxen.engine.trace;
