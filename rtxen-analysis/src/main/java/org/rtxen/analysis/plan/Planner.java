package org.rtxen.analysis.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.ComponentInterface;
import org.rtxen.analysis.host.GlobalEdfTests;
import org.rtxen.analysis.host.Partitioning;
import org.rtxen.analysis.host.ServerKind;
import org.rtxen.analysis.host.TestResult;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Names;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.Time;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.params.ServerAccounting;
import org.rtxen.model.params.ServerParams;
import org.rtxen.model.params.ServerPoolParams;
import org.rtxen.model.params.SlotTable;
import org.rtxen.model.params.VcpuServer;

/**
 * Plans a scenario: RTDS parameters for every RTDS domain with tasks, an exact check of every ARINC653 partition
 * against its slots, and an explicit "not analysed, and why" for every other pool (docs/analysis.md, "The planner").
 *
 * <p>RTDS guests are analysed in microseconds, Xen's parameter unit (task periods and deadlines rounded down, WCETs
 * up), each VCPU as a PRM server: a single-VCPU guest and each VCPU of a partitioned guest directly, a global guest
 * with several VCPUs by pinning its tasks to VCPUs (the real guest does not move a job off a descheduled VCPU; see
 * {@link PlanOptions.GuestModel}). Budgets are rounded up to whole µs, the overhead charge added
 * ({@link OverheadCharge}), and at least Xen's 10 µs (R36). Each RTDS pool is then checked in nanoseconds with BCL
 * (per pCPU when every VCPU is pinned to one; when global BCL fails, whole domains and then single VCPUs are pinned
 * first fit): its bound on the interference a VCPU suffers in any suffix of one of its periods is what makes the PRM
 * supply bound hold for a deferrable server that blocks and wakes mid-period. That bound needs every VCPU refilled
 * at each of its period boundaries, so every VCPU of a planned RTDS pool gets extratime off
 * ({@link Plan#EXTRA_TIME_OFF_WHY}). RT-Xen 2.0 pools get their guests' interfaces and servers (in whole ms) but are
 * reported as not analysed ({@link #serverPoolWhy}), and so are pools whose release charges budgets other than
 * exactly ({@link ServerAccounting}: RTDS 4.5 and 4.7), with their guests' servers as for exact ones. Run-time
 * commands are not analysed: the plan is of the configuration at the start ({@link Plan#commandsNotAnalysed}).
 */
public final class Planner {
    private Planner() {}

    /** Plans every pool of the scenario. */
    public static Plan plan(Scenario scenario, PlanOptions options) {
        Overheads overheads = scenario.overheads() != null ? scenario.overheads() : Overheads.NONE;
        Map<String, DomainSpec> planned = new LinkedHashMap<>();
        for (DomainSpec d : scenario.domains()) planned.put(d.name(), d);
        List<Plan.DomainPlan> domainPlans = new ArrayList<>();
        List<Plan.PoolPlan> poolPlans = new ArrayList<>();
        List<String> extraTimeOff = new ArrayList<>();
        for (PoolSpec pool : scenario.pools()) {
            List<DomainSpec> members = scenario.domains().stream().filter(d -> d.pool().equals(pool.name())).toList();
            if (pool.scheduler().startsWith("rtds") || pool.params() instanceof ServerPoolParams
                    || members.stream().anyMatch(d -> d.params() instanceof ServerParams)) {
                RtdsPoolPlanner rtds = new RtdsPoolPlanner(pool, members, overheads, options);
                rtds.plan();
                domainPlans.addAll(rtds.domainPlans());
                for (DomainSpec d : rtds.plannedDomains()) planned.put(d.name(), d);
                poolPlans.add(rtds.poolPlan());
                extraTimeOff.addAll(rtds.extraTimeOff());
            } else if (pool.scheduler().equals("arinc653") || pool.params() instanceof SlotTable) {
                SlotTableAnalysis a653 = new SlotTableAnalysis(pool, members, overheads);
                domainPlans.addAll(a653.domainPlans());
                poolPlans.add(a653.poolPlan());
            } else {
                poolPlans.add(notAnalysed(pool, members, switch (pool.scheduler()) {
                    case "credit", "credit2" -> "proportional share (weights, caps) gives no deadline guarantee";
                    default -> "rtxen has no schedulability analysis for the " + pool.scheduler() + " scheduler";
                }));
            }
        }
        Scenario out = new Scenario(scenario.durationNs(), scenario.seed(), scenario.host(), scenario.pools(),
                new ArrayList<>(planned.values()), scenario.overheads(), scenario.commands());
        boolean ok = domainPlans.stream().allMatch(Plan.DomainPlan::feasible)
                && poolPlans.stream().allMatch(p -> p.analysed() && p.schedulable()) && scenario.commands().isEmpty();
        return new Plan(out, domainPlans, poolPlans, describe(overheads), ok, extraTimeOff);
    }

