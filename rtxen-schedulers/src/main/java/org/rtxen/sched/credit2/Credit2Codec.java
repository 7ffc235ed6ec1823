package org.rtxen.sched.credit2;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rtxen.engine.codec.ParamNode;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.engine.codec.SchedulerCodec;
import org.rtxen.engine.codec.XlChange;
import org.rtxen.engine.codec.XlOptions;
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
        node.mapWithKeys("weight", "cap");
        int weight = node.has("weight") ? (int) node.get("weight").integer(1, MAX_WEIGHT) : Credit2Params.DEFAULTS.weight();
        int cap = node.has("cap") ? (int) node.get("cap").integer(0, 100L * vcpus) : Credit2Params.DEFAULTS.cap();
        return new Credit2Params(weight, cap);
    }

    @Override
    public ParamTree writeDomain(SchedParams params) {
        Credit2Params c = (Credit2Params) params;
        return new ParamTree().integer("weight", c.weight()).integer("cap", c.cap());
    }

    @Override
    public PoolParams defaultPool() {
        return Credit2PoolParams.DEFAULTS;
    }

    /** The ratelimit (whole us, 0 or 100..500000, C2.31) and the run-queue layout (cpu, core, socket, node, all; C2.6). */
    @Override
    public Credit2PoolParams readPool(ParamNode node, String pool, List<DomainSpec> domains) {
        node.mapWithKeys("ratelimit", "runqueue");
        long ratelimit = Credit2PoolParams.DEFAULTS.ratelimitNs();
        ParamNode r = node.get("ratelimit");
        if (r != null) {
            ratelimit = r.time();
            String bad = ratelimitProblem(ratelimit);
            if (bad != null) throw r.error(bad);
        }
        RunqueueLayout layout = Credit2PoolParams.DEFAULTS.runqueue();
        if (node.has("runqueue")) {
            layout = RunqueueLayout.valueOf(node.get("runqueue").word("cpu", "core", "socket", "node", "all")
                    .toUpperCase(Locale.ROOT));
        }
        return new Credit2PoolParams(ratelimit, layout);
    }

    private static String ratelimitProblem(long ns) {
        return ns % Time.US != 0 || ns != 0 && (ns < 100 * Time.US || ns > 500 * Time.MS)
                ? "must be 0 or a whole number of microseconds in 100us..500ms (C2.31)" : null;
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
        Credit2Params c = (Credit2Params) params;
        return List.of("xl " + XL + " -d " + domain + " -w " + c.weight() + " -c " + c.cap());
    }

    @Override
    public List<String> xlPool(String pool, PoolParams params) {
        Credit2PoolParams c = (Credit2PoolParams) params;
        return List.of("xl " + XL + " -s -p " + pool + " -r " + Time.wholeMicros(c.ratelimitNs(), "ratelimit"));
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
        if ((pool != null || schedparam) && (dom != null || weight != null || cap != null)) {
            throw new IllegalArgumentException("Specifying a cpupool or schedparam is not allowed with domain options.");
        }
        if (dom == null && (weight != null || cap != null)) throw new IllegalArgumentException("Must specify a domain.");
        if (!schedparam && ratelimitUs != null) {
            throw new IllegalArgumentException("Must specify schedparam to set schedule parameter values.");
        }
        if (schedparam) {
            if (ratelimitUs == null) throw new IllegalArgumentException(XL + " -s without -r changes nothing");
            long r = ratelimitUs * Time.US;
            if (ratelimitProblem(r) != null) throw new IllegalArgumentException("ratelimit " + ratelimitProblem(r));
            return new XlChange.Pool(pool, current ->
                    new Credit2PoolParams(r, ((Credit2PoolParams) current).runqueue()));
        }
        if (dom == null) throw new IllegalArgumentException(XL + " without -d or -s changes nothing");
        if (weight == null && cap == null) throw new IllegalArgumentException(XL + " -d without -w or -c changes nothing");
        if (weight != null && (weight < 1 || weight > MAX_WEIGHT)) {
            throw new IllegalArgumentException("weight " + weight + " is out of range 1.." + MAX_WEIGHT + " (C2.33)");
        }
        Long w = weight;
        Long c = cap;
        return new XlChange.Domain(dom, (current, vcpus) -> {
            Credit2Params p = (Credit2Params) current;
            if (c != null && (c < 0 || c > 100L * vcpus)) {
                throw new IllegalArgumentException("cap " + c + " is out of range 0.." + 100L * vcpus + " (C2.21)");
            }
            return new Credit2Params(w == null ? p.weight() : w.intValue(), c == null ? p.cap() : c.intValue());
        });
    }
}
