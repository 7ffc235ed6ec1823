package org.rtxen.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.engine.codec.ParamTreeNode;
import org.rtxen.engine.codec.SchedulerCodec;
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
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;
import org.rtxen.sched.Schedulers;

/** The scenarios benchmarks measure, built in code so that results do not depend on the YAML reader. */
public final class StandardScenarios {
    private static final long MS = 1_000_000L;

    /** Every policy {@link #sized} has a version for (RT-Xen 1.0 once per server), the first three first. */
    public static final List<String> POLICIES = List.of("rtds", "credit", "arinc653", "credit2", "null", "sedf",
            "rtxen1-deferrable", "rtxen1-periodic", "rtxen1-polling", "rtxen1-sporadic", "rtglobal", "rtpartition");

    private StandardScenarios() {}

    /**
     * The standard multi-core RTDS scenario: 4 pCPUs in one RTDS pool; 8 domains of 1 or 2 VCPUs, each a
     * 5..20 ms server, half with extratime, each guest running three periodic tasks (FP or EDF, execution
     * times uniform in [WCET/2, WCET]); one extra domain runs the CPU hog at 10 ms / 2 ms.
     */
    public static Scenario rtds4(long durationNs) {
        return standard(durationNs, "rtds", Schedulers.codec("rtds").defaultPool(), StandardScenarios::rtds, false);
    }

    /** A VCPU server of the standard workload in some policy's parameters. */
    @FunctionalInterface
    private interface Server {
        /** The parameters of one domain's servers: period and budget in ns, extratime, for {@code vcpus} VCPUs. */
        SchedParams of(long periodNs, long budgetNs, boolean extratime, int vcpus);
    }

