/**
 * Experiments at scale: {@link org.rtxen.experiments.SweepRunner} runs a sweep's missing runs on every core into its
 * store, reports {@link org.rtxen.experiments.Progress} and a {@link org.rtxen.experiments.Summary} with every
 * soundness defect. Sub-packages: {@code sweep} (the sweep file and run specs), {@code run} (one run), {@code store}
 * (DuckDB), {@code plot} (figures).
 */
package org.rtxen.experiments;
