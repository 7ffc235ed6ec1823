package org.rtxen.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.TraceSink;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Schedulers;
import org.rtxen.timeline.JobCsvWriter;
import org.rtxen.timeline.PerfettoTraceWriter;
import org.rtxen.timeline.XentraceWriter;

/**
 * How long {@code rtxen simulate} takes to write each timeline file for the standard RTDS scenario
 * ({@link StandardScenarios#rtds4}): one run without a sink, then one run per writer, each to a file in DIR (deleted
 * afterwards). Prints the measuring thread's CPU time (ThreadMXBean: repeatable on a loaded machine, where wall time is
 * not), wall time, file size and the heap in use after the run. Usage:
 * {@code TimelineWriteProbe [simulated-seconds] [runs] [DIR]}.
 */
public final class TimelineWriteProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private TimelineWriteProbe() {}

    private record Writer(String name, Function<OutputStream, TraceSink> sink) {}

    /** Runs the probe and prints one line per run. */
    public static void main(String[] args) throws IOException {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
        List<Writer> writers = List.of(new Writer("none", null),
                new Writer("--trace (Perfetto JSON)", PerfettoTraceWriter::new),
                new Writer("--jobs (CSV)", out -> new JobCsvWriter(
                        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16))),
                new Writer("--xentrace", XentraceWriter::new));
        for (int i = 0; i < runs; i++) {
            for (Writer w : writers) {
                Path file = Files.createTempFile(dir, "rtxen-probe", ".out");
                System.gc();
                long cpu0 = CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                SimulationResult r;
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                    Simulation sim = Simulation.of(StandardScenarios.rtds4(seconds * 1_000_000_000L),
                            Schedulers.factory());
                    if (w.sink() != null) sim.trace(w.sink().apply(out));
                    r = sim.run();
                }
                long wall = System.nanoTime() - t0;
                long cpu = CPU.getCurrentThreadCpuTime() - cpu0;
                long size = Files.size(file);
                Files.delete(file);
                Runtime rt = Runtime.getRuntime();
                System.out.printf("run %d %-24s %d s simulated: %,d events, CPU %.2f s, wall %.2f s, file %,d bytes "
                        + "(%.1f MB), heap in use after %.0f MB%n", i, w.name(), seconds, r.events(), cpu / 1e9,
                        wall / 1e9, size, size / 1e6, (rt.totalMemory() - rt.freeMemory()) / 1e6);
            }
        }
    }
}
