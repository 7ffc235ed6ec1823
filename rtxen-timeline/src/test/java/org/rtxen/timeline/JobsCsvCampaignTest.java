package org.rtxen.timeline;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rtxen.timeline.JobRows.COMPLETION;
import static org.rtxen.timeline.JobRows.DEADLINE;
import static org.rtxen.timeline.JobRows.DOMAIN;
import static org.rtxen.timeline.JobRows.JOB;
import static org.rtxen.timeline.JobRows.MISSED;
import static org.rtxen.timeline.JobRows.RELEASE;
import static org.rtxen.timeline.JobRows.RESPONSE;
import static org.rtxen.timeline.JobRows.START;
import static org.rtxen.timeline.JobRows.TASK;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtxen.io.ScenarioWriter;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.ResponseStats;
import org.rtxen.model.result.TaskResult;
import org.rtxen.sched.Schedulers;

/**
 * The jobs CSV against the scenario and the simulation's own result on random scenarios of every policy, each run whole
 * and stopped by an event limit at a random point, read back by a real CSV parser: per task, one row per job released
 * (from the domain's start, at offset + k·period, up to the end or up to and including the destroy's instant),
 * numbered 0, 1, ... in file order, each deadline its release plus the relative deadline; completed rows and missed
 * rows as many as the result counts, each row missed exactly as docs/outputs.md says; the completed rows' responses
 * giving the result's count, minimum, maximum, sum and mean exactly and its p99 within the documented 1/64; no
 * duplicate job; completed rows in completion order before the unfinished ones. The default build runs
 * {@value #CI_SCENARIOS} seeds per policy, each seed's fine and aligned scenario ({@link CampaignScenario});
 * {@code -Drtxen.jobs.scenarios=N} runs more.
 */
class JobsCsvCampaignTest {
    private static final int CI_SCENARIOS = 8;
    private static final int SCENARIOS = Integer.getInteger("rtxen.jobs.scenarios", CI_SCENARIOS);
    /** Seeds apart from the other campaigns'. */
    private static final long FIRST_SEED = 3_000_000;