    /**
     * The {@link #rtds4} workload under {@code policy}. When {@code partitioned}, one-VCPU domains are pinned
     * round-robin to pCPUs 1-3 and two-VCPU domains to {0, k}, which puts their VCPU 0 on pCPU 0 and VCPU 1 on
     * pCPU k (a domain's affinity applies to all its VCPUs, so pCPU 0 carries 1.6 pCPUs of budget).
     */
    private static Scenario standard(long durationNs, String policy, PoolParams poolParams, Server server,
                                     boolean partitioned) {
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
            domains.add(new DomainSpec("vm" + i, false, "Pool-0", vcpus, server.of(p, p * 2 / 5, i % 2 == 0, vcpus),
                    placement(partitioned, i, vcpus), g));
        }
        domains.add(new DomainSpec("hog", false, "Pool-0", 1, server.of(10 * MS, 2 * MS, false, 1), placement(partitioned, 8, 1),
                new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, true, List.of())));
        PoolSpec pool = new PoolSpec("Pool-0", policy, List.of(0, 1, 2, 3), poolParams);
        return new Scenario(durationNs, 1, HostSpec.flat(4), List.of(pool), domains, Overheads.NONE);
    }

    private static List<Integer> placement(boolean partitioned, int domain, int vcpus) {
        if (!partitioned) return List.of();
        return vcpus == 1 ? List.of(1 + domain % 3) : List.of(0, 1 + domain % 3);
    }

    /**
     * The workload of {@link #rtds4} under RT-Xen 1.0 with server {@code server} ({@code deferrable}, {@code periodic},
     * {@code polling} or {@code sporadic}): each VCPU keeps its period and budget, rate-monotonic priorities,
     * partitioned as {@link #standard} describes.
     */
    public static Scenario rtxen1_4(long durationNs, String server) {
        return standard(durationNs, "rtxen1", rtxen1Pool(server), rtxen1Server(Schedulers.codec("rtxen1")), true);
    }

    /** An RT-Xen 1.0 pool running {@code server}. */
    private static PoolParams rtxen1Pool(String server) {
        return Schedulers.codec("rtxen1").readPool(new ParamTreeNode("rtxen1", new ParamTree().word("server", server)),
                "Pool-0", Map.of());
    }

    /** RT-Xen 1.0 VCPU parameters: the server's period and budget, rate-monotonic priority. */
    private static Server rtxen1Server(SchedulerCodec codec) {
        return (period, budget, extratime, vcpus) -> codec.readDomain(
                new ParamTreeNode("rtxen1", new ParamTree().time("period", period).time("budget", budget)), vcpus);
    }

    /** The workload of {@link #rtds4} under RT-Xen 2.0 {@code rtglobal} (EDF, deferrable), budgets cut to whole ms (G3). */
    public static Scenario rtglobal4(long durationNs) {
        return standard(durationNs, "rtglobal", Schedulers.codec("rtglobal").defaultPool(), rtxen2("rtglobal"), false);
    }

    /** The workload of {@link #rtglobal4} under RT-Xen 2.0 {@code rtpartition}, partitioned as {@link #standard} describes. */
    public static Scenario rtpartition4(long durationNs) {
        return standard(durationNs, "rtpartition", Schedulers.codec("rtpartition").defaultPool(), rtxen2("rtpartition"), true);
    }

    private static Server rtxen2(String policy) {
        SchedulerCodec codec = Schedulers.codec(policy);
        return (period, budget, extratime, vcpus) -> codec.readDomain(new ParamTreeNode(policy,
                new ParamTree().time("period", period).time("budget", budget / MS * MS)), vcpus);
    }

    /** The workload of {@link #rtds4} under Credit with Xen's defaults: every domain weight 256, no cap, 30 ms slices. */
    public static Scenario credit4(long durationNs) {
        return withDefaults("credit", durationNs);
    }

    /**
     * The workload of {@link #rtds4} under any registered policy with its codec's defaults (Xen's defaults), e.g.
     * {@code credit2} or {@code null}: the same domains, guests and seed, one pool of 4 pCPUs.
     */
    public static Scenario withDefaults(String policy, long durationNs) {
        SchedulerCodec codec = Schedulers.codec(policy);
        Scenario rtds = rtds4(durationNs);
        List<DomainSpec> domains = new ArrayList<>();
        for (DomainSpec d : rtds.domains()) {
            domains.add(new DomainSpec(d.name(), d.control(), d.pool(), d.vcpus(), codec.defaultDomain(), d.affinity(),
                    d.guest()));
        }
        PoolSpec pool = new PoolSpec("Pool-0", policy, List.of(0, 1, 2, 3), codec.defaultPool());
        return new Scenario(durationNs, rtds.seed(), rtds.host(), List.of(pool), domains, rtds.overheads());
    }

    /**
     * The workload of {@link #rtds4} under SEDF (Xen 4.5): each VCPU's server becomes a time-driven reservation of the
     * same period and slice = budget, with the same extratime flag (read through SEDF's codec).
     */
    public static Scenario sedf4(long durationNs) {
        return standard(durationNs, "sedf", Schedulers.codec("sedf").defaultPool(), StandardScenarios::sedf, false);
    }

    /**
     * The scenario family by size, for measuring how the cost of an event grows with the host and the guest:
     * {@code pcpus} pCPUs and {@code domains} domains of two VCPUs each, every guest running {@code tasksPerGuest}
     * periodic tasks (FP and EDF guests alternating, global placement) whose utilizations add up to 0.3 per guest,
     * with periods of 10 to 100 ms (so equal periods, and equal deadlines, recur) and execution times uniform in
     * [WCET/2, WCET]. With twice as many domains as pCPUs the host is 80 % reserved:
     * <ul>
     *   <li>{@code rtds}: one pool, each VCPU a server of 5, 8, 10 or 20 ms with a 20 % budget, every other
     *       domain with extratime; {@code sedf}: the same as time-driven reservations (slice = budget), pinned as
     *       the partitioned policies below (SEDF has no balancing and spreads VCPUs by their index within the domain,
     *       S5.2, so unpinned it would put every domain's VCPU 0 on one pCPU);</li>
     *   <li>{@code credit}, {@code credit2}, {@code null}: one pool, Xen's defaults;</li>
     *   <li>{@code rtglobal}: one pool, the same servers with budgets cut to whole ms (G3); {@code rtpartition} and
     *       {@code rtxen1-SERVER} (RT-Xen 1.0 with that server, rate-monotonic priorities): the same servers,
     *       partitioned, VCPU {@code v} of domain {@code i} pinned to pCPU {@code (2i + v) mod pcpus};</li>
     *   <li>{@code arinc653}: one pool per pCPU, domain {@code i} in pool {@code i mod pcpus}, each pool's table
     *       giving every VCPU of its domains an equal share of 80 % of a 20 ms major frame.</li>
     * </ul>
     */
    public static Scenario sized(String kind, int pcpus, int domains, int tasksPerGuest, long durationNs) {
        long[] periods = {5, 8, 10, 20};
        List<DomainSpec> specs = new ArrayList<>();
        for (int i = 0; i < domains; i++) {
            List<TaskSpec> tasks = new ArrayList<>();
            for (int k = 0; k < tasksPerGuest; k++) {
                long tp = (10 + (7 * k + 3 * i) % 91) * MS;
                long wcet = Math.max(2, tp * 3 / (10L * tasksPerGuest));
                tasks.add(new TaskSpec("t" + k, tp, wcet, tp, 0, 0, TaskSpec.ANY_VCPU, new ExecTimeModel.Uniform(wcet / 2)));
            }
            GuestSpec guest = new GuestSpec(i % 2 == 0 ? GuestScheduler.FP : GuestScheduler.EDF, Placement.GLOBAL, false, tasks);
            long p = periods[i % periods.length] * MS;
            SchedParams params = switch (kind) {
                case "rtds" -> rtds(p, p / 5, i % 2 == 0, 2);
                case "sedf" -> sedf(p, p / 5, i % 2 == 0, 2);
                case "rtglobal", "rtpartition" -> rtxen2(kind).of(p, p / 5, false, 2);
                case "credit", "credit2", "null", "arinc653" -> Schedulers.codec(kind).defaultDomain();
                default -> {
                    if (!kind.startsWith("rtxen1-")) throw new IllegalArgumentException("no sized workload for policy " + kind);
                    yield rtxen1Server(Schedulers.codec("rtxen1")).of(p, p / 5, false, 2);
                }
            };
            String pool = kind.equals("arinc653") ? "Pool-" + i % pcpus : "Pool-0";
            List<List<Integer>> pinned = kind.equals("rtpartition") || kind.equals("sedf") || kind.startsWith("rtxen1-")
                    ? List.of(List.of((2 * i) % pcpus), List.of((2 * i + 1) % pcpus)) : List.of();
            specs.add(new DomainSpec("vm" + i, false, pool, 2, params, List.of(), pinned, 0, guest));
        }
        List<PoolSpec> pools = new ArrayList<>();
        if (kind.equals("arinc653")) {
            for (int c = 0; c < pcpus; c++) {
                pools.add(new PoolSpec("Pool-" + c, kind, List.of(c), arincTable(c, pcpus, domains, specs)));
            }
        } else {
            List<Integer> all = new ArrayList<>();
            for (int c = 0; c < pcpus; c++) all.add(c);
            pools.add(kind.startsWith("rtxen1-") ? new PoolSpec("Pool-0", "rtxen1", all, rtxen1Pool(kind.substring(7)))
                    : new PoolSpec("Pool-0", kind, all, Schedulers.codec(kind).defaultPool()));
        }
        return new Scenario(durationNs, 1, HostSpec.flat(pcpus), pools, specs, Overheads.NONE);
    }

    /** Pool {@code c}'s ARINC653 table: both VCPUs of each of its domains, in domain order, sharing 16 of 20 ms. */
    private static PoolParams arincTable(int c, int pcpus, int domains, List<DomainSpec> specs) {
        int mine = (domains - c + pcpus - 1) / pcpus; // domains c, c + pcpus, c + 2 pcpus, ...
        if (mine == 0) throw new IllegalArgumentException("ARINC653: " + domains + " domains leave pCPU " + c + " empty");
        long frame = 20 * MS;
        long runtime = frame * 4 / 5 / (2L * mine);
        List<ParamTree> slots = new ArrayList<>();
        for (int i = c; i < domains; i += pcpus) {
            for (int v = 0; v < 2; v++) slots.add(new ParamTree().name("domain", "vm" + i).integer("vcpu", v).time("runtime", runtime));
        }
        ParamTree table = new ParamTree().time("major_frame", frame).items("slots", slots);
        return Schedulers.codec("arinc653").readPool(new ParamTreeNode("arinc653", table), "Pool-" + c,
                DomainSpec.byName(specs));
    }

    /** SEDF parameters (period, slice, extratime) through the policy's codec. */
    private static SchedParams sedf(long periodNs, long sliceNs, boolean extratime, int vcpus) {
        ParamTree values = new ParamTree().time("period", periodNs).time("slice", sliceNs).bool("extratime", extratime);
        return Schedulers.codec("sedf").readDomain(new ParamTreeNode("sedf", values), vcpus);
    }

    /** RTDS parameters (period, budget, extratime) through the policy's codec, which checks them as Xen does. */
    private static SchedParams rtds(long periodNs, long budgetNs, boolean extratime, int vcpus) {
        ParamTree values = new ParamTree().time("period", periodNs).time("budget", budgetNs).bool("extratime", extratime);
        return Schedulers.codec("rtds").readDomain(new ParamTreeNode("rtds", values), vcpus);
    }
}
