package org.rtxen.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rtxen.experiments.Progress;
import org.rtxen.experiments.SweepRunner;
import org.rtxen.experiments.run.RunResult;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.experiments.sweep.SweepReader;

/**
 * Where a sweep's CPU time goes, for the runner's scaling with workers (docs/performance.md, "Sweeps"): runs a sweep
 * in this fresh JVM as {@code rtxen sweep} does and prints its wall time, the process's CPU time, the CPU time of the
 * runs themselves (the sum of {@code cpu_ms}, thread CPU time of the workers) and, on Linux, the CPU time of every
 * other thread by kind: JIT compilers, garbage collector, the main thread (sweep file, store writer, exports; DuckDB's
 * own threads carry the same name), the rest. Work outside the workers competes with them for the cores, so it is
 * what keeps a 2-worker sweep on 2 cores from running twice as fast; unlike wall time, this split can be measured on
 * a loaded machine.
 *
 * <p>Usage: {@code SweepCpuProbe SWEEP.yaml WORKERS [OUT]} (OUT: a fresh temporary directory when left out; an OUT
 * that holds runs resumes them). {@code bench/sweep-scaling.sh} runs it for 1 and 2 workers.
 */
public final class SweepCpuProbe {
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux clock ticks per second of /proc's CPU times (USER_HZ, 100 on every common kernel). */
    private static final double TICKS_PER_S = 100.0;
    private static final Map<Integer, String> NAMES = new ConcurrentHashMap<>();
    private static final Map<Integer, Long> TICKS = new ConcurrentHashMap<>();

    private SweepCpuProbe() {}

    /** Runs the probe; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) throw new IllegalArgumentException("usage: SweepCpuProbe SWEEP.yaml WORKERS [OUT]");
        Sweep sweep = SweepReader.read(Path.of(args[0]));
        int workers = Integer.parseInt(args[1]);
        Path out = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("rtxen-sweep-probe");
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "probe-sampler");
            t.setDaemon(true);
            return t;
        });
        // Threads that end (the workers at the end of the sweep) keep the last sample, up to a second old.
        sampler.scheduleAtFixedRate(SweepCpuProbe::sample, 0, 1, TimeUnit.SECONDS);
        long start = System.nanoTime();
        int ran = SweepRunner.run(sweep, out, workers, Progress.NONE).ran();
        double wall = (System.nanoTime() - start) / 1e9;
        sample();
        sampler.shutdownNow();
        double process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        double runs = 0;
        try (ResultStore store = ResultStore.open(out, sweep)) {
            for (RunResult r : store.rows()) runs += r.cpuNs() / 1e9;
        }
        double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        System.out.printf(Locale.ROOT, "sweep %s: %d runs with %d workers in %s%n", sweep.name(), ran, workers, out);
        System.out.printf(Locale.ROOT, "wall: %.1f s sweep, %.1f s JVM (start-up and sweep file included)%n", wall, uptime);
        System.out.printf(Locale.ROOT, "cpu: process %.1f s = runs %.1f s (%.1f ms per run, worker thread CPU) + other %.1f s%n",
                process, runs, ran == 0 ? 0 : 1e3 * runs / ran, process - runs);
        if (TICKS.isEmpty()) return;
        Map<String, Double> byKind = new TreeMap<>();
        for (Map.Entry<Integer, Long> e : TICKS.entrySet()) {
            byKind.merge(kind(NAMES.get(e.getKey())), e.getValue() / TICKS_PER_S, Double::sum);
        }
        StringBuilder line = new StringBuilder("cpu by thread (/proc, 1 s samples):");
        for (Map.Entry<String, Double> e : byKind.entrySet()) {
            line.append(String.format(Locale.ROOT, " %s %.1f s;", e.getKey(), e.getValue()));
        }
        System.out.println(line);
        System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
    }

    /** The kind of a thread from its Linux name (Java thread names, cut to 15 characters). */
    static String kind(String name) {
        if (name.startsWith("rtxen-sweep-wor")) return "workers";
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) return "jit";
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) return "gc";
        if (name.equals("java") || name.equals("main")) return "main+duckdb";
        if (name.equals("probe-sampler")) return "probe";
        return "other";
    }

    /** Records every thread's name and CPU ticks (user + system) so far. */
    private static void sample() {
        if (!Files.isDirectory(TASKS)) return;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path t : tasks) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended between the listing and the read
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                List<String> fields = List.of(stat.substring(close + 2).split(" "));
                int tid = Integer.parseInt(t.getFileName().toString());
                NAMES.put(tid, stat.substring(open + 1, close));
                // After the name: state is field 0, utime field 11, stime field 12 (proc(5) fields 14 and 15).
                TICKS.merge(tid, Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12)), Math::max);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + TASKS + ": " + e.getMessage(), e);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
