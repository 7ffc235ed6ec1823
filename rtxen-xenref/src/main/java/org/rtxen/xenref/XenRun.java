package org.rtxen.xenref;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rtxen.engine.Simulation;
import org.rtxen.io.InputException;
import org.rtxen.io.OutputFile;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Names;
import org.rtxen.model.params.ServerParams;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.model.result.VcpuResult;
import org.rtxen.sched.Schedulers;
import org.rtxen.trace.TraceSummary;

/**
 * Runs scenarios on real Xen 4.17 under QEMU (one boot for all of them, via {@code fidelity/xen-qemu/xenref}) and
 * prints each one's per-VCPU and per-task figures beside the simulation's; {@code rtxen xen-run} is its command line.
 *
 * @param runs         boots to run, each with every scenario
 * @param parallel     whether the boots run at the same time
 * @param work         where boots keep their outputs, or null for {@code fidelity/xen-qemu/work/xen-run-<time>}
 * @param xenref       the reference runner script
 * @param from         earlier boots' folders (holding {@code out/}) to read instead of booting; empty to boot
 * @param referenceOut where to write each run's reference JSON and the chosen one, or null
 */
public record XenRun(int runs, boolean parallel, Path work, Path xenref, List<Path> from, Path referenceOut) {
    /** The file in each boot's folder that receives what {@code xenref boot} prints. */
    static final String BOOT_LOG = "xenref.log";

    /** Copies the list; null means none. */
    public XenRun {
        from = from == null ? List.of() : List.copyOf(from);
    }

    /**
     * Boots (or, with {@code from}, reads earlier boots), writes each run's reference JSON and prints each scenario's
     * real and simulated figures side by side to {@code out}.
     *
     * @throws InputException for a bad scenario or option, a missing prerequisite of a boot, or a failed boot
     */
    public void run(List<Path> scenarioFiles, PrintWriter out) throws IOException, InterruptedException {
        if (runs < 1) throw new InputException(null, "--runs", 0, "must be at least 1");
        requireNonEmpty(work, "--work");
        requireNonEmpty(xenref, "--xenref");
        requireNonEmpty(referenceOut, "--reference-out");
        for (Path f : from) {
            requireNonEmpty(f, "--from");
            checkFrom(f);
        }
        List<Dom0Script.Run> batch = new ArrayList<>();
        for (Path f : scenarioFiles) {
            String id = f.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            batch.add(new Dom0Script.Run(id, ScenarioReader.read(f), f.toString()));
        }
        Dom0Script script = Dom0Script.of(batch);
        List<Path> runDirs = !from.isEmpty() ? from : boot(script);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        for (Dom0Script.Run run : batch) {
            SimulationResult sim = Simulation.of(run.scenario(), Schedulers.factory()).run();
            String chosen = null;          // the reference: the first accepted run, else the first run
            boolean chosenAccepted = false;
            int found = 0;                  // runs numbered 1, 2, ... among the boots that ran this scenario
            for (int k = 0; k < runDirs.size(); k++) {
                if (!Files.exists(runDirs.get(k).resolve("out").resolve(run.id() + ".trace"))) {
                    out.printf(Locale.ROOT, "%n== %s (%s): no trace, the boot stopped before this scenario%n", run.id(),
                            runDirs.get(k));
                    continue;
                }
                found++;
                XenReference ref;
                Map<String, String> environment;
                try {
                    ref = XenReference.read(runDirs.get(k).resolve("out"), run.id(), run.scenario());
                    environment = environment(runDirs.get(k));
                } catch (IOException e) {
                    throw unreadable(e);
                }
                String json = mapper.writeValueAsString(ref.toJson(mapper, environment)) + "\n";
                write(runDirs.get(k).resolve(run.id() + ".json"), json, from.isEmpty() ? "--work" : "--from");
                if (referenceOut != null) {
                    write(referenceOut.resolve("runs").resolve(run.id() + ".run-" + found + ".json"), json,
                            "--reference-out");
                    if (chosen == null || !chosenAccepted && ref.rejections().isEmpty()) {
                        chosen = json;
                        chosenAccepted = ref.rejections().isEmpty();
                    }
                }
                printSideBySide(out, ref, sim, runDirs.get(k));
            }
            if (chosen != null) write(referenceOut.resolve(run.id() + ".json"), chosen, "--reference-out");
        }
        out.flush();
    }

