package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs that are FIFOs: opening one for writing blocks until a reader opens it, in native code that no interrupt
 * reaches; {@code --timeout} bounds that wait too. Real FIFOs, made with {@code mkfifo} (skipped without it). Each test
 * runs on a thread of its own, so that a command blocked in an open fails the test at its timeout instead of hanging.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FifoOutputsTest {
    @TempDir
    Path dir;

    /**
     * {@code simulate --xentrace out.fifo --timeout 1s} with no reader blocked forever in the open, before the run and
     * beyond the timeout. It stops at the timeout naming the FIFO, exit 3, with nothing printed and the other outputs
     * as they were (no hidden file left); the open left behind closes the FIFO when a reader finally comes.
     */
    @Test
    void simulate_aFifoNobodyReads_stopsAtTheTimeout_namingIt() throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), SimulateOutputsTest.SCENARIO);
        Path trace = Files.writeString(dir.resolve("t.json"), "KEEP");
        Path jobs = dir.resolve("j.csv");
        Path fifo = fifo("out.fifo");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", scenario.toString(), "--trace", trace.toString(),
                "--jobs", jobs.toString(), "--xentrace", fifo.toString(), "--timeout", "1s");
        assertEquals(Main.EXIT_STOPPED, r.status(), r.err());
        assertEquals("rtxen: stopped by --timeout 1s (1.000s of wall-clock time) while waiting for a reader of the FIFO"
                + " --xentrace " + fifo + "; no result", r.err().strip());
        assertEquals("", r.out());
        assertEquals("KEEP", Files.readString(trace));
        assertEquals(List.of(fifo, scenario, trace), listing());
        assertEquals("", read(fifo)); // the abandoned open, completed by this reader, closed at once
    }

    /** {@code report -o page.fifo} and {@code analyze --carts-xml out.fifo}: the same stop, naming their options. */
    @Test
    void reportAndAnalyze_aFifoNobodyReads_stopAtTheTimeout_namingIt() throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), SimulateOutputsTest.SCENARIO);
        Path page = fifo("page.fifo");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("report", scenario.toString(), "-o", page.toString(),
                "--timeout", "500ms");
        assertEquals(Main.EXIT_STOPPED, r.status(), r.err());
        assertEquals("rtxen: stopped by --timeout 500ms (500.000ms of wall-clock time) while waiting for a reader of"
                + " the FIFO --output " + page + "; no result", r.err().strip());
        assertEquals("", r.out());
        assertEquals("", read(page));

        Path carts = Files.writeString(dir.resolve("in.xml"), """
                <system os_scheduler="EDF" period="10">
                  <component name="C" scheduler="EDF" period="10"><task name="T" p="10" d="10" e="5"/></component>
                </system>""");
        Path xml = fifo("out.fifo");
        r = SimulateCommandTest.rtxen("analyze", carts.toString(), "--carts-xml", xml.toString(), "--timeout", "500ms");
        assertEquals(Main.EXIT_STOPPED, r.status(), r.err());
        assertEquals("rtxen: stopped by --timeout 500ms (500.000ms of wall-clock time) while waiting for a reader of"
                + " the FIFO --carts-xml " + xml + "; no result", r.err().strip());
        assertEquals("", r.out());
        assertEquals("", read(xml));
    }

    /** A FIFO with a reader gets the whole file, and the command ends as usual, --timeout or not. */
    @Test
    void simulate_aFifoWithAReader_getsTheFile() throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), SimulateOutputsTest.SCENARIO);
        for (List<String> bound : List.of(List.<String>of(), List.of("--timeout", "30s"))) {
            Path fifo = fifo("jobs-" + bound.size() + ".fifo");
            CompletableFuture<String> rows = CompletableFuture.supplyAsync(() -> read(fifo));
            SimulateCommandTest.Run r = SimulateCommandTest.rtxen(Stream.concat(Stream.of("simulate",
                    scenario.toString(), "--jobs", fifo.toString()), bound.stream()).toArray(String[]::new));
            assertEquals(0, r.status(), r.err());
            List<String> lines = rows.get().lines().toList();
            assertEquals("domain,task,job,release_ns,start_ns,completion_ns,deadline_ns,response_ns,missed", lines.get(0));
            assertEquals(7, lines.size(), rows.get()); // the header and jobs 0, 1, 2 of ok/a and of late/b
        }
    }

    /**
     * {@code simulate --trace out.fifo --jobs out.fifo} (one FIFO for two outputs), and a FIFO before an output in a
     * missing directory: each file was claimed and opened in turn, so the FIFO's open waited for a reader (for ever
     * without --timeout) before the next file was looked at, and a reader that came read nothing while the command
     * then failed. Both are refused at once, naming the option, before any wait.
     */
    @Test
    void simulate_aFifoBeforeABadOutput_isRefusedWithoutWaitingForAReader() throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), SimulateOutputsTest.SCENARIO);
        Path fifo = fifo("out.fifo");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", scenario.toString(), "--trace",
                fifo.toString(), "--jobs", fifo.toString(), "--timeout", "5s");
        assertEquals(Main.EXIT_BAD_INPUT, r.status(), r.err());
        assertEquals("rtxen: " + fifo + ": --jobs: is also the file of --trace", r.err().strip());
        Path missing = dir.resolve("no/j.csv");
        r = SimulateCommandTest.rtxen("simulate", scenario.toString(), "--trace", fifo.toString(), "--jobs",
                missing.toString(), "--timeout", "5s");
        assertEquals(Main.EXIT_BAD_INPUT, r.status(), r.err());
        assertEquals("rtxen: " + missing + ": --jobs: cannot write: no such directory", r.err().strip());
        assertEquals("", r.out());
    }

    /**
     * {@code simulate --trace out.fifo --timeout 1s} whose reader opens the FIFO and never reads: the writes, on the
     * run's own thread, blocked once the pipe was full, where the run never looked at its clock again, so the command
     * never ended. It stops 2 s after the timeout naming the FIFO, exit 3, nothing printed and the other outputs as
     * they were (no hidden file left).
     */
    @Test
    void simulate_aFifoWhoseReaderNeverReads_stopsAfterTheTimeout_namingIt() throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yaml"),
                SimulateOutputsTest.SCENARIO.replace("duration: 30ms", "duration: 100s"));
        Path jobs = Files.writeString(dir.resolve("j.csv"), "KEEP");
        Path fifo = fifo("out.fifo");
        CompletableFuture<InputStream> reader = openedNeverRead(fifo);
        try {
            SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", scenario.toString(), "--trace",
                    fifo.toString(), "--jobs", jobs.toString(), "--timeout", "1s");
            assertEquals(Main.EXIT_STOPPED, r.status(), r.err());
            assertEquals("rtxen: stopped by --timeout 1s (1.000s of wall-clock time) while writing to --trace "
                    + fifo + ", whose reader stopped reading; no result", r.err().strip());
            assertEquals("", r.out());
            assertEquals("KEEP", Files.readString(jobs));
            assertEquals(List.of(jobs, fifo, scenario), listing());
        } finally {
            reader.get().close(); // the writer left blocked gets a broken pipe and ends
        }
    }

    /** {@code report -o page.fifo --timeout 1s}, whose page is written after the run: the same stop, naming -o. */
    @Test
    void report_aFifoWhoseReaderNeverReads_stopsAfterTheTimeout_namingIt() throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yaml"),
                SimulateOutputsTest.SCENARIO.replace("duration: 30ms", "duration: 10s"));
        Path page = fifo("page.fifo");
        CompletableFuture<InputStream> reader = openedNeverRead(page);
        try {
            SimulateCommandTest.Run r = SimulateCommandTest.rtxen("report", scenario.toString(), "-o", page.toString(),
                    "--timeout", "1s");
            assertEquals(Main.EXIT_STOPPED, r.status(), r.err());
            assertEquals("rtxen: stopped by --timeout 1s (1.000s of wall-clock time) while writing to --output "
                    + page + ", whose reader stopped reading; no result", r.err().strip());
            assertEquals("", r.out());
        } finally {
            reader.get().close();
        }
    }

    /**
     * {@code sweep --timeout 1s} whose {@code results.csv} is a FIFO nobody reads: DuckDB opened the FIFO itself and
     * waited for a reader with no bound, whatever the timeout. DuckDB now writes a hidden regular file, copied into the
     * FIFO as the other commands write theirs: the wait stops 2 s after the timeout naming the FIFO, exit 3, with every
     * run stored, the other export as it was and no hidden file left; a reader that comes later reads nothing.
     */
    @Test
    void sweep_aFifoExportNobodyReads_stopsAfterTheTimeout_namingIt() throws Exception {
        Path out = dir.resolve("out");
        Path sweep = storedTinySweep(out);
        Path csv = out.resolve("results.csv");
        Path parquet = Files.writeString(out.resolve("results.parquet"), "KEEP");
        Files.delete(csv);
        fifo("out/results.csv");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("sweep", sweep.toString(), "--out", out.toString(),
                "--progress", "none", "--timeout", "1s");
        assertEquals(Main.EXIT_STOPPED, r.status(), r.err());
        assertEquals("rtxen: stopped by --timeout 1s (1.000s of wall-clock time) while waiting for a reader of the FIFO"
                + " --out " + csv + "; every run is stored in " + out + ", none exported: running it again exports them",
                r.err().strip());
        assertEquals("", r.out());
        assertEquals("KEEP", Files.readString(parquet));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("results.csv", "results.parquet", "tiny.duckdb"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertEquals("", read(csv));
    }

    /** A FIFO export with a reader gets what a regular file gets, --timeout or not, and the other export is written. */
    @Test
    void sweep_aFifoExportWithAReader_getsTheCsv() throws Exception {
        Path out = dir.resolve("out");
        Path sweep = storedTinySweep(out);
        Path csv = out.resolve("results.csv");
        String exported = Files.readString(csv);
        for (List<String> bound : List.of(List.<String>of(), List.of("--timeout", "30s"))) {
            Files.delete(csv);
            Files.delete(out.resolve("results.parquet"));
            fifo("out/results.csv");
            CompletableFuture<String> rows = CompletableFuture.supplyAsync(() -> read(csv));
            SimulateCommandTest.Run r = SimulateCommandTest.rtxen(Stream.concat(Stream.of("sweep", sweep.toString(),
                    "--out", out.toString(), "--progress", "none"), bound.stream()).toArray(String[]::new));
            assertEquals(0, r.status(), r.err());
            assertEquals(exported, rows.get());
            assertTrue(Files.size(out.resolve("results.parquet")) > 0, "the Parquet export");
        }
    }

    /** The tiny sweep, run once into {@code out} (its exports regular files); returns its file. */
    private Path storedTinySweep(Path out) throws IOException {
        Path sweep = Files.writeString(dir.resolve("tiny.yaml"), ExperimentCommandsTest.TINY);
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("sweep", sweep.toString(), "--out", out.toString(),
                "--progress", "none");
        assertEquals(0, r.status(), r.err());
        return sweep;
    }

    /** A reader of {@code fifo} that opens it (once a writer does) and never reads. */
    private static CompletableFuture<InputStream> openedNeverRead(Path fifo) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Files.newInputStream(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** A new FIFO {@code name} in the test's directory; the test is skipped where {@code mkfifo} cannot make one. */
    private Path fifo(String name) throws IOException {
        Path fifo = dir.resolve(name);
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor() == 0;
        } catch (IOException e) {
            made = false; // no mkfifo here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making " + fifo, e);
        }
        assumeTrue(made, "mkfifo is not available");
        return fifo;
    }

    /** Everything written to {@code fifo} until its writer closes it (opening it for reading waits for a writer). */
    private static String read(Path fifo) {
        try (InputStream in = Files.newInputStream(fifo)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
