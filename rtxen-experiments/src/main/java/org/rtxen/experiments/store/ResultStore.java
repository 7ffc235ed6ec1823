package org.rtxen.experiments.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.rtxen.experiments.run.RunResult;
import org.rtxen.experiments.sweep.Axis;
import org.rtxen.experiments.sweep.ScenarioTree;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.io.InputException;
import org.rtxen.io.OutputFile;
import org.rtxen.model.Quoted;

/**
 * A sweep's results in one DuckDB file, {@code DIR/NAME.duckdb}: table {@code runs}, one row per run keyed by the
 * run's key, the primary key making a duplicate impossible. Finished runs are {@linkplain #record recorded} first in
 * an append-only journal, {@code DIR/NAME.journal} (a line naming the definition, then one JSON line per run, written by
 * the worker that ran it, before it takes its next run), and {@linkplain #commit committed} to the database in batches, one transaction each. A
 * process killed at any moment (SIGKILL included) thus keeps every finished run: the next {@link #open} moves what
 * the journal holds into the database, skipping a torn last line and runs already committed. Table {@code sweep}
 * holds the definition's fingerprint, so results of a different definition are never mixed in (utilisation points
 * and replications may be added: they only add runs). A directory holds one sweep: its store, journal and exports
 * ({@link #CSV}, {@link #PARQUET}), none of them one of the sweep's input files. DuckDB works in at most
 * {@link #MEMORY_LIMIT} on at most {@link #MAX_THREADS} threads and writes what does not fit (the exports' sort of
 * millions of runs) into the store's spill folder, {@code DIR/NAME.duckdb.tmp}, which the store removes when it closes,
 * and when it opens where a killed process left it. {@link #record} is thread-safe; everything else is for one writer
 * thread.
 */
public final class ResultStore implements AutoCloseable {
    /** The CSV export's file name. */
    public static final String CSV = "results.csv";
    /** The Parquet export's file name. */
    public static final String PARQUET = "results.parquet";
    /** The longest path Linux opens (PATH_MAX, 4,096 bytes with the terminating NUL). */
    private static final int MAX_PATH_BYTES = 4095;
    /**
     * The most memory DuckDB's buffer manager takes for a store (its {@code memory_limit}; its default, 80 % of the
     * machine's memory, let the sorts of a 10-million-run sweep's exports take 4 GiB): what does not fit is spilled
     * into the store's spill folder. docs/performance.md, "Bounded memory", gives the measurements behind the value.
     */
    public static final String MEMORY_LIMIT = "512MiB";
    /**
     * The most threads DuckDB runs a store's query on: each thread's share of {@link #MEMORY_LIMIT} stays at least the
     * 128 MiB DuckDB's guidance asks per thread, on a machine of any number of cores.
     */
    public static final int MAX_THREADS = 4;
    /** How the names of DuckDB's spill files begin; the spill folder's other files are not DuckDB's, and stay. */
    private static final String SPILL_FILE_PREFIX = "duckdb_temp_";
    /** DuckDB's longest spill file name: a block size's file with the largest index DuckDB can number. */
    private static final String LONGEST_SPILL_FILE = "duckdb_temp_storage_DEFAULT-18446744073709551615.tmp";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a journal's first line starts with, followed by the definition's fingerprint (runs are JSON objects). */
    private static final String JOURNAL_HEADER = "# rtxen sweep journal of definition ";

    private final Connection db;
    private final Path file;
    /** The sweep definition's fingerprint, the first line of each journal ({@link #JOURNAL_HEADER}). */
    private final String fingerprint;
    private final List<String> axes;
    private final List<String> analyses;
    private final Path journalFile;
    private final Path committingFile;
    private final OutputFile csv;
    private final OutputFile parquet;
    /** Guards {@link #journal}, {@link #journalStarted} and {@link #pending}. */
    private final Object lock = new Object();
    private OutputStream journal;
    /** Whether {@link #journal} has its first line, the definition's. */
    private boolean journalStarted;
    private List<RunResult> pending = new ArrayList<>();

