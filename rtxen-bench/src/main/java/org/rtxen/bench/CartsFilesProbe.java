package org.rtxen.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rtxen.analysis.component.ComponentInterface.Model;
import org.rtxen.analysis.component.ComponentResult;
import org.rtxen.analysis.component.ComponentSpec;
import org.rtxen.analysis.component.Composition;
import org.rtxen.analysis.supply.Mpr;
import org.rtxen.io.analysis.AnalysisJson;
import org.rtxen.io.analysis.CartsReader;

/**
 * Random CARTS input files and the per-file cost of analysing them in one JVM (the command line's per-file cost is
 * measured from the shell, docs/performance.md "Per file"). {@code write DIR COUNT SEED} writes COUNT seeded files,
 * alternately an EDF system of EDF, RM or DM components (for PRM/EDP; component utilizations adding up to 0.2 to
 * 0.8) and a gEDF system of gEDF components (for MPR/DMPR; utilization 0.3 to 1.6 each): 1 to 4 components of 2 to
 * 12 tasks (periods 50 to 1 000, deadlines 70 to 100 % of the period), each with an interface period range of 1 to
 * 6 values from 10 to 40 (the system's period is 10). {@code time DIR MODEL RUNS} reads and analyses every
 * file with the model (prm, edp, mpr or dmpr) and prints, per file, the thread CPU time of the first analysis in
 * this JVM and the least of RUNS later ones, then the median and the largest of each. {@code json DIR MODEL} prints,
 * per file, its name and the analysis JSON on one line, to compare the results of two builds.
 */
public final class CartsFilesProbe {
    private CartsFilesProbe() {}

    /** {@code write DIR COUNT SEED}, {@code time DIR MODEL RUNS} or {@code json DIR MODEL}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[1]);
        if (args[0].equals("write")) {
            write(dir, Integer.parseInt(args[2]), Long.parseLong(args[3]));
        } else if (args[0].equals("json")) {
            json(dir, args[2]);
        } else {
            time(dir, args[2], Integer.parseInt(args[3]));
        }
    }

    private static void write(Path dir, int count, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        for (int f = 0; f < count; f++) {
            boolean global = f % 2 == 1; // alternate uniprocessor and gEDF files
            int components = 1 + random.nextInt(4);
            StringBuilder xml = new StringBuilder(String.format(Locale.ROOT,
                    "<system os_scheduler=\"%s\" min_period=\"10\" max_period=\"10\">%n", global ? "gEDF" : "EDF"));
            for (int c = 0; c < components; c++) {
                String scheduler = global ? "gEDF" : List.of("EDF", "RM", "DM").get(random.nextInt(3));
                long minPeriod = 10 + random.nextInt(31);
                long maxPeriod = Math.min(40, minPeriod + random.nextInt(6));
                xml.append(String.format(Locale.ROOT, "  <component name=\"C%d\" scheduler=\"%s\" min_period=\"%d\""
                        + " max_period=\"%d\">%n", c, scheduler, minPeriod, maxPeriod));
                int tasks = 2 + random.nextInt(11);
                double utilization = global ? 0.3 + 1.3 * random.nextDouble()
                        : (0.2 + 0.6 * random.nextDouble()) / components;
                for (int t = 0; t < tasks; t++) {
                    long p = 50 + random.nextInt(951);
                    long e = Math.max(1, Math.min(p, Math.round(p * utilization / tasks * (0.5 + random.nextDouble()))));
                    long d = Math.max(e, p * (70 + random.nextInt(31)) / 100);
                    xml.append(String.format(Locale.ROOT, "    <task name=\"T%d\" p=\"%d\" d=\"%d\" e=\"%d\"/>%n", t, p,
                            d, e));
                }
                xml.append("  </component>\n");
            }
            xml.append("</system>\n");
            Files.writeString(dir.resolve(String.format(Locale.ROOT, "carts-%03d-%s.xml", f, global ? "gedf" : "uni")),
                    xml);
        }
    }

    private static void json(Path dir, String model) throws IOException {
        for (Path file : files(dir, model)) {
            CartsReader.Carts carts = CartsReader.read(file);
            ObjectNode root = AnalysisJson.object();
            AnalysisJson.addComponents(root, analyze(carts.root(), model), carts.scale());
            System.out.println(file.getFileName() + " " + root);
        }
    }

    private static ComponentResult analyze(ComponentSpec root, String model) {
        Model uni = model.equals("edp") ? Model.EDP : Model.PRM;
        Model multi = model.equals("dmpr") ? Model.DMPR : Model.MPR;
        return Composition.analyze(root, uni, multi, Mpr.Variant.XU);
    }

    /** The files of the kind the model analyses, sorted by name. */
    private static List<Path> files(Path dir, String model) throws IOException {
        boolean global = model.equals("mpr") || model.equals("dmpr");
        try (var listing = Files.list(dir)) {
            return listing.filter(p -> p.toString().endsWith(global ? "-gedf.xml" : "-uni.xml")).sorted().toList();
        }
    }

    private static void time(Path dir, String model, int runs) throws IOException {
        List<Path> files = files(dir, model);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<Long> firsts = new ArrayList<>();
        List<Long> warms = new ArrayList<>();
        for (Path file : files) {
            long first = 0;
            long warm = Long.MAX_VALUE;
            for (int i = 0; i <= runs; i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                analyze(CartsReader.read(file).root(), model);
                long spent = mx.getCurrentThreadCpuTime() - t0;
                if (i == 0) first = spent;
                else warm = Math.min(warm, spent);
            }
            firsts.add(first);
            warms.add(warm);
            System.out.printf(Locale.ROOT, "%s %s first %.3f ms warm %.3f ms CPU%n", file.getFileName(), model,
                    first / 1e6, warm / 1e6);
        }
        System.out.printf(Locale.ROOT, "%s: %d files; first analysis median %.3f ms, max %.3f ms; warm median %.3f ms,"
                + " max %.3f ms (thread CPU)%n", model, files.size(), median(firsts), max(firsts), median(warms),
                max(warms));
    }

    private static double median(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2] / 1e6;
    }

    private static double max(List<Long> nanos) {
        return nanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
    }
}
