package org.rtxen.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.TraceSink;
import org.rtxen.io.InputException;
import org.rtxen.io.OutputFile;
import org.rtxen.timeline.JobCsvWriter;
import org.rtxen.timeline.PerfettoTraceWriter;
import org.rtxen.timeline.TraceSinks;
import org.rtxen.timeline.XentraceWriter;

/**
 * The timeline files a simulation writes while it runs ({@code --trace}, {@code --jobs}, {@code --xentrace}), each
 * {@linkplain OutputFile replaced whole or not at all}: only a run that ends, and writes every file completely, puts
 * them in place ({@link #finish}); after a failure {@link #discard} leaves every file as it was.
 */
final class TimelineFiles {
    private final List<OutputFile> outputs = new ArrayList<>();
    private final List<WatchedOutputStream> files = new ArrayList<>();
    private final List<BufferedOutputStream> streams = new ArrayList<>();
    private final List<TraceSink> sinks = new ArrayList<>();

    private TimelineFiles() {}

    /**
     * Opens each file that is not null with {@code open} ({@link OutputFile#open}, which may wait for a FIFO's reader);
     * one that cannot be written, or is the scenario or another of them, is bad input naming its option, refused
     * before any of them is opened. An interrupted wait leaves every file as it was.
     */
    static TimelineFiles open(Path scenario, Path trace, Path jobs, Path xentrace,
                              Function<OutputFile, OutputStream> open) {
        TimelineFiles t = new TimelineFiles();
        List<Function<BufferedOutputStream, TraceSink>> writers = new ArrayList<>();
        try {
            t.claim(scenario, trace, "--trace", writers, PerfettoTraceWriter::new);
            t.claim(scenario, jobs, "--jobs", writers,
                    out -> new JobCsvWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))));
            t.claim(scenario, xentrace, "--xentrace", writers, XentraceWriter::new);
            for (int i = 0; i < t.outputs.size(); i++) t.open(open.apply(t.outputs.get(i)), writers.get(i));
        } catch (RuntimeException e) {
            t.discard();
            throw e;
        }
        return t;
    }

    private void claim(Path scenario, Path file, String option, List<Function<BufferedOutputStream, TraceSink>> writers,
                       Function<BufferedOutputStream, TraceSink> writer) {
        if (file == null) return;
        outputs.add(OutputFile.claim(file, option, List.of(scenario), outputs));
        writers.add(writer);
    }

    private void open(OutputStream file, Function<BufferedOutputStream, TraceSink> sink) {
        WatchedOutputStream watched = new WatchedOutputStream(file);
        files.add(watched);
        BufferedOutputStream out = new BufferedOutputStream(watched, 1 << 16);
        streams.add(out);
        sinks.add(sink.apply(out));
    }

    /** Attaches the files' writers to {@code simulation} (nothing when no file was asked for). */
    void attachTo(Simulation simulation) {
        TraceSink all = TraceSinks.of(sinks);
        if (all != null) simulation.trace(all);
    }

    /**
     * Finishes every file and puts them in place, all or none ({@link OutputFile#commitAll}): a failure to finish one
     * is thrown as the sinks throw one during the run (see {@link #failed}), a failure to rename one (a removed
     * directory) is bad input naming its option; then no file is replaced.
     */
    void finish() {
        for (BufferedOutputStream s : streams) {
            try {
                s.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        OutputFile.commitAll(outputs);
    }

    /** Leaves every file as it was (after a failed or interrupted run). */
    void discard() {
        for (BufferedOutputStream s : streams) {
            try {
                s.close();
            } catch (IOException e) {
                // its content is dropped anyway
            }
        }
        for (OutputFile output : outputs) output.close();
    }

    /**
     * A write error while the simulation ran or the files were finished, as one line of bad input naming the option of
     * the file that failed; every file is left as it was.
     */
    InputException failed(IOException e) {
        discard();
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).failure() != null) return outputs.get(i).cannotWrite(e);
        }
        return new InputException(null, "--trace/--jobs/--xentrace", 0, "cannot write: " + InputException.oneLine(e.getMessage()));
    }
}
