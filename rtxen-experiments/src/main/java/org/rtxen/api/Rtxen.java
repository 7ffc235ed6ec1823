package org.rtxen.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.host.HostTests;
import org.rtxen.analysis.host.ServerKind;
import org.rtxen.analysis.host.TestResult;
import org.rtxen.analysis.plan.Plan;
import org.rtxen.analysis.plan.PlanOptions;
import org.rtxen.analysis.plan.Planner;
import org.rtxen.analysis.supply.Mpr;
import org.rtxen.engine.Simulation;
import org.rtxen.experiments.Progress;
import org.rtxen.experiments.Summary;
import org.rtxen.experiments.SweepRunner;
import org.rtxen.experiments.plot.Figures;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.experiments.sweep.SweepReader;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.Scenario;
import org.rtxen.model.Time;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Schedulers;
import org.rtxen.workload.PeriodicTask;
import org.rtxen.workload.Periods;
import org.rtxen.workload.TaskSetGenerator;

/**
 * rtxen as a Java library, one static method per job of the command line: generate, simulate, analyze, plan,
 * sweep and plot. Bad input throws {@link org.rtxen.io.InputException} (the command line's exit-2 message);
 * everything else is a plain value. docs/sweep.md has a JShell session.
 */
public final class Rtxen {
    private Rtxen() {}

    /**
     * A random task set ({@code rtxen generate}): {@code tasks} tasks of total utilisation {@code utilization},
     * periods uniform in [{@code periodMin}, {@code periodMax}] (times such as {@code "10ms"}; a bare number is µs)
     * at 1 µs granularity; method {@code uunifast}, {@code uunifast-discard} or {@code randfixedsum}.
     */
    public static List<PeriodicTask> generate(String method, int tasks, double utilization, String periodMin,
                                              String periodMax, long seed) {
        Periods p = new Periods(Time.parse(periodMin), Time.parse(periodMax), Time.US, Periods.Distribution.UNIFORM);
        return new TaskSetGenerator(TaskSetGenerator.Method.byLabel(method), tasks, p, 1.0, null).generate(utilization, seed);
    }

    /** Reads and validates a scenario file (docs/scenario.md). */
    public static Scenario scenario(Path file) {
        return ScenarioReader.read(file);
    }

    /** Simulates a scenario ({@code rtxen simulate}). */
    public static SimulationResult simulate(Scenario scenario) {
        return Simulation.of(scenario, Schedulers.factory()).run();
    }

    /** Plans the RTDS budgets of a scenario ({@code rtxen plan --model mpr}): MPR with Xu's sbf for global EDF guests. */
    public static Plan plan(Scenario scenario) {
        return Planner.plan(scenario, new PlanOptions(PlanOptions.GuestModel.MPR, Mpr.Variant.XU, 0, 0));
    }

    /**
     * Runs host-level schedulability tests on a task set ({@code rtxen analyze --test}), on {@code cpus}
     * processors; test names as {@link HostTests#NAMES}. Times are taken in whole microseconds (WCETs rounded up).
     */
    public static List<TestResult> analyze(List<PeriodicTask> tasks, int cpus, String... tests) {
        List<Task> ts = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            PeriodicTask t = tasks.get(i);
            ts.add(new Task("t" + i, t.periodNs() / Time.US, (t.wcetNs() + Time.US - 1) / Time.US, t.deadlineNs() / Time.US));
        }
        return HostTests.run(ts, cpus, List.of(tests), ServerKind.PERIODIC);
    }

    /** Reads and validates a sweep file (docs/sweep.md). */
    public static Sweep sweep(Path file) {
        return SweepReader.read(file);
    }

    /** Runs what is missing of a sweep into {@code dir} on {@code workers} threads ({@code rtxen sweep}). */
    public static Summary run(Sweep sweep, Path dir, int workers) {
        return SweepRunner.run(sweep, dir, workers, Progress.NONE);
    }

    /** Draws the main figure of the sweep stored in {@code dir} into {@code out}, .png or .svg ({@code rtxen plot}). */
    public static void plot(Path dir, Path out) {
        Figures.draw(dir, Figures.Kind.SCHEDULABILITY, out, null);
    }
}
