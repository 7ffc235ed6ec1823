package org.rtxen.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.experiments.sweep.Axis;
import org.rtxen.experiments.sweep.RunSpec;
import org.rtxen.experiments.sweep.Sweep;

/**
 * A small sweep over a range of points and two axes gives the runs, in the same order, and the same results as the code
 * that listed one run specification per run before the sweep ran: the digests of the runs and of results.csv were
 * computed with that code (main at 5519825), and the runs are now computed from their index and the stored runs matched
 * by key; the summary's, since its means are exact, on branch spill.
 */
class SweepResultsDigestTest {
    /** 5 points (a range whose decimals are not exact doubles) x 2 servers x 3 durations x 2 replications = 60 runs. */
    static final String GRID = TestSweeps.SMALL.replace("[0.3, 0.7]", "{from: 0.25, to: 0.95, step: 0.175}")
            .replace("replications: 3", "replications: 2")
            .replace("vcpus: planned\nanalyses: [plan, csa:bcl, host:edf]",
                    "  - name: length\n    key: duration\n    values: [100ms, 150ms, 200ms]\nanalyses: [host:edf, host:gfb]");

    @TempDir
    Path tmp;

    @Test
    @Timeout(300)
    void theRunsTheirOrderAndTheResults_areThoseOfTheCodeThatListedEveryRun() throws Exception {
        Sweep sweep = TestSweeps.write(tmp, "grid", GRID);
        MessageDigest runs = MessageDigest.getInstance("SHA-256");
        for (RunSpec r : sweep.runs()) {
            StringBuilder line = new StringBuilder().append(r.key()).append('|').append(r.utilization()).append('|')
                    .append(r.replication()).append('|').append(r.seed()).append('|').append(r.labels()).append('|');
            for (Axis.Value v : r.values()) line.append(v.label()).append(v.set()).append(';');
            runs.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path dir = tmp.resolve("out");
        // The first three points first (adding points later is allowed), so that the whole grid resumes: the stored runs
        // are matched by key, and only the other 24 run.
        SweepRunner.run(TestSweeps.write(tmp, "grid", GRID.replace("to: 0.95", "to: 0.6")), dir, 2, Progress.NONE);
        Summary summary = SweepRunner.run(TestSweeps.write(tmp, "grid", GRID), dir, 2, Progress.NONE);
        assertEquals(24, summary.ran());
        assertEquals("9f311df7988bc822890206fe5f06d2d7304b7276975063e57b619453da95fabe", hex(runs.digest()));
        assertEquals("60d8749c18050ba550df37cd305baebda56c0e06d6fbc68c51d52ff7ad731f9c",
                hex(digest(results(dir.resolve(ResultStore.CSV)))));
        // The summary's digest is this branch's (spill): each mean miss ratio is now the double nearest the exact mean
        // of the stored ratios, where it was their compensated (Kahan) sum in key order divided by the count. Three of
        // the six means moved by one unit in the last place (0.11499999999999999 is now 0.115, 0.12119047619047621 is
        // 0.1211904761904762, 0.1500937950937951 is 0.15009379509379508); the printed figures (4 decimals) are unchanged.
        assertEquals("5fc0b82330a59f6cbb047d9a2e43344fb054cc03f8222a5e65b05a9b20606908", hex(digest(summary.runs() + "|"
                + summary.configs() + "|" + summary.defects() + "|" + summary.errors())));
    }

    /** The rows of {@code csv}, each field as written, but for the run's wall-clock and CPU times. */
    private static String results(Path csv) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT * EXCLUDE (wall_ms, cpu_ms) FROM read_csv('" + csv
                     + "', all_varchar = true, header = true)")) {
            int columns = rs.getMetaData().getColumnCount();
            for (int c = 1; c <= columns; c++) out.append(rs.getMetaData().getColumnName(c)).append('\u0001');
            out.append('\n');
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) out.append(rs.getString(c)).append('\u0001');
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static byte[] digest(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
