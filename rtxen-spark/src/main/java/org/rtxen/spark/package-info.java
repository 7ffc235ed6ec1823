/** A sweep as an Apache Spark job: every run on the cluster's executors, the local runner's rows as Parquet. */
package org.rtxen.spark;