    static Stream<String> policies() {
        return Schedulers.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    @Timeout(300)
    void randomScenarios_wholeAndStopped_rowsAgreeWithTheScenarioAndTheResult(String policy) {
        List<String> failures = new ArrayList<>();
        for (CampaignScenario c : CampaignScenario.of(policy, FIRST_SEED, SCENARIOS)) {
            Scenario s = c.scenario();
            Run whole = run(s, Long.MAX_VALUE);
            List<String> problems = new ArrayList<>(check(s, whole));
            long events = whole.out().result().events();
            if (events > 0) { // else nothing to stop (a job due after the end and no timer, say)
                long stopAt = c.stopAt(events);
                check(s, run(s, stopAt)).forEach(p -> problems.add("stopped after " + stopAt + " events: " + p));
            }
            if (!problems.isEmpty()) failures.add(c.name() + ": " + problems + "\n" + ScenarioWriter.yaml(s));
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + 2 * SCENARIOS + " scenarios failed; first: " + failures.get(0));
    }

    /** A run's jobs CSV and result, and when its domains were destroyed. */
    private record Run(Runs.Output out, Destroys destroys) {}

    /** {@code s} run with the jobs CSV writer attached, stopped after {@code maxEvents} events. */
    private static Run run(Scenario s, long maxEvents) {
        Destroys destroys = new Destroys();
        return new Run(Runs.run(s, bytes -> TraceSinks.of(List.of(Runs.csvWriter(bytes), destroys)), maxEvents),
                destroys);
    }

    /** What the jobs CSV of {@code run}, a run of {@code s}, gets wrong; empty if nothing. */
    private static List<String> check(Scenario s, Run run) {
        Runs.Output out = run.out();
        long end = out.result().durationNs();
        List<String> problems = new ArrayList<>();
        Map<List<String>, List<String[]>> byTask = new LinkedHashMap<>();
        Set<List<String>> jobs = new HashSet<>();
        long lastCompletion = Long.MIN_VALUE;
        boolean unfinishedAbove = false;
        for (String[] row : JobRows.parse(out.text())) {
            List<String> job = List.of(row[DOMAIN], row[TASK], row[JOB]);
            if (!jobs.add(job)) problems.add(job + ": two rows");
            // outputs.md: rows are written as jobs complete, and the unfinished ones after the run.
            if (row[COMPLETION].isEmpty()) {
                unfinishedAbove = true;
            } else {
                long completion = Long.parseLong(row[COMPLETION]);
                if (unfinishedAbove) problems.add(job + ": a completed row below an unfinished one");
                if (completion < lastCompletion) problems.add(job + ": completed before the row above");
                lastCompletion = completion;
            }
            byTask.computeIfAbsent(List.of(row[DOMAIN], row[TASK]), k -> new ArrayList<>()).add(row);
        }
        for (DomainResult d : out.result().domains()) {
            DomainSpec spec = s.domains().stream().filter(x -> x.name().equals(d.name())).findFirst().orElseThrow();
            Long destroyed = run.destroys().at(d.name());
            // cli.md: a run stopped by a limit covers [0, time reached), so a destroy at that instant is past its end.
            if (destroyed != null && destroyed >= end) destroyed = null;
            for (TaskResult t : d.tasks()) {
                TaskSpec task = spec.guest().tasks().stream().filter(x -> x.name().equals(t.name())).findFirst()
                        .orElseThrow();
                List<String[]> rows = byTask.remove(List.of(d.name(), t.name()));
                checkTask(d.name() + "/" + t.name(), spec.startNs(), task, destroyed, end, t,
                        rows == null ? List.of() : rows, problems);
            }
        }
        if (!byTask.isEmpty()) problems.add("rows of no task: " + byTask.keySet());
        return problems;
    }

    /**
     * Adds to {@code problems} what task {@code task}'s {@code rows} get wrong, given its domain's start, the instant of
     * its destroy (null if none, or past the end) and the run's end: against the scenario row by row, and against its
     * result {@code r}.
     */
    private static void checkTask(String who, long domainStart, TaskSpec task, Long destroyed, long end, TaskResult r,
                                  List<String[]> rows, List<String> problems) {
        // scenario.md: a destroyed domain's tasks count the jobs released up to and including the destroy's instant.
        long releasedBefore = destroyed == null ? end : destroyed + 1;
        long released = 0;
        for (long at = domainStart + task.offsetNs(); at < releasedBefore; at += task.periodNs()) released++;
        if (rows.size() != released || r.released() != released) {
            problems.add(who + ": " + rows.size() + " rows, " + r.released() + " released in the result, " + released
                    + " by the scenario");
        }
        List<Long> responses = new ArrayList<>();
        long missed = 0;
        for (int k = 0; k < rows.size(); k++) {
            String[] row = rows.get(k);
            String wrong = checkRow(row, k, domainStart + task.offsetNs() + k * task.periodNs(), task.deadlineNs(),
                    destroyed, end);
            if (!wrong.isEmpty()) problems.add(who + " job " + row[JOB] + ": " + wrong + " in " + List.of(row));
            if (!row[RESPONSE].isEmpty()) responses.add(Long.parseLong(row[RESPONSE]));
            if (row[MISSED].equals("1")) missed++;
        }
        if (responses.size() != r.completed() || missed != r.missed()) {
            problems.add(who + ": " + responses.size() + " completed, " + missed + " missed rows; the result "
                    + r.completed() + " and " + r.missed());
        }
        List<String> stats = checkResponses(responses, r.response());
        if (!stats.isEmpty()) problems.add(who + ": " + stats);
    }

    /**
     * What the {@code k}-th row of a task gets wrong, given its release by the scenario, the task's relative deadline,
     * the destroy (null if none) and the run's end: "" if nothing.
     */
    private static String checkRow(String[] row, int k, long release, long relativeDeadline, Long destroyed, long end) {
        long deadline = Long.parseLong(row[DEADLINE]);
        if (!row[JOB].equals(Long.toString(k))) return "not job " + k + ", the task's row " + k;
        if (Long.parseLong(row[RELEASE]) != release) return "not released at " + release;
        if (deadline != release + relativeDeadline) return "not due at " + (release + relativeDeadline);
        boolean completed = !row[COMPLETION].isEmpty();
        if (completed == row[RESPONSE].isEmpty()) return "a completion without a response, or the reverse";
        long start = row[START].isEmpty() ? -1 : Long.parseLong(row[START]);
        if (start >= 0 && (start < release || start >= end)) return "started outside [release, end)";
        if (completed && start < 0) return "completed, never started";
        boolean late;
        if (completed) {
            long completion = Long.parseLong(row[COMPLETION]);
            if (start >= completion || completion > end) return "completed outside (start, end]";
            if (Long.parseLong(row[RESPONSE]) != completion - release) return "response not completion - release";
            if (destroyed != null && completion > destroyed) return "completed after the destroy at " + destroyed;
            late = completion > deadline; // completing exactly at the deadline meets it
        } else {
            // outputs.md: unfinished, missed if its deadline is before the end, or whatever it is if destroyed.
            late = destroyed != null || deadline < end;
        }
        return row[MISSED].equals(late ? "1" : "0") ? "" : "missed should be " + (late ? 1 : 0);
    }

    /**
     * What the result's response statistics get wrong about the completed rows' {@code responses}: count, minimum,
     * maximum, sum and mean (sum/count rounded half-even to {@link ResponseStats#MEAN_DECIMALS} decimals) exactly; the
     * p99 at or above the exact nearest-rank p99 and at most 1/64 of it above (outputs.md, cli.md).
     */
    private static List<String> checkResponses(List<Long> responses, ResponseStats stats) {
        if (responses.isEmpty()) return stats.equals(ResponseStats.EMPTY) ? List.of() : List.of("no completion, " + stats);
        List<Long> sorted = responses.stream().sorted().toList();
        int n = sorted.size();
        BigInteger sum = BigInteger.ZERO;
        for (long x : sorted) sum = sum.add(BigInteger.valueOf(x));
        BigDecimal mean = new BigDecimal(sum).divide(BigDecimal.valueOf(n), ResponseStats.MEAN_DECIMALS,
                RoundingMode.HALF_EVEN);
        long p99 = sorted.get((int) ((99L * n + 99) / 100) - 1); // nearest rank: the ceil(0.99 n)-th smallest
        List<String> problems = new ArrayList<>();
        if (stats.count() != n || stats.minNs() != sorted.get(0) || stats.maxNs() != sorted.get(n - 1)
                || !stats.sumNs().equals(sum) || stats.meanNs().compareTo(mean) != 0) {
            problems.add("rows give " + List.of(n, sorted.get(0), sorted.get(n - 1), sum, mean) + ", the result " + stats);
        }
        if (stats.p99Ns() < p99 || stats.p99Ns() > p99 + p99 / 64) {
            problems.add("exact p99 " + p99 + ", the result's " + stats.p99Ns());
        }
        return problems;
    }
}
