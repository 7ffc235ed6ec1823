package org.rtxen.experiments.run;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a sweep's results: what one run was and what it measured (docs/sweep.md lists the columns).
 *
 * @param run             the run's key (the store's primary key)
 * @param sweep           the sweep's name
 * @param utilization     the target total utilisation
 * @param replication     0-based
 * @param configuration   the axis labels joined ({@code a=x,b=y}), "base" without axes
 * @param labels          axis name to value label
 * @param seed            the task set's and the scenario's seed
 * @param tasks           the number of generated tasks
 * @param taskUtilization the generated set's actual total utilisation
 * @param verdicts        analysis name to verdict (true: schedulable)
 * @param released        jobs released, all tasks of the scenario
 * @param completed       jobs completed
 * @param missed          deadline misses (late completions and unfinished jobs past their deadline)
 * @param missRatio       missed / released (0 when nothing was released)
 * @param maxDomainMissRatio the largest miss ratio of one domain
 * @param responseP99Ratio the largest p99 response time over deadline of one task (completed jobs)
 * @param cdf             counts of response time / deadline in {@link #CDF_BINS} bins of width {@link #CDF_WIDTH}
 *                        from 0, then one bin for larger ratios and unfinished jobs
 * @param domains         per domain: its jobs, misses, CPU share and per-task response percentiles (JSON text)
 * @param soundnessChecked whether the checkable analyses' assumptions hold for this run
 * @param defects         the checkable analyses that said schedulable although the simulation missed
 * @param events          engine events processed
 * @param wallNs          wall-clock time of the run (analysis and simulation)
 * @param cpuNs           CPU time of the thread that ran it (on a loaded machine the honest cost)
 * @param error           why the run failed, or null
 */
public record RunResult(String run, String sweep, double utilization, int replication, String configuration,
                        Map<String, String> labels, long seed, int tasks, double taskUtilization,
                        Map<String, Boolean> verdicts, long released, long completed, long missed, double missRatio,
                        double maxDomainMissRatio, double responseP99Ratio, List<Long> cdf, String domains,
                        boolean soundnessChecked, List<String> defects, long events, long wallNs, long cpuNs,
                        String error) implements Serializable {
    /** Bins of the response-time / deadline histogram below the overflow bin. */
    public static final int CDF_BINS = 40;
    /** Width of one histogram bin, in deadlines. */
    public static final double CDF_WIDTH = 0.05;

    /** Copies the collections, keeping their order. */
    public RunResult {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        verdicts = Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
        cdf = List.copyOf(cdf);
        defects = List.copyOf(defects);
    }

    /** Whether the simulation met every deadline. */
    public boolean simSchedulable() {
        return error == null && missed == 0;
    }

    /** This row without its wall and CPU times, for comparing runs made on different machines or worker counts. */
    public RunResult withoutWallTime() {
        return new RunResult(run, sweep, utilization, replication, configuration, labels, seed, tasks, taskUtilization,
                verdicts, released, completed, missed, missRatio, maxDomainMissRatio, responseP99Ratio, cdf, domains,
                soundnessChecked, defects, events, 0, 0, error);
    }
}
