/**
 * Benchmarks: the standard scenarios, JMH benchmarks of whole simulations ({@link org.rtxen.bench.SimulationBenchmark})
 * next to the bare event queue under the hold model ({@link org.rtxen.bench.EventQueueBenchmark}), both in events
 * per second, and a whole-run throughput and allocation probe. Method and numbers: docs/performance.md.
 */
package org.rtxen.bench;