    /**
     * Why a pool whose policy says how it schedules its servers (RT-Xen 2.0's rtglobal and rtpartition) is not
     * analysed: it decides in fixed 1 ms quanta and charges budgets only when a quantum ends (spec G5, G6), so a
     * VCPU may run up to a quantum beyond its budget and be refilled up to a quantum late, which none of rtxen's
     * server tests (BCL, PRM, fixed-priority response time) accounts for; global fixed priority has no server test
     * in rtxen at all.
     */
    static String serverPoolWhy(ServerPoolParams p) {
        String scheme = (p.fixedPriority() ? "deadline-monotonic" : "EDF") + " over "
                + (p.periodicServers() ? "periodic" : "deferrable") + " servers";
        return scheme + " in 1 ms scheduling quanta, budgets charged only at quantum ends (spec G5, G6): a VCPU can"
                + " run up to 1 ms beyond its budget and be refilled up to 1 ms late, which no rtxen server test"
                + " accounts for";
    }

    private static Plan.PoolPlan notAnalysed(PoolSpec pool, List<DomainSpec> members, String why) {
        boolean anyTasks = members.stream().anyMatch(d -> d.guest() != null && !d.guest().tasks().isEmpty());
        return new Plan.PoolPlan(pool.name(), pool.scheduler(), pool.pcpus().size(), false, List.of(),
                false, "not analysed: " + why + (anyTasks ? "" : " (no guest tasks here)"));
    }

    /** Which overheads are charged, in words. */
    static String describe(Overheads o) {
        if (o.scheduleNs() == 0 && o.contextSwitchNs() == 0 && o.migrationNs() == 0) return "none configured";
        return "schedule " + Time.format(o.scheduleNs()) + ", context switch " + Time.format(o.contextSwitchNs())
                + ", migration " + Time.format(o.migrationNs()) + " per event, charged to server budgets";
    }

    // ------------------------------------------------------------------------------------------------ RTDS pools

    /** One RTDS pool: its domains' guests, their servers, and the pool test. */
    private static final class RtdsPoolPlanner {
        private final PoolSpec pool;
        private final List<DomainSpec> members;
        private final Overheads overheads;
        private final PlanOptions options;
        private final List<Plan.DomainPlan> domainPlans = new ArrayList<>();
        private final List<DomainSpec> plannedDomains = new ArrayList<>();
        private final List<String> extraTimeOff = new ArrayList<>();
        private Plan.PoolPlan poolPlan;
        /** The pool's pCPUs, shared by the sources of every domain without an affinity of its own. */
        private final Set<Integer> poolPcpus;

        RtdsPoolPlanner(PoolSpec pool, List<DomainSpec> members, Overheads overheads, PlanOptions options) {
            this.pool = pool;
            this.members = members;
            this.overheads = overheads;
            this.options = options;
            this.poolPcpus = Set.copyOf(pool.pcpus());
        }

        /** The pCPUs a domain's VCPUs may run on: its affinity, or the whole pool. */
        private Set<Integer> pcpusOf(DomainSpec d) {
            return d.affinity().isEmpty() ? poolPcpus : Set.copyOf(d.affinity());
        }

        List<Plan.DomainPlan> domainPlans() {
            return domainPlans;
        }

        List<DomainSpec> plannedDomains() {
            return plannedDomains;
        }

        Plan.PoolPlan poolPlan() {
            return poolPlan;
        }