    private List<Path> boot(Dom0Script script) throws IOException, InterruptedException {
        checkXenref();
        if (work != null && !Files.isDirectory(work) && Files.exists(work)) {
            throw new InputException(work.toString(), "--work", 0, "is not a directory");
        }
        Path base = work != null ? work : xenref.toAbsolutePath().getParent().resolve("work")
                .resolve("xen-run-" + System.currentTimeMillis() / 1000);
        List<Path> dirs = new ArrayList<>();
        for (int k = 1; k <= runs; k++) {
            Path dir = base.resolve("run-" + k).toAbsolutePath();
            if (Files.exists(dir)) {
                throw new InputException(dir.toString(), "--work", 0, "already holds a boot: give another --work");
            }
            dirs.add(dir);
        }
        List<Process> boots = new ArrayList<>();
        try {
            for (int k = 1; k <= runs; k++) {
                Path dir = dirs.get(k - 1);
                write(dir.resolve("dom0-run.sh"), script.text(), "--work");
                // The harness's own messages go to the run's log: a failed boot is reported in one line naming it.
                ProcessBuilder pb = new ProcessBuilder(xenref.toAbsolutePath().toString(), "boot", dir.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve(BOOT_LOG).toFile());
                pb.environment().put("XENREF_PCPUS", Integer.toString(script.pcpus()));
                boots.add(pb.start());
                if (!parallel) awaitBoot(boots.get(k - 1), dir);
            }
            if (parallel) {
                for (int k = 0; k < runs; k++) awaitBoot(boots.get(k), dirs.get(k));
            }
        } catch (RuntimeException | IOException | InterruptedException e) {
            boots.forEach(XenRun::stop); // the other parallel boots, with their QEMUs: none outlives the command
            throw e;
        }
        return dirs;
    }

    /** Stops a boot that may still run, and every process it started (QEMU among them). */
    private static void stop(Process boot) {
        boot.descendants().forEach(ProcessHandle::destroy);
        boot.destroy();
    }

    /**
     * Refuses a {@code --xenref} that is not an executable file, or whose {@code check} says what a boot lacks (the
     * prerequisites {@code xenref prepare} makes), with its one line.
     */
    private void checkXenref() throws IOException, InterruptedException {
        String name = xenref.toString();
        if (!Files.exists(xenref)) {
            throw new InputException(name, "--xenref", 0, "no such file: run rtxen from the repository root or give --xenref");
        }
        if (Files.isDirectory(xenref) || !Files.isExecutable(xenref)) {
            throw new InputException(name, "--xenref", 0, "is not an executable file: give the xenref script");
        }
        Process check = new ProcessBuilder(xenref.toAbsolutePath().toString(), "check").redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = check.waitFor();
        if (status != 0) {
            throw new InputException(name, null, 0, said.isBlank() ? "check failed (status " + status + ")"
                    : InputException.oneLine(said));
        }
    }

    /** Waits for a boot; one that failed is reported with its log, which holds what the harness said. */
    private static void awaitBoot(Process boot, Path dir) throws InterruptedException {
        int status = boot.waitFor();
        if (status != 0) {
            throw new InputException(dir.resolve(BOOT_LOG).toString(), null, 0, "boot failed (status " + status
                    + "): see the log's last lines");
        }
    }

