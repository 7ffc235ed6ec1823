package org.rtxen.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.TraceSink;
import org.rtxen.io.InputException;
import org.rtxen.timeline.JobCsvWriter;
import org.rtxen.timeline.PerfettoTraceWriter;
import org.rtxen.timeline.TraceSinks;
import org.rtxen.timeline.XentraceWriter;

/** The timeline files a simulation writes while it runs ({@code --trace}, {@code --jobs}, {@code --xentrace}). */
final class TimelineFiles implements Closeable {
    private final List<TraceSink> sinks = new ArrayList<>();
    private final List<Closeable> files = new ArrayList<>();

    private TimelineFiles() {}

    /** Opens each file that is not null; a file that cannot be created is bad input naming its option. */
    static TimelineFiles open(Path trace, Path jobs, Path xentrace) {
        TimelineFiles t = new TimelineFiles();
        t.add(trace, "--trace", PerfettoTraceWriter::new);
        t.add(jobs, "--jobs",
                out -> new JobCsvWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))));
        t.add(xentrace, "--xentrace", XentraceWriter::new);
        return t;
    }

    private void add(Path file, String option, Function<BufferedOutputStream, TraceSink> sink) {
        if (file == null) return;
        try {
            BufferedOutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            files.add(out);
            sinks.add(sink.apply(out));
        } catch (IOException e) {
            close();
            throw new InputException(file.toString(), option, 0, "cannot write: " + e.getMessage());
        }
    }

    /** Attaches the files' writers to {@code simulation} (nothing when no file was asked for). */
    void attachTo(Simulation simulation) {
        TraceSink all = TraceSinks.of(sinks);
        if (all != null) simulation.trace(all);
    }

    /** Closes every file; a failure to finish one is bad input (a full disk, a removed directory). */
    @Override
    public void close() {
        IOException failed = null;
        for (Closeable f : files) {
            try {
                f.close();
            } catch (IOException e) {
                failed = e;
            }
        }
        if (failed != null) throw cannotWrite(failed);
    }

    /** A write error while the simulation ran or the files were closed, as one line of bad input. */
    static InputException cannotWrite(IOException e) {
        return new InputException(null, "--trace/--jobs/--xentrace", 0, "cannot write: " + e.getMessage());
    }
}
