package org.rtxen.experiments.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rtxen.workload.TaskSetGenerator;

/**
 * A parsed sweep file (docs/sweep.md): a base scenario, fixed overrides, total-utilisation points, axes, the task-set
 * generator, replications and the analyses to run. {@link #runs()} expands it into run specifications.
 *
 * @param name         the sweep's name (the store file is named after it)
 * @param source       the sweep file, for messages
 * @param base         the base scenario's YAML tree, with the fixed overrides applied; never modified
 * @param baseSource   the base scenario's file name, or the sweep file for an inline scenario
 * @param seed         the root of every derived seed
 * @param replications task sets per utilisation point
 * @param utilizations the total-utilisation points, in order
 * @param generator    the task-set generator
 * @param targets      the domains that receive the generated tasks (round-robin), in order
 * @param axes         the configuration axes, in order
 * @param vcpus        whether VCPU parameters are the scenario's or planned by {@code rtxen plan}
 * @param analyses     the analyses each run records (see {@link Analyses})
 * @param setLines     the key paths of {@code set} (already applied to {@code base}) and their lines, for messages
 */
public record Sweep(String name, String source, ObjectNode base, String baseSource, long seed, int replications,
                    UtilizationPoints utilizations, TaskSetGenerator generator, List<String> targets, List<Axis> axes,
                    VcpuMode vcpus, List<String> analyses, Map<String, Integer> setLines) implements Serializable {
    /** Where VCPU parameters come from. */
    public enum VcpuMode {
        /** The scenario's own (after the axes' overrides). */
        GIVEN,
        /** Planned from the generated tasks by the planner ({@code rtxen plan}), periods kept. */
        PLANNED
    }

    /** Copies the lists. */
    public Sweep {
        targets = List.copyOf(targets);
        axes = List.copyOf(axes);
        analyses = List.copyOf(analyses);
        setLines = Collections.unmodifiableMap(new LinkedHashMap<>(setLines));
    }

    /**
     * The run specifications, one per (utilisation point, configuration, replication), in a fixed order; each is
     * computed from its index when the list is asked for it, so the list takes no memory per run.
     */
    public List<RunSpec> runs() {
        return Expansion.runs(this);
    }

    /** The number of runs: points × configurations × replications. */
    public int runCount() {
        return Math.multiplyExact(Math.multiplyExact(utilizations.size(), configurations()), replications);
    }

    /** The files the sweep was read from, those that exist: the sweep file and its base scenario's. */
    public List<Path> files() {
        return Stream.of(source, baseSource).distinct().map(Path::of).filter(Files::isRegularFile).toList();
    }

    /** The number of configurations (the product of the axes' sizes). */
    public int configurations() {
        int n = 1;
        for (Axis a : axes) n *= a.values().size();
        return n;
    }
}
