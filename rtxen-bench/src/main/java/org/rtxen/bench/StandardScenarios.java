package org.rtxen.bench;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.sched.credit.CreditParams;
import org.rtxen.sched.credit.CreditPoolParams;
import org.rtxen.model.params.PoolParams;
import org.rtxen.sched.rtds.RtdsParams;

/** The scenarios benchmarks measure, built in code so that results do not depend on the YAML reader. */
public final class StandardScenarios {
    private static final long MS = 1_000_000L;

    private StandardScenarios() {}

    /**
     * The standard multi-core RTDS scenario: 4 pCPUs in one RTDS pool; 8 domains of 1 or 2 VCPUs, each a
     * 5..20 ms server, half with extratime, each guest running three periodic tasks (FP or EDF, execution
     * times uniform in [WCET/2, WCET]); one extra domain runs the CPU hog at 10 ms / 2 ms.
     */
    public static Scenario rtds4(long durationNs) {
        List<DomainSpec> domains = new ArrayList<>();
        long[] periods = {5, 8, 10, 20};
        for (int i = 0; i < 8; i++) {
            long p = periods[i % periods.length] * MS;
            int vcpus = 1 + i % 2;
            List<TaskSpec> tasks = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                long tp = (10 + 7 * k + 3 * i) * MS;
                long wcet = tp * vcpus / (12 + 4 * k);
                tasks.add(new TaskSpec("t" + k, tp, wcet, tp, 0, 0, TaskSpec.ANY_VCPU, new ExecTimeModel.Uniform(wcet / 2)));
            }
            GuestSpec g = new GuestSpec(i % 2 == 0 ? GuestScheduler.FP : GuestScheduler.EDF, Placement.GLOBAL, false, tasks);
            domains.add(new DomainSpec("vm" + i, false, "Pool-0", vcpus,
                    new RtdsParams(p, p * 2 / 5, i % 2 == 0, List.of()), List.of(), g));
        }
        domains.add(new DomainSpec("hog", false, "Pool-0", 1, new RtdsParams(10 * MS, 2 * MS, false, List.of()), List.of(),
                new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, true, List.of())));
        PoolSpec pool = new PoolSpec("Pool-0", "rtds", List.of(0, 1, 2, 3), new PoolParams.None());
        return new Scenario(durationNs, 1, HostSpec.flat(4), List.of(pool), domains, Overheads.NONE);
    }

    /** The workload of {@link #rtds4} under Credit with Xen's defaults: every domain weight 256, no cap, 30 ms slices. */
    public static Scenario credit4(long durationNs) {
        Scenario rtds = rtds4(durationNs);
        List<DomainSpec> domains = new ArrayList<>();
        for (DomainSpec d : rtds.domains()) {
            domains.add(new DomainSpec(d.name(), d.control(), d.pool(), d.vcpus(), CreditParams.DEFAULTS, d.affinity(),
                    d.guest()));
        }
        PoolSpec pool = new PoolSpec("Pool-0", "credit", List.of(0, 1, 2, 3), CreditPoolParams.DEFAULTS);
        return new Scenario(durationNs, rtds.seed(), rtds.host(), List.of(pool), domains, rtds.overheads());
    }
}
