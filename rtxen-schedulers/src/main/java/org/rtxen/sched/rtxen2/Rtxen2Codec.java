package org.rtxen.sched.rtxen2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rtxen.engine.codec.ParamNode;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.engine.codec.PeriodBudget;
import org.rtxen.engine.codec.SchedulerCodec;
import org.rtxen.engine.codec.XlChange;
import org.rtxen.engine.codec.XlOptions;
import org.rtxen.engine.codec.XlWords;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Quoted;
import org.rtxen.model.Time;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * RT-Xen 2.0's parameters outside the simulation, for {@code rtglobal} and {@code rtpartition} alike (one instance
 * per name): {@code domains[].NAME: {period, budget, vcpus: [{id, period, budget}]}} in whole milliseconds (G3),
 * {@code pools[].NAME: {priority, server, branch, <quirk switches>}}, and the full-feature branch's
 * {@code xl sched-NAME -d DOM -v N -p P -b B} (milliseconds, G15) with, for {@code rtglobal}, the run-time scheme switch
 * {@code xl sched-rtglobal -s EDF|RM}.
 */
public final class Rtxen2Codec implements SchedulerCodec {
    private static final long MAX_MS = Integer.MAX_VALUE; // the hypercall carries ints (G3)
    private static final String[] PRIORITIES = Arrays.stream(Priority.values()).map(Priority::scenarioName).toArray(String[]::new);
    private static final String[] SERVERS = Arrays.stream(ServerKind.values()).map(ServerKind::scenarioName).toArray(String[]::new);
    private static final String[] POOL_KEYS = {"priority", "server", "branch", "dm_deadline_keys", "budget_clamp_bug",
        "inverted_tickle", "free_boundary_quantum", "domain1_bounce", "switch_keeps_order", "first_burn_free"};

    private final String name;
    private final boolean schemeSwitch;

    private Rtxen2Codec(String name, boolean schemeSwitch) {
        this.name = name;
        this.schemeSwitch = schemeSwitch;
    }

    /** The codec of {@code rtglobal}, whose xl command also switches the priority scheme (G15). */
    public static Rtxen2Codec global() {
        return new Rtxen2Codec("rtglobal", true);
    }

    /** The codec of {@code rtpartition} (its scheme switch in the full-feature branch is the Domain-0 toggle, G15). */
    public static Rtxen2Codec partition() {
        return new Rtxen2Codec("rtpartition", false);
    }

    @Override
    public String name() {
        return name;
    }

    // ------------------------------------------------------------------------------------------- domains

    @Override
    public SchedParams defaultDomain() {
        return Rtxen2Params.ALLOCATION_DEFAULTS;
    }

    /**
     * Period and budget in whole milliseconds, 1ms..2147483647ms, budget at most the period (RT-Xen 2.0 does not check
     * this, E28; rtxen does), and per-VCPU overrides. Nothing given: the allocation defaults (G3).
     */
    @Override
    public Rtxen2Params readDomain(ParamNode node, int vcpus) {
        node.mapWithKeys("period", "budget", "vcpus");
        if (!node.has("period") && !node.has("budget") && !node.has("vcpus")) return Rtxen2Params.ALLOCATION_DEFAULTS;
        Rtxen2VcpuParams all = values(node, new Rtxen2VcpuParams(-1, Rtxen2Params.GUEST_DEFAULTS.periodNs(),
                Rtxen2Params.GUEST_DEFAULTS.budgetNs()), "the default ");
        List<Rtxen2VcpuParams> overrides = !node.has("vcpus") ? List.of() : PeriodBudget.readOverrides(
                node.get("vcpus"), vcpus, new String[] {"id", "period", "budget"}, (id, v) -> {
                    Rtxen2VcpuParams p = values(v, all, "the domain's ");
                    return new Rtxen2VcpuParams(id, p.periodNs(), p.budgetNs());
                });
        return new Rtxen2Params(all.periodNs(), all.budgetNs(), overrides);
    }

    private static Rtxen2VcpuParams values(ParamNode node, Rtxen2VcpuParams inherited, String inheritedFrom) {
        ParamNode periodNode = node.get("period");
        ParamNode budgetNode = node.get("budget");
        long period = periodNode == null ? inherited.periodNs() : wholeMs(periodNode);
        long budget = budgetNode == null ? inherited.budgetNs() : wholeMs(budgetNode);
        PeriodBudget.checkBudgetWithinPeriod(node, periodNode, budgetNode, period, budget, inheritedFrom,
                "E28: RT-Xen does not check; rtxen does");
        return new Rtxen2VcpuParams(inherited.vcpu(), period, budget);
    }