        /** The domains whose extratime the plan turned off. */
        List<String> extraTimeOff() {
            return extraTimeOff;
        }

        void plan() {
            // First pass: each guest's design (task placement and guest budgets) at its period, with an overhead
            // estimate against the other domains as configured.
            // Each domain's sources as configured are built once: rebuilt for every pair of domains, they made a
            // pool of 512 domains on 256 pCPUs take seconds (docs/performance.md, "The planner on a large host").
            List<List<OverheadCharge.Source>> asConfigured = new ArrayList<>();
            for (DomainSpec d : members) asConfigured.add(sourcesAsConfigured(d));
            Map<String, GuestDesign> designs = new LinkedHashMap<>();
            for (int i = 0; i < members.size(); i++) {
                DomainSpec d = members.get(i);
                if (!(d.params() instanceof ServerParams rtds) || d.guest() == null || d.guest().tasks().isEmpty()) {
                    continue;
                }
                List<OverheadCharge.Source> others = new ArrayList<>();
                for (int j = 0; j < members.size(); j++) {
                    if (j != i) others.addAll(asConfigured.get(j));
                }
                designs.put(d.name(), GuestDesigner.design(d, pcpusOf(d), rtds, options, overheads, others));
            }
            assemble(designs, asConfigured);
            if (!poolPlan.analysed() || passes() || !options.searchesPeriod() || designs.isEmpty()
                    || !designs.values().stream().allMatch(g -> g.feasible() && g.guaranteed())) {
                return;
            }
            // Each domain's cheapest period fails the pool test with the others' (a short period next to long budgets
            // fails BCL on one pCPU): one period for every searched domain, cheapest total first.
            for (long p : commonPeriods(designs)) {
                Map<String, GuestDesign> common = new LinkedHashMap<>();
                for (DomainSpec d : members) {
                    GuestDesign g = designs.get(d.name());
                    if (g != null) common.put(d.name(), GuestDesigner.designAtPeriod(d, p, options, g.periods()));
                }
                assemble(common, asConfigured);
                if (passes()) return;
            }
            assemble(designs, asConfigured);
        }

        /** Whether the pool passes and every domain planned in it has its servers. */
        private boolean passes() {
            return poolPlan.schedulable() && domainPlans.stream().allMatch(Plan.DomainPlan::feasible);
        }

        /**
         * The periods (µs) every searched domain tried and found a budget for, other than one all of them already
         * have, by total bandwidth (the search's estimates), then shorter first; at most
         * {@link GuestDesigner#SEARCH_POINTS}.
         */
        private List<Long> commonPeriods(Map<String, GuestDesign> designs) {
            Map<Long, Rational> total = null;
            for (GuestDesign g : designs.values()) {
                Map<Long, Rational> mine = new LinkedHashMap<>();
                for (Plan.PeriodOption o : g.periods()) {
                    if (o.bandwidth() != null) mine.put(o.periodNs() / Time.US, o.bandwidth());
                }
                if (total == null) {
                    total = mine;
                } else {
                    total.keySet().retainAll(mine.keySet());
                    for (Map.Entry<Long, Rational> e : total.entrySet()) e.setValue(e.getValue().add(mine.get(e.getKey())));
                }
            }
            List<Long> out = new ArrayList<>();
            for (long p : total.keySet()) {
                if (!designs.values().stream().allMatch(g -> java.util.Arrays.stream(g.periodsUs()).allMatch(x -> x == p))) {
                    out.add(p);
                }
            }
            Map<Long, Rational> bandwidth = total;
            out.sort(java.util.Comparator.<Long, Rational>comparing(bandwidth::get).thenComparing(p -> p));
            return out.subList(0, Math.min(out.size(), GuestDesigner.SEARCH_POINTS));
        }

