/**
 * Sweep files (docs/sweep.md): {@link org.rtxen.experiments.sweep.SweepReader} reads one into a
 * {@link org.rtxen.experiments.sweep.Sweep}, which expands into {@link org.rtxen.experiments.sweep.RunSpec}s with
 * stable keys and derived seeds; {@link org.rtxen.experiments.sweep.ScenarioBuilder} makes a run's scenario by
 * overriding keys of the base scenario's YAML tree ({@link org.rtxen.experiments.sweep.ScenarioTree}) before the
 * ordinary scenario reader sees it.
 */
package org.rtxen.experiments.sweep;
