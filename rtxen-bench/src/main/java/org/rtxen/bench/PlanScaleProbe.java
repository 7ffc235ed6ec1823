package org.rtxen.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.rtxen.analysis.plan.Plan;
import org.rtxen.analysis.plan.PlanOptions;
import org.rtxen.analysis.plan.Planner;
import org.rtxen.model.Scenario;

/**
 * How planning grows with the host (docs/performance.md, "The planner on a large host"): the least thread CPU time,
 * over the runs, of {@link Planner#plan} on the RTDS workload of {@link ScalingProbe.Size} (2 domains of 2 VCPUs per
 * pCPU, 5 tasks per guest), with the allocated bytes of that run and the verdict.
 *
 * <p>Usage: {@code PlanScaleProbe [runs] [sizes]}, e.g. {@code PlanScaleProbe 5 p16,p64,p256,p512} (the default).
 */
public final class PlanScaleProbe {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private PlanScaleProbe() {}

    /** Runs the probe; prints one line per size. */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String sizes = args.length > 1 ? args[1] : "p16,p64,p256,p512";
        System.out.printf(Locale.ROOT, "load average %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (String name : sizes.split(",")) {
            ScalingProbe.Size size = ScalingProbe.SIZES.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no size " + name));
            Scenario scenario = size.scenario("rtds", 1_000_000_000L);
            long best = Long.MAX_VALUE;
            long bytes = 0;
            boolean schedulable = false;
            for (int i = 0; i < runs; i++) {
                long id = Thread.currentThread().getId();
                long allocated = MX.getThreadAllocatedBytes(id);
                long cpu = MX.getCurrentThreadCpuTime();
                Plan plan = Planner.plan(scenario, PlanOptions.DEFAULTS);
                long took = MX.getCurrentThreadCpuTime() - cpu;
                if (took < best) {
                    best = took;
                    bytes = MX.getThreadAllocatedBytes(id) - allocated;
                }
                schedulable = plan.schedulable();
            }
            System.out.printf(Locale.ROOT, "%-6s %5d pCPUs %5d domains: plan %9.1f ms CPU, %7.1f MB allocated, %s%n",
                    size.name(), size.pcpus(), size.domains(), best / 1e6, bytes / 1e6,
                    schedulable ? "schedulable" : "not shown schedulable");
        }
    }
}
