/** The result store: one DuckDB file per sweep, one row per run, CSV and Parquet export. */
package org.rtxen.experiments.store;
