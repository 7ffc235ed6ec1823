/**
 * The analyses a sweep records per run ({@link org.rtxen.experiments.verdict.Analyses}: {@code plan},
 * {@code csa:TEST}, {@code host:TEST}), which of them describe the simulated system, and the soundness rule: a
 * checkable analysis that says schedulable while the simulation misses is a defect.
 */
package org.rtxen.experiments.verdict;
