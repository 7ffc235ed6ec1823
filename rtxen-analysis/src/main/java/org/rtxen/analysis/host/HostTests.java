package org.rtxen.analysis.host;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.Policy;
import org.rtxen.analysis.host.Partitioning.Heuristic;
import org.rtxen.model.Quoted;

/** Runs host-level tests by name, the names the command line accepts. */
public final class HostTests {
    /** Every test name, in report order. */
    public static final List<String> NAMES = List.of("gfb", "bak", "bcl", "bcl-iter", "rta", "edf", "fp",
            "ff", "bf", "wf", "ffd", "bfd", "wfd");

    /**
     * Task pairs one pass of a quadratic test (bak, bcl, bcl-iter, rta: every task against every other) may take on:
     * about a minute of exact arithmetic on one core. Above it the test is not run and says so with the count, as a
     * search that would take hours must say so before it starts.
     */
    public static final long PAIR_LIMIT = 10_000_000L;
    private static final List<String> QUADRATIC = List.of("bak", "bcl", "bcl-iter", "rta");

    private HostTests() {}

    /**
     * Runs the named tests on {@code cpus} processors. {@code edf} and {@code fp} are the exact uniprocessor tests
     * on one processor and partitioned first-fit-decreasing with them on several; {@code ff … wfd} are partitioned
     * EDF with first/best/worst fit, plain or decreasing.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static List<TestResult> run(List<Task> tasks, int cpus, List<String> names, ServerKind kind) {
        List<TestResult> out = new ArrayList<>();
        for (String name : names) out.add(run(tasks, cpus, name, kind));
        return out;
    }

    private static TestResult run(List<Task> tasks, int cpus, String name, ServerKind kind) {
        long n = tasks.size();
        if (QUADRATIC.contains(name) && n * n > PAIR_LIMIT) {
            return new TestResult(name, false, "not run", Reason.of(String.format(java.util.Locale.ROOT, "%,d tasks make %,d"
                    + " task pairs per pass, above the limit of %,d (the test is quadratic in the tasks; gfb and the"
                    + " partitioned tests are not)", n, n * n, PAIR_LIMIT)));
        }
        return switch (name) {
            case "gfb" -> GlobalEdfTests.gfb(tasks, cpus);
            case "bak" -> GlobalEdfTests.bak(tasks, cpus);
            case "bcl" -> GlobalEdfTests.bcl(tasks, cpus, kind);
            case "bcl-iter" -> GlobalEdfTests.bclIterative(tasks, cpus, kind);
            case "rta" -> GlobalEdfTests.rta(tasks, cpus, kind);
            case "edf" -> cpus == 1 ? UniprocessorTests.edf(tasks, kind)
                    : rename("edf", Partitioning.test(tasks, cpus, Heuristic.FIRST_FIT, true, true, kind));
            case "fp" -> cpus == 1 ? UniprocessorTests.fp(tasks, Policy.DM, kind)
                    : rename("fp", Partitioning.test(tasks, cpus, Heuristic.FIRST_FIT, true, false, kind));
            case "ff" -> rename(name, Partitioning.test(tasks, cpus, Heuristic.FIRST_FIT, false, true, kind));
            case "bf" -> rename(name, Partitioning.test(tasks, cpus, Heuristic.BEST_FIT, false, true, kind));
            case "wf" -> rename(name, Partitioning.test(tasks, cpus, Heuristic.WORST_FIT, false, true, kind));
            case "ffd" -> rename(name, Partitioning.test(tasks, cpus, Heuristic.FIRST_FIT, true, true, kind));
            case "bfd" -> rename(name, Partitioning.test(tasks, cpus, Heuristic.BEST_FIT, true, true, kind));
            case "wfd" -> rename(name, Partitioning.test(tasks, cpus, Heuristic.WORST_FIT, true, true, kind));
            default -> throw new IllegalArgumentException("unknown test " + Quoted.of(name) + " (known: "
                    + String.join(",", NAMES) + ")");
        };
    }

    private static TestResult rename(String name, TestResult r) {
        return new TestResult(name, r.schedulable(), r.assumption() + " [" + r.test() + "]", r.reason());
    }
}
