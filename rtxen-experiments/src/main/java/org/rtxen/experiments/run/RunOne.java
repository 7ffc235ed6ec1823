package org.rtxen.experiments.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rtxen.analysis.plan.Plan;
import org.rtxen.analysis.plan.PlanOptions;
import org.rtxen.analysis.plan.Planner;
import org.rtxen.analysis.supply.Mpr;
import org.rtxen.engine.Simulation;
import org.rtxen.experiments.sweep.RunSpec;
import org.rtxen.experiments.sweep.ScenarioBuilder;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.experiments.verdict.Analyses;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.Time;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.sched.Schedulers;
import org.rtxen.workload.TaskSetGenerator;

/**
 * Runs one run of a sweep: builds its scenario, plans VCPUs if asked, records the analyses' verdicts, simulates,
 * and checks soundness. A pure function of the sweep and the spec (apart from the wall time), so any process on any
 * machine gets the same row; the local runner and a cluster job both call {@link #run}.
 */
public final class RunOne {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private RunOne() {}

    /** The result row of {@code spec}; a failure inside rtxen becomes a row with {@code error} set. */
    public static RunResult run(Sweep sweep, RunSpec spec) {
        long start = System.nanoTime();
        long cpu = CPU.getCurrentThreadCpuTime();
        try {
            return measure(sweep, spec, start, cpu);
        } catch (RuntimeException e) {
            return new RunResult(spec.key(), sweep.name(), spec.utilization(), spec.replication(),
                    spec.configuration(), spec.labels(), spec.seed(), 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, List.of(), "[]",
                    false, List.of(), 0, System.nanoTime() - start, CPU.getCurrentThreadCpuTime() - cpu, e.toString());
        }
    }

    private static RunResult measure(Sweep sweep, RunSpec spec, long start, long cpu) {
        ScenarioBuilder.Built built = ScenarioBuilder.build(sweep, spec);
        Plan plan = plan(sweep, built.scenario());
        Scenario scenario = plan == null ? built.scenario() : plan.planned();
        Map<String, Boolean> verdicts = Analyses.verdicts(sweep.analyses(), plan, built.tasks(),
                targetPcpus(scenario, sweep.targets()));
        ResponseCollector responses = new ResponseCollector();
        SimulationResult sim = Simulation.of(scenario, Schedulers.factory()).trace(responses).run();

        long released = 0;
        long completed = 0;
        long missed = 0;
        double worstDomain = 0;
        double p99Ratio = 0;
        long[] cdf = new long[RunResult.CDF_BINS + 1];
        ArrayNode domains = JSON.createArrayNode();
        for (DomainResult d : sim.domains()) {
            DomainSpec ds = domainSpec(scenario, d.name());
            long dr = 0;
            long dm = 0;
            ObjectNode o = domains.addObject();
            o.put("name", d.name());
            o.put("cpu_share", (double) d.runNs() / sim.durationNs());
            ArrayNode ts = o.putArray("tasks");
            long[][] perTask = new long[d.tasks().size()][];
            for (int k = 0; k < d.tasks().size(); k++) perTask[k] = responses.sorted(d.name(), d.tasks().get(k).name());
            long[] all = ResponseCollector.merge(perTask);
            o.put("p50_us", ResponseCollector.quantile(all, 0.5) / (double) Time.US);
            o.put("p90_us", ResponseCollector.quantile(all, 0.9) / (double) Time.US);
            o.put("p99_us", ResponseCollector.quantile(all, 0.99) / (double) Time.US);
            o.put("max_us", all.length == 0 ? 0 : all[all.length - 1] / (double) Time.US);
            for (int k = 0; k < d.tasks().size(); k++) {
                TaskResult t = d.tasks().get(k);
                long deadline = deadline(ds, t.name());
                long[] r = perTask[k];
                for (long x : r) cdf[Math.min(RunResult.CDF_BINS, (int) ((double) x / deadline / RunResult.CDF_WIDTH))]++;
                cdf[RunResult.CDF_BINS] += t.released() - t.completed();
                long p99 = ResponseCollector.quantile(r, 0.99);
                p99Ratio = Math.max(p99Ratio, (double) p99 / deadline);
                ObjectNode to = ts.addObject();
                to.put("name", t.name());
                to.put("released", t.released());
                to.put("completed", t.completed());
                to.put("missed", t.missed());
                to.put("deadline_us", deadline / (double) Time.US);
                to.put("p50_us", ResponseCollector.quantile(r, 0.5) / (double) Time.US);
                to.put("p90_us", ResponseCollector.quantile(r, 0.9) / (double) Time.US);
                to.put("p99_us", p99 / (double) Time.US);
                to.put("max_us", r.length == 0 ? 0 : r[r.length - 1] / (double) Time.US);
                dr += t.released();
                dm += t.missed();
                completed += t.completed();
            }
            o.put("released", dr);
            o.put("missed", dm);
            o.put("miss_ratio", dr == 0 ? 0 : (double) dm / dr);
            worstDomain = Math.max(worstDomain, dr == 0 ? 0 : (double) dm / dr);
            released += dr;
            missed += dm;
        }
        boolean checked = plan != null && Analyses.assumptionsHold(scenario, sweep.targets());
        List<String> defects = checked ? Analyses.defects(verdicts, missed, scenario) : List.of();
        List<Long> cdfList = new ArrayList<>();
        for (long c : cdf) cdfList.add(c);
        return new RunResult(spec.key(), sweep.name(), spec.utilization(), spec.replication(), spec.configuration(),
                spec.labels(), spec.seed(), built.tasks().size(), TaskSetGenerator.utilization(built.tasks()),
                new LinkedHashMap<>(verdicts), released, completed, missed, released == 0 ? 0 : (double) missed / released,
                worstDomain, p99Ratio, cdfList, domains.toString(), checked, defects, sim.events(),
                System.nanoTime() - start, CPU.getCurrentThreadCpuTime() - cpu, null);
    }

    /** The scenario run {@code spec} simulates: its built scenario, with the VCPU budgets planned when the sweep asks. */
    public static Scenario simulated(Sweep sweep, RunSpec spec) {
        Scenario built = ScenarioBuilder.build(sweep, spec).scenario();
        Plan plan = plan(sweep, built);
        return plan == null ? built : plan.planned();
    }

    /** The sweep's plan of {@code scenario} (MPR guests, Xu's sbf), or null when the sweep keeps the given VCPUs. */
    private static Plan plan(Sweep sweep, Scenario scenario) {
        if (sweep.vcpus() != Sweep.VcpuMode.PLANNED) return null;
        return Planner.plan(scenario, new PlanOptions(PlanOptions.GuestModel.MPR, Mpr.Variant.XU, 0, 0));
    }

    private static int targetPcpus(Scenario s, List<String> targets) {
        Set<String> pools = new HashSet<>();
        for (DomainSpec d : s.domains()) if (targets.contains(d.name())) pools.add(d.pool());
        int n = 0;
        for (PoolSpec p : s.pools()) if (pools.contains(p.name())) n += p.pcpus().size();
        return n;
    }

    private static DomainSpec domainSpec(Scenario s, String name) {
        for (DomainSpec d : s.domains()) if (d.name().equals(name)) return d;
        throw new IllegalStateException("no domain " + name);
    }

    private static long deadline(DomainSpec d, String task) {
        for (TaskSpec t : d.guest().tasks()) if (t.name().equals(task)) return t.deadlineNs();
        throw new IllegalStateException("no task " + task + " in " + d.name());
    }
}
