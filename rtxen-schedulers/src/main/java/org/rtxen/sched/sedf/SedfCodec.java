package org.rtxen.sched.sedf;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rtxen.engine.codec.ParamNode;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.engine.codec.SchedulerCodec;
import org.rtxen.engine.codec.XlChange;
import org.rtxen.engine.codec.XlOptions;
import org.rtxen.engine.codec.XlWords;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Time;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * SEDF's parameters outside the simulation: {@code domains[].sedf: {period, slice, latency, extratime, weight}} and
 * {@code xl sched-sedf -d DOM [-p MS] [-s MS] [-l MS] [-e 0|1] [-w W]} (S5.12; milliseconds, as libxl multiplied them
 * by 10^6). SEDF has no pool parameters.
 */
public final class SedfCodec implements SchedulerCodec {
    private static final String XL = "sched-sedf";

    @Override
    public String name() {
        return "sedf";
    }

    @Override
    public SchedParams defaultDomain() {
        return SedfParams.DEFAULTS;
    }

    /**
     * A time-driven reservation ({@code period} and {@code slice}), a {@code weight}, or neither (weight 1, the best
     * effort every VCPU starts with, S5.4); {@code extratime} defaults to on, as every new VCPU starts EXTRA_AWARE.
     * Checked as Xen's adjust does (S5.5).
     */
    @Override
    public SchedParams readDomain(ParamNode node, int vcpus) {
        node.mapWithKeys("period", "slice", "latency", "extratime", "weight");
        boolean extratime = !node.has("extratime") || node.get("extratime").bool();
        long latency = node.has("latency") ? nonNegative(node.get("latency")) : 0;
        if (node.has("weight")) {
            ParamNode w = node.get("weight");
            for (String k : List.of("period", "slice")) {
                if (node.has(k)) throw node.get(k).error("give either a weight or a period and slice, not both (xl's -w clears them)");
            }
            return new SedfParams(0, 0, latency, extratime, (int) w.integer(1, Integer.MAX_VALUE));
        }
        if (!node.has("period")) {
            if (node.has("slice")) throw node.missing("period", "a slice needs a period");
            return new SedfParams(0, 0, latency, extratime, SedfParams.DEFAULTS.weight()); // xl's -w 1: the start state
        }
        ParamNode p = node.get("period");
        long period = p.positiveTime();
        ParamNode s = node.get("slice");
        if (s == null) throw node.missing("slice", "a period needs a slice");
        long slice = s.positiveTime();
        String problem = timeDrivenProblem(period, slice);
        if (problem != null) throw (problem.startsWith("period") ? p : s).error(problem);
        return new SedfParams(period, slice, latency, extratime, 0);
    }

    private static long nonNegative(ParamNode n) {
        long ns = n.time();
        if (ns < 0) throw n.error("must not be negative");
        return ns;
    }

    /** Xen's checks on a time-driven VCPU (S5.5): 10 us &lt;= period &lt;= 10 s, 5 us &lt;= slice &lt;= period; null when fine. */
    static String timeDrivenProblem(long period, long slice) {
        if (period < SedfParams.PERIOD_MIN_NS || period > SedfParams.PERIOD_MAX_NS) {
            return "period " + Time.format(period) + " is outside Xen's 10us..10s (S5.4)";
        }
        if (slice < SedfParams.SLICE_MIN_NS || slice > period) {
            return "slice " + Time.format(slice) + " is outside Xen's 5us..period " + Time.format(period) + " (S5.5)";
        }
        return null;
    }

    /** Every value, or nothing for the best-effort defaults. */
    @Override
    public ParamTree writeDomain(SchedParams params) {
        SedfParams s = (SedfParams) params;
        ParamTree t = new ParamTree();
        if (s.equals(SedfParams.DEFAULTS)) return t;
        if (s.weight() > 0) {
            t.integer("weight", s.weight());
        } else if (s.sliceNs() > 0) {
            t.time("period", s.periodNs()).time("slice", s.sliceNs());
        }
        return t.time("latency", s.latencyNs()).bool("extratime", s.extratime());
    }

    @Override
    public boolean hasPoolParams() {
        return false;
    }

    @Override
    public PoolParams defaultPool() {
        return new PoolParams.None();
    }

