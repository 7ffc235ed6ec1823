package org.rtxen.sched.credit;

import java.util.List;
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
import org.rtxen.model.Time;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * Credit's parameters outside the simulation: {@code domains[].credit: {weight, cap}},
 * {@code pools[].credit: {tslice, ratelimit}}, {@code xl sched-credit -d DOM -w W -c C} and
 * {@code xl sched-credit -s -p POOL -t MS -r US}, and the parsing of both at run time.
 */
public final class CreditCodec implements SchedulerCodec {
    /** Credit's weight range, checked by libxl (C1.33). */
    static final int MAX_WEIGHT = 65535;
    private static final String XL = "sched-credit";
    private static final WeightCapCodec WEIGHT_CAP = new WeightCapCodec(XL, MAX_WEIGHT, "C1.33", "C1.33",
            CreditParams.DEFAULTS, CreditParams::new);

    @Override
    public String name() {
        return "credit";
    }

    @Override
    public SchedParams defaultDomain() {
        return CreditParams.DEFAULTS;
    }

    /** Credit weight 1..65535 and cap 0..100 per VCPU, as libxl checks them (C1.33). */
    @Override
    public CreditParams readDomain(ParamNode node, int vcpus) {
        return (CreditParams) WEIGHT_CAP.read(node, vcpus);
    }

    @Override
    public ParamTree writeDomain(SchedParams params) {
        return WEIGHT_CAP.write((CreditParams) params);
    }

    @Override
    public PoolParams defaultPool() {
        return CreditPoolParams.DEFAULTS;
    }

    /** Credit's pool-wide tslice (whole ms, 1..1000) and ratelimit (whole us, 0 or 100..500000, at most tslice): C1.34. */
    @Override
    public CreditPoolParams readPool(ParamNode node, String pool, Map<String, DomainSpec> domains) {
        node.mapWithKeys("tslice", "ratelimit");
        long tslice = CreditPoolParams.DEFAULTS.tsliceNs();
        ParamNode t = node.get("tslice");
        if (t != null) {
            tslice = t.time();
            String bad = tsliceProblem(tslice);
            if (bad != null) throw t.error(bad);
        }
        ParamNode r = node.get("ratelimit");
        long ratelimit = WeightCapCodec.readRatelimit(r, CreditPoolParams.DEFAULTS.ratelimitNs(), "C1.34");
        if (ratelimit > tslice) throw (r != null ? r : node).error(ratelimitAboveTslice(ratelimit, tslice));
        return new CreditPoolParams(tslice, ratelimit);
    }

    private static String tsliceProblem(long ns) {
        return ns % Time.MS != 0 || ns < Time.MS || ns > 1000 * Time.MS
                ? "must be a whole number of milliseconds in 1ms..1000ms (Xen's tslice_ms, C1.34)" : null;
    }

    private static String ratelimitAboveTslice(long ratelimit, long tslice) {
        return "ratelimit " + Time.format(ratelimit) + " exceeds tslice " + Time.format(tslice) + " (C1.34)";
    }

    @Override
    public ParamTree writePool(PoolParams params) {
        CreditPoolParams c = (CreditPoolParams) params;
        return new ParamTree().time("tslice", c.tsliceNs()).time("ratelimit", c.ratelimitNs());
    }

    @Override
    public List<String> xlDomain(String domain, int vcpus, SchedParams params) {
        return WEIGHT_CAP.xlDomain(domain, (CreditParams) params);
    }

    @Override
    public List<String> xlPool(String pool, PoolParams params) {
        CreditPoolParams c = (CreditPoolParams) params;
        return List.of("xl " + XL + " -s -p " + XlWords.shell(pool) + " -t " + c.tsliceNs() / Time.MS + " -r "
                + Time.wholeMicros(c.ratelimitNs(), "ratelimit"));
    }

    @Override
    public Optional<String> xlAdjustCommand() {
        return Optional.of(XL);
    }

    /**
     * {@code sched-credit -d DOM [-w W] [-c C]} (a domain's weight and cap) or {@code sched-credit -s [-p POOL]
     * [-t MS] [-r US]} (a pool's tslice and ratelimit), with xl's checks (xl_sched.c) and libxl's ranges (C1.33,
     * C1.34). Without {@code -p} the pool is the boot pool (null).
     */
    @Override
    public XlChange parseXl(List<String> args) {
        String dom = null;
        String pool = null;
        boolean schedparam = false;
        Long weight = null;
        Long cap = null;
        Long tsliceMs = null;
        Long ratelimitUs = null;
        for (XlOptions.Option o : XlOptions.parse(XL, args, "d:w:c:p:t:r:m:s", Map.of("domain", 'd', "weight", 'w',
                "cap", 'c', "schedparam", 's', "tslice_ms", 't', "ratelimit_us", 'r', "migration_delay_us", 'm',
                "cpupool", 'p'))) {
            switch (o.name()) {
                case 'd' -> dom = o.value();
                case 'w' -> weight = XlOptions.number(XL, 'w', o.value());
                case 'c' -> cap = XlOptions.number(XL, 'c', o.value());
                case 'p' -> pool = o.value();
                case 't' -> tsliceMs = XlOptions.number(XL, 't', o.value());
                case 'r' -> ratelimitUs = XlOptions.number(XL, 'r', o.value());
                case 's' -> schedparam = true;
                default -> throw new IllegalArgumentException(XL + " -m: rtxen does not model credit's migration delay");
            }
        }
        WEIGHT_CAP.checkOptions(dom, pool, schedparam, weight, cap, tsliceMs != null || ratelimitUs != null);
        if (schedparam) {
            if (tsliceMs == null && ratelimitUs == null) throw new IllegalArgumentException(XL + " -s without -t or -r changes nothing");
            Long t = tsliceMs == null ? null : tsliceMs * Time.MS;
            Long r = ratelimitUs == null ? null : ratelimitUs * Time.US;
            if (t != null && tsliceProblem(t) != null) throw new IllegalArgumentException("tslice " + tsliceProblem(t));
            if (r != null && WeightCapCodec.ratelimitProblem(r, "C1.34") != null) {
                throw new IllegalArgumentException("ratelimit " + WeightCapCodec.ratelimitProblem(r, "C1.34"));
            }
            return new XlChange.Pool(pool, current -> {
                CreditPoolParams c = (CreditPoolParams) current;
                CreditPoolParams next = new CreditPoolParams(t == null ? c.tsliceNs() : t, r == null ? c.ratelimitNs() : r);
                if (next.ratelimitNs() > next.tsliceNs()) {
                    throw new IllegalArgumentException(ratelimitAboveTslice(next.ratelimitNs(), next.tsliceNs()));
                }
                return next;
            });
        }
        return WEIGHT_CAP.domainChange(dom, weight, cap);
    }
}
