package org.rtxen.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.experiments.Progress;
import org.rtxen.experiments.SweepRunner;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.experiments.sweep.SweepReader;

/**
 * The Spark job in local mode ({@code local[2]}) against the local runner on the same sweep: the same rows, read back
 * from both Parquet outputs and sorted by run key, every column compared except the wall and CPU times
 * ({@code wall_ms}, {@code cpu_ms}), which measure the machine, not the run.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SparkSweepTest {
    /**
     * examples/experiments/smoke.yaml cut to 2 utilisation points and 2 replications: 2 x 2 servers x 2 placements x
     * 2 = 16 runs of 200 ms, both server kinds and placements and every analysis kind, on the same base scenario.
     */
    private static final String SWEEP = """
            name: spark-smoke
            scenario: two-guests.yaml
            seed: 1
            replications: 2
            set:
              duration: 200ms
            utilization: [0.6, 1.2]
            generator:
              method: uunifast-discard
              tasks: 6
              period: {min: 10ms, max: 40ms, unit: 100us}
            axes:
              - name: server
                values:
                  - label: deferrable
                    set:
                      domains[*].guest.busy: false
                  - label: periodic
                    set:
                      domains[*].guest.busy: true
              - name: guest
                key: domains[*].guest.placement
                values: [global, partitioned]
            vcpus: planned
            analyses: [plan, csa:bcl, csa:wfd, host:gfb, host:edf]
            """;
    private static final List<String> WALL_TIME = List.of("wall_ms", "cpu_ms");

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("rtxen-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void writesTheLocalRunnersRows(@TempDir Path tmp) throws IOException {
        Sweep sweep = SweepReader.parse(SWEEP, "spark-smoke.yaml", "spark-smoke", Path.of("../examples/experiments"),
                SweepReader.Checking.NONE);
        SweepRunner.run(sweep, tmp.resolve("local"), 2, Progress.lines(new PrintWriter(new StringWriter())));
        // 3 partitions: runs split unevenly over tasks, so nothing depends on which executor runs what.
        long written = SparkSweep.write(spark, sweep, tmp.resolve("spark").toString(), 3);
        assertEquals(16, written);

        Dataset<Row> local = spark.read().parquet(tmp.resolve("local").resolve(ResultStore.PARQUET).toString());
        Dataset<Row> cluster = spark.read().parquet(tmp.resolve("spark").toString());
        assertEquals(Arrays.asList(local.columns()), Arrays.asList(cluster.columns()), "the same columns in the same order");
        // One part file, its rows in results.csv's order (utilisation, configuration, replication), as the local file.
        try (var files = Files.list(tmp.resolve("spark"))) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count());
        }
        assertEquals(local.select("run").collectAsList(), cluster.select("run").collectAsList());
        List<Row> l = comparable(local);
        List<Row> c = comparable(cluster);
        assertEquals(16, l.size());
        assertEquals(l, c);
        // The rows are real runs, not empty ones: jobs were simulated in every run and nothing failed.
        for (Row r : c) {
            assertTrue(r.<Long>getAs("released") > 0, r.toString());
            assertTrue(r.isNullAt(r.fieldIndex("error")), r.toString());
        }
    }

    /**
     * The driver hands out run indices, not runs: a sweep of 10 million runs (the most a sweep may have) gives its
     * first row in a driver of 600 MB, where building every run on the driver (about 360 bytes each) needed gigabytes.
     */
    @Test
    void aSweepOfTenMillionRuns_needsNoDriverMemoryPerRun() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx600m"));
        // The module openings Spark needs on Java 17, as Surefire gave them to this JVM.
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-D") || arg.startsWith("-XX:+Ignore")) command.add(arg);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstRowOfTenMillion.class.getName()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(4, TimeUnit.MINUTES));
        assertEquals(0, child.exitValue(), out.length() > 4000 ? out.substring(out.length() - 4000) : out);
        assertTrue(out.contains("first row: u=0.1/server=deferrable/guest=global/rep=0 of 10000000"), out);
    }

    /** The child of {@link #aSweepOfTenMillionRuns_needsNoDriverMemoryPerRun}: the first row of a 10-million-run sweep. */
    static final class FirstRowOfTenMillion {
        /**
         * Prints the run key of the first row that a one-core local Spark session gives for the 10-million-run sweep,
         * and the sweep's run count.
         */
        public static void main(String[] args) {
            Sweep sweep = SweepReader.parse(SWEEP.replace("replications: 2", "replications: 250000")
                            .replace("[0.6, 1.2]", "{from: 0.1, to: 1, step: 0.1}"), "spark-smoke.yaml",
                    "spark-smoke", Path.of("../examples/experiments"), SweepReader.Checking.NONE);
            SparkSession spark = SparkSession.builder().master("local[1]").appName("rtxen-spark-ten-million")
                    .config("spark.ui.enabled", "false").getOrCreate();
            try {
                Row first = SparkSweep.rows(spark, sweep, 4).first();
                System.out.println("first row: " + first.getString(0) + " of " + sweep.runCount());
            } finally {
                spark.stop();
            }
        }
    }

    private static List<Row> comparable(Dataset<Row> rows) {
        return rows.drop(WALL_TIME.toArray(String[]::new)).orderBy("run").collectAsList();
    }
}