    private ResultStore(Connection db, Path file, String fingerprint, List<String> axes, List<String> analyses, OutputFile csv,
                        OutputFile parquet) {
        this.db = db;
        this.file = file;
        this.fingerprint = fingerprint;
        this.axes = axes;
        this.analyses = analyses;
        this.journalFile = journal(file);
        this.committingFile = committing(file);
        this.csv = csv;
        this.parquet = parquet;
    }

    private static Path journal(Path file) {
        return file.resolveSibling(stem(file) + ".journal");
    }

    private static Path committing(Path file) {
        return file.resolveSibling(stem(file) + ".journal.committing");
    }

    /** The spill folder of store {@code file}, {@code NAME.duckdb.tmp} (DuckDB's default for a database file). */
    private static Path spill(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /**
     * Opens (creating if needed) the store of {@code sweep} in {@code dir}; refused, it leaves no directory it created
     * and left empty.
     *
     * @throws InputException when {@code dir} or the sweep's name has a character DuckDB cannot open, {@code dir} cannot
     *                        be a directory, holds another sweep's store or exports without this sweep's store, one of
     *                        its files is an input of the sweep, or the store is damaged, unreadable, in use or holds a
     *                        different sweep definition
     */
    public static ResultStore open(Path dir, Sweep sweep) {
        String why = unopenable(dir);
        if (why != null) throw new InputException(dir.toString(), "--out", 0, why + ": use another directory");
        why = unopenable(sweep.name());
        if (why != null) {
            throw new InputException(sweep.source(), "name", 0, "the sweep's name " + Quoted.of(sweep.name()) + " (the file name "
                    + "without .yaml) names its store and " + why + ": give the sweep a name: of letters, digits, . _ + -");
        }
        List<Path> created = new ArrayList<>();
        try {
            createDirectories(dir, created);
            why = tooLong(dir, sweep.name());
            if (why != null) throw new InputException(dir.toString(), "--out", 0, why + ": use a shorter directory");
            return open(dir, sweep, sweep.axes().stream().map(Axis::name).toList());
        } catch (RuntimeException e) {
            removeEmpty(created);
            throw e;
        }
    }

    /** {@link #open(Path, Sweep)} once {@code dir} exists; {@code axes} are the sweep's axis names. */
    private static ResultStore open(Path dir, Sweep sweep, List<String> axes) {
        Path file = dir.resolve(sweep.name() + ".duckdb");
        List<OutputFile> claimed = new ArrayList<>();
        for (Path f : List.of(dir.resolve(CSV), dir.resolve(PARQUET), file, journal(file), committing(file))) {
            claimed.add(OutputFile.claim(f, "--out", sweep.files(), claimed));
        }
        refuseOthers(dir, file, sweep.name());
        refuseSpillNotAFolder(file);
        boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        Connection db = connect(file, storeProperties(file));
        if (!existed) refuseOthersSinceCreated(db, dir, file, sweep.name());
        try {
            removeStaleSpill(file); // the store's lock is held: a spill folder there now was left by a killed process
            String fingerprint = checkDefinition(db, file, dir, sweep);
            try (Statement st = db.createStatement()) {
                st.execute(createTable(axes, sweep.analyses()));
            }
            ResultStore store = new ResultStore(db, file, fingerprint, axes, sweep.analyses(), claimed.get(0), claimed.get(1));
            store.recover();
            try {
                store.journal = new FileOutputStream(store.journalFile.toFile(), true);
            } catch (IOException e) {
                throw cannot("write", store.journalFile, e);
            }
            return store;
        } catch (SQLException e) {
            close(db);
            throw new IllegalStateException("cannot open the result store " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(db);
            throw e;
        }
    }

    /**
     * Creates {@code dir} and its missing parents, adding each directory this call creates to {@code created},
     * outermost first; a path that cannot be a directory is bad input naming it.
     */
    private static void createDirectories(Path dir, List<Path> created) {
        try {
            Path absolute = dir.toAbsolutePath();
            Path at = absolute.getRoot();
            for (Path name : absolute) {
                at = at.resolve(name);
                if (Files.isDirectory(at)) continue;
                try {
                    created.add(Files.createDirectory(at));
                } catch (FileAlreadyExistsException e) {
                    // A file on the way: the next level says what is wrong; made meanwhile by another process: fine.
                    if (at.equals(absolute) && !Files.isDirectory(at)) throw e;
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw new InputException(dir.toString(), null, 0, "is not a directory");
        } catch (AccessDeniedException e) {
            throw new InputException(dir.toString(), null, 0, "cannot create the directory: permission denied");
        } catch (NoSuchFileException e) {
            throw new InputException(dir.toString(), null, 0, "cannot create the directory: no such file or directory");
        } catch (FileSystemException e) {
            throw new InputException(dir.toString(), null, 0, "cannot create the directory: "
                    + InputException.oneLine(e.getReason() == null ? e.getMessage() : e.getReason()));
        } catch (IOException e) {
            throw new InputException(dir.toString(), null, 0, "cannot create the directory: " + InputException.oneLine(e.getMessage()));
        }
    }

    /** Removes the directories of {@code created} that are still empty, innermost first; any other stays. */
    private static void removeEmpty(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.delete(created.get(i));
            } catch (IOException e) {
                return; // not empty (the store began, or someone else wrote there): it and its parents stay
            }
        }
    }

    /**
     * Refuses a directory that holds the store of another sweep, or exports but not this sweep's store (written by
     * someone else, or left by a store since removed): neither is this sweep's to replace.
     */
    private static void refuseOthers(Path dir, Path file, String name) {
        try (DirectoryStream<Path> stores = Files.newDirectoryStream(dir, "*.duckdb")) {
            for (Path other : stores) {
                if (!other.getFileName().equals(file.getFileName())) {
                    throw new InputException(dir.toString(), null, 0, "holds the store of another sweep, " + other.getFileName()
                            + " (a directory holds one sweep): use another --out");
                }
            }
        } catch (IOException e) {
            throw new InputException(dir.toString(), null, 0, "cannot read: " + InputException.oneLine(e.getMessage()));
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return;
        for (String export : List.of(CSV, PARQUET)) {
            if (Files.exists(dir.resolve(export), LinkOption.NOFOLLOW_LINKS)) {
                throw new InputException(dir.toString(), null, 0, "holds " + export + " but no store of sweep " + Quoted.of(name)
                        + " (" + file.getFileName() + "), so it is not this sweep's to replace: move it away or use another --out");
            }
        }
    }

    /**
     * Refuses a {@code NAME.duckdb.tmp} beside the store that is not a folder (a file, a link): DuckDB could not spill
     * there, and would fail the exports after the last run.
     */
    private static void refuseSpillNotAFolder(Path file) {
        Path spill = spill(file);
        if (Files.exists(spill, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(spill, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(spill.toString(), null, 0, "is not a folder, and is the store's spill folder (DuckDB "
                    + "writes there what does not fit in its memory): move it away");
        }
    }

    /**
     * Removes a spill folder that a killed process left beside store {@code file} ({@link #removeSpill}), while the
     * store's lock is held: the folder is then the store's, in use by no one.
     *
     * @throws InputException naming the folder when it cannot be removed
     */
    private static void removeStaleSpill(Path file) {
        try {
            removeSpill(file);
        } catch (IOException e) {
            throw cannot("remove", spill(file), e);
        }
    }

    /**
     * Removes the spill folder of store {@code file} once the store is closed, where DuckDB left it; one that cannot be
     * removed now is removed when the store is next opened ({@link #removeStaleSpill}), which reports why not: the
     * store's runs, exports and summary are complete whatever becomes of it.
     */
    private static void removeSpillAfterClose(Path file) {
        try {
            removeSpill(file);
        } catch (IOException e) {
            // left for the next open
        }
    }

    /**
     * Removes DuckDB's files from the spill folder of store {@code file}, then the folder when that empties it (what
     * else it holds is not DuckDB's, and stays with it); nothing when there is none.
     */
    private static void removeSpill(Path file) throws IOException {
        Path spill = spill(file);
        if (!Files.isDirectory(spill, LinkOption.NOFOLLOW_LINKS)) return;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(spill, SPILL_FILE_PREFIX + "*")) {
            for (Path f : files) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) Files.delete(f);
            }
        }
        try {
            Files.delete(spill);
        } catch (DirectoryNotEmptyException e) {
            // it holds files DuckDB did not write: not the store's to remove
        }
    }

    /**
     * Checks again, once this sweep's new store exists, that no other sweep created its own in {@code dir} meanwhile (two
     * started at once both pass the first check): of two, the later to create its store sees the other's, removes its
     * own and is refused.
     */
    private static void refuseOthersSinceCreated(Connection db, Path dir, Path file, String name) {
        try {
            refuseOthers(dir, file, name);
        } catch (InputException e) {
            close(db);
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".wal"));
            } catch (IOException ignored) {
                // an empty store left behind is refused as another sweep's, naming it: the message says what to remove
            }
            throw e;
        }
    }

    /**
     * Commits what the journal of a stopped sweep holds into its store {@code file}, as {@link #open} does, for readers
     * that know the store but not the sweep (plot); nothing is opened when there is no journal.
     *
     * @throws InputException naming the store when it cannot be opened for writing (in use, damaged, read-only)
     */
    public static void commitJournal(Path file) {
        if (!Files.exists(journal(file)) && !Files.exists(committing(file))) return;
        refuseSpillNotAFolder(file);
        Connection db = connect(file, storeProperties(file));
        try {
            removeStaleSpill(file);
            List<String> axes = new ArrayList<>();
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT column_name FROM "
                    + "information_schema.columns WHERE table_name = 'runs' AND starts_with(column_name, 'ax_') "
                    + "ORDER BY ordinal_position")) {
                while (rs.next()) axes.add(rs.getString(1).substring("ax_".length()));
            }
            String fingerprint;
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT fingerprint FROM sweep")) {
                fingerprint = rs.next() ? rs.getString(1) : "";
            }
            new ResultStore(db, file, fingerprint, axes, analyses(db), null, null).recover();
        } catch (SQLException e) {
            throw unusable(file, e);
        } finally {
            close(db);
        }
        removeSpillAfterClose(file);
    }

    /** The analyses of the sweep whose store {@code db} is, from its recorded definition, in order. */
    public static List<String> analyses(Connection db) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT definition FROM sweep")) {
            List<String> out = new ArrayList<>();
            if (rs.next()) JSON.readTree(rs.getString(1)).path("analyses").forEach(a -> out.add(a.asText()));
            return out;
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable sweep definition: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Records the sweep's definition in a new store, or checks that the store holds the same one.
     *
     * @return the definition's fingerprint
     */
    private static String checkDefinition(Connection db, Path file, Path dir, Sweep sweep) {
        String fp = fingerprint(sweep);
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS sweep (fingerprint VARCHAR NOT NULL, definition VARCHAR NOT NULL)");
            try (ResultSet rs = st.executeQuery("SELECT fingerprint FROM sweep")) {
                if (rs.next()) {
                    if (!rs.getString(1).equals(fp)) {
                        throw new InputException(dir.toString(), null, 0, "holds results of a different definition of sweep "
                                + Quoted.of(sweep.name()) + " (scenario, axes, generator, analyses or seed changed): use another --out");
                    }
                    return fp;
                }
            }
            try (PreparedStatement p = db.prepareStatement("INSERT INTO sweep VALUES (?, ?)")) {
                p.setString(1, fp);
                p.setString(2, definition(sweep));
                p.execute();
            }
            return fp;
        } catch (SQLException e) {
            throw unusable(file, e);
        }
    }

    /**
     * The properties of a store's own connection to {@code file}: its memory is bounded ({@link #boundedReads}) and what
     * does not fit is spilled into the store's spill folder ({@code temp_directory}).
     */
    private static Properties storeProperties(Path file) {
        Properties p = boundedReads();
        p.setProperty("temp_directory", spill(file).toAbsolutePath().toString());
        return p;
    }

    /**
     * The properties of a connection whose memory is bounded: DuckDB works in {@link #MEMORY_LIMIT} on at most
     * {@link #MAX_THREADS} threads, and its query results are streamed (DuckDB's JDBC property
     * {@code jdbc_stream_results}), fetched a chunk at a time as they are read instead of held whole in native memory,
     * which for the keys or rows of millions of runs is gigabytes. A streamed result is valid only until the
     * connection's next statement, so each read takes its result to its end or closes it first (try-with-resources, no
     * statement inside the loop), and a store's connection is not handed out.
     */
    public static Properties boundedReads() {
        Properties p = new Properties();
        p.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        p.setProperty("memory_limit", MEMORY_LIMIT);
        p.setProperty("threads", Integer.toString(Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors())));
        return p;
    }

    /**
     * Opens the DuckDB database {@code file} (created if missing, unless {@code properties} make it read-only).
     *
     * @throws InputException naming the file when its path has a character DuckDB cannot open, or it is damaged, not a
     *                        database, unreadable or in use
     */
    public static Connection connect(Path file, Properties properties) {
        String why = unopenable(file);
        if (why != null) throw new InputException(file.toString(), null, 0, why + ": move or rename its directory");
        try {
            return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), properties);
        } catch (SQLException e) {
            throw unusable(file, e);
        }
    }

    /**
     * Why DuckDB cannot keep a store at {@code path}, or null: its JDBC driver ends a database's path at the first ';',
     * and DuckDB names a database's log after its path with ".wal" inserted before the first '?' (another file or
     * directory) and, opening such a path read-only, finds no database.
     */
    private static String unopenable(Path path) {
        String absolute = path.toAbsolutePath().toString();
        String why = unopenable(absolute);
        return why == null || absolute.equals(path.toString()) ? why : "its absolute path " + absolute + " " + why;
    }

    /**
     * Why the files of sweep {@code name} in {@code dir} would pass the 4,095 bytes a path may have, or null: the
     * longest is a file in the store's spill folder, {@code NAME.duckdb.tmp/}{@link #LONGEST_SPILL_FILE}. Checked
     * before the store is created, so that no run is stored that the journal's commit, the export or DuckDB's spill
     * could not follow.
     */
    private static String tooLong(Path dir, String name) {
        int dirBytes = dir.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length;
        String longest = name + ".duckdb.tmp/" + LONGEST_SPILL_FILE;
        int bytes = dirBytes + 1 + longest.getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= MAX_PATH_BYTES) return null;
        return "its absolute path has " + dirBytes + " bytes, and the store's longest file, " + longest + ", would have a"
                + " path of " + bytes + ", over the " + MAX_PATH_BYTES + " a path may have";
    }

    /** Why DuckDB cannot keep a store at a path with {@code text} in it, or null (see {@link #unopenable(Path)}). */
    private static String unopenable(String text) {
        if (text.indexOf(';') >= 0) {
            return "has ';', where DuckDB's JDBC driver ends a database's path (the rest is read as options)";
        }
        if (text.indexOf('?') >= 0) {
            return "has '?', before which DuckDB inserts .wal to name the database's log (another file or directory)";
        }
        return null;
    }

    /** Why the store {@code file} could not be created, opened or read, as bad input naming it. */
    public static InputException unusable(Path file, SQLException e) {
        String m = InputException.oneLine(e.getMessage());
        String why = m.contains("Permission denied") ? "permission denied"
                : m.contains("Read-only file system") ? "cannot be written: read-only file system"
                : m.contains("Conflicting lock") ? "is in use by another process (a sweep still running?)"
                : !Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? "cannot be created (" + m + ")"
                : "is damaged or not a sweep's store (" + m + "); removing it restarts the sweep from the start";
        return new InputException(file.toString(), null, 0, why);
    }

    private static void close(Connection db) {
        try {
            db.close();
        } catch (SQLException e) {
            // the open failed already: that failure is the one to report
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

    /** Gives {@code action} the key of each run stored so far, one at a time, in no particular order. */
    public void forEachKey(Consumer<String> action) {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT run FROM runs")) {
            while (rs.next()) action.accept(rs.getString(1));
        } catch (SQLException e) {
            throw unusable(file, e); // opened, yet not readable as a sweep's store
        }
    }

    /**
     * Records a finished run: appends it to the journal, where it survives a kill of the process, and keeps it for the
     * next {@link #commit}. Thread-safe: each worker records its own runs.
     */
    public void record(RunResult r) {
        String line;
        try {
            line = JSON.writeValueAsString(r) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write run " + r.run() + " to the journal: " + e.getMessage(), e);
        }
        synchronized (lock) {
            try {
                // One write(2): in the kernel, so a killed process does not lose it; a journal's first names the definition.
                String text = journalStarted ? line : JOURNAL_HEADER + fingerprint + "\n" + line;
                journal.write(text.getBytes(StandardCharsets.UTF_8));
                journalStarted = true;
            } catch (IOException e) {
                throw cannot("write", journalFile, e);
            }
            pending.add(r);
        }
    }

    /**
     * Moves the runs recorded since the last commit into the database, in one transaction, and starts a new journal.
     *
     * @return the number of runs committed
     */
    public int commit() {
        List<RunResult> batch;
        synchronized (lock) {
            if (pending.isEmpty()) return 0;
            batch = pending;
            pending = new ArrayList<>();
            try {
                journal.close();
                Files.move(journalFile, committingFile, StandardCopyOption.ATOMIC_MOVE);
                journal = new FileOutputStream(journalFile.toFile(), true);
                journalStarted = false;
            } catch (IOException e) {
                throw cannot("rotate", journalFile, e);
            }
        }
        insertAll(batch);
        deleteJournal(committingFile);
        return batch.size();
    }

    /**
     * Moves the runs of journals that a killed process left into the database, then deletes the journals; a journal of
     * another definition (left beside a store since removed) is deleted unread: its runs are not this sweep's. A line
     * that does not read back (torn by the kill, or damaged on disk) is dropped: its run is not stored, so the sweep
     * runs it again, and the same seed gives the same row.
     */
    private void recover() {
        Map<String, RunResult> found = new LinkedHashMap<>(); // by key, the first line of each run, in journal order
        for (Path j : List.of(committingFile, journalFile)) {
            if (!Files.exists(j)) continue;
            try {
                String text = Files.readString(j, StandardCharsets.UTF_8);
                if (text.startsWith(JOURNAL_HEADER) && !text.startsWith(JOURNAL_HEADER + fingerprint + "\n")) continue;
                int end = text.lastIndexOf('\n'); // after it, at most a line torn by the kill
                for (String line : text.substring(0, end + 1).split("\n")) {
                    if (line.isEmpty() || line.startsWith(JOURNAL_HEADER)) continue;
                    RunResult r = readBack(line);
                    if (r != null) found.putIfAbsent(r.run(), r);
                }
            } catch (IOException e) {
                throw new InputException(j.toString(), null, 0, "cannot be read back: " + InputException.oneLine(e.getMessage()));
            }
        }
        // The stored keys are streamed past the journal's few runs rather than held: a store may hold millions.
        if (!found.isEmpty()) forEachKey(found::remove);
        insertAll(List.copyOf(found.values()));
        deleteJournal(committingFile);
        deleteJournal(journalFile);
    }

    /** The run a journal line records, or null when the line is damaged. */
    private static RunResult readBack(String line) {
        try {
            RunResult r = JSON.readValue(line, RunResult.class);
            return r != null && r.run() != null ? r : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private void deleteJournal(Path j) {
        try {
            Files.deleteIfExists(j);
        } catch (IOException e) {
            throw cannot("delete", j, e);
        }
    }

    /**
     * A journal or store that cannot be written, rotated or deleted while the sweep runs (a full disk, a removed
     * directory) as bad input naming it: what was stored so far stays, and running the sweep again resumes.
     */
    private static InputException cannot(String what, Path file, IOException e) {
        return new InputException(file.toString(), null, 0, "cannot " + what + ": " + InputException.oneLine(e.getMessage())
                + "; the runs stored so far are kept, and running the sweep again resumes");
    }

    /** Inserts {@code rows} in one transaction (DuckDB's appender: one flush is one transaction). */
    private void insertAll(List<RunResult> rows) {
        if (rows.isEmpty()) return;
        try (DuckDBAppender a = db.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "runs")) {
            for (RunResult r : rows) {
                a.beginRow();
                a.append(r.run());
                a.append(r.sweep());
                a.append(r.utilization());
                a.append(r.replication());
                a.append(r.configuration());
                for (String x : axes) a.append(r.labels().get(x));
                a.append(r.seed());
                a.append(r.tasks());
                a.append(r.taskUtilization());
                for (String x : analyses) a.append(r.verdicts().get(x));
                a.append(r.released());
                a.append(r.completed());
                a.append(r.missed());
                a.append(r.missRatio());
                a.append(r.simSchedulable());
                a.append(r.maxDomainMissRatio());
                a.append(r.responseP99Ratio());
                a.append(r.soundnessChecked());
                a.append(String.join(",", r.defects()));
                a.append(r.events());
                a.append(r.wallNs() / 1e6);
                a.append(r.cpuNs() / 1e6);
                a.append(r.error());
                a.append(r.cdf().stream().map(String::valueOf).reduce((x, y) -> x + " " + y).orElse(""));
                a.append(r.domains());
                a.endRow();
            }
            a.flush();
        } catch (SQLException e) {
            // The journal still holds the runs for a resume.
            if (isFileSystems(e)) throw cannot("store runs in", file, new IOException(e.getMessage(), e));
            throw new IllegalStateException("cannot store " + rows.size() + " runs in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether DuckDB failed because the file system did (a full disk): its "IO Error", or an append whose commit could
     * not write the file, which it reports as an appender error.
     */
    private static boolean isFileSystems(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.startsWith("IO Error") || message.contains("Could not write file");
    }

    /** Every stored run, ordered by key. */
    public List<RunResult> rows() {
        List<RunResult> out = new ArrayList<>();
        forEachRow("", out::add);
        return out;
    }

    /**
     * Gives {@code action} each stored run that found a soundness defect or failed, one at a time, ordered by key: a few
     * rows, selected where they are stored, without sorting every run.
     */
    public void forEachDefectiveOrFailed(Consumer<RunResult> action) {
        forEachRow("WHERE defects <> '' OR error IS NOT NULL", action);
    }

    /**
     * One configuration's counts over its stored runs.
     *
     * @param configuration  the configuration ({@code a=x,b=y})
     * @param runs           its runs
     * @param simSchedulable those whose simulation met every deadline
     * @param verdicts       per analysis of the sweep, in its order: the runs it gave a verdict for, and those it
     *                       declared schedulable
     * @param meanMissRatio  the mean of its runs' miss ratios (an empty one counts 0), whatever the order of the rows
     *                       ({@link ExactMean})
     */
    public record Tally(String configuration, long runs, long simSchedulable, Map<String, long[]> verdicts,
                        double meanMissRatio) {}

    /**
     * Per configuration, its counts over the stored runs, in the order of each configuration's first run by key; counted
     * by DuckDB (no order of the rows matters, no row is sorted or read one by one), the miss ratios averaged exactly
     * here from DuckDB's count of each distinct one.
     */
    public List<Tally> tallies() {
        StringBuilder q = new StringBuilder("SELECT configuration, count(*), count_if(sim_schedulable)");
        for (String a : analyses) q.append(", count(").append(analysisColumn(a)).append("), count_if(")
                .append(analysisColumn(a)).append(')');
        q.append(" FROM runs GROUP BY configuration ORDER BY min(run)");
        Map<String, ExactMean> missRatios = new LinkedHashMap<>();
        try {
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT configuration, "
                    + "coalesce(miss_ratio, 0), count(*) FROM runs GROUP BY ALL")) {
                while (rs.next()) {
                    missRatios.computeIfAbsent(rs.getString(1), k -> new ExactMean()).add(rs.getDouble(2), rs.getLong(3));
                }
            }
            List<Tally> out = new ArrayList<>();
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(q.toString())) {
                while (rs.next()) {
                    String config = rs.getString(1);
                    Map<String, long[]> verdicts = new LinkedHashMap<>();
                    for (int i = 0; i < analyses.size(); i++) {
                        verdicts.put(analyses.get(i), new long[] {rs.getLong(4 + 2 * i), rs.getLong(5 + 2 * i)});
                    }
                    out.add(new Tally(config, rs.getLong(2), rs.getLong(3), verdicts, missRatios.get(config).mean()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** Gives {@code action} the stored runs that {@code where} selects, one at a time, ordered by key. */
    private void forEachRow(String where, Consumer<RunResult> action) {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM runs " + where + " ORDER BY run")) {
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
                action.accept(new RunResult(rs.getString("run"), rs.getString("sweep"), rs.getDouble("utilization"),
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
            throw unreadable(e);
        }
    }

    /**
     * Why a read of the opened store failed, as bad input naming it: where DuckDB could not spill (a full disk, its
     * spill folder's limit), the store is sound and kept; otherwise it is not readable as a sweep's store.
     */
    private InputException unreadable(SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (isFileSystems(e) || message.startsWith("Out of Memory Error")) {
            return cannot("read", file, new IOException(message + " (DuckDB spills into " + spill(file) + ")", e));
        }
        return unusable(file, e);
    }

    /**
     * How an export written in place (a FIFO, a device) gets its content: DuckDB, which would open a FIFO itself and
     * wait for its reader with no bound, writes it into a hidden regular file ({@link OutputFile#staged}), which a
     * delivery copies into the export.
     */
    @FunctionalInterface
    public interface Delivery {
        /** Through {@link OutputFile#open}: a FIFO's reader, and each write, waited for as long as it takes. */
        Delivery UNBOUNDED = (out, content) -> {
            try (OutputStream stream = out.open(waiting -> { })) {
                Files.copy(content, stream);
            } catch (IOException e) {
                throw out.cannotWrite(e);
            }
        };

        /** Writes {@code content}, a regular file, into {@code out}, an export written in place. */
        void deliver(OutputFile out, Path content);
    }

    /**
     * Writes every run to {@link #CSV} (with a header) and {@link #PARQUET} in the store's directory, ordered by
     * utilisation, configuration and replication, both whole or neither ({@link OutputFile#commitAll}); an export
     * written in place gets its content through {@code delivery}, once both are written.
     */
    public void export(Delivery delivery) {
        try (csv; parquet) {
            export(csv, "(HEADER, DELIMITER ',', USE_TMP_FILE false)");
            export(parquet, "(FORMAT PARQUET, USE_TMP_FILE false)");
            for (OutputFile out : List.of(csv, parquet)) {
                if (out.isWrittenInPlace()) delivery.deliver(out, out.staged());
            }
            OutputFile.commitAll(List.of(csv, parquet));
        }
    }

    /**
     * Copies the runs into {@code out}'s hidden file (its staged one where it is written in place); DuckDB writes that
     * file directly ({@code USE_TMP_FILE false}): its own temporary file beside it, {@code tmp_NAME}, would stay when
     * the copy fails.
     */
    private void export(OutputFile out, String options) {
        Path to = out.isWrittenInPlace() ? out.staged() : out.partial();
        try (Statement st = db.createStatement()) {
            st.execute("COPY (SELECT * FROM runs ORDER BY utilization, configuration, replication) TO '"
                    + to.toAbsolutePath().toString().replace("'", "''") + "' " + options);
        } catch (SQLException e) {
            throw out.cannotWrite(new IOException(e.getMessage(), e));
        }
    }

    /** Commits what was recorded, then closes the database and removes its spill folder. */
    @Override
    public void close() {
        try {
            commit();
            journal.close();
            deleteJournal(journalFile);
            db.close();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot close " + file + ": " + e.getMessage(), e);
        }
        removeSpillAfterClose(file);
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

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".duckdb".length());
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
