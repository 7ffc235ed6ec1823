package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.experiments.run.RunOne;
import org.rtxen.experiments.run.RunResult;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.experiments.sweep.SweepReader;
import org.rtxen.io.analysis.TaskSetReader;

/** rtxen generate, sweep and plot, end to end; the smoke sweep is the CI's reproduction check. */
class ExperimentCommandsTest {
    @TempDir
    Path dir;

    /** One run of 50 ms: a sweep to store, resume and plot in a second. */
    static final String TINY = """
            name: tiny
            scenario:
              duration: 50ms
              host: {pcpus: 1}
              domains:
                - name: a
                  rtds: {period: 5ms, budget: 2ms}
                  guest: {scheduler: edf}
            utilization: [0.3]
            generator: {method: uunifast, tasks: 2, period: {min: 10ms, max: 20ms}}
            analyses: [host:edf]
            """;

    private static SimulateCommandTest.Run rtxen(String... args) {
        return SimulateCommandTest.rtxen(args);
    }

    /** Asserts bad input: status 2 and exactly the one line {@code line} on standard error, nothing on standard output. */
    private static void refused(SimulateCommandTest.Run r, String line) {
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals(line + System.lineSeparator(), r.err());
        assertEquals("", r.out());
    }

    /** Runs the tiny sweep, named {@code name}, from {@code file} into {@code out}. */
    private SimulateCommandTest.Run tinySweep(Path file, String name, Path out) throws Exception {
        Files.writeString(file, TINY.replace("name: tiny", "name: " + name));
        return rtxen("sweep", file.toString(), "--out", out.toString(), "--progress", "none");
    }

    @Test
    void generatePrintsWhatAnalyzeReadsAndRepeatsItsSeed() {
        String[] args = {"generate", "--method", "uunifast-discard", "--tasks", "6", "--utilization", "2.5",
            "--period-min", "10000", "--period-max", "100ms", "--seed", "9", "--cpus", "4"};
        SimulateCommandTest.Run r = rtxen(args);
        assertEquals(0, r.status(), r.err());
        assertEquals(r.out(), rtxen(args).out());
        TaskSetReader.TaskSet set = TaskSetReader.read(new StringReader(r.out()), "generated");
        assertEquals(4, set.cpus());
        assertEquals(6, set.tasks().size());
        double u = set.tasks().stream().mapToDouble(t -> (double) t.wcet() / t.period()).sum();
        // WCETs are rounded down to the microsecond: at most 6 us short on periods of at least 10 ms.
        assertTrue(u <= 2.5 && u > 2.5 - 6 * 1e-4, "u = " + u);
    }