        /**
         * The pool's plan from its domains' designs: the final overhead charges against the planned periods and
         * placements, the domains' plans and planned specs, extratime off, and the pool test (pinning when global BCL
         * fails).
         */
        private void assemble(Map<String, GuestDesign> designs, List<List<OverheadCharge.Source>> asConfigured) {
            domainPlans.clear();
            plannedDomains.clear();
            extraTimeOff.clear();
            List<OverheadCharge.Source> sources = new ArrayList<>();
            Map<String, List<OverheadCharge.Source>> byDomain = new LinkedHashMap<>();
            for (int i = 0; i < members.size(); i++) {
                DomainSpec d = members.get(i);
                GuestDesign g = designs.get(d.name());
                List<OverheadCharge.Source> s = g != null && g.feasible() ? g.sources(d, pcpusOf(d)) : asConfigured.get(i);
                byDomain.put(d.name(), s);
                sources.addAll(s);
            }
            for (DomainSpec d : members) {
                GuestDesign g = designs.get(d.name());
                if (g == null) continue;
                Plan.DomainPlan dp = g.finish(d, byDomain.get(d.name()), sources, overheads);
                domainPlans.add(dp);
                if (!dp.servers().isEmpty()) plannedDomains.add(g.plannedSpec(d, (ServerParams) d.params(), dp));
            }
            Map<String, DomainSpec> finalSpecs = new LinkedHashMap<>();
            for (DomainSpec d : members) finalSpecs.put(d.name(), d);
            for (DomainSpec d : plannedDomains) finalSpecs.put(d.name(), d);
            if (pool.params() instanceof ServerAccounting a && !a.inexactAccounting().isEmpty()) {
                poolPlan = notAnalysed(pool, members, a.inexactAccounting() + ", which no rtxen server test accounts"
                        + " for");
                return;
            }
            withinBudget(finalSpecs);
            if (pool.params() instanceof ServerPoolParams servers) {
                poolPlan = notAnalysed(pool, members, serverPoolWhy(servers));
                return;
            }
            poolPlan = poolTest(new ArrayList<>(finalSpecs.values()));
            if (!poolPlan.schedulable() && poolPlan.analysed() && pool.pcpus().size() > 1) {
                List<DomainSpec> configured = new ArrayList<>(finalSpecs.values());
                if (!tryPinned(pin(configured, false))) tryPinned(pin(configured, true));
            }
        }

        /**
         * Every server VCPU of the pool with extratime off (Plan.EXTRA_TIME_OFF_WHY): the pool test below assumes
         * each VCPU is refilled at every period boundary, which holds only then. Domains changed here join the planned
         * ones, so that the planned scenario and its xl commands carry the change.
         */
        private void withinBudget(Map<String, DomainSpec> specs) {
            for (DomainSpec d : List.copyOf(specs.values())) {
                if (!(d.params() instanceof ServerParams p) || !p.runsBeyondBudget()) continue;
                DomainSpec off = new DomainSpec(d.name(), d.control(), d.pool(), d.vcpus(), p.withinBudget(),
                        d.affinity(), d.vcpuAffinity(), d.startNs(), d.guest());
                specs.put(d.name(), off);
                plannedDomains.removeIf(x -> x.name().equals(d.name()));
                plannedDomains.add(off);
                extraTimeOff.add(d.name());
            }
        }

        /** Keeps a pinned placement (and its per-pCPU tests next to the failed global ones) when it passes. */
        private boolean tryPinned(List<DomainSpec> pinned) {
            if (pinned == null) return false;
            Plan.PoolPlan partitioned = poolTest(pinned);
            if (!partitioned.schedulable()) return false;
            List<TestResult> tests = new ArrayList<>(poolPlan.tests());
            tests.addAll(partitioned.tests());
            poolPlan = new Plan.PoolPlan(pool.name(), pool.scheduler(), pool.pcpus().size(), true, tests, true, "");
            plannedDomains.clear();
            plannedDomains.addAll(pinned);
            return true;
        }

