/**
 * Random task sets for experiments: utilisation vectors (UUniFast, UUniFast-Discard, RandFixedSum), period
 * distributions (uniform, log-uniform, harmonic), RT-Xen's generator (spec analysis.md section 2.6), and seeds
 * derived from a sweep's coordinates so that every configuration sees the same task sets.
 */
package org.rtxen.workload;
