package org.rtxen.sched.credit2;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rtxen.engine.codec.ParamNode;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.engine.codec.SchedulerCodec;
import org.rtxen.engine.codec.WeightCapCodec;
import org.rtxen.engine.codec.XlChange;
import org.rtxen.engine.codec.XlOptions;
import org.rtxen.engine.codec.XlWords;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Time;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * Credit2's parameters outside the simulation: {@code domains[].credit2: {weight, cap}},
 * {@code pools[].credit2: {ratelimit, runqueue}}, {@code xl sched-credit2 -d DOM -w W -c C} and
 * {@code xl sched-credit2 -s -p POOL -r US}, and the parsing of both at run time. The run-queue layout is Xen's boot
 * option {@code credit2_runqueue}: no xl command sets it, and it cannot change at run time.
 */
public final class Credit2Codec implements SchedulerCodec {
    /** Credit2's weight range, checked by libxl (C2.33). */
    static final int MAX_WEIGHT = 65535;
    private static final String XL = "sched-credit2";
    private static final WeightCapCodec WEIGHT_CAP = new WeightCapCodec(XL, MAX_WEIGHT, "C2.33", "C2.21",
            Credit2Params.DEFAULTS, Credit2Params::new);

    @Override
    public String name() {
        return "credit2";
    }

    @Override
    public SchedParams defaultDomain() {
        return Credit2Params.DEFAULTS;
    }

    /** Weight 1..65535 and cap 0..100 per VCPU (C2.21, C2.33). */
    @Override
    public Credit2Params readDomain(ParamNode node, int vcpus) {
        return (Credit2Params) WEIGHT_CAP.read(node, vcpus);
    }

    @Override
    public ParamTree writeDomain(SchedParams params) {
        return WEIGHT_CAP.write((Credit2Params) params);
    }

    @Override
    public PoolParams defaultPool() {
        return Credit2PoolParams.DEFAULTS;
    }

    /** The ratelimit (whole us, 0 or 100..500000, C2.31) and the run-queue layout (cpu, core, socket, node, all; C2.6). */
    @Override
    public Credit2PoolParams readPool(ParamNode node, String pool, Map<String, DomainSpec> domains) {
        node.mapWithKeys("ratelimit", "runqueue");
        long ratelimit = WeightCapCodec.readRatelimit(node.get("ratelimit"), Credit2PoolParams.DEFAULTS.ratelimitNs(),
                "C2.31");
        RunqueueLayout layout = Credit2PoolParams.DEFAULTS.runqueue();
        if (node.has("runqueue")) {
            layout = RunqueueLayout.valueOf(node.get("runqueue").word("cpu", "core", "socket", "node", "all")
                    .toUpperCase(Locale.ROOT));
        }
        return new Credit2PoolParams(ratelimit, layout);
    }

    @Override
    public ParamTree writePool(PoolParams params) {
        Credit2PoolParams c = (Credit2PoolParams) params;
        return new ParamTree().time("ratelimit", c.ratelimitNs()).word("runqueue", c.runqueue().xenName());
    }

    /**
     * A capped domain's VCPU is parked when its domain's budget is used up and unparked by the next replenishment
     * that leaves budget (C2.22, C2.23), one every {@link Credit2Scheduler#BUDGET_PERIOD}; with the budget timers on
     * time a park ends at the first replenishment, so two periods bound it with room to spare.
     */
    @Override
    public long longestParkNs(DomainSpec domain, PoolSpec pool) {
        return ((Credit2Params) domain.params()).cap() > 0 ? 2 * Credit2Scheduler.BUDGET_PERIOD : Long.MAX_VALUE;
    }

    @Override
    public List<String> xlDomain(String domain, int vcpus, SchedParams params) {
        return WEIGHT_CAP.xlDomain(domain, (Credit2Params) params);
    }

    @Override
    public List<String> xlPool(String pool, PoolParams params) {
        Credit2PoolParams c = (Credit2PoolParams) params;
        return List.of("xl " + XL + " -s -p " + XlWords.shell(pool) + " -r "
                + Time.wholeMicros(c.ratelimitNs(), "ratelimit"));
    }

    /** The run-queue layout, Xen's boot parameter {@code credit2_runqueue} (C2.6, C2.32). */
    @Override
    public List<String> bootParameters(PoolParams params) {
        return List.of("credit2_runqueue=" + ((Credit2PoolParams) params).runqueue().xenName());
    }

    /**
     * Real Xen sets the run-queue layout once, at boot ({@code credit2_runqueue}), for every Credit2 pool; the
     * reference boot uses Xen's default, so a pool asking for another layout cannot be run there.
     */
    @Override
    public List<String> dom0ScenarioLines(String realPool, PoolParams params) {
        RunqueueLayout layout = ((Credit2PoolParams) params).runqueue();
        if (layout != Credit2PoolParams.DEFAULTS.runqueue()) {
            throw new IllegalArgumentException("runqueue " + layout.xenName() + " is Xen's boot option credit2_runqueue;"
                    + " the reference boot uses the default, " + Credit2PoolParams.DEFAULTS.runqueue().xenName());
        }
        return List.of();
    }

    @Override
    public Optional<String> xlAdjustCommand() {
        return Optional.of(XL);
    }

    /**
     * {@code sched-credit2 -d DOM [-w W] [-c C]} (a domain's weight and cap) or {@code sched-credit2 -s [-p POOL]
     * [-r US]} (a pool's ratelimit), with xl's checks (xl_sched.c) and libxl's ranges (C2.33). Without {@code -p} the
     * pool is the boot pool (null).
     */
    @Override
    public XlChange parseXl(List<String> args) {
        String dom = null;
        String pool = null;
        boolean schedparam = false;
        Long weight = null;
        Long cap = null;
        Long ratelimitUs = null;
        for (XlOptions.Option o : XlOptions.parse(XL, args, "d:w:c:p:r:s", Map.of("domain", 'd', "weight", 'w',
                "cap", 'c', "schedparam", 's', "ratelimit_us", 'r', "cpupool", 'p'))) {
            switch (o.name()) {
                case 'd' -> dom = o.value();
                case 'w' -> weight = XlOptions.number(XL, 'w', o.value());
                case 'c' -> cap = XlOptions.number(XL, 'c', o.value());
                case 'p' -> pool = o.value();
                case 'r' -> ratelimitUs = XlOptions.number(XL, 'r', o.value());
                default -> schedparam = true;
            }
        }
        WEIGHT_CAP.checkOptions(dom, pool, schedparam, weight, cap, ratelimitUs != null);
        if (schedparam) {
            if (ratelimitUs == null) throw new IllegalArgumentException(XL + " -s without -r changes nothing");
            long r = ratelimitUs * Time.US;
            String bad = WeightCapCodec.ratelimitProblem(r, "C2.31");
            if (bad != null) throw new IllegalArgumentException("ratelimit " + bad);
            return new XlChange.Pool(pool, current ->
                    new Credit2PoolParams(r, ((Credit2PoolParams) current).runqueue()));
        }
        return WEIGHT_CAP.domainChange(dom, weight, cap);
    }
}