    private static long wholeMs(ParamNode node) {
        long ns = node.positiveTime();
        if (ns % Time.MS != 0) throw node.error(node.text() + " is not a whole number of milliseconds, RT-Xen 2.0's unit (G3)");
        if (ns / Time.MS > MAX_MS) throw node.error(node.text() + " exceeds RT-Xen 2.0's maximum of " + MAX_MS + "ms (G3)");
        return ns;
    }

    @Override
    public ParamTree writeDomain(SchedParams params) {
        Rtxen2Params r = (Rtxen2Params) params;
        if (r.isAllocationDefault()) return new ParamTree();
        ParamTree t = new ParamTree().time("period", r.periodNs()).time("budget", r.budgetNs());
        if (!r.vcpus().isEmpty()) {
            List<ParamTree> items = new ArrayList<>();
            for (Rtxen2VcpuParams v : r.vcpus()) {
                items.add(new ParamTree().integer("id", v.vcpu()).time("period", v.periodNs()).time("budget", v.budgetNs()));
            }
            t.items("vcpus", items);
        }
        return t;
    }

    // ------------------------------------------------------------------------------------------- pools

    @Override
    public PoolParams defaultPool() {
        return Rtxen2PoolParams.DEFAULTS;
    }

    /**
     * {@code priority: edf | dm}, {@code server: deferrable | periodic}, {@code branch: full-feature | xisisu} (the
     * quirk defaults of that branch) and each quirk switch, which overrides the branch's value.
     */
    @Override
    public Rtxen2PoolParams readPool(ParamNode node, String pool, Map<String, DomainSpec> domains) {
        node.mapWithKeys(POOL_KEYS);
        Priority priority = node.has("priority")
                ? Priority.byScenarioName(node.get("priority").word(PRIORITIES)).orElseThrow() : Priority.EDF;
        ServerKind server = node.has("server")
                ? ServerKind.byScenarioName(node.get("server").word(SERVERS)).orElseThrow() : ServerKind.DEFERRABLE;
        Quirks q = node.has("branch") && node.get("branch").word("full-feature", "xisisu").equals("xisisu")
                ? Quirks.XISISU : Quirks.FULL_FEATURE;
        q = new Quirks(flag(node, "dm_deadline_keys", q.deadlineKeysInDm()), flag(node, "budget_clamp_bug", q.budgetClampBug()),
                flag(node, "inverted_tickle", q.invertedTickleVictim()), flag(node, "free_boundary_quantum", q.freeBoundaryQuantum()),
                flag(node, "domain1_bounce", q.domainOneBounce()), flag(node, "switch_keeps_order", q.switchKeepsOrder()),
                flag(node, "first_burn_free", q.firstBurnFree()));
        return new Rtxen2PoolParams(priority, server, q);
    }

    private static boolean flag(ParamNode node, String key, boolean inherited) {
        return node.has(key) ? node.get(key).bool() : inherited;
    }

    /** Every value explicitly, the quirks as switches (no branch). */
    @Override
    public ParamTree writePool(PoolParams params) {
        Rtxen2PoolParams p = (Rtxen2PoolParams) params;
        Quirks q = p.quirks();
        return new ParamTree().word("priority", p.priority().scenarioName()).word("server", p.server().scenarioName())
                .bool("dm_deadline_keys", q.deadlineKeysInDm()).bool("budget_clamp_bug", q.budgetClampBug())
                .bool("inverted_tickle", q.invertedTickleVictim()).bool("free_boundary_quantum", q.freeBoundaryQuantum())
                .bool("domain1_bounce", q.domainOneBounce()).bool("switch_keeps_order", q.switchKeepsOrder())
                .bool("first_burn_free", q.firstBurnFree());
    }

    // ------------------------------------------------------------------------------------------- xl (G15)

