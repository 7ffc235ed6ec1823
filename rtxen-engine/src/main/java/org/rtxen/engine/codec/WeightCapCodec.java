package org.rtxen.engine.codec;

import java.util.List;
import java.util.function.BiFunction;
import org.rtxen.model.Time;

/**
 * The weight-and-cap half of a proportional-share policy's codec: {@code domains[].NAME: {weight, cap}}, the
 * {@code xl CMD -d DOM -w W -c C} line, xl's checks on which options a run-time {@code xl CMD} may combine
 * (xl_sched.c) and libxl's ranges; plus the ratelimit range both such policies share. The policy passes its command,
 * its records' constructor and the rule numbers its messages cite.
 */
public final class WeightCapCodec {
    private final String xl;
    private final int maxWeight;
    private final String weightRule;
    private final String capRule;
    private final WeightCap defaults;
    private final BiFunction<Integer, Integer, WeightCap> make;

    /**
     * A codec half for one policy.
     *
     * @param xl         the xl subcommand ({@code sched-credit})
     * @param maxWeight  the largest weight libxl accepts
     * @param weightRule the rule a weight outside 1..maxWeight breaks, for messages ({@code C1.33})
     * @param capRule    the rule a cap outside 0..100 per VCPU breaks, for messages
     * @param defaults   the parameters of a domain that gives none
     * @param make       the policy's record from a weight and a cap
     */
    public WeightCapCodec(String xl, int maxWeight, String weightRule, String capRule, WeightCap defaults,
            BiFunction<Integer, Integer, WeightCap> make) {
        this.xl = xl;
        this.maxWeight = maxWeight;
        this.weightRule = weightRule;
        this.capRule = capRule;
        this.defaults = defaults;
        this.make = make;
    }

    /** {@code {weight, cap}}: weight 1..maxWeight and cap 0..100 per VCPU, each defaulting to {@code defaults}. */
    public WeightCap read(ParamNode node, int vcpus) {
        node.mapWithKeys("weight", "cap");
        int weight = node.has("weight") ? (int) node.get("weight").integer(1, maxWeight) : defaults.weight();
        int cap = node.has("cap") ? (int) node.get("cap").integer(0, 100L * vcpus) : defaults.cap();
        return make.apply(weight, cap);
    }

    /** Both values, always. */
    public ParamTree write(WeightCap p) {
        return new ParamTree().integer("weight", p.weight()).integer("cap", p.cap());
    }

    /** The one {@code xl CMD -d DOM -w W -c C} line that sets both values. */
    public List<String> xlDomain(String domain, WeightCap p) {
        return List.of("xl " + xl + " -d " + XlWords.shell(domain) + " -w " + p.weight() + " -c " + p.cap());
    }

    /**
     * xl's refusals of a command mixing domain and pool options, naming no domain for {@code -w}/{@code -c}, or
     * giving pool values without {@code -s}.
     *
     * @param poolValues whether any pool value ({@code -t}, {@code -r}) was given
     */
    public void checkOptions(String dom, String pool, boolean schedparam, Long weight, Long cap, boolean poolValues) {
        if ((pool != null || schedparam) && (dom != null || weight != null || cap != null)) {
            throw new IllegalArgumentException("Specifying a cpupool or schedparam is not allowed with domain options.");
        }
        if (dom == null && (weight != null || cap != null)) throw new IllegalArgumentException("Must specify a domain.");
        if (!schedparam && poolValues) {
            throw new IllegalArgumentException("Must specify schedparam to set schedule parameter values.");
        }
    }

    /**
     * The domain change of {@code xl CMD -d DOM [-w W] [-c C]} after {@link #checkOptions}: the weight is checked now,
     * the cap when applied (its range depends on the domain's VCPUs); a value not given is kept.
     */
    public XlChange domainChange(String dom, Long weight, Long cap) {
        if (dom == null) throw new IllegalArgumentException(xl + " without -d or -s changes nothing");
        if (weight == null && cap == null) throw new IllegalArgumentException(xl + " -d without -w or -c changes nothing");
        if (weight != null && (weight < 1 || weight > maxWeight)) {
            throw new IllegalArgumentException("weight " + weight + " is out of range 1.." + maxWeight + " (" + weightRule + ")");
        }
        return new XlChange.Domain(dom, (current, vcpus) -> {
            WeightCap p = (WeightCap) current;
            if (cap != null && (cap < 0 || cap > 100L * vcpus)) {
                throw new IllegalArgumentException("cap " + cap + " is out of range 0.." + 100L * vcpus + " (" + capRule + ")");
            }
            return make.apply(weight == null ? p.weight() : weight.intValue(), cap == null ? p.cap() : cap.intValue());
        });
    }

    /**
     * The ratelimit field {@code r} (absent: null) in nanoseconds, checked by {@link #ratelimitProblem}.
     *
     * @param absent the value when {@code r} is null
     * @param rule   the rule cited in the message
     */
    public static long readRatelimit(ParamNode r, long absent, String rule) {
        if (r == null) return absent;
        long ns = r.time();
        String bad = ratelimitProblem(ns, rule);
        if (bad != null) throw r.error(bad);
        return ns;
    }

    /**
     * What is wrong with a ratelimit of {@code ns} (0, or whole microseconds in 100us..500ms), or null when fine.
     *
     * @param rule the rule cited in the message
     */
    public static String ratelimitProblem(long ns, String rule) {
        return ns % Time.US != 0 || ns != 0 && (ns < 100 * Time.US || ns > 500 * Time.MS)
                ? "must be 0 or a whole number of microseconds in 100us..500ms (" + rule + ")" : null;
    }
}
