package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The promise that the same input and seed give byte-identical output, end to end: every command that writes output
 * runs twice, each time into a directory of its own, once in this JVM with one sweep worker and once in a child JVM
 * with two sweep workers, another common fork-join pool parallelism, the default locale ar-EG (digits ٠١٢, decimal
 * separator ٫), another time zone and constant identity hash codes (HotSpot's experimental {@code -XX:hashCode=2}, so
 * that nothing ordered or named by identity comes out as in this JVM). Every file the two passes wrote, and every
 * command's exit status, standard output and standard error, must be the same byte for byte, except what differs by
 * design:
 * <ul>
 *   <li>the wall-clock time a run took: {@code simulate}'s "in T wall time (R events/s)" and JSON {@code wall_ns},
 *       {@code sweep}'s "(N run now, T s)", and the {@code wall_ms} and {@code cpu_ms} columns of the sweep's
 *       exports and store, which are left out;</li>
 *   <li>the directory each pass writes to, where a command prints an output's name ({@code wrote DIR/f.svg}): it reads
 *       {@code $OUT} in both before they are compared;</li>
 *   <li>{@code results.csv}, {@code results.parquet} and the store {@code NAME.duckdb}, which hold those times (the
 *       store also lays its pages out in the order the workers finished): read back with DuckDB and compared row by
 *       row without them, the exports in their files' order, the store's tables by every column.</li>
 * </ul>
 * Every subcommand of {@link Main} and every option of each is used by some command here or listed in
 * {@link #NOT_RUN} with the reason, so that a new command or output option fails this test until it is covered.
 */
class ByteIdenticalOutputsTest {
    /** The options no command here gives, each with the reason; the standard -h/-V print what {@code help} does. */
    private static final Map<String, String> NOT_RUN = Map.of(
            "--timeout", "stops where the wall clock says, which differs from run to run by design",
            "--runs", "xen-run boots real Xen under QEMU only with it: --from reads a boot's outputs instead",
            "--parallel", "xen-run boots real Xen under QEMU only with it: --from reads a boot's outputs instead",
            "--work", "xen-run boots real Xen under QEMU only with it: --from reads a boot's outputs instead",
            "--xenref", "xen-run boots real Xen under QEMU only with it: --from reads a boot's outputs instead");
    /**
     * What differs between the passes' transcripts by design: the wall-clock time a run took, and the sweep's workers
     * in its command line.
     */
    private static final List<String> BY_DESIGN = List.of(
            " in [^ ]+ wall time \\([0-9,]+ events/s\\)", // simulate's Engine line
            "\"wall_ns\": [0-9]+", // simulate --json
            "run now, [0-9.]+ s\\)", // sweep's first line
            "--workers [0-9]+");
    /** The columns of a sweep's results that hold wall-clock and CPU times, which differ by design. */
    private static final Set<String> TIMES = Set.of("wall_ms", "cpu_ms");
    /** The examples directory, from rtxen-cli (where the tests run). */
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    /** The sweep's run whose scenario {@code sweep --scenario} prints. */
    private static final String RUN_KEY = "u=0.6/server=periodic/guest=partitioned/rep=0";

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void everyCommandRunTwice_writesTheSameBytes() throws Exception {
        Path inputs = Files.createDirectories(dir.resolve("inputs"));
        writeSweep(inputs);
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        Path childLog = dir.resolve("second.log");
        // The second pass runs beside the first, in a JVM set apart in every way that must not matter.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2",
                "-Djava.util.concurrent.ForkJoinPool.common.parallelism=" + (ForkJoinPool.getCommonPoolParallelism() + 2),
                "-Duser.language=ar", "-Duser.country=EG", "-Duser.timezone=Pacific/Chatham",
                "-cp", System.getProperty("java.class.path"), ByteIdenticalOutputsTest.class.getName(),
                second.toString(), inputs.toString(), "2")
                .redirectErrorStream(true).redirectOutput(childLog.toFile()).start();
        List<String[]> ran;
        try {
            ran = runAll(first, inputs, "1");
            assertTrue(child.waitFor(240, TimeUnit.SECONDS), "the second pass did not end in 240 s");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(0, child.exitValue(), Files.readString(childLog));
        assertEverythingRun(ran);
        List<String> differences = differences(first, second);
        assertTrue(differences.isEmpty(), String.join("\n", differences));
    }

    /** The second pass, in a JVM of its own: {@code OUT INPUTS WORKERS}. */
    public static void main(String[] args) throws Exception {
        runAll(Path.of(args[0]), Path.of(args[1]), args[2]);
    }

    /** The smoke sweep of the examples, cut to 16 runs of 100 ms, into {@code inputs}. */
    private static void writeSweep(Path inputs) throws IOException {
        Path examples = EXAMPLES.resolve("experiments");
        Files.copy(examples.resolve("two-guests.yaml"), inputs.resolve("two-guests.yaml"));
        String smoke = Files.readString(examples.resolve("smoke.yaml"));
        String small = smoke.replace("replications: 10", "replications: 1").replace("duration: 500ms", "duration: 100ms");
        assertEquals(2, Stream.of("replications: 1\n", "duration: 100ms").filter(small::contains).count(), small);
        Files.writeString(inputs.resolve("smoke.yaml"), small);
    }

    /**
     * Runs every command into {@code out}/files, with {@code workers} sweep workers, and keeps each one's exit status,
     * standard output and standard error in {@code out}/transcripts.
     *
     * @return the command lines run
     */
    static List<String[]> runAll(Path out, Path inputs, String workers) throws IOException {
        Pass p = new Pass(out);
        String f = p.files + "/";
        p.rtxen(0, "--help");
        p.rtxen(0, "--version");
        for (String command : Main.commandLine(new String[0]).getSubcommands().keySet()) p.rtxen(0, "help", command);

        List<Path> scenarios;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            scenarios = s.filter(x -> x.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(scenarios.size() >= 10, scenarios.toString());
        for (Path s : scenarios) {
            String n = s.getFileName().toString().replace(".yaml", "");
            p.rtxen(0, "simulate", s.toString(), "--duration", "100ms", "--trace", f + n + ".trace.json",
                    "--jobs", f + n + ".jobs.csv", "--xentrace", f + n + ".xentrace");
        }
        String twoVms = EXAMPLES.resolve("rtds-two-vms.yaml").toString();
        String credit = EXAMPLES.resolve("credit-weights.yaml").toString();
        p.rtxen(0, "simulate", twoVms, "--json", "--seed", "7");
        p.rtxen(3, "simulate", credit, "--max-events", "500");

        p.rtxen(0, "trace", "summary", f + "rtds-runtime-changes.xentrace", "--cpu-hz", "1G");
        p.rtxen(0, "trace", "summary", f + "rtds-runtime-changes.xentrace", "--cpu-hz", "1G", "--json");
        p.rtxen(0, "trace", "summary", f + "credit2-weights.xentrace", "--cpu-hz", "1G", "--accounting", "xenalyze");
        p.rtxen(0, "trace", "summary", Path.of("src/test/resources/traces/spec-section6.bin").toAbsolutePath().toString(),
                "--cpu-hz", "1G");

        String analysis = EXAMPLES.resolve("analysis") + "/";
        p.rtxen(0, "analyze", analysis + "carts-two-components.xml", "--carts-xml", f + "carts-two-components.xml");
        p.rtxen(0, "analyze", analysis + "carts-two-components.xml", "--json", "--model", "edp", "--sbf", "easwaran");
        p.rtxen(0, "analyze", analysis + "carts-gedf.xml", "--model", "dmpr", "--carts-xml", f + "carts-gedf.xml");
        p.rtxen(0, "analyze", analysis + "carts-gedf.xml", "--json");
        p.rtxen(0, "analyze", analysis + "taskset.yaml");
        p.rtxen(0, "analyze", analysis + "taskset.yaml", "--json", "--test", "gfb,bak,bcl,bcl-iter,rta,edf,fp,ff,bf,wf,ffd,bfd,wfd");
        p.rtxen(0, "analyze", analysis + "plan-mixed.yaml");
        p.rtxen(0, "analyze", analysis + "plan-mixed.yaml", "--json");

        p.rtxen(0, "plan", analysis + "plan-mixed.yaml");
        p.rtxen(0, "plan", analysis + "plan-mixed.yaml", "--json", "--period", "5ms..20ms");
        p.rtxen(0, "plan", analysis + "plan-mixed.yaml", "--verify", "3", "--model", "mpr", "--sbf", "easwaran");
        p.rtxen(0, "plan", twoVms, "--json", "--verify", "2");

        p.rtxen(0, "generate", "--method", "uunifast", "--tasks", "5", "--utilization", "0.8", "--period-min", "10ms",
                "--period-max", "100ms", "--seed", "3");
        p.rtxen(0, "generate", "--method", "uunifast-discard", "--tasks", "6", "--utilization", "2.5", "--period-min",
                "10ms", "--period-max", "100ms", "--max-task-utilization", "0.6", "--unit", "100us", "--cpus", "4");
        p.rtxen(0, "generate", "--method", "randfixedsum", "--tasks", "8", "--utilization", "2.5", "--period-min", "10ms",
                "--period-max", "100ms", "--period-distribution", "log-uniform", "--seed", "1", "--cpus", "4");
        p.rtxen(0, "generate", "--method", "rtxen", "--distribution", "bimodal-medium", "--utilization", "1.5",
                "--period-range", "moderate", "--period-distribution", "harmonic", "--seed", "2");

        String sweep = inputs.resolve("smoke.yaml").toString();
        p.rtxen(0, "sweep", sweep, "--out", f + "sweep", "--workers", workers, "--progress", "none");
        p.rtxen(0, "sweep", sweep, "--out", f + "sweep", "--workers", workers, "--progress", "none"); // resumes
        p.rtxen(0, "sweep", sweep, "--scenario", RUN_KEY);
        for (String figure : List.of("schedulability", "weighted", "miss-ratio", "response-cdf")) {
            for (String format : List.of("svg", "png")) {
                p.rtxen(0, "plot", f + "sweep", "-o", f + figure + "." + format, "--figure", figure);
            }
        }
        p.rtxen(0, "plot", f + "sweep", "-o", f + "two-analyses.svg", "--analysis", "plan,host:edf");

        p.rtxen(0, "report", twoVms, "-o", f + "rtds-two-vms.html", "--duration", "100ms", "--seed", "5");
        p.rtxen(0, "report", analysis + "plan-mixed.yaml", "--output", f + "plan-mixed.html", "--duration", "50ms",
                "--model", "dmpr", "--sbf", "easwaran");
        p.rtxen(3, "report", credit, "-o", f + "credit-stopped.html", "--max-events", "300");

        // A boot's outputs as real Xen's would be (the trace, dom0's vcpu-list, the guests' logs), read back by xen-run.
        Path boot = Files.createDirectories(p.files.resolve("boot/out"));
        p.rtxen(0, "simulate", twoVms, "--xentrace", boot.resolve("rtds-two-vms.trace").toString());
        Files.writeString(boot.resolve("rtds-two-vms-vcpu-list.txt"), """
                Name                                ID  VCPU   CPU State   Time(s) Affinity (Hard / Soft)
                Domain-0                             0     0    0   r--      17.0  0 / all
                vm1                                  1     0    0   ---       0.0  all / all
                vm2                                  2     0    1   ---       0.0  all / all
                """);
        for (String guest : List.of("vm1", "vm2")) {
            Files.writeString(boot.resolve("rtds-two-vms-" + guest + ".log"), "rtxen-load: ready\nrtxen-load: done\n");
        }
        p.rtxen(0, "xen-run", "--from", boot.getParent().toString(), "--reference-out", f + "reference", twoVms);
        return p.ran;
    }

    /** A pass's directory: the files its commands write, and their transcripts. */
    private static final class Pass {
        final Path files;
        final Path transcripts;
        final List<String[]> ran = new ArrayList<>();

        Pass(Path out) throws IOException {
            files = Files.createDirectories(out.resolve("files"));
            transcripts = Files.createDirectories(out.resolve("transcripts"));
        }

        /** Runs one command line, which must exit with {@code status}, and keeps its transcript. */
        void rtxen(int status, String... args) throws IOException {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            ran.add(args);
            String transcript = String.join(" ", args) + "\nexit status " + exit + "\n--- standard output\n" + out
                    + "--- standard error\n" + err;
            Files.writeString(transcripts.resolve(String.format(Locale.ROOT, "%03d.txt", ran.size())),
                    transcript.replace(files.toString(), "$OUT"));
            if (exit != status) throw new IllegalStateException("expected exit status " + status + ": " + transcript);
        }
    }

    /**
     * Asserts that {@code ran} runs every subcommand of {@link Main} and gives each of its options (but the standard
     * help options and those of {@link #NOT_RUN}).
     */
    private static void assertEverythingRun(List<String[]> ran) {
        Map<String, Set<String>> given = new TreeMap<>();
        for (String[] args : ran) {
            CommandLine command = Main.commandLine(args);
            List<String> rest = new ArrayList<>();
            for (String a : args) {
                CommandLine sub = rest.isEmpty() ? command.getSubcommands().get(a) : null;
                if (sub != null) command = sub;
                else rest.add(a);
            }
            given.computeIfAbsent(path(command), k -> new TreeSet<>()).addAll(rest);
        }
        List<String> missing = new ArrayList<>();
        forEachCommand(Main.commandLine(new String[0]), command -> {
            Set<String> args = given.getOrDefault(path(command), Set.of());
            // A command of subcommands alone (trace) runs through them.
            if (!given.containsKey(path(command)) && command.getSubcommands().isEmpty()) {
                missing.add("command '" + path(command) + "' is never run");
            }
            for (OptionSpec o : command.getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp() || NOT_RUN.containsKey(o.longestName())) continue;
                if (Arrays.stream(o.names()).noneMatch(args::contains)) {
                    missing.add("'" + path(command) + "' never gets " + o.longestName());
                }
            }
        });
        assertTrue(missing.isEmpty(), String.join("\n", missing) + "\n(run it in runAll, or name it in NOT_RUN with"
                + " the reason)");
    }

    private static void forEachCommand(CommandLine command, Consumer<CommandLine> action) {
        action.accept(command);
        for (CommandLine sub : command.getSubcommands().values()) forEachCommand(sub, action);
    }

    /** The command's name with its parents', {@code rtxen trace summary}. */
    private static String path(CommandLine command) {
        return command.getParent() == null ? command.getCommandName()
                : path(command.getParent()) + " " + command.getCommandName();
    }

    /** Every difference between the passes' directories that is not by design, one line each. */
    private static List<String> differences(Path first, Path second) throws Exception {
        List<Path> a = files(first);
        List<Path> b = files(second);
        List<String> out = new ArrayList<>();
        if (!a.equals(b)) out.add("the passes wrote different files: " + a + " and " + b);
        for (Path file : a) {
            if (!b.contains(file)) continue;
            Path x = first.resolve(file);
            Path y = second.resolve(file);
            String name = file.getFileName().toString();
            if (file.startsWith("transcripts")) {
                difference(file, withoutWhatDiffersByDesign(Files.readString(x)), withoutWhatDiffersByDesign(Files.readString(y)), out);
            } else if (name.endsWith(".csv") && file.getParent().endsWith("sweep") || name.endsWith(".parquet")
                    || name.endsWith(".duckdb")) {
                difference(file, rows(x), rows(y), out);
            } else if (!Arrays.equals(Files.readAllBytes(x), Files.readAllBytes(y))) {
                difference(file, Files.readString(x, StandardCharsets.ISO_8859_1),
                        Files.readString(y, StandardCharsets.ISO_8859_1), out);
            }
        }
        return out;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    /** Adds the first line where {@code a} and {@code b} differ, if they do. */
    private static void difference(Path file, String a, String b, List<String> out) {
        if (a.equals(b)) return;
        List<String> x = a.lines().toList();
        List<String> y = b.lines().toList();
        int i = 0;
        while (i < Math.min(x.size(), y.size()) && x.get(i).equals(y.get(i))) i++;
        out.add(file + ", line " + (i + 1) + ":\n  " + cut(i < x.size() ? x.get(i) : "(end)") + "\n  "
                + cut(i < y.size() ? y.get(i) : "(end)"));
    }

    private static String cut(String line) {
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }

    private static String withoutWhatDiffersByDesign(String transcript) {
        for (String differs : BY_DESIGN) transcript = transcript.replaceAll(differs, "(differs by design)");
        return transcript;
    }

    /**
     * The rows of a sweep's export ({@code results.csv}, {@code .parquet}, in the file's order) or store (each table,
     * ordered by all its columns) as text, each table's column names and types first, without the wall and CPU times.
     */
    private static String rows(Path file) throws SQLException {
        String path = "'" + file.toString().replace("'", "''") + "'";
        StringBuilder out = new StringBuilder();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            if (file.toString().endsWith(".duckdb")) {
                st.execute("ATTACH " + path + " AS store (READ_ONLY)");
                try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_catalog = 'store' ORDER BY table_name")) {
                    while (rs.next()) tables.add("store.main." + rs.getString(1));
                }
            } else {
                tables.add(file.toString().endsWith(".csv") ? "read_csv(" + path + ", all_varchar = true)"
                        : "read_parquet(" + path + ")");
            }
            for (String table : tables) {
                List<String> columns = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + table)) {
                    while (rs.next()) {
                        String column = rs.getString("column_name");
                        if (TIMES.contains(column)) continue;
                        columns.add("\"" + column + "\"");
                        out.append(column).append(' ').append(rs.getString("column_type")).append('\n');
                    }
                }
                String order = table.startsWith("store.") ? " ORDER BY ALL" : "";
                try (ResultSet rs = st.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table + order)) {
                    while (rs.next()) {
                        for (int c = 1; c <= columns.size(); c++) out.append(c > 1 ? "," : "").append(rs.getString(c));
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }
}
