package org.rtxen.experiments.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rtxen.experiments.run.RunResult;
import org.rtxen.experiments.sweep.Axis;
import org.rtxen.experiments.sweep.ScenarioTree;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.io.InputException;

/**
 * A sweep's results in one DuckDB file, {@code DIR/NAME.duckdb}: table {@code runs}, one row per run keyed by the
 * run's key. Each row is inserted in its own transaction, so a process killed at any moment (SIGKILL included)
 * leaves every finished run stored and no partial row; the primary key makes a duplicate impossible. Table
 * {@code sweep} holds the definition's fingerprint, so results of a different definition are never mixed in
 * (utilisation points and replications may be added: they only add runs). Not thread-safe: one writer.
 */
public final class ResultStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection db;
    private final Path file;
    private final List<String> axes;
    private final List<String> analyses;
    private final PreparedStatement insert;

    private ResultStore(Connection db, Path file, List<String> axes, List<String> analyses) throws SQLException {
        this.db = db;
        this.file = file;
        this.axes = axes;
        this.analyses = analyses;
        StringBuilder cols = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (String c : columns()) {
            cols.append(cols.length() == 0 ? "" : ", ").append(c);
            marks.append(marks.length() == 0 ? "?" : ", ?");
        }
        this.insert = db.prepareStatement("INSERT INTO runs (" + cols + ") VALUES (" + marks + ")");
    }

    /**
     * Opens (creating if needed) the store of {@code sweep} in {@code dir}.
     *
     * @throws InputException when the store holds a different sweep definition
     */
    public static ResultStore open(Path dir, Sweep sweep) {
        List<String> axes = sweep.axes().stream().map(Axis::name).toList();
        Path file = dir.resolve(sweep.name() + ".duckdb");
        try {
            Files.createDirectories(dir);
            Connection db = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            try (Statement st = db.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS sweep (fingerprint VARCHAR NOT NULL, definition VARCHAR NOT NULL)");
                String fp = fingerprint(sweep);
                try (ResultSet rs = st.executeQuery("SELECT fingerprint FROM sweep")) {
                    if (rs.next()) {
                        if (!rs.getString(1).equals(fp)) {
                            db.close();
                            throw new InputException(dir.toString(), null, 0, "holds results of a different definition of sweep '"
                                    + sweep.name() + "' (scenario, axes, generator, analyses or seed changed): use another --out");
                        }
                    } else {
                        try (PreparedStatement p = db.prepareStatement("INSERT INTO sweep VALUES (?, ?)")) {
                            p.setString(1, fp);
                            p.setString(2, definition(sweep));
                            p.execute();
                        }
                    }
                }
                st.execute(createTable(axes, sweep.analyses()));
            }
            return new ResultStore(db, file, axes, sweep.analyses());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot open the result store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The store's file. */
    public Path file() {
        return file;
    }

    /** The column of axis {@code name}. */
    public static String axisColumn(String name) {
        return "\"ax_" + name + "\"";
    }

    /** The column of analysis {@code name} ({@code csa:bcl} is {@code an_csa_bcl}). */
    public static String analysisColumn(String name) {
        return "\"an_" + name.replaceAll("[^A-Za-z0-9]", "_") + "\"";
    }

    private static String createTable(List<String> axes, List<String> analyses) {
        StringBuilder b = new StringBuilder("CREATE TABLE IF NOT EXISTS runs (run VARCHAR PRIMARY KEY, sweep VARCHAR, "
                + "utilization DOUBLE, replication INTEGER, configuration VARCHAR");
        for (String a : axes) b.append(", ").append(axisColumn(a)).append(" VARCHAR");
        b.append(", seed BIGINT, tasks INTEGER, task_utilization DOUBLE");
        for (String a : analyses) b.append(", ").append(analysisColumn(a)).append(" BOOLEAN");
        b.append(", released BIGINT, completed BIGINT, missed BIGINT, miss_ratio DOUBLE, sim_schedulable BOOLEAN, "
                + "max_domain_miss_ratio DOUBLE, response_p99_ratio DOUBLE, soundness_checked BOOLEAN, defects VARCHAR, "
                + "events BIGINT, wall_ms DOUBLE, cpu_ms DOUBLE, error VARCHAR, cdf VARCHAR, domains VARCHAR)");
        return b.toString();
    }

    private List<String> columns() {
        List<String> c = new ArrayList<>(List.of("run", "sweep", "utilization", "replication", "configuration"));
        for (String a : axes) c.add(axisColumn(a));
        c.addAll(List.of("seed", "tasks", "task_utilization"));
        for (String a : analyses) c.add(analysisColumn(a));
        c.addAll(List.of("released", "completed", "missed", "miss_ratio", "sim_schedulable", "max_domain_miss_ratio",
                "response_p99_ratio", "soundness_checked", "defects", "events", "wall_ms", "cpu_ms", "error", "cdf", "domains"));
        return c;
    }

    /** The keys of the runs stored so far. */
    public Set<String> keys() {
        Set<String> out = new HashSet<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT run FROM runs")) {
            while (rs.next()) out.add(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Stores one run in its own transaction. */
    public void insert(RunResult r) {
        try {
            int i = 1;
            insert.setString(i++, r.run());
            insert.setString(i++, r.sweep());
            insert.setDouble(i++, r.utilization());
            insert.setInt(i++, r.replication());
            insert.setString(i++, r.configuration());
            for (String a : axes) insert.setString(i++, r.labels().get(a));
            insert.setLong(i++, r.seed());
            insert.setInt(i++, r.tasks());
            insert.setDouble(i++, r.taskUtilization());
            for (String a : analyses) {
                Boolean v = r.verdicts().get(a);
                if (v == null) insert.setNull(i++, Types.BOOLEAN);
                else insert.setBoolean(i++, v);
            }
            insert.setLong(i++, r.released());
            insert.setLong(i++, r.completed());
            insert.setLong(i++, r.missed());
            insert.setDouble(i++, r.missRatio());
            insert.setBoolean(i++, r.simSchedulable());
            insert.setDouble(i++, r.maxDomainMissRatio());
            insert.setDouble(i++, r.responseP99Ratio());
            insert.setBoolean(i++, r.soundnessChecked());
            insert.setString(i++, String.join(",", r.defects()));
            insert.setLong(i++, r.events());
            insert.setDouble(i++, r.wallNs() / 1e6);
            insert.setDouble(i++, r.cpuNs() / 1e6);
            insert.setString(i++, r.error());
            insert.setString(i++, r.cdf().stream().map(String::valueOf).reduce((x, y) -> x + " " + y).orElse(""));
            insert.setString(i, r.domains());
            insert.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store run " + r.run() + " in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every stored run, ordered by key. */
    public List<RunResult> rows() {
        List<RunResult> out = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM runs ORDER BY run")) {
            while (rs.next()) {
                Map<String, String> labels = new LinkedHashMap<>();
                for (String a : axes) labels.put(a, rs.getString("ax_" + a));
                Map<String, Boolean> verdicts = new LinkedHashMap<>();
                for (String a : analyses) {
                    boolean v = rs.getBoolean(analysisColumn(a).replace("\"", ""));
                    if (!rs.wasNull()) verdicts.put(a, v);
                }
                List<Long> cdf = new ArrayList<>();
                String c = rs.getString("cdf");
                if (c != null && !c.isEmpty()) for (String x : c.split(" ")) cdf.add(Long.parseLong(x));
                String defects = rs.getString("defects");
                out.add(new RunResult(rs.getString("run"), rs.getString("sweep"), rs.getDouble("utilization"),
                        rs.getInt("replication"), rs.getString("configuration"), labels, rs.getLong("seed"),
                        rs.getInt("tasks"), rs.getDouble("task_utilization"), verdicts, rs.getLong("released"),
                        rs.getLong("completed"), rs.getLong("missed"), rs.getDouble("miss_ratio"),
                        rs.getDouble("max_domain_miss_ratio"), rs.getDouble("response_p99_ratio"), cdf,
                        rs.getString("domains"), rs.getBoolean("soundness_checked"),
                        defects == null || defects.isEmpty() ? List.of() : List.of(defects.split(",")),
                        rs.getLong("events"), Math.round(rs.getDouble("wall_ms") * 1e6),
                        Math.round(rs.getDouble("cpu_ms") * 1e6), rs.getString("error")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The JDBC connection, for queries (figures, summaries). */
    public Connection connection() {
        return db;
    }

    /** Writes every run as CSV with a header, ordered by utilisation, configuration and replication. */
    public void exportCsv(Path out) {
        export(out, "(HEADER, DELIMITER ',')");
    }

    /** Writes every run as Parquet, in the same order. */
    public void exportParquet(Path out) {
        export(out, "(FORMAT PARQUET)");
    }

    private void export(Path out, String options) {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (Statement st = db.createStatement()) {
            st.execute("COPY (SELECT * FROM runs ORDER BY utilization, configuration, replication) TO '"
                    + tmp.toAbsolutePath().toString().replace("'", "''") + "' " + options);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            insert.close();
            db.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    /** The definition without its utilisation points and replications, as canonical text. */
    private static String definition(Sweep s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("scenario", ScenarioTree.yaml(s.base()));
        o.put("seed", s.seed());
        o.put("generator", s.generator().toString());
        o.putPOJO("targets", s.targets());
        StringBuilder axes = new StringBuilder();
        for (Axis a : s.axes()) {
            axes.append(a.name()).append(':');
            for (Axis.Value v : a.values()) axes.append(v.label()).append('=').append(v.set()).append(';');
            axes.append('\n');
        }
        o.put("axes", axes.toString());
        o.put("vcpus", s.vcpus().name());
        o.putPOJO("analyses", s.analyses());
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fingerprint(Sweep s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(definition(s).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