    @Test
    void generateRejectsATaskCountForRtxen() {
        SimulateCommandTest.Run r = rtxen("generate", "--method", "rtxen", "--distribution", "uniform-light", "--tasks", "5",
                "--utilization", "1", "--period-range", "wide");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("rtxen: --tasks: the rtxen method draws tasks until the target is reached"), r.err());
    }

    @Test
    @Timeout(180)
    void smokeSweepRunsResumesAndPlots() throws Exception {
        Path out = dir.resolve("smoke");
        SimulateCommandTest.Run r = rtxen("sweep", "../examples/experiments/smoke.yaml", "--out", out.toString(),
                "--progress", "lines");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("Soundness: no defect"), r.out());
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(161, csv.size());
        assertTrue(csv.get(0).startsWith("run,"));
        SimulateCommandTest.Run again = rtxen("sweep", "../examples/experiments/smoke.yaml", "--out", out.toString(),
                "--progress", "none");
        assertTrue(again.out().startsWith("160 runs stored (0 run now"), again.out());
        SimulateCommandTest.Run plot = rtxen("plot", out.toString(), "-o", dir.resolve("f.svg").toString());
        assertEquals(0, plot.status(), plot.err());
        assertTrue(Files.readString(dir.resolve("f.svg")).contains("<svg"));
    }

    /**
     * A sweep refused after it created --out and its parents (here the test's directory is so deep that the store's
     * files, not the directory, would pass the 4,095 bytes a Linux path may have) removes them again, and keeps a
     * directory that was there before, empty or not.
     */
    @Test
    void sweep_badProgress_isRefusedBeforeTheFileIsRead() {
        // A sweep file can take minutes to check; a mistyped option must not wait for it.
        refused(rtxen("sweep", dir.resolve("absent.yaml").toString(), "--out", dir.resolve("o").toString(),
                "--progress", "bars"), "rtxen: --progress: 'bars' (use auto, bar, lines or none)");
    }

    @Test
    void refusedSweep_removesTheEmptyDirectoriesItCreated_andNoOther() throws Exception {
        Path deep = dir;
        while (deep.toString().length() < 3900) deep = deep.resolve("d".repeat(100));
        Files.createDirectories(deep);
        String name = "a".repeat(200);
        Path file = Files.writeString(dir.resolve("long.yaml"), TINY.replace("name: tiny", "name: " + name));
        Path there = Files.createDirectory(deep.resolve("there"));
        for (Path out : List.of(deep.resolve("new/runs"), there.resolve("runs"), there)) {
            SimulateCommandTest.Run r = rtxen("sweep", file.toString(), "--out", out.toString(), "--progress", "none");
            assertEquals(2, r.status(), r.err());
            assertTrue(r.err().startsWith("rtxen: " + out + ": --out: its absolute path has "), r.err());
            assertTrue(r.err().contains(", and the store's longest file, " + name + ".duckdb.tmp/duckdb_temp_storage_DEFAULT"
                    + "-18446744073709551615.tmp, would have"
                    + " a path of "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        assertTrue(Files.notExists(deep.resolve("new")));
        assertTrue(Files.isDirectory(there));
        try (Stream<Path> left = Files.list(there)) {
            assertEquals(List.of(), left.toList());
        }
    }

    /**
     * A DIR so deep that the store's longest file would pass the 4,095 bytes of a path is refused before the store is
     * created (once the store was created, a run stored, and the journal's commit failed with "File name too long"),
     * and the directories made for it are removed.
     */
    @Test
    @Timeout(60)
    void outDirTooDeepForTheStoresLongestFile_isRefused_beforeAnythingIsCreated() throws Exception {
        Path sweep = Files.writeString(dir.resolve("tiny.yaml"), TINY);
        StringBuilder deep = new StringBuilder(dir.toAbsolutePath().toString());
        while (deep.length() < 4040 - 250) deep.append('/').append("x".repeat(200));
        int last = 4040 - deep.length() - 1;
        deep.append('/').append("y".repeat(last));
        Path out = Path.of(deep.toString());
        // The longest is a file DuckDB may spill into the store's spill folder: 68 bytes for tiny, 4040 + 1 + 68 = 4109
        // (the export's partial file has 35, 4076 in all, and the store's tiny.duckdb.wal.checkpoint 26).
        refused(rtxen("sweep", sweep.toString(), "--out", out.toString(), "--progress", "none"), "rtxen: " + out
                + ": --out: its absolute path has 4040 bytes, and the store's longest file, tiny.duckdb.tmp/duckdb_temp_"
                + "storage_DEFAULT-18446744073709551615.tmp, would have a path of 4109, over the 4095 a path may have: use"
                + " a shorter directory");
        assertTrue(Files.notExists(dir.resolve("x".repeat(200))));
    }

    /** A sweep file named {@code .yaml} or {@code .x.yaml} without a name key would hide its store: refused. */
    @Test
    @Timeout(60)
    void sweepNamedByAFileNameThatHidesTheStore_isRefused_beforeAnythingIsCreated() throws Exception {
        Path out = dir.resolve("o");
        Path bare = Files.writeString(dir.resolve(".yaml"), TINY.replace("name: tiny\n", ""));
        refused(rtxen("sweep", bare.toString(), "--out", out.toString()), "rtxen: " + bare + ": name: the sweep's name,"
                + " the file name without .yaml, is empty, and the store's files are named after it: they would be hidden"
                + " (DIR/.duckdb): give the sweep a name: key");
        Path dotted = Files.writeString(dir.resolve(".x.yaml"), TINY.replace("name: tiny\n", ""));
        refused(rtxen("sweep", dotted.toString(), "--out", out.toString()), "rtxen: " + dotted + ": name: the sweep's"
                + " name, the file name without .yaml, is '.x', and the store's files are named after it: they would be"
                + " hidden (DIR/.x.duckdb): give the sweep a name: key");
        assertTrue(Files.notExists(out));
    }

    /**
     * A sweep's store, journal and DuckDB's logs are files named after the sweep: a name that would make one longer
     * than the 255 bytes a file name may have is refused where the sweep file names it (once DuckDB failed to create
     * the store, reported as damaged); a name from the file name is counted in bytes.
     */
    @Test
    @Timeout(60)
    void sweepNameTooLongForTheStoresFiles_isRefusedAtItsLine_beforeAnythingIsCreated() throws Exception {
        Path out = dir.resolve("o");
        // 250 letters: NAME.duckdb has 257 bytes.
        Path file = Files.writeString(dir.resolve("long.yaml"), TINY.replace("name: tiny", "name: " + "a".repeat(250)));
        refused(rtxen("sweep", file.toString(), "--out", out.toString()), "rtxen: " + file + ":1: name: is 250 bytes long,"
                + " and the store's files are named after it: at most 233 (DuckDB's NAME.duckdb.wal.checkpoint then has the 255"
                + " bytes a file name may have)");
        // 117 two-byte letters: 234 bytes, one too many; 233 letters are the longest name.
        Path named = Files.writeString(dir.resolve("é".repeat(117) + ".yaml"), TINY.replace("name: tiny\n", ""));
        refused(rtxen("sweep", named.toString(), "--out", out.toString()), "rtxen: " + named + ": name: the sweep's name,"
                + " the file name without .yaml, is 234 bytes long, and the store's files are named after it: at most 233"
                + " (DuckDB's NAME.duckdb.wal.checkpoint then has the 255 bytes a file name may have): give the sweep a"
                + " shorter name: key");
        assertTrue(Files.notExists(out));
        Path longest = Files.writeString(dir.resolve("longest.yaml"), TINY.replace("name: tiny", "name: " + "a".repeat(233)));
        SimulateCommandTest.Run r = rtxen("sweep", longest.toString(), "--out", out.toString(), "--progress", "none");
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.exists(out.resolve("a".repeat(233) + ".duckdb")));
    }

    /**
     * DuckDB cannot keep a store under a path with ';' (its JDBC driver ends the path there) or '?' (it puts the log at
     * the path with .wal inserted before the '?', and finds nothing there read-only): sweep refuses such an --out, or a
     * sweep named so by its file, in one line naming the character before it creates anything, and plot refuses a store
     * moved there; once sweep created the store and then failed on the log, and plot called the store damaged.
     */
    @Test
    @Timeout(60)
    void storePathsDuckDbCannotOpen_areRefusedNamingTheCharacter_beforeAnythingIsCreated() throws Exception {
        Path sweep = Files.writeString(dir.resolve("tiny.yaml"), TINY);
        Map<String, String> why = Map.of(";", "has ';', where DuckDB's JDBC driver ends a database's path (the rest is read as options)",
                "?", "has '?', before which DuckDB inserts .wal to name the database's log (another file or directory)");
        for (String c : List.of(";", "?")) {
            Path out = dir.resolve("a" + c + "b").resolve("runs");
            refused(rtxen("sweep", sweep.toString(), "--out", out.toString(), "--progress", "none"),
                    "rtxen: " + out + ": --out: " + why.get(c) + ": use another directory");
            Path named = Files.writeString(dir.resolve("x" + c + "y.yaml"), TINY.replace("name: tiny\n", ""));
            refused(rtxen("sweep", named.toString(), "--out", dir.resolve("o").toString(), "--progress", "none"),
                    "rtxen: " + named + ": name: the sweep's name 'x" + c + "y' (the file name without .yaml) names its store and "
                    + why.get(c) + ": give the sweep a name: of letters, digits, . _ + -");
        }
        assertEquals(List.of("tiny.yaml", "x;y.yaml", "x?y.yaml"), names(dir));
        // A store made elsewhere and moved under a '?': plot says why it cannot read it, and does not call it damaged.
        assertEquals(0, tinySweep(sweep, "tiny", dir.resolve("plain")).status());
        Path moved = Files.move(dir.resolve("plain"), dir.resolve("a?b"));
        refused(rtxen("plot", moved.toString(), "-o", dir.resolve("f.svg").toString()),
                "rtxen: " + moved.resolve("tiny.duckdb") + ": " + why.get("?") + ": move or rename its directory");
        assertTrue(Files.notExists(dir.resolve("f.svg")));
    }

    /**
     * Every other character a file name may hold is a plain character of the store's path and of the exports' (passed
     * to DuckDB as a URL and in SQL): quotes, a backslash, URL and SQL punctuation, spaces, non-ASCII letters, a
     * leading '-', names DuckDB gives a meaning to at the start of a path (:memory:, md:, s3:), and a sweep named so.
     */
    @Test
    @Timeout(60)
    void anyOtherCharacterInTheStoresPathWorks_sweepResumeAndPlot() throws Exception {
        Path out = dir.resolve("-q'u\"o\\te #%&=+ é ü").resolve(":memory:").resolve("md:x").resolve("s3:");
        Path sweep = Files.writeString(dir.resolve("t'a \"b\\ #%&=é.yaml"), TINY.replace("name: tiny\n", ""));
        SimulateCommandTest.Run r = rtxen("sweep", sweep.toString(), "--out", out.toString(), "--progress", "none");
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("results.csv", "results.parquet", "t'a \"b\\ #%&=é.duckdb"), names(out));
        // One run; its sweep column holds the name, quoted as CSV quotes a field with a double quote.
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(2, csv.size());
        assertTrue(csv.get(1).startsWith("u=0.3/rep=0,\"t'a \"\"b\\ #%&=é\",0.3,"), csv.get(1));
        r = rtxen("sweep", sweep.toString(), "--out", out.toString(), "--progress", "none");
        assertTrue(r.out().startsWith("1 run stored (0 run now"), r.out());
        r = rtxen("plot", out.toString(), "-o", out.resolve("f.svg").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(out.resolve("f.svg")).contains("<svg"));
    }

    @Test
    void missingBaseScenarioIsBlamedOnTheSweepFile() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "utilization: [0.5]\nscenario: nowhere.yaml\n");
        SimulateCommandTest.Run r = rtxen("sweep", bad.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("rtxen: " + bad + ":2: scenario: no such scenario file: "), r.err());
    }

    @Test
    void badSweepFileExits2WithFileLineField() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "scenario: " + Path.of("../examples/rtds-two-vms.yaml").toAbsolutePath() + "\nutilization: [0.5]\n"
                + "generator: {method: uunifast, tasks: 3, period: {min: 10ms, max: 20ms}}\nreplications: -1\n");
        SimulateCommandTest.Run r = rtxen("sweep", bad.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.status());
        assertEquals("rtxen: " + bad + ":4: replications: -1 is out of range 1..1000000", r.err().strip());
    }

    @Test
    void sweepRefusesAnEmptyOut() throws Exception {
        Path sweep = Files.writeString(dir.resolve("tiny.yaml"), TINY);
        refused(rtxen("sweep", sweep.toString(), "--out", ""), "rtxen: --out: the path is empty");
    }

    @Test
    @Timeout(60)
    void sweepNeverReplacesAnotherSweepsResultsNorItsOwnInput() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, tinySweep(dir.resolve("a.yaml"), "first", out).status());
        byte[] csv = Files.readAllBytes(out.resolve("results.csv"));
        refused(tinySweep(dir.resolve("b.yaml"), "second", out), "rtxen: " + out
                + ": holds the store of another sweep, first.duckdb (a directory holds one sweep): use another --out");
        assertEquals(List.of("first.duckdb", "results.csv", "results.parquet"), names(out));
        assertTrue(Arrays.equals(csv, Files.readAllBytes(out.resolve("results.csv"))));
        // Results without a store are nobody's this sweep may replace.
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(mine.resolve("results.csv"), "my own results\n");
        refused(tinySweep(dir.resolve("c.yaml"), "tiny", mine), "rtxen: " + mine + ": holds results.csv but no store of"
                + " sweep 'tiny' (tiny.duckdb), so it is not this sweep's to replace: move it away or use another --out");
        assertEquals("my own results\n", Files.readString(mine.resolve("results.csv")));
        // A sweep file named like the export it would write: refused, kept, nothing created.
        Path self = Files.createDirectory(dir.resolve("self"));
        refused(tinySweep(self.resolve("results.csv"), "tiny", self), "rtxen: " + self.resolve("results.csv")
                + ": --out: is the input file " + self.resolve("results.csv").toRealPath() + "; writing it would destroy it");
        assertEquals(TINY, Files.readString(self.resolve("results.csv")));
        assertEquals(List.of("results.csv"), names(self));
    }

    private static List<String> names(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @Timeout(60)
    void sweepOutThatIsNoDirectoryOrADamagedStoreIsBadInput() throws Exception {
        Path sweep = Files.writeString(dir.resolve("tiny.yaml"), TINY);
        refused(rtxen("sweep", sweep.toString(), "--out", sweep.toString()), "rtxen: " + sweep + ": is not a directory");
        refused(rtxen("sweep", sweep.toString(), "--out", "/dev/null"), "rtxen: /dev/null: is not a directory");
        Path out = dir.resolve("out");
        assertEquals(0, tinySweep(sweep, "tiny", out).status());
        Path store = out.resolve("tiny.duckdb");
        byte[] whole = Files.readAllBytes(store);
        for (byte[] damaged : List.of(new byte[0], Arrays.copyOf(whole, whole.length / 2),
                "not a database".repeat(1000).getBytes(StandardCharsets.US_ASCII))) {
            Files.write(store, damaged);
            SimulateCommandTest.Run r = rtxen("sweep", sweep.toString(), "--out", out.toString(), "--progress", "none");
            assertEquals(2, r.status(), r.err());
            assertTrue(r.err().startsWith("rtxen: " + store + ": is damaged or not a sweep's store (IO Error: "), r.err());
            assertTrue(r.err().endsWith("); removing it restarts the sweep from the start" + System.lineSeparator()), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @Test
    void sweepReadsItsFilesAsEveryReaderDoes() throws Exception {
        refused(rtxen("sweep", "/dev/zero", "--out", dir.resolve("o").toString()),
                "rtxen: /dev/zero: is not a regular file (a FIFO, socket or device cannot be read)");
        Path device = Files.writeString(dir.resolve("device.yaml"), "utilization: [0.5]\nscenario: /dev/zero\n");
        refused(rtxen("sweep", device.toString(), "--out", dir.resolve("o").toString()), "rtxen: " + device
                + ":2: scenario: the scenario file /dev/zero: is not a regular file (a FIFO, socket or device cannot be read)");
        Path folder = Files.writeString(dir.resolve("folder.yaml"), "utilization: [0.5]\nscenario: " + dir + "\n");
        refused(rtxen("sweep", folder.toString(), "--out", dir.resolve("o").toString()), "rtxen: " + folder
                + ":2: scenario: the scenario file " + dir + ": is a directory, not a file");
    }

    @Test
    @Timeout(60)
    void plotOfADamagedStoreIsBadInputAndItsFigureIsWrittenWholeOrRefused() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, tinySweep(dir.resolve("tiny.yaml"), "tiny", out).status());
        Path store = out.resolve("tiny.duckdb");
        // A figure through a link to the store would overwrite it.
        Path link = Files.createSymbolicLink(dir.resolve("f.svg"), store);
        refused(rtxen("plot", out.toString(), "-o", link.toString()), "rtxen: " + link + ": -o: is the input file "
                + store.toRealPath() + "; writing it would destroy it");
        // A full disk: one line naming -o, for SVG as for PNG.
        for (String name : List.of("full.svg", "full.png")) {
            Path full = Files.createSymbolicLink(dir.resolve(name), Path.of("/dev/full"));
            refused(rtxen("plot", out.toString(), "-o", full.toString()), "rtxen: " + full + ": -o: cannot write: No space left on device");
            Files.delete(full);
        }
        byte[] whole = Files.readAllBytes(store);
        Files.write(store, Arrays.copyOf(whole, whole.length / 2));
        SimulateCommandTest.Run r = rtxen("plot", out.toString(), "-o", dir.resolve("g.png").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("rtxen: " + store + ": is damaged or not a sweep's store (IO Error: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(Files.notExists(dir.resolve("g.png")));
    }

    /**
     * plot's -o is a file: in a missing directory, or under a file, it is refused in one line saying the directory is
     * missing, and nothing is created (as every output file: cli.md, output files).
     */
    @Test
    @Timeout(60)
    void plotIntoAMissingDirectory_isRefusedSayingSo_andCreatesNothing() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, tinySweep(dir.resolve("tiny.yaml"), "tiny", out).status());
        Path missing = dir.resolve("figs/new/f.png");
        refused(rtxen("plot", out.toString(), "-o", missing.toString()), "rtxen: " + missing
                + ": -o: cannot write: no such directory");
        assertTrue(Files.notExists(dir.resolve("figs")));
        Path file = Files.writeString(dir.resolve("file"), "");
        refused(rtxen("plot", out.toString(), "-o", file.resolve("f.svg").toString()), "rtxen: " + file.resolve("f.svg")
                + ": -o: cannot write: no such directory: " + file + " is not a directory");
        assertEquals("", Files.readString(file));
    }

    /**
     * A store that opens and names its sweep but lacks a column the figure reads (once an internal error, exit 70) is
     * a damaged store too.
     */
    @Test
    void plotOfAStoreMissingAColumnIsBadInput() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, tinySweep(dir.resolve("tiny.yaml"), "tiny", out).status());
        Path store = out.resolve("tiny.duckdb");
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:duckdb:" + store.toAbsolutePath());
             java.sql.Statement st = db.createStatement()) {
            st.execute("ALTER TABLE runs DROP COLUMN utilization");
        }
        SimulateCommandTest.Run r = rtxen("plot", out.toString(), "-o", dir.resolve("g.png").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("rtxen: " + store + ": is damaged or not a sweep's store ("), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void plotRefusesAnAnalysisListThatNamesNoneOrOneTwice() {
        String[] plot = {"plot", dir.toString(), "-o", dir.resolve("f.png").toString(), "--analysis"};
        refused(rtxen(concat(plot, "plan,plan")), "rtxen: --analysis: names 'plan' twice");
        refused(rtxen(concat(plot, ",,")), "rtxen: --analysis: names no analysis");
        refused(rtxen(concat(plot, "plan,,host:edf")), "rtxen: --analysis: has an empty name: 'plan,,host:edf'");
    }

    private static String[] concat(String[] args, String last) {
        String[] out = Arrays.copyOf(args, args.length + 1);
        out[args.length] = last;
        return out;
    }

    @Test
    void generateBoundsItsWorkToWhatTheReadersAccept() {
        String[] periods = {"--period-min", "10ms", "--period-max", "100ms"};
        refused(rtxen(concat(new String[] {"generate", "--method", "randfixedsum", "--tasks", "100000000", "--utilization", "1"}, periods)),
                "rtxen: --tasks: must be from 1 to 2000 for randfixedsum, not 100000000");
        refused(rtxen(concat(new String[] {"generate", "--method", "uunifast-discard", "--tasks", "100001", "--utilization", "1"}, periods)),
                "rtxen: --tasks: must be from 1 to 100000 for uunifast-discard, not 100001");
        refused(rtxen("generate", "--method", "rtxen", "--distribution", "uniform-light", "--period-range", "narrow",
                "--utilization", "1e30"), "rtxen: --utilization: must be in (0, 4096], not 1e30");
        refused(rtxen("generate", "--method", "rtxen", "--distribution", "uniform-light", "--period-range", "narrow",
                "--utilization", "1e100000000"), "rtxen: --utilization: '1e100000000' is out of range (exponent beyond ±40)");
        // Within the bounds a long search stops at --timeout: no vector of 100,000 tasks summing to 4096 stays below 0.3.
        SimulateCommandTest.Run r = rtxen(concat(new String[] {"generate", "--method", "uunifast-discard", "--tasks", "100000",
            "--utilization", "4096", "--max-task-utilization", "0.3", "--timeout", "1s"}, periods));
        assertEquals(3, r.status(), r.err());
        assertEquals("", r.out());
    }

    @Test
    @Timeout(60)
    void generateRtxen_noTaskPossibleOrNoneDrawn_refusedNotHangingOrPrintingAnEmptySet() {
        // 1 ms periods in whole ms: every heavy task rounds to u 0 or 1, outside [0.5, 0.9]; before, the draw loop ran
        // until killed.
        SimulateCommandTest.Run r = rtxen("generate", "--method", "rtxen", "--distribution", "uniform-heavy", "--period-min",
                "1ms", "--period-max", "1ms", "--utilization", "0.95");
        assertEquals(2, r.status(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("rtxen: --unit: the rtxen method redrew 100000 tasks in a row: at periods of 1ms"
                + " to 1ms a WCET in whole units of 1ms hardly ever or never has a utilisation in [0.5, 0.9]"), r.err());
        // A target below one 1 ms unit on a 550 to 650 ms period: the filler rounds to 0 and no task is drawn; before,
        // "tasks:" with none was printed, which rtxen analyze refuses ("at least one task is needed").
        refused(rtxen("generate", "--method", "rtxen", "--distribution", "uniform-light", "--period-range", "narrow",
                "--utilization", "0.0001"), "rtxen: --utilization: 0.0001 gives no task: the rtxen method's only task,"
                + " the filler, rounds 0.0001 × its period down to 0 whole units of 1ms (use a larger --utilization or a"
                + " finer --unit)");
    }

    private static String[] concat(String[] args, String[] more) {
        String[] out = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, out, args.length, more.length);
        return out;
    }

    @Test
    void generateNamesTheOptionAtFault() {
        String[] set = {"generate", "--tasks", "3", "--period-min", "10ms", "--period-max", "100ms", "--method"};
        refused(rtxen(concat(set, new String[] {"uunifast", "--utilization", "0.5", "--max-task-utilization", "0.5"})),
                "rtxen: --max-task-utilization: applies to the uunifast-discard and randfixedsum methods only");
        refused(rtxen("generate", "--method", "rtxen", "--distribution", "uniform-light", "--period-range", "narrow",
                "--utilization", "1", "--max-task-utilization", "0.5"),
                "rtxen: --max-task-utilization: applies to the uunifast-discard and randfixedsum methods only");
        for (String cpus : List.of("-1", "0", "5000")) {
            refused(rtxen(concat(set, new String[] {"uunifast", "--utilization", "0.5", "--cpus", cpus})),
                    "rtxen: --cpus: must be a whole number from 1 to 4096, not " + cpus);
        }
        refused(rtxen(concat(set, new String[] {"uunifast", "--utilization", "-1"})), "rtxen: --utilization: must be in (0, 4096], not -1");
        refused(rtxen(concat(set, new String[] {"uunifast", "--utilization", "2"})), "rtxen: --utilization: uunifast draws a total"
                + " utilisation in (0, 1], not 2.0 (use uunifast-discard or randfixedsum above 1)");
        refused(rtxen(concat(set, new String[] {"uunifast", "--utilization", "0.5", "--unit", "3ms"})),
                "rtxen: --unit: the minimum period must be a positive multiple of the unit");
        refused(rtxen("generate", "--method", "uunifast", "--tasks", "0", "--utilization", "0.5", "--period-min", "10ms",
                "--period-max", "100ms"), "rtxen: --tasks: must be from 1 to 100000 for uunifast, not 0");
    }

    /**
     * The smoke sweep with a timeout that passes while its file is read: nothing is run or stored, not even DIR is
     * created, exit 3 with one line that says so; started again without it, the sweep runs to the end and exports. The
     * timeout once started counting at the runner, after the reading and the check, which can take minutes.
     */
    @Test
    @Timeout(120)
    void sweepTimeoutSpentWhileTheFileIsRead_storesNothing_andSaysSo() throws Exception {
        Path out = dir.resolve("smoke");
        String smoke = "../examples/experiments/smoke.yaml";
        SimulateCommandTest.Run r = rtxen("sweep", smoke, "--out", out.toString(), "--progress", "none", "--workers", "1",
                "--timeout", "1ns");
        assertEquals(3, r.status(), r.err());
        assertEquals("rtxen: stopped by --timeout 1ns (1ns of wall-clock time) while reading and checking " + smoke
                + ", before any run: nothing was stored, and running it again checks the file again from the start"
                + System.lineSeparator(), r.err());
        assertEquals("", r.out());
        assertTrue(!Files.exists(out));
        r = rtxen("sweep", smoke, "--out", out.toString(), "--progress", "none");
        assertEquals(0, r.status(), r.err());
        assertEquals(160 + 1, Files.readAllLines(out.resolve("results.csv")).size());
    }

    /**
     * A timeout that passes while the runs run stops taking runs: those in flight are stored, nothing is exported, exit
     * 3 with one line counting the runs stored. The smoke sweep with 1,000 task sets per point (16,000 runs of tens of
     * milliseconds each) is read in well under the 3 s, and its runs take minutes.
     */
    @Test
    @Timeout(120)
    void sweepTimeoutWhileTheRunsRun_stopsTakingRuns() throws Exception {
        Path file = dir.resolve("long.yaml");
        Files.writeString(file, Files.readString(Path.of("../examples/experiments/smoke.yaml"))
                .replace("scenario: two-guests.yaml", "scenario: " + Path.of("../examples/experiments/two-guests.yaml")
                        .toAbsolutePath()).replace("replications: 10", "replications: 1000"));
        Path out = dir.resolve("long");
        SimulateCommandTest.Run r = rtxen("sweep", file.toString(), "--out", out.toString(), "--progress", "none",
                "--workers", "1", "--timeout", "3s");
        assertEquals(3, r.status(), r.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("rtxen: --timeout 3s stopped the sweep with ([\\d,]+) of "
                + "16,000 runs stored in " + java.util.regex.Pattern.quote(out.toString()) + "; running it again resumes")
                .matcher(r.err().strip());
        assertTrue(m.matches(), r.err());
        assertEquals("", r.out());
        assertTrue(!Files.exists(out.resolve("results.csv")));
    }

    /**
     * A timeout that passes while a long check runs stops the check at once, whether it is drawing the points' task
     * sets (9.6 million points of the rtxen method) or building the configurations' scenarios (810,000: four axes of 30
     * values, read at once and built in about a minute): the reading thread looks at the interrupt, so none is left
     * running once the command has returned.
     */
    @Test
    @Timeout(120)
    void sweepTimeoutDuringALongCheck_stopsTheCheckPromptly() throws Exception {
        String points = TINY.replace("utilization: [0.3]", "utilization: {from: 0.1, to: 4.9, step: 0.0000005}")
                .replace("generator: {method: uunifast, tasks: 2, period: {min: 10ms, max: 20ms}}",
                        "generator: {method: rtxen, distribution: uniform-medium, period: {range: moderate, unit: 1ms}}");
        StringBuilder axes = new StringBuilder("axes:\n");
        String[][] keys = {{"d", "duration", "50", "ms"}, {"p", "domains[0].rtds.period", "5", "ms"},
            {"b", "domains[0].rtds.budget", "1000", "us"}, {"c", "host.pcpus", "1", ""}};
        for (String[] k : keys) {
            axes.append("  - {name: ").append(k[0]).append(", key: '").append(k[1]).append("', values: [");
            for (int i = 0; i < 30; i++) axes.append(i == 0 ? "" : ", ").append(Integer.parseInt(k[2]) + i).append(k[3]);
            axes.append("]}\n");
        }
        String configurations = TINY.replace("analyses:", axes + "analyses:");
        for (String sweep : List.of(points, configurations)) {
            Path file = Files.writeString(dir.resolve("long.yaml"), sweep);
            Path out = dir.resolve("long");
            List<Thread> before = workThreads();
            SimulateCommandTest.Run r = rtxen("sweep", file.toString(), "--out", out.toString(), "--progress", "none",
                    "--timeout", "1s");
            assertEquals(3, r.status(), r.err());
            assertTrue(r.err().startsWith("rtxen: stopped by --timeout 1s (1.000s of wall-clock time) while reading and"
                    + " checking " + file + ", before any run"), r.err());
            assertTrue(!Files.exists(out));
            for (Thread t : workThreads()) {
                if (before.contains(t)) continue;
                t.join(1_000);
                assertTrue(!t.isAlive(), "the check went on after the timeout");
            }
        }
    }

    /** The threads alive that run a command's work under its --timeout. */
    private static List<Thread> workThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("rtxen-work")).toList();
    }

    /**
     * The smoke sweep on a 300 KB file system fills it: the sweep stops with one line naming its journal (or its store,
     * whichever write fails first), keeps what it stored, and, with room again, resumes to the end. Needs root to
     * mount the small file system (CI is root).
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void sweepOnAFullDisk_stopsWithOneLine_andResumesWhenThereIsRoom() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        org.junit.jupiter.api.Assumptions.assumeTrue(command("mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs",
                small.toString()) == 0, "needs root to mount a small tmpfs");
        try {
            Path out = small.resolve("st");
            SimulateCommandTest.Run r = rtxen("sweep", "../examples/experiments/smoke.yaml", "--out", out.toString(),
                    "--progress", "none");
            assertEquals(2, r.status(), r.err());
            String kept = "; the runs stored so far are kept, and running the sweep again resumes";
            String err = r.err().strip();
            if (!err.equals("rtxen: " + out.resolve("smoke.journal") + ": cannot write: No space left on device" + kept)) {
                // Or the store's own write failed first: DuckDB's reason, in one line, names the disk.
                assertTrue(err.startsWith("rtxen: " + out.resolve("smoke.duckdb") + ": cannot store runs in: ")
                        && err.contains("No space left on device") && err.endsWith(kept) && !err.contains("\n"), err);
            }
            assertEquals(0, command("mount", "-o", "remount,size=8m", small.toString()));
            r = rtxen("sweep", "../examples/experiments/smoke.yaml", "--out", out.toString(), "--progress", "none");
            assertEquals(0, r.status(), r.err());
            assertTrue(Files.exists(out.resolve("results.csv")));
        } finally {
            command("umount", "-l", small.toString()); // lazily: the store may still be open in this JVM
        }
    }

    /** Runs a system command quietly and returns its exit status. */
    private static int command(String... args) throws Exception {
        return new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor();
    }

    /**
     * The scenario --scenario prints for a run of a sweep with {@code vcpus: planned} is the one the run simulates, its
     * budgets planned as the sweep plans them: simulating it gives the run's row (136 jobs released, 40 missed). It
     * once printed the base scenario's budgets (5 ms), whose simulation missed 32.
     */
    @Test
    @Timeout(120)
    void scenarioOfAPlannedRun_isTheOneTheRunSimulates() throws Exception {
        String key = "u=1.2/server=periodic/guest=global/rep=3";
        Path smoke = Path.of("../examples/experiments/smoke.yaml");
        Sweep sweep = SweepReader.read(smoke);
        RunResult row = RunOne.run(sweep, sweep.runs().stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow());
        assertEquals(136, row.released());
        assertEquals(40, row.missed());
        SimulateCommandTest.Run r = rtxen("sweep", smoke.toString(), "--scenario", key);
        assertEquals(0, r.status(), r.err());
        Path one = Files.writeString(dir.resolve("one.yaml"), r.out());
        SimulateCommandTest.Run sim = rtxen("simulate", one.toString(), "--json");
        long released = 0;
        long missed = 0;
        for (JsonNode d : new ObjectMapper().readTree(sim.out()).path("domains")) {
            for (JsonNode t : d.path("tasks")) {
                released += t.path("released").asLong();
                missed += t.path("missed").asLong();
            }
        }
        assertEquals(row.released(), released, sim.out());
        assertEquals(row.missed(), missed, r.out());
    }
}