        /**
         * When global EDF over the pool's pCPUs is not shown schedulable: each domain ({@code perVcpu} false) or each
         * VCPU ({@code perVcpu} true, xl.cfg's per-VCPU list form) pinned to one pCPU (the planned scenario and its
         * {@code xl vcpu-pin} commands say which), first fit in decreasing bandwidth, a pCPU taking a domain or VCPU
         * only while BCL on that one pCPU still passes. The budgets stay those planned for global scheduling, whose
         * overhead charge covers every pinned placement (no migration, fewer VCPUs sharing a pCPU). Null when some
         * domain is already restricted or something fits nowhere.
         */
        private List<DomainSpec> pin(List<DomainSpec> domains, boolean perVcpu) {
            List<List<Task>> items = new ArrayList<>();
            for (DomainSpec d : domains) {
                if (!d.vcpuAffinity().isEmpty()
                        || !d.affinity().isEmpty() && !Set.copyOf(d.affinity()).equals(poolPcpus)) {
                    return null;
                }
                if (!(d.params() instanceof ServerParams)) continue;
                if (perVcpu) {
                    for (Task v : vcpuTasks(d)) items.add(List.of(v));
                } else {
                    items.add(vcpuTasks(d));
                }
            }
            items.sort(java.util.Comparator.comparing(Planner::bandwidth).reversed());
            Map<Integer, List<Task>> onCpu = new LinkedHashMap<>();
            for (int cpu : pool.pcpus()) onCpu.put(cpu, new ArrayList<>());
            Map<String, Integer> placed = new LinkedHashMap<>();
            for (List<Task> item : items) {
                Integer chosen = null;
                for (int cpu : pool.pcpus()) {
                    List<Task> trial = new ArrayList<>(onCpu.get(cpu));
                    trial.addAll(item);
                    if (GlobalEdfTests.bcl(trial, 1, ServerKind.DEFERRABLE).schedulable()) {
                        chosen = cpu;
                        break;
                    }
                }
                if (chosen == null) return null;
                onCpu.get(chosen).addAll(item);
                for (Task v : item) placed.put(v.name(), chosen);
            }
            List<DomainSpec> out = new ArrayList<>();
            for (DomainSpec d : domains) {
                if (!(d.params() instanceof ServerParams)) {
                    out.add(d);
                } else if (!perVcpu || d.vcpus() == 1) {
                    out.add(new DomainSpec(d.name(), d.control(), d.pool(), d.vcpus(), d.params(),
                            List.of(placed.get(vcpuName(d.name(), 0))), List.of(), d.startNs(), d.guest()));
                } else {
                    List<List<Integer>> perVcpuCpus = new ArrayList<>();
                    for (int v = 0; v < d.vcpus(); v++) perVcpuCpus.add(List.of(placed.get(vcpuName(d.name(), v))));
                    out.add(new DomainSpec(d.name(), d.control(), d.pool(), d.vcpus(), d.params(), List.of(),
                            perVcpuCpus, d.startNs(), d.guest()));
                }
            }
            return out;
        }

        /** A domain's VCPUs as event sources with its configured parameters (every task may wake every VCPU). */
        private List<OverheadCharge.Source> sourcesAsConfigured(DomainSpec d) {
            List<OverheadCharge.Source> out = new ArrayList<>();
            if (!(d.params() instanceof ServerParams rtds)) return out;
            GuestSpec g = d.guest() != null ? d.guest() : GuestSpec.IDLE;
            long[] periods = g.tasks().stream().mapToLong(TaskSpec::periodNs).toArray();
            boolean never = g.busy() || periods.length == 0;
            for (int v = 0; v < d.vcpus(); v++) {
                out.add(new OverheadCharge.Source(rtds.server(v).periodNs(), never, periods, pcpusOf(d)));
            }
            return out;
        }

