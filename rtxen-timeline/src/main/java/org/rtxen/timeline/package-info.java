/**
 * Timelines of a simulated run, written while it runs from the engine's
 * {@link org.rtxen.engine.machine.TraceSink}: {@link org.rtxen.timeline.PerfettoTraceWriter} (trace-event JSON for
 * the Perfetto UI), {@link org.rtxen.timeline.JobCsvWriter} (one row per job) and
 * {@link org.rtxen.timeline.XentraceWriter} (Xen's binary trace format, for xenalyze). Each streams to its output
 * and keeps only constant state per pCPU, VCPU and task, so a long run is never held in memory.
 */
package org.rtxen.timeline;
