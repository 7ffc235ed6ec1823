package org.rtxen.spark;

import java.nio.file.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.rtxen.experiments.run.RunOne;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.experiments.sweep.SweepReader;
import org.rtxen.io.InputException;
import org.rtxen.model.Quoted;

/**
 * A sweep as a Spark job: the driver reads the sweep file and hands out run indices, the executors compute each run's
 * spec from its index and run it with {@link RunOne#run} (a pure function of the sweep and the spec, so the rows are
 * the local runner's), and the rows are written as Parquet, ordered like results.csv. The sweep itself travels to the
 * executors serialized, so they need neither the sweep file nor its base scenario.
 *
 * <p>{@code spark-submit --class org.rtxen.spark.SparkSweep rtxen-spark.jar SWEEP.yaml OUT [--partitions N]}
 */
public final class SparkSweep {
    private SparkSweep() {}

    /**
     * The rows of every run of {@code sweep}, computed on {@code spark}'s executors in {@code partitions} tasks (0: four
     * per core of the cluster), at most one per run; lazy, unordered. The driver hands out run indices, a range split
     * into the tasks, and each executor computes run i from its index ({@code sweep.runs().get(i)}), so the driver
     * holds nothing per run, even for the 10 million runs a sweep may have.
     */
    public static JavaRDD<Row> rows(SparkSession spark, Sweep sweep, int partitions) {
        int runs = sweep.runCount();
        int tasks = partitions > 0 ? partitions : 4 * spark.sparkContext().defaultParallelism();
        int slices = Math.max(1, Math.min(runs, tasks));
        return spark.range(0, runs, 1, slices).javaRDD()
                .map(i -> ResultRows.row(sweep, RunOne.run(sweep, sweep.runs().get(Math.toIntExact(i)))));
    }

    /**
     * Runs {@code sweep} and writes its rows to the Parquet directory {@code out} (replacing what is there) as one part
     * file ordered like results.csv: by utilisation, configuration and replication.
     *
     * @return the number of rows written
     */
    public static long write(SparkSession spark, Sweep sweep, String out, int partitions) {
        // Kept once computed: the sort samples its input before it sorts, and no run should be simulated twice.
        JavaRDD<Row> rows = rows(spark, sweep, partitions).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            spark.createDataFrame(rows, ResultRows.schema(sweep))
                    .orderBy(functions.col("utilization"), functions.col("configuration"), functions.col("replication"))
                    .coalesce(1).write().mode(SaveMode.Overwrite).parquet(out);
            return rows.count();
        } finally {
            rows.unpersist(false);
        }
    }

    /**
     * The job's entry point: {@code SWEEP.yaml OUT [--partitions N]}. A bad sweep file or argument prints one line
     * {@code rtxen: FILE:LINE: FIELD: reason} and exits with status 2.
     */
    public static void main(String[] args) {
        Sweep sweep;
        int partitions = 0;
        try {
            if (args.length != 2 && !(args.length == 4 && args[2].equals("--partitions"))) {
                throw new InputException(null, null, 0, "usage: SparkSweep SWEEP.yaml OUT [--partitions N]");
            }
            if (args.length == 4) partitions = partitions(args[3]);
            sweep = SweepReader.read(Path.of(args[0]));
        } catch (InputException e) {
            System.err.println("rtxen: " + e.getMessage());
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("rtxen sweep " + sweep.name()).getOrCreate();
        try {
            long n = write(spark, sweep, args[1], partitions);
            System.out.println("rtxen: sweep " + sweep.name() + ": " + n + " runs written to " + args[1]);
        } finally {
            spark.stop();
        }
    }

    private static int partitions(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputException(null, "--partitions", 0, Quoted.of(text) + " is not a positive whole number");
    }
}
