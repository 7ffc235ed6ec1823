package org.rtxen.sched.rtds;

import java.util.ArrayList;
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
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Quoted;
import org.rtxen.model.Time;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * RTDS's parameters outside the simulation: {@code domains[].rtds: {period, budget, extratime, vcpus: [{id, ...}]}},
 * {@code xl sched-rtds -d DOM -v N -p P -b B -e E} (one per VCPU, R40) and its run-time parsing; the pool parameter
 * {@code pools[].rtds.variant} picks the upstream release (4.5, 4.7 or today's 4.10+).
 */
public final class RtdsCodec implements SchedulerCodec {
    private static final String XL = "sched-rtds";

    @Override
    public String name() {
        return "rtds";
    }

    @Override
    public SchedParams defaultDomain() {
        return RtdsParams.DEFAULTS;
    }

    /** Domain-wide RTDS period, budget and extratime (Xen's defaults where absent, R34) and per-VCPU overrides. */
    @Override
    public RtdsParams readDomain(ParamNode node, int vcpus) {
        node.mapWithKeys("period", "budget", "extratime", "vcpus");
        RtdsVcpuParams all = values(node, new RtdsVcpuParams(-1, RtdsParams.DEFAULT_PERIOD_NS,
                RtdsParams.DEFAULT_BUDGET_NS, RtdsParams.DEFAULTS.extratime()), "Xen's default ");
        List<RtdsVcpuParams> overrides = !node.has("vcpus") ? List.of() : PeriodBudget.readOverrides(node.get("vcpus"),
                vcpus, new String[] {"id", "period", "budget", "extratime"}, (id, v) -> {
                    RtdsVcpuParams p = values(v, all, "the domain's ");
                    return new RtdsVcpuParams(id, p.periodNs(), p.budgetNs(), p.extratime());
                });
        return new RtdsParams(all.periodNs(), all.budgetNs(), all.extratime(), overrides);
    }

    /**
     * Reads period, budget and extratime from {@code node}, taking absent ones from {@code inherited}, and applies
     * Xen's checks: 10 us &lt;= budget &lt;= period &lt;= 2^32-1 us (R35, R36).
     */
    private static RtdsVcpuParams values(ParamNode node, RtdsVcpuParams inherited, String inheritedFrom) {
        ParamNode periodNode = node.get("period");
        ParamNode budgetNode = node.get("budget");
        long period = periodNode == null ? inherited.periodNs() : time(periodNode);
        long budget = budgetNode == null ? inherited.budgetNs() : time(budgetNode);
        PeriodBudget.checkBudgetWithinPeriod(node, periodNode, budgetNode, period, budget, inheritedFrom, "R36");
        boolean extratime = node.has("extratime") ? node.get("extratime").bool() : inherited.extratime();
        return new RtdsVcpuParams(inherited.vcpu(), period, budget, extratime);
    }

    private static long time(ParamNode node) {
        long ns = node.positiveTime();
        if (ns < RtdsParams.MIN_NS) throw node.error(node.text() + " is below Xen's minimum of 10us (R36)");
        if (ns > RtdsParams.MAX_PERIOD_NS) {
            throw node.error(node.text() + " exceeds Xen's maximum of " + Time.format(RtdsParams.MAX_PERIOD_NS) + " (R35)");
        }
        return ns;
    }

    @Override
    public ParamTree writeDomain(SchedParams params) {
        RtdsParams r = (RtdsParams) params;
        ParamTree t = new ParamTree().time("period", r.periodNs()).time("budget", r.budgetNs())
                .bool("extratime", r.extratime());
        if (!r.vcpus().isEmpty()) {
            List<ParamTree> items = new ArrayList<>();
            for (RtdsVcpuParams v : r.vcpus()) {
                items.add(new ParamTree().integer("id", v.vcpu()).time("period", v.periodNs())
                        .time("budget", v.budgetNs()).bool("extratime", v.extratime()));
            }
            t.items("vcpus", items);
        }
        return t;
    }

    @Override
    public PoolParams defaultPool() {
        return RtdsPoolParams.DEFAULTS;
    }

    /** {@code pools[].rtds: {variant: "4.5" | "4.7" | "4.10"}}: the upstream release the pool follows (spec 2.11). */
    @Override
    public PoolParams readPool(ParamNode node, String pool, Map<String, DomainSpec> domains) {
        node.mapWithKeys("variant");
        ParamNode v = node.require("variant");
        String text = v.text();
        return new RtdsPoolParams(RtdsVariant.of(text).orElseThrow(() -> v.error("unknown RTDS variant " + Quoted.of(text)
                + " (known: 4.5, 4.7, 4.10)")));
    }

    /** The variant, quoted; nothing for today's default. */
    @Override
    public ParamTree writePool(PoolParams params) {
        RtdsVariant v = RtdsPoolParams.variantOf(params);
        return v == RtdsPoolParams.DEFAULTS.variant() ? new ParamTree() : new ParamTree().name("variant", v.version());
    }

    /** One {@code xl sched-rtds} per VCPU with its effective values. */
    @Override
    public List<String> xlDomain(String domain, int vcpus, SchedParams params) {
        RtdsParams rtds = (RtdsParams) params;
        List<String> out = new ArrayList<>();
        for (int v = 0; v < vcpus; v++) {
            RtdsVcpuParams p = rtds.forVcpu(v);
            out.add(schedRtds(domain, v, p.periodNs(), p.budgetNs(), p.extratime()));
        }
        return out;
    }

    /**
     * {@code xl sched-rtds -d DOM -v N -p P -b B -e E} for one VCPU (R40: {@code -e} is mandatory with {@code -v}).
     *
     * @param vcpu the VCPU index, or -1 for {@code -v all}
     */
    static String schedRtds(String domain, int vcpu, long periodNs, long budgetNs, boolean extratime) {
        if (budgetNs > periodNs) {
            throw new IllegalArgumentException("budget " + Time.format(budgetNs) + " exceeds period " + Time.format(periodNs));
        }
        return "xl " + XL + " -d " + XlWords.shell(domain) + " -v " + (vcpu < 0 ? "all" : Integer.toString(vcpu))
                + " -p " + Time.wholeMicros(periodNs, "period") + " -b " + Time.wholeMicros(budgetNs, "budget")
                + " -e " + (extratime ? 1 : 0);
    }

    @Override
    public Optional<String> xlAdjustCommand() {
        return Optional.of(XL);
    }

    /**
     * {@code sched-rtds -d DOM (-v N ... | -v all) -p P ... -b B ... -e E ...}, with xl's checks (xl_sched.c): a
     * domain and VCPUs must be named, and there must be as many periods, budgets and extratimes as VCPUs (one for
     * {@code all}). Periods and budgets are microseconds; the values are then checked as Xen does (R35, R36).
     */
    @Override
    public XlChange parseXl(List<String> args) {
        String dom = null;
        boolean all = false;
        List<Integer> vcpus = new ArrayList<>();
        List<Long> periods = new ArrayList<>();
        List<Long> budgets = new ArrayList<>();
        List<Boolean> extratimes = new ArrayList<>();
        for (XlOptions.Option o : XlOptions.parse(XL, args, "d:p:b:e:v:c:",
                Map.of("domain", 'd', "period", 'p', "budget", 'b', "extratime", 'e', "vcpuid", 'v', "cpupool", 'c'))) {
            switch (o.name()) {
                case 'd' -> dom = o.value();
                case 'p' -> periods.add(XlOptions.number(XL, 'p', o.value()) * Time.US);
                case 'b' -> budgets.add(XlOptions.number(XL, 'b', o.value()) * Time.US);
                case 'e' -> {
                    if (!o.value().equals("0") && !o.value().equals("1")) throw new IllegalArgumentException("Invalid extratime.");
                    extratimes.add(o.value().equals("1"));
                }
                case 'v' -> {
                    if (o.value().equals("all")) all = true;
                    else vcpus.add((int) XlOptions.number(XL, 'v', o.value()));
                }
                default -> throw new IllegalArgumentException(XL + " -c only lists parameters; it changes nothing");
            }
        }
        if (dom == null) throw new IllegalArgumentException("Missing parameters.");
        if (vcpus.isEmpty() && !all) throw new IllegalArgumentException("Must specify VCPU.");
        if (!vcpus.isEmpty() && all) throw new IllegalArgumentException("Incorrect VCPU IDs.");
        int n = all ? 1 : vcpus.size();
        if (periods.size() < n || budgets.size() < n || extratimes.size() < n || periods.size() != budgets.size()
                || periods.size() != extratimes.size()) {
            throw new IllegalArgumentException("Incorrect number of period, budget and extratime");
        }
        List<RtdsVcpuParams> set = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long p = periods.get(i);
            long b = budgets.get(i);
            checkRange(p, "period");
            checkRange(b, "budget");
            if (b > p) {
                throw new IllegalArgumentException("budget " + Time.format(b) + " exceeds period " + Time.format(p) + " (R36)");
            }
            set.add(new RtdsVcpuParams(all ? -1 : vcpus.get(i), p, b, extratimes.get(i)));
        }
        boolean everyVcpu = all;
        return new XlChange.Domain(dom, (current, count) -> apply((RtdsParams) current, count, set, everyVcpu));
    }

    private static void checkRange(long ns, String what) {
        if (ns < RtdsParams.MIN_NS || ns > RtdsParams.MAX_PERIOD_NS) {
            throw new IllegalArgumentException(what + " " + Time.format(ns) + " is outside Xen's range 10us.."
                    + Time.format(RtdsParams.MAX_PERIOD_NS) + " (R35, R36)");
        }
    }

    /** {@code -v all} sets every VCPU (no override remains); {@code -v N} replaces VCPU N's override. */
    private static RtdsParams apply(RtdsParams current, int vcpus, List<RtdsVcpuParams> set, boolean all) {
        if (all) {
            RtdsVcpuParams p = set.get(0);
            return new RtdsParams(p.periodNs(), p.budgetNs(), p.extratime(), List.of());
        }
        List<RtdsVcpuParams> overrides = new ArrayList<>(current.vcpus());
        for (RtdsVcpuParams p : set) {
            if (p.vcpu() < 0 || p.vcpu() >= vcpus) {
                throw new IllegalArgumentException("Invalid VCPU " + p.vcpu() + ": valid range is [0, " + (vcpus - 1) + "]");
            }
            overrides.removeIf(o -> o.vcpu() == p.vcpu());
            overrides.add(p);
        }
        overrides.sort((a, b) -> Integer.compare(a.vcpu(), b.vcpu()));
        return new RtdsParams(current.periodNs(), current.budgetNs(), current.extratime(), overrides);
    }

    /** budget/period for a VCPU without extratime, which can never run beyond its budget (R36). */
    @Override
    public double exactBusyShare(DomainSpec domain, PoolSpec pool, int vcpu) {
        RtdsVcpuParams p = ((RtdsParams) domain.params()).forVcpu(vcpu);
        return p.extratime() ? Double.NaN : (double) p.budgetNs() / p.periodNs();
    }
}