        /**
         * The pool verdict from BCL, in nanoseconds, over the VCPUs as deferrable servers (Π, Θ, Π): per pCPU
         * (one processor) when every domain is pinned to one pCPU, globally when none is restricted.
         */
        private Plan.PoolPlan poolTest(List<DomainSpec> domains) {
            int m = pool.pcpus().size();
            List<Task> vcpus = new ArrayList<>();
            List<Integer> pinnedTo = new ArrayList<>();
            boolean allPinned = true;
            boolean anyRestricted = false;
            for (DomainSpec d : domains) {
                if (!(d.params() instanceof ServerParams rtds)) continue;
                for (int v = 0; v < d.vcpus(); v++) {
                    Set<Integer> cpus = d.affinityOf(v).isEmpty() ? poolPcpus : Set.copyOf(d.affinityOf(v));
                    boolean pinned = cpus.size() == 1;
                    allPinned &= pinned;
                    anyRestricted |= cpus.size() < m;
                    VcpuServer p = rtds.server(v);
                    vcpus.add(new Task(vcpuName(d.name(), v), p.periodNs(), p.budgetNs(), p.periodNs()));
                    pinnedTo.add(pinned ? cpus.iterator().next() : -1);
                }
            }
            String name = pool.name();
            String sched = pool.scheduler();
            List<TestResult> tests = new ArrayList<>();
            if (vcpus.isEmpty()) return new Plan.PoolPlan(name, sched, m, true, tests, true, "");
            if (allPinned) {
                String reason = "";
                for (int cpu : pool.pcpus()) {
                    List<Task> here = new ArrayList<>();
                    for (int i = 0; i < vcpus.size(); i++) {
                        if (pinnedTo.get(i) == cpu) here.add(vcpus.get(i));
                    }
                    if (here.isEmpty()) continue;
                    TestResult r = GlobalEdfTests.bcl(here, 1, ServerKind.DEFERRABLE);
                    tests.add(new TestResult("bcl-pcpu" + cpu, r.schedulable(), r.assumption(), r.reason()));
                    if (!r.schedulable() && reason.isEmpty()) reason = "pCPU " + cpu + ": " + r.reason().format(Reason.NANOSECONDS);
                }
                return new Plan.PoolPlan(name, sched, m, true, tests, reason.isEmpty(), reason);
            }
            if (anyRestricted) {
                return new Plan.PoolPlan(name, sched, m, false, tests, false, "not analysed: domains restricted to"
                        + " some but not all pCPUs of the pool (pin every domain to one pCPU, or none)");
            }
            TestResult bcl = GlobalEdfTests.bcl(vcpus, m, ServerKind.DEFERRABLE);
            tests.add(bcl);
            tests.add(GlobalEdfTests.rta(vcpus, m, ServerKind.DEFERRABLE));
            tests.add(GlobalEdfTests.gfb(vcpus, m));
            tests.add(GlobalEdfTests.bak(vcpus, m));
            tests.add(Partitioning.test(vcpus, m, Partitioning.Heuristic.WORST_FIT, true, true,
                    ServerKind.DEFERRABLE));
            return new Plan.PoolPlan(name, sched, m, true, tests, bcl.schedulable(), bcl.schedulable() ? ""
                    : "global EDF over deferrable servers (BCL): " + bcl.reason().format(Reason.NANOSECONDS));
        }
    }

    /**
     * What the plan calls VCPU {@code vcpu} of {@code domain} in its components, tasks and tests: {@code vm.vcpu0},
     * the domain's name as {@link Names#shown} shows it, so that the label reads one way whatever the name holds.
     */
    static String vcpuName(String domain, int vcpu) {
        return Names.shown(domain) + ".vcpu" + vcpu;
    }

    /** A domain's VCPUs as tasks (Π, Θ, Π) in ns. */
    static List<Task> vcpuTasks(DomainSpec d) {
        List<Task> out = new ArrayList<>();
        ServerParams p = (ServerParams) d.params();
        for (int v = 0; v < d.vcpus(); v++) {
            VcpuServer s = p.server(v);
            out.add(new Task(vcpuName(d.name(), v), s.periodNs(), s.budgetNs(), s.periodNs()));
        }
        return out;
    }

    /** Σ budget/period over a domain's VCPUs (as tasks). */
    private static Rational bandwidth(List<Task> vcpus) {
        Rational sum = Rational.ZERO;
        for (Task t : vcpus) sum = sum.add(t.utilization());
        return sum;
    }

    /** Whether placement is global with several VCPUs (the case the planner partitions). */
    static boolean globalMulti(DomainSpec d) {
        return d.vcpus() > 1 && d.guest().placement() != Placement.PARTITIONED;
    }

    /** A component interface as a planned budget in ns: rounded up to a whole µs. */
    static long guestBudgetNs(ComponentInterface i) {
        Rational b = i.budget() == null ? Rational.ZERO : i.budget();
        return b.ceil().longValueExact() * Time.US;
    }
}
