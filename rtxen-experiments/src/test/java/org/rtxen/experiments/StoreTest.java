package org.rtxen.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.experiments.run.RunResult;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.experiments.sweep.RunSpec;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.io.InputException;

/**
 * The sweep's result store: one or several workers store the same rows and exports; running again runs only what is
 * missing, also after a SIGKILL, committing a killed process's journal on open without its torn or damaged lines and
 * never a journal of another definition; a sweep that no longer has some stored runs is refused, and of two sweeps
 * started into one directory at once at most one runs; an export that fills the disk leaves the old export and no file
 * behind, a store on a read-only file system is not called damaged, a timeout ends a sweep with its exports once its
 * last runs are stored and counts a stopped sweep's runs without reading them for figures, and spill folders are
 * removed on open and close or named when they cannot be; DuckDB's memory and threads are bounded and its reads
 * streamed; and sweeps of a million and ten million runs start in a small heap.
 */
class StoreTest {
    @TempDir
    Path tmp;
    /** The tmpfs mounts this test made ({@link #tmpfs}). */
    private final List<Path> mounted = new ArrayList<>();

    private static List<RunResult> withoutWallTime(List<RunResult> rows) {
        return rows.stream().map(RunResult::withoutWallTime).toList();
    }

    /** The CSV lines without the columns wall_ms and cpu_ms (fields split on commas outside double quotes). */
    private static List<String> withoutTimes(List<String> csv) {
        List<String> header = fields(csv.get(0));
        int wall = header.indexOf("wall_ms");
        int cpu = header.indexOf("cpu_ms");
        assertTrue(wall >= 0 && cpu >= 0, csv.get(0));
        return csv.stream().map(line -> {
            List<String> f = new ArrayList<>(fields(line));
            f.set(wall, "");
            f.set(cpu, "");
            return String.join(",", f);
        }).toList();
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') quoted = !quoted;
            if (c == ',' && !quoted) {
                out.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        out.add(b.toString());
        return out;
    }

    private static List<RunResult> rows(Path dir, Sweep s) {
        try (ResultStore store = ResultStore.open(dir, s)) {
            return store.rows();
        }
    }

    @Test
    @Timeout(120)
    void oneAndSeveralWorkersStoreTheSameRows() throws Exception {
        Sweep s = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        Summary one = SweepRunner.run(s, tmp.resolve("one"), 1, Progress.NONE);
        Summary three = SweepRunner.run(s, tmp.resolve("three"), 3, Progress.NONE);
        assertEquals(12, one.runs());
        assertEquals(12, three.ran());
        List<RunResult> a = rows(tmp.resolve("one"), s);
        assertEquals(withoutWallTime(a), withoutWallTime(rows(tmp.resolve("three"), s)));
        // Every configuration saw the same task set at each (point, replication): same seed, same utilisation.
        for (RunResult r : a) {
            RunResult twin = a.stream().filter(x -> x.utilization() == r.utilization()
                    && x.replication() == r.replication()).findFirst().orElseThrow();
            assertEquals(twin.seed(), r.seed());
            assertEquals(twin.taskUtilization(), r.taskUtilization());
        }
        // The CSV has a header and one line per run, the run key first.
        List<String> csv = Files.readAllLines(tmp.resolve("one").resolve(ResultStore.CSV));
        assertEquals(13, csv.size());
        assertTrue(csv.get(0).startsWith("run,sweep,utilization,replication,configuration,ax_server,seed"), csv.get(0));
        // Same seed, one worker or three: results.csv is byte-identical once the wall and CPU times are removed.
        assertEquals(withoutTimes(csv), withoutTimes(Files.readAllLines(tmp.resolve("three").resolve(ResultStore.CSV))));
        byte[] parquet = Files.readAllBytes(tmp.resolve("one").resolve(ResultStore.PARQUET));
        assertEquals("PAR1", new String(parquet, 0, 4, StandardCharsets.US_ASCII));
    }

    @Test
    @Timeout(120)
    void runningAgainRunsNothingAndAddedPointsRunAlone() throws Exception {
        Sweep s = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        SweepRunner.run(s, tmp, 2, Progress.NONE);
        assertEquals(0, SweepRunner.run(s, tmp, 2, Progress.NONE).ran());
        // One more utilisation point: only its 2 x 3 runs are new.
        Sweep more = TestSweeps.write(tmp, "small", TestSweeps.SMALL.replace("[0.3, 0.7]", "[0.3, 0.7, 0.9]"));
        Summary s2 = SweepRunner.run(more, tmp, 2, Progress.NONE);
        assertEquals(6, s2.ran());
        assertEquals(18, s2.runs());
    }

    @Test
    @Timeout(300)
    void aSweepKilledWithSigkillResumesWithNothingLostOrDuplicated() throws Exception {
        // Long enough runs that the kill lands mid-sweep: 2 s simulated each, 2 points x 2 x 6 = 24 runs.
        String text = TestSweeps.SMALL.replace("duration: 200ms", "duration: 2s").replace("replications: 3", "replications: 6");
        Sweep s = TestSweeps.write(tmp, "small", text);
        Path dir = tmp.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KillableSweep.class.getName(), tmp.resolve("small.yaml").toString(), dir.toString(), "2")
                .redirectErrorStream(true).start();
        int reported = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("stored ")) reported = Integer.parseInt(line.substring(7));
                if (reported >= 5) break;
            }
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close of the database
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }
        assertTrue(reported >= 5, "the child stored too few runs before the kill");
        // Opening the store moves what the killed child's journal holds into the database.
        List<RunResult> kept = rows(dir, s);
        int committed = kept.size();
        // Every run reported stored survived; what is missing is what was not finished yet.
        assertTrue(committed >= reported && committed < 24, "committed " + committed + ", reported " + reported);
        // The 2 workers take the runs in the sweep's order, so every run before the last one kept had started by
        // the kill: those missing were in flight then, at most one per worker.
        Set<String> keptKeys = new HashSet<>(kept.stream().map(RunResult::run).toList());
        List<String> order = s.runs().stream().map(RunSpec::key).toList();
        int last = 0;
        for (int i = 0; i < order.size(); i++) if (keptKeys.contains(order.get(i))) last = i;
        long inFlight = order.subList(0, last).stream().filter(k -> !keptKeys.contains(k)).count();
        assertTrue(inFlight <= 2, inFlight + " runs before the last kept one were lost: " + order + " kept " + keptKeys);
        Summary resumed = SweepRunner.run(s, dir, 2, Progress.NONE);
        assertEquals(24 - committed, resumed.ran());
        List<RunResult> all = rows(dir, s);
        assertEquals(24, all.size());
        assertEquals(24, new HashSet<>(all.stream().map(RunResult::run).toList()).size());
        Summary fresh = SweepRunner.run(s, tmp.resolve("fresh"), 2, Progress.NONE);
        assertEquals(24, fresh.ran());
        assertEquals(withoutWallTime(rows(tmp.resolve("fresh"), s)), withoutWallTime(all));
    }

    @Test
    @Timeout(120)
    void aJournalLeftByAKilledProcessIsCommittedOnOpenAndItsTornLastLineIgnored() throws Exception {
        Sweep s = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        SweepRunner.run(s, tmp.resolve("done"), 1, Progress.NONE);
        List<RunResult> done = rows(tmp.resolve("done"), s);
        // Three runs recorded (journal only, no commit), as a process killed before its commit leaves them; the third
        // one's line torn half-way by the kill.
        Path dir = tmp.resolve("killed");
        ResultStore.open(dir, s).close();
        Path journal = dir.resolve("small.journal");
        Path saved = tmp.resolve("saved.journal");
        try (ResultStore store = ResultStore.open(tmp.resolve("recorder"), s)) {
            for (RunResult r : done.subList(0, 3)) store.record(r);
            Files.copy(tmp.resolve("recorder").resolve("small.journal"), saved);
        }
        String text = Files.readString(saved);
        int firstRun = text.indexOf('{'); // after the line naming the definition
        int thirdLine = text.indexOf('\n', text.indexOf('\n', firstRun) + 1) + 1;
        Files.writeString(journal, text.substring(0, thirdLine + (text.length() - thirdLine) / 2));
        List<RunResult> recovered = rows(dir, s);
        assertEquals(withoutWallTime(done.subList(0, 2)), withoutWallTime(recovered));
        assertEquals(done.subList(0, 2), recovered, "the wall and CPU times travel through the journal too");
        assertTrue(Files.notExists(journal), "the journal is gone once committed");
        // Recovered runs are not run again.
        assertEquals(10, SweepRunner.run(s, dir, 1, Progress.NONE).ran());
    }

    /**
     * A journal line damaged on disk (not the last, which a kill may tear) is dropped like a torn one: the runs around
     * it are committed, and its run is run again. Such a journal stopped every resume with "cannot be read back".
     */
    @Test
    @Timeout(120)
    void aDamagedLineInTheMiddleOfAJournal_isDropped_andItsRunRunAgain() throws Exception {
        Sweep s = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        SweepRunner.run(s, tmp.resolve("done"), 1, Progress.NONE);
        List<RunResult> done = rows(tmp.resolve("done"), s);
        Path dir = tmp.resolve("damaged");
        try (ResultStore store = ResultStore.open(dir, s)) {
            assertEquals(0, store.rows().size());
        }
        Path journal = dir.resolve("small.journal");
        Path saved = tmp.resolve("saved.journal");
        try (ResultStore store = ResultStore.open(tmp.resolve("recorder"), s)) {
            for (RunResult r : done.subList(0, 3)) store.record(r);
            Files.copy(tmp.resolve("recorder").resolve("small.journal"), saved); // as a kill before the commit leaves it
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(saved));
        int second = lines.size() - 2; // the header, then runs 0, 1, 2: damage run 1's line
        lines.set(second, lines.get(second).substring(0, 20) + "\u0000garbage" + lines.get(second).substring(30));
        Files.write(journal, lines);
        List<RunResult> recovered = rows(dir, s);
        assertEquals(List.of(done.get(0), done.get(2)), recovered);
        assertTrue(Files.notExists(journal));
        assertEquals(10, SweepRunner.run(s, dir, 1, Progress.NONE).ran());
        assertEquals(withoutWallTime(done), withoutWallTime(rows(dir, s)));
    }

    @Test
    @Timeout(120)
    void aSweepThatNoLongerHasSomeStoredRuns_isRefused_insteadOfExportingThemAsItsOwn() throws Exception {
        Sweep s = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        Path dir = tmp.resolve("out");
        SweepRunner.run(s, dir, 2, Progress.NONE);
        byte[] csv = Files.readAllBytes(dir.resolve(ResultStore.CSV));
        // A point removed (its 2 x 3 runs were exported as the 6-run sweep's, and a --timeout stop of a sweep that
        // also adds a point counted them as its own, exiting 0 with no export), or replications cut from 3 to 1.
        Sweep lessPoints = TestSweeps.write(tmp, "small", TestSweeps.SMALL.replace("[0.3, 0.7]", "[0.3, 0.9]"));
        InputException e = assertThrows(InputException.class, () -> SweepRunner.run(lessPoints, dir, 2, Progress.NONE));
        assertEquals(dir + ": holds 6 runs that sweep 'small' no longer has (e.g. u=0.7/server=deferrable/rep=0):"
                + " a utilisation point or replication was removed; put it back or use another --out", e.getMessage());
        Sweep lessReps = TestSweeps.write(tmp, "small", TestSweeps.SMALL.replace("replications: 3", "replications: 1"));
        e = assertThrows(InputException.class, () -> SweepRunner.run(lessReps, dir, 2, Progress.NONE));
        assertEquals(dir + ": holds 8 runs that sweep 'small' no longer has (e.g. u=0.3/server=deferrable/rep=1):"
                + " a utilisation point or replication was removed; put it back or use another --out", e.getMessage());
        assertArrayEquals(csv, Files.readAllBytes(dir.resolve(ResultStore.CSV)), "the export is left as it was");
        // The sweep as it was still resumes there, and one that only adds runs is still allowed.
        assertEquals(0, SweepRunner.run(s, dir, 2, Progress.NONE).ran());
        Sweep more = TestSweeps.write(tmp, "small", TestSweeps.SMALL.replace("[0.3, 0.7]", "[0.3, 0.7, 0.9]"));
        assertEquals(6, SweepRunner.run(more, dir, 2, Progress.NONE).ran());
    }

    @Test
    @Timeout(300)
    void twoSweepsOfDifferentNamesStartedIntoOneDirAtOnce_atMostOneRuns() throws Exception {
        // Both once passed the check for another sweep's store before either had created its own (DuckDB's library
        // takes a while to load), ran to the end, and each replaced the other's results.csv: a directory with two
        // stores, which every later sweep and plot of it refused.
        TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        TestSweeps.write(tmp, "other", TestSweeps.SMALL.replace("name: small", "name: other"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int attempt = 0; attempt < 3; attempt++) {
            Path dir = tmp.resolve("both" + attempt);
            List<Process> children = new ArrayList<>();
            for (String name : List.of("small", "other")) {
                children.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        KillableSweep.class.getName(), tmp.resolve(name + ".yaml").toString(), dir.toString(), "1")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            int finished = 0;
            for (Process child : children) {
                assertTrue(child.waitFor(120, TimeUnit.SECONDS));
                if (child.exitValue() == 0) finished++;
            }
            assertTrue(finished <= 1, "attempt " + attempt + ": both sweeps ran into " + dir);
            // Each may also have seen the other's store and both been refused, removing the directory they made.
            if (finished == 0 && Files.notExists(dir)) continue;
            try (var stores = Files.newDirectoryStream(dir, "*.duckdb")) {
                int n = 0;
                for (Path ignored : stores) n++;
                assertEquals(finished, n, "attempt " + attempt + ": the stores left in " + dir);
            }
        }
    }

    @Test
    @Timeout(120)
    @EnabledOnOs(OS.LINUX)
    void anExportThatFillsTheDisk_leavesNoFileBehind_andTheOldExport() throws Exception {
        Path small = tmpfs("small-fs", "2m");
        Sweep s = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        Path dir = small.resolve("out");
        SweepRunner.run(s, dir, 2, Progress.NONE);
        byte[] csv = Files.readAllBytes(dir.resolve(ResultStore.CSV));
        Set<String> files = names(dir);
        try (var filler = Files.newOutputStream(small.resolve("filler"))) {
            byte[] block = new byte[4096];
            while (true) filler.write(block);
        } catch (java.io.IOException full) {
            // the disk is full
        }
        InputException e = assertThrows(InputException.class, () -> SweepRunner.run(s, dir, 2, Progress.NONE));
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        // DuckDB's own temporary file (tmp_.results.csv.PID.partial, beside the hidden one) was left behind.
        assertEquals(files, names(dir));
        assertArrayEquals(csv, Files.readAllBytes(dir.resolve(ResultStore.CSV)));
    }

    /**
     * A tmpfs of {@code size} mounted at {@code name} in the test's directory, unmounted after the test; the test is
     * skipped where it cannot be mounted (not root).
     */
    private Path tmpfs(String name, String size) throws Exception {
        Path at = Files.createDirectories(tmp.resolve(name));
        Assumptions.assumeTrue(command("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString()) == 0,
                "needs root to mount a tmpfs");
        mounted.add(at);
        return at;
    }

    @AfterEach
    void unmount() throws Exception {
        for (Path at : mounted) command("umount", "-l", at.toString()); // lazily: DuckDB may still hold a store open
    }

    private static Set<String> names(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return new java.util.TreeSet<>(files.map(f -> f.getFileName().toString()).toList());
        }
    }

    private static int command(String... args) throws Exception {
        return new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor();
    }

    @Test
    @Timeout(300)
    void aSweepOfAMillionRuns_startsInAHeapTheRunListFitsIn() throws Exception {
        // The runner once submitted every run to the pool at once: a million queued tasks needed about 350 MB of heap
        // besides the run list's, and 10 million (the most a sweep may have) failed with exit 70 in a 3 GB heap.
        String noAxes = TestSweeps.SMALL.substring(0, TestSweeps.SMALL.indexOf("axes:"))
                + TestSweeps.SMALL.substring(TestSweeps.SMALL.indexOf("vcpus:"));
        TestSweeps.write(tmp, "million", noAxes.replace("name: small", "name: million")
                .replace("replications: 3", "replications: 500000"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx280m", "-cp", System.getProperty("java.class.path"),
                KillableSweep.class.getName(), tmp.resolve("million.yaml").toString(), tmp.resolve("out").toString(), "1",
                "1").redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(240, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), out); // stopped by its 1 ns timeout after at most a run or two
    }

    @Test
    @Timeout(300)
    void aSweepOfTenMillionRuns_startsInASmallHeap_whetherItsRunsAreTaskSetsOrPoints() throws Exception {
        // The run list held a RunSpec per run, and the reader a set of the points to find one listed twice: 10 million
        // runs needed about 4 GB of heap before the first one ran (2 GB failed with exit 70). Each run is now computed
        // from its index when it is submitted, a range's points from theirs, and the stored runs are a bit per run.
        String noAxes = TestSweeps.SMALL.substring(0, TestSweeps.SMALL.indexOf("axes:"))
                + TestSweeps.SMALL.substring(TestSweeps.SMALL.indexOf("vcpus:"));
        String sets = noAxes.replace("[0.3, 0.7]", "{from: 0.1, to: 1, step: 0.1}").replace("replications: 3",
                "replications: 1000000");
        String points = noAxes.replace("[0.3, 0.7]", "{from: 0.0000001, to: 1, step: 0.0000001}").replace(
                "replications: 3", "replications: 1");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String text : List.of(sets, points)) {
            TestSweeps.write(tmp, "ten", text.replace("name: small", "name: ten"));
            Process child = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    KillableSweep.class.getName(), tmp.resolve("ten.yaml").toString(),
                    tmp.resolve(text == sets ? "sets" : "points").toString(), "1", "1").redirectErrorStream(true).start();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue(), out); // stopped by its 1 ns timeout before its first run
        }
    }

    @Test
    @Timeout(120)
    @EnabledOnOs(OS.LINUX)
    void aStoreOnAReadOnlyFileSystem_isNotCalledDamaged() throws Exception {
        // It was "is damaged or not a sweep's store (...Read-only file system); removing it restarts the sweep from
        // the start": advice to delete a sound store and every result in it.
        Path ro = tmpfs("ro-fs", "4m");
        Sweep s = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        Path dir = ro.resolve("out");
        SweepRunner.run(s, dir, 2, Progress.NONE);
        assertEquals(0, command("mount", "-o", "remount,ro", ro.toString()));
        InputException e = assertThrows(InputException.class, () -> SweepRunner.run(s, dir, 2, Progress.NONE));
        assertEquals(dir.resolve("small.duckdb") + ": cannot be written: read-only file system", e.getMessage());
    }

    @Test
    @Timeout(120)
    void aTimeoutThatLetsTheLastRunsFinish_endsACompleteSweepWithItsExports() throws Exception {
        // One run of about a second, in flight when the 200 ms timeout comes: it is stored, so the sweep is complete;
        // it was not exported, yet rtxen sweep printed the summary and "results: DIR/results.csv" (absent), exit 0.
        String text = TestSweeps.SMALL.substring(0, TestSweeps.SMALL.indexOf("axes:"))
                + TestSweeps.SMALL.substring(TestSweeps.SMALL.indexOf("vcpus:"));
        Sweep s = TestSweeps.write(tmp, "small", text.replace("duration: 200ms", "duration: 2000s")
                .replace("[0.3, 0.7]", "[0.7]").replace("replications: 3", "replications: 1"));
        Path dir = tmp.resolve("out");
        ResultStore.open(dir, s).close(); // DuckDB loaded: the timeout's clock starts with the run, not with the library
        Summary summary = SweepRunner.run(s, dir, 1, Progress.NONE, 200_000_000L, ResultStore.Delivery.UNBOUNDED);
        assertEquals(1, summary.runs());
        assertTrue(rows(dir, s).get(0).wallNs() > 200_000_000L, "the run was shorter than the timeout");
        assertTrue(Files.exists(dir.resolve(ResultStore.CSV)) && Files.exists(dir.resolve(ResultStore.PARQUET)));
    }

    @Test
    @Timeout(120)
    void aSweepStoppedByItsTimeout_countsItsStoredRuns_withoutReadingThemForFigures() throws Exception {
        // The figures of a stopped sweep are not printed, yet every stored run was read for them after the timeout:
        // with 5 million stored, the command ended 40 s after its --timeout.
        Path dir = tmp.resolve("out");
        SweepRunner.run(TestSweeps.write(tmp, "small", TestSweeps.SMALL), dir, 2, Progress.NONE);
        Sweep more = TestSweeps.write(tmp, "small", TestSweeps.SMALL.replace("[0.3, 0.7]", "[0.3, 0.7, 0.5]"));
        Summary stopped = SweepRunner.run(more, dir, 2, Progress.NONE, 1, ResultStore.Delivery.UNBOUNDED);
        assertEquals(12, stopped.runs());
        assertEquals(0, stopped.ran());
        assertEquals(List.of(), stopped.configs());
    }

    @Test
    @Timeout(120)
    void aJournalOfAnotherDefinition_leftBesideARemovedStore_isNotCommittedAsThisSweepsRuns() throws Exception {
        // A sweep killed (its journal kept), its file then changed (here the seed), its store removed to start again:
        // the old definition's runs in the journal were committed into the new store as the new sweep's, and not run.
        Sweep s = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        Path dir = tmp.resolve("out");
        Path saved = tmp.resolve("saved.journal");
        try (ResultStore store = ResultStore.open(dir, s)) {
            for (RunResult r : withoutWallTime(rowsOf(s, tmp.resolve("done")).subList(0, 3))) store.record(r);
            Files.copy(dir.resolve("small.journal"), saved);
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.copy(saved, dir.resolve("small.journal"));
        Sweep reseeded = TestSweeps.write(tmp, "small", TestSweeps.SMALL.replace("seed: 5", "seed: 6"));
        assertEquals(12, SweepRunner.run(reseeded, dir, 2, Progress.NONE).ran());
        // The same definition's journal beside a removed store is still committed.
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.copy(saved, dir.resolve("small.journal"));
        assertEquals(9, SweepRunner.run(s, dir, 2, Progress.NONE).ran());
    }

    /**
     * A spill folder that a killed sweep left beside its store (DuckDB removes its own only when it closes the store) is
     * removed when the store opens, and one in use while it is open when it closes; a file in it that DuckDB did not
     * write stays, and with it the folder; a spill folder that is not a folder is refused.
     */
    @Test
    @Timeout(120)
    void theSpillFolder_isRemovedWhenTheStoreCloses_andWhenItOpensAfterAKill() throws Exception {
        Sweep s = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        Path dir = tmp.resolve("out");
        Path spill = dir.resolve("small.duckdb.tmp");
        ResultStore.open(dir, s).close();
        Files.createDirectory(spill);
        Files.writeString(spill.resolve("duckdb_temp_storage_DEFAULT-0.tmp"), "left by a killed sweep");
        ResultStore store = ResultStore.open(dir, s);
        try (store) {
            assertTrue(Files.notExists(spill));
            Files.createDirectory(spill);
            Files.writeString(spill.resolve("duckdb_temp_block-7.block"), "spilled by this one");
        }
        assertTrue(Files.notExists(spill));
        Files.createDirectory(spill);
        Files.writeString(spill.resolve("duckdb_temp_storage_S32K-0.tmp"), "left by a killed sweep");
        Files.writeString(spill.resolve("notes.txt"), "not DuckDB's");
        ResultStore.open(dir, s).close();
        try (Stream<Path> left = Files.list(spill)) {
            assertEquals(List.of(spill.resolve("notes.txt")), left.toList());
        }
        Files.delete(spill.resolve("notes.txt"));
        Files.delete(spill);
        Files.writeString(spill, "a file");
        InputException e = assertThrows(InputException.class, () -> ResultStore.open(dir, s));
        assertTrue(e.getMessage().contains("small.duckdb.tmp: is not a folder, and is the store's spill folder"), e.getMessage());
    }

    /**
     * A stale spill folder whose DuckDB files cannot be removed (here a read-only file system mounted there) stops the
     * open with one line naming the folder and saying the runs are kept; once it can be removed, the store opens with
     * its runs.
     */
    @Test
    @Timeout(120)
    @EnabledOnOs(OS.LINUX)
    void aStaleSpillFolderThatCannotBeRemoved_isNamedInOneLine_andTheRunsAreKept() throws Exception {
        Sweep s = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        Path dir = tmp.resolve("out");
        assertEquals(12, SweepRunner.run(s, dir, 2, Progress.NONE).ran());
        Path spill = tmpfs("out/small.duckdb.tmp", "1m");
        Files.writeString(spill.resolve("duckdb_temp_storage_DEFAULT-0.tmp"), "left by a killed sweep");
        assertEquals(0, command("mount", "-o", "remount,ro", spill.toString()));
        InputException e = assertThrows(InputException.class, () -> ResultStore.open(dir, s));
        assertTrue(e.getMessage().startsWith(spill + ": cannot remove: "), e.getMessage());
        assertTrue(e.getMessage().contains("Read-only file system"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; the runs stored so far are kept, and running the sweep again resumes"),
                e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
        assertEquals(0, command("umount", spill.toString()));
        mounted.remove(spill);
        assertEquals(0, SweepRunner.run(s, dir, 2, Progress.NONE).ran());
        assertTrue(Files.notExists(spill));
    }

    /**
     * A store's connections (and plot's) give DuckDB 512 MiB and at most 4 threads, not its default of 80 % of the
     * machine's memory and every core (which let finishing 10 million runs take 4.5 GiB).
     */
    @Test
    @Timeout(60)
    void theStoresConnections_boundDuckDbsMemoryAndThreads() throws Exception {
        Sweep s = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        Path dir = tmp.resolve("out");
        ResultStore.open(dir, s).close();
        try (Connection db = ResultStore.connect(dir.resolve("small.duckdb"), ResultStore.boundedReads());
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('memory_limit'), current_setting('threads')")) {
            rs.next();
            assertEquals("512.0 MiB", rs.getString(1));
            assertEquals(Math.min(4, Runtime.getRuntime().availableProcessors()), rs.getInt(2));
        }
    }

    /**
     * The store's reads are streamed from DuckDB a chunk at a time, not copied whole into native memory first (the
     * keys of 5 million runs took 240 MB, their rows gigabytes): a streamed result lasts only until the connection's
     * next statement, so a read started inside another's action ends the outer one, where a copied result would go on.
     */
    @Test
    @Timeout(120)
    void theStoresReads_areStreamed_notCopiedWholeFirst() throws Exception {
        Sweep s = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        RunResult one = rowsOf(s, tmp.resolve("one")).get(0);
        try (ResultStore store = ResultStore.open(tmp.resolve("many"), s)) {
            // More runs than one chunk of a result (2,048 rows): the outer read must fetch again after the inner one.
            for (int i = 0; i < 5000; i++) {
                store.record(new RunResult("run-" + i, one.sweep(), one.utilization(), i, one.configuration(),
                        one.labels(), one.seed(), one.tasks(), one.taskUtilization(), one.verdicts(), one.released(),
                        one.completed(), one.missed(), one.missRatio(), one.maxDomainMissRatio(),
                        one.responseP99Ratio(), one.cdf(), one.domains(), one.soundnessChecked(), List.of("edf"),
                        one.events(), one.wallNs(), one.cpuNs(), one.error()));
            }
            store.commit();
            List<String> keys = new ArrayList<>();
            store.forEachKey(keys::add);
            assertEquals(5000, keys.size());
            assertThrows(InputException.class, () -> store.forEachKey(key -> store.forEachKey(inner -> { })));
            // Every run here has a defect, so the rows' read has as many rows as the keys' read.
            assertThrows(InputException.class,
                    () -> store.forEachDefectiveOrFailed(row -> store.forEachKey(inner -> { })));
        }
    }

    /** The rows of sweep {@code s} run to the end in {@code dir}. */
    private static List<RunResult> rowsOf(Sweep s, Path dir) {
        SweepRunner.run(s, dir, 2, Progress.NONE);
        return rows(dir, s);
    }
}