    /** One {@code xl sched-NAME -d DOM -v N -p P -b B} per VCPU, in milliseconds (full-feature branch, G15). */
    @Override
    public List<String> xlDomain(String domain, int vcpus, SchedParams params) {
        Rtxen2Params p = ((Rtxen2Params) params).resolve(domain.equals("Domain-0"));
        List<String> out = new ArrayList<>();
        for (int v = 0; v < vcpus; v++) {
            Rtxen2VcpuParams vp = p.forVcpu(v);
            out.add("xl sched-" + name + " -d " + XlWords.shell(domain) + " -v " + v + " -p " + vp.periodNs() / Time.MS
                    + " -b " + vp.budgetNs() / Time.MS);
        }
        return out;
    }

    @Override
    public Optional<String> xlAdjustCommand() {
        return Optional.of("sched-" + name);
    }

    /**
     * {@code -d DOM -v N -p P -b B} (all required, milliseconds; {@code -e} is refused as the full-feature tools do)
     * sets one VCPU's parameters; on {@code rtglobal}, {@code -s EDF|RM} switches the pool's priority scheme (G15).
     */
    @Override
    public XlChange parseXl(List<String> args) {
        String command = "sched-" + name;
        String dom = null;
        String scheme = null;
        Long vcpu = null;
        Long period = null;
        Long budget = null;
        for (XlOptions.Option o : XlOptions.parse(command, args, "d:v:p:b:e:s:",
                Map.of("domain", 'd', "vcpu", 'v', "period", 'p', "budget", 'b', "extra", 'e', "schedule", 's'))) {
            switch (o.name()) {
                case 'd' -> dom = o.value();
                case 'v' -> vcpu = XlOptions.number(command, 'v', o.value());
                case 'p' -> period = XlOptions.number(command, 'p', o.value());
                case 'b' -> budget = XlOptions.number(command, 'b', o.value());
                case 'e' -> throw new IllegalArgumentException(command + ": -e is not supported yet (G15)");
                default -> scheme = o.value();
            }
        }
        if (scheme != null) {
            if (!schemeSwitch) throw new IllegalArgumentException(command + ": -s is rtglobal's; rtpartition has no scheme switch (G15)");
            if (dom != null || vcpu != null || period != null || budget != null) {
                throw new IllegalArgumentException(command + ": -s takes no other option");
            }
            Priority to = switch (scheme) {
                case "EDF" -> Priority.EDF;
                case "RM" -> Priority.DM;
                default -> throw new IllegalArgumentException(command + ": -s takes EDF or RM, not " + Quoted.of(scheme));
            };
            return new XlChange.Pool(null, current -> {
                Rtxen2PoolParams p = (Rtxen2PoolParams) current;
                return new Rtxen2PoolParams(to, p.server(), p.quirks());
            });
        }
        if (dom == null || vcpu == null || period == null || budget == null) {
            throw new IllegalArgumentException(command + ": -d, -v, -p and -b are all required (G15)");
        }
        if (period < 1 || period > MAX_MS || budget < 1 || budget > MAX_MS) {
            throw new IllegalArgumentException(command + ": period and budget are milliseconds in 1.." + MAX_MS);
        }
        if (budget > period) throw new IllegalArgumentException(command + ": budget " + budget + "ms exceeds period " + period + "ms");
        int v = (int) (long) vcpu;
        Rtxen2VcpuParams set = new Rtxen2VcpuParams(v, period * Time.MS, budget * Time.MS);
        String domain = dom;
        return new XlChange.Domain(dom, (current, count) -> apply((Rtxen2Params) current, count, set, domain));
    }

    /** Replaces VCPU N's override; the domain-wide values become explicit. */
    private static Rtxen2Params apply(Rtxen2Params current, int vcpus, Rtxen2VcpuParams set, String domain) {
        if (set.vcpu() < 0 || set.vcpu() >= vcpus) {
            throw new IllegalArgumentException("Invalid VCPU " + set.vcpu() + ": valid range is [0, " + (vcpus - 1) + "]");
        }
        Rtxen2Params base = current.resolve(domain.equals("Domain-0"));
        List<Rtxen2VcpuParams> overrides = new ArrayList<>(base.vcpus());
        overrides.removeIf(o -> o.vcpu() == set.vcpu());
        overrides.add(set);
        overrides.sort((a, b) -> Integer.compare(a.vcpu(), b.vcpu()));
        return new Rtxen2Params(base.periodNs(), base.budgetNs(), overrides);
    }
}
