package org.rtxen.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.experiments.Progress;
import org.rtxen.experiments.SweepRunner;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.experiments.sweep.SweepReader;

/**
 * The shaded jar submitted the way docs/sweep.md tells users to: {@code spark-submit --master local[2] --class
 * org.rtxen.spark.SparkSweep rtxen-spark.jar SWEEP.yaml OUT}. spark-submit is a shell wrapper that starts a JVM on
 * Spark's jars with the Java 17 module options of {@link JavaModuleOptions} and runs
 * {@code org.apache.spark.deploy.SparkSubmit} with the same arguments; this test starts that JVM itself, with Spark's
 * class path only (no rtxen class outside the jar), and compares the Parquet rows with the local runner's (every
 * column but the wall and CPU times, read back with DuckDB). Runs after {@code package} (the jar is built there).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SparkSubmitIT {
    /** 1 utilisation point x 2 servers x 2 placements x 2 replications = 8 runs of 200 ms. */
    private static final String SWEEP = """
            name: submit-smoke
            scenario: two-guests.yaml
            seed: 3
            replications: 2
            set:
              duration: 200ms
            utilization: [0.9]
            generator:
              method: uunifast-discard
              tasks: 6
              period: {min: 10ms, max: 40ms, unit: 100us}
            axes:
              - name: server
                key: domains[*].guest.busy
                values:
                  - {label: deferrable, value: false}
                  - {label: periodic, value: true}
              - name: guest
                key: domains[*].guest.placement
                values: [global, partitioned]
            vcpus: planned
            analyses: [plan, csa:bcl, host:edf]
            """;

    @Test
    void theShadedJarThroughSparkSubmitWritesTheLocalRunnersRows(@TempDir Path tmp) throws Exception {
        // Set by the pom's integration-test execution only (a -Dtest=... run also reaches the test phase, before package).
        String jarPath = System.getProperty("rtxen.spark.jar");
        assumeTrue(jarPath != null, "runs in the integration-test phase, after the jar is built");
        Path jar = Path.of(jarPath);
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn package first");
        Path sweep = tmp.resolve("submit-smoke.yaml");
        Files.writeString(sweep, SWEEP);
        Files.copy(Path.of("../examples/experiments/two-guests.yaml"), tmp.resolve("two-guests.yaml"));
        Path out = tmp.resolve("spark-out");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(List.of("-cp", sparkClassPath(), "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--class", "org.rtxen.spark.SparkSweep", jar.toString(), sweep.toString(), out.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("submit.log").toFile())
                .start();
        assertTrue(p.waitFor(4, TimeUnit.MINUTES), "spark-submit did not finish");
        String log = Files.readString(tmp.resolve("submit.log"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains("rtxen: sweep submit-smoke: 8 runs written to " + out), log);

        SweepRunner.run(SweepReader.read(sweep), tmp.resolve("local"), 2, Progress.lines(new PrintWriter(new StringWriter())));
        List<String> local = rows(tmp.resolve("local").resolve(ResultStore.PARQUET) + "");
        List<String> submitted = rows(out.resolve("*.parquet") + "");
        assertEquals(8, local.size());
        assertEquals(local, submitted);
    }

    /**
     * This JVM's class path without rtxen's modules (their classes or jars under a {@code target} directory, or
     * installed) and the libraries only rtxen's tests and store use: Spark and its dependencies, what a Spark
     * installation's jars directory gives spark-submit.
     */
    private static String sparkClassPath() {
        List<String> keep = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String e = entry.replace(File.separatorChar, '/');
            boolean notSpark = e.contains("/target/") || e.contains("/org/rtxen/") || e.contains("/org/duckdb/")
                    || e.contains("/org/jfree/") || e.contains("/org/junit/") || e.contains("/org/opentest4j/")
                    || e.contains("/org/apiguardian/");
            if (!notSpark) keep.add(entry);
        }
        return String.join(File.pathSeparator, keep);
    }

    /** The rows of Parquet files {@code glob}, every column but the wall and CPU times, ordered by run key, as text. */
    private static List<String> rows(String glob) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT * EXCLUDE (wall_ms, cpu_ms) FROM read_parquet('"
                     + glob.replace("'", "''") + "') ORDER BY run")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) b.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append(';');
                rows.add(b.toString());
            }
        }
        return rows;
    }
}
