package org.rtxen.experiments;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rtxen.experiments.store.ResultStore;

/**
 * What a sweep found, over all its stored runs: per configuration the schedulability ratios (simulation and each
 * analysis) and the mean miss ratio; every soundness defect and every failed run, listed one by one.
 *
 * @param runs    the sweep's stored runs
 * @param ran     the runs this invocation ran (the others were stored already)
 * @param wallNs  this invocation's wall time
 * @param configs per configuration, its figures (none for a sweep stopped before its last run)
 * @param defects one line per defect: the run's key and the analyses that were wrong (none for a stopped sweep)
 * @param errors  one line per failed run: its key and the failure (none for a stopped sweep)
 */
public record Summary(int runs, int ran, long wallNs, List<Config> configs, List<String> defects, List<String> errors) {
    /**
     * One configuration's figures over all utilisation points.
     *
     * @param name          the configuration ({@code a=x,b=y})
     * @param runs          its runs
     * @param simRatio      the fraction whose simulation met every deadline
     * @param analysisRatio per analysis, the fraction it declared schedulable
     * @param meanMissRatio the mean of the runs' miss ratios
     */
    public record Config(String name, int runs, double simRatio, Map<String, Double> analysisRatio, double meanMissRatio) {}

    /** Copies the lists. */
    public Summary {
        configs = List.copyOf(configs);
        defects = List.copyOf(defects);
        errors = List.copyOf(errors);
    }

    /** A sweep stopped before its last run: how many runs are stored, without figures, defects or failed runs. */
    static Summary stopped(int runs, int ran, long wallNs) {
        return new Summary(runs, ran, wallNs, List.of(), List.of(), List.of());
    }

    /**
     * The summary of every run in {@code store}: the counts and miss ratios are added up by DuckDB without reading or
     * sorting the rows one by one (a store may hold millions), so that no order of the stored rows (the workers' order
     * of finishing, a resume's) changes a figure; the few defective or failed runs are listed in key order.
     */
    static Summary of(ResultStore store, int ran, long wallNs) {
        List<Config> configs = new ArrayList<>();
        int runs = 0;
        for (ResultStore.Tally t : store.tallies()) {
            // Over the runs the analysis gave a verdict for; none when it applies to no run of the configuration.
            Map<String, Double> ratios = new LinkedHashMap<>();
            t.verdicts().forEach((a, counts) -> {
                if (counts[0] > 0) ratios.put(a, counts[1] / (double) counts[0]);
            });
            configs.add(new Config(t.configuration(), Math.toIntExact(t.runs()), t.simSchedulable() / (double) t.runs(),
                    ratios, t.meanMissRatio()));
            runs += Math.toIntExact(t.runs());
        }
        List<String> defects = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        store.forEachDefectiveOrFailed(r -> {
            if (!r.defects().isEmpty()) {
                defects.add(r.run() + ": " + String.join(", ", r.defects()) + " said schedulable, the simulation missed "
                        + r.missed() + " of " + r.released() + " deadlines (seed " + r.seed() + ")");
            }
            if (r.error() != null) errors.add(r.run() + ": " + r.error());
        });
        return new Summary(runs, ran, wallNs, configs, defects, errors);
    }

    /** Prints the summary as text. */
    public void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%d %s stored (%d run now, %.1f s)%n", runs, runs == 1 ? "run" : "runs", ran, wallNs / 1e9);
        out.println("Schedulable fraction per configuration (all utilisation points):");
        for (Config c : configs) {
            StringBuilder b = new StringBuilder();
            c.analysisRatio().forEach((a, v) -> b.append(String.format(Locale.ROOT, "  %s %.3f", a, v)));
            out.printf(Locale.ROOT, "  %-40s runs %5d  simulation %.3f%s  mean miss ratio %.4f%n", c.name(), c.runs(),
                    c.simRatio(), b, c.meanMissRatio());
        }
        if (defects.isEmpty()) {
            out.println("Soundness: no defect (no analysis declared a set schedulable that missed in simulation)");
        } else {
            out.println("SOUNDNESS DEFECTS (" + defects.size() + "): an analysis declared schedulable, the simulation missed:");
            for (String d : defects) out.println("  " + d);
        }
        if (!errors.isEmpty()) {
            out.println("FAILED RUNS (" + errors.size() + "):");
            for (String e : errors) out.println("  " + e);
        }
        out.flush();
    }
}