    /**
     * Writes {@code text} to {@code file} whole or not at all ({@link OutputFile}), creating its folder; a failure is
     * bad input naming {@code option}.
     */
    private static void write(Path file, String text, String option) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new InputException(file.toString(), option, 0, "cannot write: " + reason(e));
        }
        try (OutputFile out = OutputFile.claim(file, option, List.of(), List.of())) {
            Files.writeString(out.partial(), text);
            out.commit();
        } catch (IOException e) {
            throw new InputException(file.toString(), option, 0, "cannot write: " + reason(e));
        }
    }

    /** What went wrong with a file, on one line: the system's reason without the file names. */
    private static String reason(IOException e) {
        return InputException.oneLine(e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage());
    }

    /** Refuses a {@code --from} that is not an earlier boot's folder: one holding the {@code out/} a boot leaves. */
    private static void checkFrom(Path dir) {
        String name = dir.toString();
        if (!Files.exists(dir)) throw new InputException(name, "--from", 0, "no such directory");
        if (!Files.isDirectory(dir.resolve("out"))) {
            throw new InputException(name, "--from", 0, (Files.isDirectory(dir) ? "holds no out/" : "is not a directory")
                    + ": give a boot's folder (WORK/run-K)");
        }
    }

    /**
     * A boot's output that could not be read (a damaged trace, a missing file) as bad input naming the file, and
     * {@code --from} when the boot is an earlier one.
     */
    private InputException unreadable(IOException e) {
        String option = from.isEmpty() ? null : "--from";
        if (e instanceof NoSuchFileException f) {
            return new InputException(f.getFile(), option, 0, "no such file, though the scenario's trace is there");
        }
        if (e instanceof FileSystemException f) return new InputException(f.getFile(), option, 0, "cannot read: " + reason(f));
        // The trace reader's messages start with the file name.
        return new InputException(null, option, 0, InputException.oneLine(e.getMessage()));
    }

    /** Refuses an empty path given to {@code option}, which would name the current directory. */
    private static void requireNonEmpty(Path path, String option) {
        if (path != null && path.toString().isEmpty()) throw new InputException(null, option, 0, "the path is empty");
    }

    /** Versions and flags the boot recorded ({@code boot-info.txt}: key=value lines). */
    private static Map<String, String> environment(Path runDir) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        Path info = runDir.resolve("boot-info.txt");
        if (!Files.exists(info)) return env;
        for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return env;
    }

    private static void printSideBySide(PrintWriter out, XenReference ref, SimulationResult sim, Path runDir) {
        double span = ref.trace().spanNs();
        out.printf(Locale.ROOT, "%n== %s (%s): real Xen 4.17 under QEMU, %.3f s traced, vs rtxen simulate, %.3f s%n",
                ref.id(), runDir, span / 1e9, sim.durationNs() / 1e9);
        out.println("   emulated timing carries artefacts: see docs/xen-reference.md");
        out.printf(Locale.ROOT, "   verdict: %s%s%n", ref.rejections().isEmpty() ? "accepted" : "REJECTED: "
                + String.join("; ", ref.rejections()), ref.skewWarnings() > 0
                ? " (" + ref.skewWarnings() + " 'now is behind last_start' warnings during the trace)" : "");
        out.printf(Locale.ROOT, "   %-10s %-4s %10s %10s %8s %10s %10s%n", "domain", "vcpu", "xen run%", "rtxen run%",
                "diff", "xen rnbl%", "rtxen rnbl%");
        for (DomainSpec d : ref.scenario().domains()) {
            if (d.control()) continue;
            DomainResult sd = sim.domains().stream().filter(x -> x.name().equals(d.name())).findFirst().orElse(null);
            for (int v = 0; v < d.vcpus(); v++) {
                TraceSummary.Vcpu xv = ref.vcpu(d.name(), v);
                VcpuResult svr = sd == null || v >= sd.vcpus().size() ? null : sd.vcpus().get(v);
                double xr = xv == null ? Double.NaN : 100 * xv.runNs() / span;
                double sr = svr == null ? Double.NaN : 100.0 * svr.runNs() / sim.durationNs();
                double xq = xv == null ? Double.NaN : 100 * xv.runnableNs() / span;
                double sq = svr == null ? Double.NaN : 100.0 * svr.runnableNs() / sim.durationNs();
                out.printf(Locale.ROOT, "   %-10s v%-3d %10.2f %10.2f %8.2f %10.2f %10.2f%n", Names.shown(d.name()), v,
                        xr, sr, xr - sr, xq, sq);
                if (xv != null && d.params() instanceof ServerParams servers) {
                    XenReference.ServerPeriods p = ref.serverPeriods(d.name(), v, servers.server(v).budgetNs());
                    out.printf(Locale.ROOT, "   %-10s v%-3d within budget %.2f %%; of %d server periods %d over budget,"
                                    + " %d under (docs/xen-reference.md \"Two-pCPU RTDS runs\")%n", "", v,
                            100 * p.runCappedNs() / span, p.complete(), p.overBudget(), p.underBudget());
                }
            }
            if (!d.guest().tasks().isEmpty()) {
                for (TaskResult xt : ref.tasks(d)) {
                    TaskResult st = sd == null ? null
                            : sd.tasks().stream().filter(t -> t.name().equals(xt.name())).findFirst().orElse(null);
                    out.printf(Locale.ROOT, "   %-10s task %-8s xen: %d jobs, %d missed, max response %.3f ms;"
                                    + " rtxen: %s%n", Names.shown(d.name()), Names.shown(xt.name()), xt.released(),
                            xt.missed(), xt.response().maxNs() / 1e6, st == null ? "-" : String.format(Locale.ROOT,
                                    "%d jobs, %d missed, max response %.3f ms", st.released(), st.missed(),
                                    st.response().maxNs() / 1e6));
                }
            }
        }
    }
}
