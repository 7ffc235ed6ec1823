package org.rtxen.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 9's growth bound, measured so that one JVM's luck does not decide it: the growth of the marginal cost of an
 * event ({@link ScalingProbe}) from p4 to p256 and from t5 (= p4) to t500, for each policy, in {@code jvms} fresh JVMs
 * one after the other, with each JVM's ratio and their median. One JVM's ratio moves by up to a fifth from the
 * next one's (the JIT's choices differ run to run), so a verdict on a 1.5x bound needs the median of several.
 *
 * <p>Usage: {@code GrowthProbe [jvms] [events] [runs] [policies|all]}, e.g. {@code GrowthProbe 6 300000 15 all}; each
 * JVM runs {@code ScalingProbe events runs policies p4,t500,p256} (about 30 s per policy at those numbers) on this
 * JVM's class path.
 */
public final class GrowthProbe {
    private static final String RESULT = "growth-probe-result ";
    private static final List<String> SIZES = List.of("p4", "t500", "p256");

    private GrowthProbe() {}

    /** Runs the probe; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length > 0 && args[0].equals("--child")) {
            child(Long.parseLong(args[1]), Integer.parseInt(args[2]), List.of(args[3].split(",")));
            return;
        }
        int jvms = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        String events = args.length > 1 ? args[1] : "300000";
        String runs = args.length > 2 ? args[2] : "15";
        String kinds = args.length > 3 && !args[3].equals("all") ? args[3]
                : String.join(",", StandardScenarios.POLICIES);
        Map<String, List<double[]>> ratios = new LinkedHashMap<>(); // policy -> per JVM {t5 -> t500, p4 -> p256}
        for (int j = 0; j < jvms; j++) {
            Map<String, Double> rates = childRates(events, runs, kinds);
            for (String kind : kinds.split(",")) {
                double p4 = rates.get(kind + " p4");
                ratios.computeIfAbsent(kind, k -> new ArrayList<>())
                        .add(new double[] {p4 / rates.get(kind + " t500"), p4 / rates.get(kind + " p256")});
            }
        }
        System.out.printf(Locale.ROOT, "%-18s %-28s %-7s %-28s %-7s%n", "policy", "t5 -> t500 per JVM", "median",
                "p4 -> p256 per JVM", "median");
        for (Map.Entry<String, List<double[]>> e : ratios.entrySet()) {
            System.out.printf(Locale.ROOT, "%-18s %-28s %-7s %-28s %-7s%n", e.getKey(), each(e.getValue(), 0),
                    String.format(Locale.ROOT, "%.2fx", median(e.getValue(), 0)), each(e.getValue(), 1),
                    String.format(Locale.ROOT, "%.2fx", median(e.getValue(), 1)));
        }
    }

    /** In a child JVM: each policy's marginal rate at each size, printed for the parent after ScalingProbe's lines. */
    private static void child(long events, int runs, List<String> kinds) {
        for (String kind : kinds) {
            for (String name : SIZES) {
                ScalingProbe.Size size = ScalingProbe.SIZES.stream().filter(s -> s.name().equals(name)).findFirst()
                        .orElseThrow();
                double marginal = ScalingProbe.measure(kind, size,
                        size.scenario(kind, ScalingProbe.durationFor(size, kind, events)), runs);
                System.out.println(RESULT + kind + " " + name + " " + marginal);
            }
        }
    }

    /** Runs one child JVM and returns its marginal rates by "policy size"; its other lines are echoed. */
    private static Map<String, Double> childRates(String events, String runs, String kinds)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), GrowthProbe.class.getName(),
                "--child", events, runs, kinds).redirectErrorStream(true).start();
        Map<String, Double> rates = new LinkedHashMap<>();
        InputStreamReader output = new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8);
        try (BufferedReader out = new BufferedReader(output)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.startsWith(RESULT)) {
                    System.out.println(line);
                    continue;
                }
                String[] f = line.substring(RESULT.length()).split(" ");
                rates.put(f[0] + " " + f[1], Double.parseDouble(f[2]));
            }
        }
        if (p.waitFor() != 0) throw new IllegalStateException("a child JVM failed with exit status " + p.exitValue());
        return rates;
    }

    /** The JVMs' ratios at {@code axis}, as "1.49x 1.50x ...". */
    private static String each(List<double[]> perJvm, int axis) {
        StringBuilder s = new StringBuilder();
        for (double[] r : perJvm) s.append(String.format(Locale.ROOT, "%.2fx ", r[axis]));
        return s.toString().trim();
    }

    /** The median of the JVMs' ratios at {@code axis} (the mean of the middle two for an even count). */
    private static double median(List<double[]> perJvm, int axis) {
        double[] v = perJvm.stream().mapToDouble(r -> r[axis]).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
