package org.rtxen.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.rtxen.engine.RunProgress;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.TraceSink;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.sched.Schedulers;

/**
 * {@code rtxen plan --verify}: simulates a planned scenario as printed (affinities, start times and run-time commands
 * included) with the worst-case release pattern (every task released
 * at time 0, every job running its WCET) and with N random phasings (each task's first release drawn uniformly in
 * [0, period), every job its WCET), and reports the first missed deadline of each run with its task and time.
 */
final class PlanVerifier {
    /**
     * The most random phasings {@code --verify} takes: each is a whole simulation of the scenario, so that ten thousand
     * of a one-second scenario already take minutes, and a larger count is a typo rather than a plan.
     */
    static final int MAX_PHASINGS = 10_000;

    private PlanVerifier() {}

    /** One missed deadline: the job, its release and deadline, and when it completed (-1: not by the run's end). */
    record Miss(String run, String domain, String task, long job, long releaseNs, long deadlineNs, long completedNs) {}

    /** The runs made and the first miss of each run that missed. */
    record Result(int runs, List<Miss> misses) {}

    /** A task by its domain's name and its own: two names, not one string, as either may hold any character. */
    private record TaskKey(String domain, String task) {}

    /**
     * Runs the worst-case pattern and {@code phasings} random ones, drawn from {@code seed}, showing each run's progress
     * on {@code err} when rtxen runs on a terminal.
     */
    static Result verify(Scenario planned, int phasings, long seed, PrintWriter err) {
        List<Miss> misses = new ArrayList<>();
        String of = " of " + (1L + phasings);
        Miss m = run("synchronous release, WCET", phased(planned, null), err, "verifying, run 1" + of);
        if (m != null) misses.add(m);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 1; i <= phasings; i++) {
            m = run("random phasing " + i, phased(planned, random.split()), err, "verifying, run " + (i + 1) + of);
            if (m != null) misses.add(m);
        }
        return new Result(1 + phasings, misses);
    }

    /** The scenario with every job at its WCET and offsets 0 ({@code random} null) or drawn in [0, period). */
    private static Scenario phased(Scenario s, SplittableRandom random) {
        List<DomainSpec> domains = new ArrayList<>();
        for (DomainSpec d : s.domains()) {
            GuestSpec g = d.guest();
            if (g != null && !g.tasks().isEmpty()) {
                List<TaskSpec> tasks = new ArrayList<>();
                for (TaskSpec t : g.tasks()) {
                    long offset = random == null ? 0 : random.nextLong(t.periodNs());
                    tasks.add(new TaskSpec(t.name(), t.periodNs(), t.wcetNs(), t.deadlineNs(), offset, t.priority(),
                            t.vcpu(), new ExecTimeModel.Wcet()));
                }
                g = new GuestSpec(g.scheduler(), g.placement(), g.busy(), tasks);
            }
            domains.add(new DomainSpec(d.name(), d.control(), d.pool(), d.vcpus(), d.params(), d.affinity(),
                    d.vcpuAffinity(), d.startNs(), g));
        }
        return new Scenario(s.durationNs(), s.seed(), s.host(), s.pools(), domains, s.overheads(), s.commands());
    }

    /** The first miss of one run, or null; its progress labelled {@code label} on a terminal. */
    private static Miss run(String name, Scenario s, PrintWriter err, String label) {
        Map<TaskKey, TaskSpec> specs = new HashMap<>();
        Map<String, Long> startOf = new HashMap<>();
        for (DomainSpec d : s.domains()) {
            if (d.guest() != null) for (TaskSpec t : d.guest().tasks()) specs.put(new TaskKey(d.name(), t.name()), t);
            startOf.put(d.name(), d.startNs());
        }
        Map<TaskKey, Long> completed = new HashMap<>();
        Miss[] first = new Miss[1];
        TraceSink sink = new TraceSink() {
            @Override
            public void jobCompleted(long now, Domain d, String task, long job, long responseNs, boolean missed) {
                TaskKey key = new TaskKey(d.name(), task);
                completed.merge(key, 1L, Long::sum);
                if (missed && (first[0] == null || now < first[0].completedNs())) {
                    TaskSpec t = specs.get(key);
                    long release = now - responseNs;
                    first[0] = new Miss(name, d.name(), task, job, release, release + deadline(t), now);
                }
            }
        };
        RunProgress progress = TerminalProgress.onTerminal(err, label);
        SimulationResult result;
        try {
            result = Simulation.of(s, Schedulers.factory()).trace(sink).progress(progress).run();
        } finally {
            TerminalProgress.done(progress);
        }
        // Only an interrupt (plan --timeout) stops these runs early; what they saw proves nothing then.
        if (result.partial()) throw new CancellationException("verification run " + name + " interrupted");
        Miss unfinished = null;
        for (DomainResult d : result.domains()) {
            for (TaskResult r : d.tasks()) {
                TaskKey key = new TaskKey(d.name(), r.name());
                long done = completed.getOrDefault(key, 0L);
                long late = r.missed();
                if (late == 0 || r.completed() >= r.released()) continue;
                // The first job never completed: job number 'done' (jobs complete in order).
                TaskSpec t = specs.get(key);
                long release = startOf.get(d.name()) + t.offsetNs() + done * t.periodNs(); // Task.releaseOf
                long deadline = release + deadline(t);
                if (deadline < s.durationNs() && (unfinished == null || deadline < unfinished.deadlineNs())) {
                    unfinished = new Miss(name, d.name(), r.name(), done, release, deadline, -1);
                }
            }
        }
        if (first[0] == null) return unfinished;
        if (unfinished != null && unfinished.deadlineNs() < first[0].deadlineNs()) return unfinished;
        return first[0];
    }

    private static long deadline(TaskSpec t) {
        return t.deadlineNs() > 0 ? t.deadlineNs() : t.periodNs();
    }
}
