/** Benchmarks: the standard scenarios and a whole-run throughput and allocation probe. */
package org.rtxen.bench;