    @Override
    public PoolParams readPool(ParamNode node, String pool, Map<String, DomainSpec> domains) {
        throw node.error("sedf has no pool parameters");
    }

    @Override
    public ParamTree writePool(PoolParams params) {
        return new ParamTree();
    }

    /** One {@code xl sched-sedf} for the domain (S5.12), in whole milliseconds. */
    @Override
    public List<String> xlDomain(String domain, int vcpus, SchedParams params) {
        SedfParams s = (SedfParams) params;
        String common = " -l " + wholeMillis(s.latencyNs(), "latency") + " -e " + (s.extratime() ? 1 : 0);
        String dom = "xl " + XL + " -d " + XlWords.shell(domain);
        if (s.weight() > 0) return List.of(dom + " -w " + s.weight() + common);
        return List.of(dom + " -p " + wholeMillis(s.periodNs(), "period") + " -s " + wholeMillis(s.sliceNs(), "slice")
                + common);
    }

    private static long wholeMillis(long ns, String what) {
        if (ns % Time.MS != 0) throw new IllegalArgumentException(what + " " + Time.format(ns) + " is not whole milliseconds, as xl sched-sedf takes");
        return ns / Time.MS;
    }

    @Override
    public Optional<String> xlAdjustCommand() {
        return Optional.of(XL);
    }

    /**
     * {@code sched-sedf -d DOM [-p MS] [-s MS] [-l MS] [-e 0|1] [-w W]} (S5.12): unspecified values keep the domain's
     * current ones; {@code -w} clears period and slice, {@code -p} or {@code -s} clear the weight; the result is
     * checked as Xen's adjust checks it (S5.5).
     */
    @Override
    public XlChange parseXl(List<String> args) {
        String dom = null;
        Long period = null;
        Long slice = null;
        Long latency = null;
        Boolean extratime = null;
        Long weight = null;
        for (XlOptions.Option o : XlOptions.parse(XL, args, "d:p:s:l:e:w:", Map.of("domain", 'd', "period", 'p',
                "slice", 's', "latency", 'l', "extratime", 'e', "weight", 'w'))) {
            switch (o.name()) {
                case 'd' -> dom = o.value();
                case 'p' -> period = XlOptions.number(XL, 'p', o.value()) * Time.MS;
                case 's' -> slice = XlOptions.number(XL, 's', o.value()) * Time.MS;
                case 'l' -> latency = XlOptions.number(XL, 'l', o.value()) * Time.MS;
                case 'e' -> {
                    if (!o.value().equals("0") && !o.value().equals("1")) throw new IllegalArgumentException("-e takes 0 or 1");
                    extratime = o.value().equals("1");
                }
                default -> weight = XlOptions.number(XL, 'w', o.value());
            }
        }
        if (dom == null) throw new IllegalArgumentException(XL + " needs -d DOMAIN to change anything");
        if (weight != null && (period != null || slice != null)) {
            throw new IllegalArgumentException("-w cannot be combined with -p or -s (xl clears the one with the other)");
        }
        Long p = period;
        Long s = slice;
        Long l = latency;
        Boolean e = extratime;
        Long w = weight;
        return new XlChange.Domain(dom, (current, vcpus) -> {
            SedfParams c = (SedfParams) current;
            boolean weighted = w != null || (p == null && s == null && c.weight() > 0);
            long newPeriod = weighted ? 0 : p != null ? p : c.periodNs();
            long newSlice = weighted ? 0 : s != null ? s : c.sliceNs();
            int newWeight = w != null ? w.intValue() : weighted ? c.weight() : 0;
            boolean newExtra = e != null ? e : c.extratime();
            if (newWeight < 0) throw new IllegalArgumentException("weight " + newWeight + " must not be negative");
            if (!weighted) {
                String problem = timeDrivenProblem(newPeriod, newSlice);
                if (problem != null) throw new IllegalArgumentException(problem + ": Invalid argument");
            }
            if (weighted && newWeight == 0) throw new IllegalArgumentException("period and weight both 0: Invalid argument (S5.5)");
            return new SedfParams(newPeriod, newSlice, l != null ? l : c.latencyNs(), newExtra, newWeight);
        });
    }
}
