/**
 * JMH benchmarks: whole simulations of a standard 4-pCPU host ({@link org.rtxen.bench.SimulationBenchmark}) next to
 * the bare event queue under the classic hold model ({@link org.rtxen.bench.EventQueueBenchmark}), both reported in
 * events per second. Method and numbers: docs/performance.md.
 */
package org.rtxen.bench;
