package org.rtxen.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rtxen.io.InputException;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.BoundedDecimal;
import org.rtxen.model.Quoted;
import org.rtxen.model.Time;
import org.rtxen.workload.NamedPeriodRange;
import org.rtxen.workload.PeriodicTask;
import org.rtxen.workload.Periods;
import org.rtxen.workload.TaskSetGenerator;
import org.rtxen.workload.TaskUtilization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rtxen generate}: prints one random task set in the format {@code rtxen analyze --test} reads (µs). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Print one random task set ({tasks: [{period, wcet, deadline}]}, microseconds), the format "
                + "'rtxen analyze --test' reads. The same options and seed give the same set. See docs/sweep.md."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:printed", "2:bad input", "3:stopped by --timeout", "70:internal error"})
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--method", required = true, paramLabel = "METHOD",
            description = "uunifast | uunifast-discard | randfixedsum | rtxen (RT-Xen's generator)")
    private String method;

    @Option(names = "--tasks", paramLabel = "N",
            description = "number of tasks, at most 100000 (2000 for randfixedsum); not for rtxen, which draws until the target")
    private Integer tasks;

    @Option(names = "--utilization", required = true, paramLabel = "U", description = "total utilisation, e.g. 2.5 (at most 4096)")
    private String utilization;

    @Option(names = "--period-min", paramLabel = "P1", description = "smallest period (bare number: µs; or 10ms ...)")
    private String periodMin;

    @Option(names = "--period-max", paramLabel = "P2", description = "largest period")
    private String periodMax;

    @Option(names = "--period-range", paramLabel = "NAME", description = "RT-Xen's named ranges instead: narrow (550-650ms), moderate (350-850ms), wide (100-1000ms)")
    private String periodRange;

    @Option(names = "--period-distribution", paramLabel = "D", defaultValue = "uniform",
            description = "uniform (default) | log-uniform | harmonic (unit times powers of two)")
    private String periodDistribution;

    @Option(names = "--unit", paramLabel = "T", description = "granularity of periods and WCETs (default 1us; 1ms for rtxen)")
    private String unit;

    @Option(names = "--distribution", paramLabel = "D",
            description = "rtxen's per-task utilisation: uniform-light|uniform-medium|uniform-heavy|bimodal-light|bimodal-medium|bimodal-heavy")
    private String distribution;

    @Option(names = "--max-task-utilization", paramLabel = "X",
            description = "largest utilisation of one task, in (0, 1] (uunifast-discard, randfixedsum; default 1)")
    private String maxTaskUtilization;

    @Option(names = "--cpus", paramLabel = "M", description = "also print cpus: M (1 to 4096) for rtxen analyze --test")
    private Integer cpus;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "random seed (default 0)")
    private long seed;

    @Mixin
    private WorkLimits limits;

    @Override
    public Integer call() {
        return limits.call(this::generate, "generating a task set", spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    private int generate(PrintWriter out) {
        TaskSetGenerator.Method m;
        try {
            m = TaskSetGenerator.Method.byLabel(method);
        } catch (IllegalArgumentException e) {
            throw new InputException(null, "--method", 0, e.getMessage());
        }
        long u = unit == null ? (m == TaskSetGenerator.Method.RTXEN ? Time.MS : Time.US) : time("--unit", unit);
        if (u % Time.US != 0) throw new InputException(null, "--unit", 0, "must be a whole number of microseconds");
        long min;
        long max;
        if (periodRange != null) {
            if (periodMin != null || periodMax != null) {
                throw new InputException(null, "--period-range", 0, "give either --period-range or --period-min and --period-max");
            }
            try {
                NamedPeriodRange r = NamedPeriodRange.byLabel(periodRange);
                min = r.minNs();
                max = r.maxNs();
            } catch (IllegalArgumentException e) {
                throw new InputException(null, "--period-range", 0, e.getMessage());
            }
        } else {
            if (periodMin == null || periodMax == null) {
                throw new InputException(null, "--period-min", 0, "give --period-min and --period-max (or --period-range)");
            }
            min = time("--period-min", periodMin);
            max = time("--period-max", periodMax);
            if (max < min) throw new InputException(null, "--period-max", 0, "is below --period-min");
        }
        Periods.Distribution dist = null;
        for (Periods.Distribution d : Periods.Distribution.values()) if (d.label().equals(periodDistribution)) dist = d;
        if (dist == null) throw new InputException(null, "--period-distribution", 0, Quoted.of(periodDistribution) + " (use uniform, log-uniform or harmonic)");
        TaskUtilization per = null;
        if (distribution != null) {
            try {
                per = TaskUtilization.byLabel(distribution);
            } catch (IllegalArgumentException e) {
                throw new InputException(null, "--distribution", 0, e.getMessage());
            }
        }
        if (m == TaskSetGenerator.Method.RTXEN && per == null) {
            throw new InputException(null, "--distribution", 0, "the rtxen method needs a per-task distribution, e.g. uniform-medium");
        }
        if (m != TaskSetGenerator.Method.RTXEN && per != null) {
            throw new InputException(null, "--distribution", 0, "applies to the rtxen method only");
        }
        if (m == TaskSetGenerator.Method.RTXEN && tasks != null) {
            throw new InputException(null, "--tasks", 0, "the rtxen method draws tasks until the target is reached: give no task count");
        }
        if (m != TaskSetGenerator.Method.RTXEN && tasks == null) {
            throw new InputException(null, "--tasks", 0, "required for " + m.label());
        }
        int most = TaskSetGenerator.maxTasks(m);
        if (tasks != null && (tasks < 1 || tasks > most)) {
            throw new InputException(null, "--tasks", 0, "must be from 1 to " + most + " for " + m.label() + ", not " + tasks);
        }
        if (maxTaskUtilization != null && !m.boundsTaskUtilization()) {
            throw new InputException(null, "--max-task-utilization", 0, "applies to the uunifast-discard and randfixedsum methods only");
        }
        if (cpus != null && (cpus < 1 || cpus > ScenarioReader.MAX_PCPUS)) {
            throw new InputException(null, "--cpus", 0, "must be a whole number from 1 to " + ScenarioReader.MAX_PCPUS + ", not " + cpus);
        }
        double total = upTo("--utilization", utilization, ScenarioReader.MAX_PCPUS);
        double largest = maxTaskUtilization == null ? 1 : upTo("--max-task-utilization", maxTaskUtilization, 1);
        Periods periods;
        try {
            periods = new Periods(min, max, u, dist);
        } catch (IllegalArgumentException e) {
            throw new InputException(null, unit != null ? "--unit" : periodRange != null ? "--period-range" : "--period-min", 0, e.getMessage());
        }
        List<PeriodicTask> set;
        try {
            set = new TaskSetGenerator(m, tasks == null ? 0 : tasks, periods, largest, per).generate(total, seed);
        } catch (TaskSetGenerator.PeriodsTooShort e) {
            throw new InputException(null, "--unit", 0, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InputException(null, "--utilization", 0, e.getMessage());
        }
        if (set.isEmpty()) { // only the rtxen method's filler can round to nothing; analyze needs at least one task
            throw new InputException(null, "--utilization", 0, utilization + " gives no task: the rtxen method's only"
                    + " task, the filler, rounds " + utilization + " × its period down to 0 whole units of "
                    + Time.format(u) + " (use a larger --utilization or a finer --unit)");
        }
        out.printf(Locale.ROOT, "# rtxen generate --method %s --utilization %s --seed %d: %d tasks, total utilisation %.6f (times in us)%n",
                m.label(), total, seed, set.size(), TaskSetGenerator.utilization(set));
        if (cpus != null) out.println("cpus: " + cpus);
        out.println("tasks:");
        for (PeriodicTask t : set) {
            out.printf(Locale.ROOT, "  - {period: %d, wcet: %d, deadline: %d}%n", t.periodNs() / Time.US,
                    t.wcetNs() / Time.US, t.deadlineNs() / Time.US);
        }
        out.flush();
        return 0;
    }

    /** {@code text} as a number in (0, {@code most}], its exponent bounded as every numeric option's; else bad input naming {@code option}. */
    private static double upTo(String option, String text, int most) {
        BigDecimal v;
        try {
            v = BoundedDecimal.parse(text.strip());
        } catch (NumberFormatException e) {
            throw new InputException(null, option, 0, Quoted.of(text) + " is not a number");
        } catch (IllegalArgumentException e) {
            throw new InputException(null, option, 0, e.getMessage());
        }
        if (v.signum() <= 0 || v.compareTo(BigDecimal.valueOf(most)) > 0) {
            throw new InputException(null, option, 0, "must be in (0, " + most + "], not " + text);
        }
        return v.doubleValue();
    }

    private static long time(String option, String text) {
        try {
            long ns = Time.parse(text);
            if (ns <= 0) throw new InputException(null, option, 0, "must be positive");
            return ns;
        } catch (IllegalArgumentException e) {
            throw new InputException(null, option, 0, e.getMessage());
        }
    }
}
