package org.rtxen.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.SchedulerKind;
import org.rtxen.model.Time;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.params.Arinc653Params;
import org.rtxen.model.params.CreditParams;
import org.rtxen.model.params.RtdsParams;
import org.rtxen.model.params.RtdsVcpuParams;
import org.rtxen.model.params.SchedParams;

/** Reads the {@code domains} list: pool membership, VCPUs, per-policy parameters, affinity and guest. */
final class DomainReader {
    /** The most VCPUs a domain may have: Xen's {@code HVM_MAX_VCPUS}. */
    static final int MAX_VCPUS = 128;
    /** RTDS's largest period: the hypercall carries microseconds in 32 bits (R35). */
    static final long RTDS_MAX_PERIOD_NS = 0xFFFF_FFFFL * Time.US;
    /** Credit's weight range, checked by libxl (C1.33). */
    static final int CREDIT_MAX_WEIGHT = 65535;

    private final HostSpec host;
    private final Map<String, PoolDraft> pools = new LinkedHashMap<>();

    DomainReader(HostSpec host, List<PoolDraft> pools) {
        this.host = host;
        for (PoolDraft p : pools) this.pools.put(p.name(), p);
    }

    /** Reads and cross-checks every domain. */
    List<DomainSpec> domains(YamlNode node) {
        List<YamlNode> items = node.items();
        if (items.isEmpty()) throw node.error("list at least one domain");
        List<DomainSpec> domains = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String control = null;
        for (YamlNode d : items) {
            DomainSpec spec = domain(d);
            if (!names.add(spec.name())) throw d.require("name").error("domain name '" + spec.name() + "' is used twice");
            if (spec.control()) {
                if (control != null) {
                    throw d.error("only one control domain is allowed, and " + control + " already is one");
                }
                control = spec.name();
            }
            domains.add(spec);
        }
        return domains;
    }

    private DomainSpec domain(YamlNode d) {
        d.mapWithKeys("name", "dom0", "pool", "vcpus", "rtds", "credit", "affinity", "guest");
        String name = d.require("name").text();
        boolean control = ScenarioReader.CONTROL_DOMAIN_NAME.equals(name);
        if (d.has("dom0")) {
            boolean flag = d.get("dom0").bool();
            if (control && !flag) throw d.get("dom0").error(name + " is always the control domain");
            control = flag;
        }
        PoolDraft pool = pool(d);
        int vcpus = d.has("vcpus") ? (int) d.get("vcpus").integer(1, MAX_VCPUS) : 1;
        SchedParams params = params(d, pool, vcpus);
        List<Integer> affinity = d.has("affinity") ? affinity(d.get("affinity"), pool) : List.of();
        GuestSpec guest = d.has("guest") ? GuestReader.guest(d.get("guest"), vcpus) : GuestSpec.IDLE;
        return new DomainSpec(name, control, pool.name(), vcpus, params, affinity, guest);
    }

    private PoolDraft pool(YamlNode d) {
        YamlNode node = d.get("pool");
        if (node == null) {
            if (pools.size() > 1) throw d.missing("pool", "required when there is more than one pool");
            return pools.values().iterator().next();
        }
        PoolDraft pool = pools.get(node.text());
        if (pool == null) {
            throw node.error("no pool is named '" + node.text() + "' (pools: " + String.join(", ", pools.keySet()) + ")");
        }
        return pool;
    }

    /** The parameters for the pool's scheduler; a key for another scheduler is an error, absence means Xen's defaults. */
    private static SchedParams params(YamlNode d, PoolDraft pool, int vcpus) {
        for (SchedulerKind k : SchedulerKind.values()) {
            String key = k.xenName();
            if (d.has(key) && k != pool.kind()) {
                throw d.get(key).error("domain is in pool " + pool.name() + ", which runs " + pool.kind().xenName()
                        + (pool.kind() == SchedulerKind.ARINC653
                        ? " (no per-domain parameters: time comes from the pool's slots, A3.5)"
                        : "; give " + pool.kind().xenName() + ": parameters instead"));
            }
        }
        return switch (pool.kind()) {
            case RTDS -> d.has("rtds") ? rtds(d.get("rtds"), vcpus) : RtdsParams.DEFAULTS;
            case CREDIT -> d.has("credit") ? credit(d.get("credit"), vcpus) : CreditParams.DEFAULTS;
            case ARINC653 -> new Arinc653Params();
        };
    }

    /** Domain-wide RTDS period, budget and extratime (Xen's defaults where absent, R34) and per-VCPU overrides. */
    private static RtdsParams rtds(YamlNode node, int vcpus) {
        node.mapWithKeys("period", "budget", "extratime", "vcpus");
        RtdsVcpuParams all = rtdsValues(node, new RtdsVcpuParams(-1, RtdsParams.DEFAULT_PERIOD_NS,
                RtdsParams.DEFAULT_BUDGET_NS, RtdsParams.DEFAULTS.extratime()), "Xen's default ");
        List<RtdsVcpuParams> overrides = new ArrayList<>();
        if (node.has("vcpus")) {
            Set<Integer> seen = new HashSet<>();
            for (YamlNode v : node.get("vcpus").items()) {
                v.mapWithKeys("id", "period", "budget", "extratime");
                YamlNode idNode = v.require("id");
                int id = (int) idNode.integer(0, Integer.MAX_VALUE);
                if (id >= vcpus) throw idNode.error("the domain has no VCPU " + id + " (it has " + vcpus + ")");
                if (!seen.add(id)) throw idNode.error("VCPU " + id + " is given twice");
                RtdsVcpuParams p = rtdsValues(v, all, "the domain's ");
                overrides.add(new RtdsVcpuParams(id, p.periodNs(), p.budgetNs(), p.extratime()));
            }
        }
        return new RtdsParams(all.periodNs(), all.budgetNs(), all.extratime(), overrides);
    }

    /**
     * Reads period, budget and extratime from {@code node}, taking absent ones from {@code inherited}, and applies
     * Xen's checks: 10 us &lt;= budget &lt;= period &lt;= 2^32-1 us (R35, R36).
     */
    private static RtdsVcpuParams rtdsValues(YamlNode node, RtdsVcpuParams inherited, String inheritedFrom) {
        YamlNode periodNode = node.get("period");
        YamlNode budgetNode = node.get("budget");
        long period = periodNode == null ? inherited.periodNs() : rtdsTime(periodNode, RTDS_MAX_PERIOD_NS);
        long budget = budgetNode == null ? inherited.budgetNs() : rtdsTime(budgetNode, RTDS_MAX_PERIOD_NS);
        if (budget > period) {
            String b = (budgetNode == null ? inheritedFrom : "") + "budget " + Time.format(budget);
            String p = (periodNode == null ? inheritedFrom : "") + "period " + Time.format(period);
            throw (budgetNode != null ? budgetNode : node).error(b + " exceeds " + p + " (R36)");
        }
        boolean extratime = node.has("extratime") ? node.get("extratime").bool() : inherited.extratime();
        return new RtdsVcpuParams(inherited.vcpu(), period, budget, extratime);
    }

    private static long rtdsTime(YamlNode node, long max) {
        long ns = ScenarioReader.positiveTime(node);
        if (ns < RtdsParams.MIN_NS) throw node.error(node.text() + " is below Xen's minimum of 10us (R36)");
        if (ns > max) throw node.error(node.text() + " exceeds Xen's maximum of " + Time.format(max) + " (R35)");
        return ns;
    }

    /** Credit weight 1..65535 and cap 0..100 per VCPU, as libxl checks them (C1.33). */
    private static CreditParams credit(YamlNode node, int vcpus) {
        node.mapWithKeys("weight", "cap");
        int weight = node.has("weight") ? (int) node.get("weight").integer(1, CREDIT_MAX_WEIGHT)
                : CreditParams.DEFAULTS.weight();
        int cap = node.has("cap") ? (int) node.get("cap").integer(0, 100L * vcpus) : CreditParams.DEFAULTS.cap();
        return new CreditParams(weight, cap);
    }

    private List<Integer> affinity(YamlNode node, PoolDraft pool) {
        List<Integer> ids = ScenarioReader.pcpuList(node, host);
        for (int i = 0; i < ids.size(); i++) {
            if (!pool.pcpus().contains(ids.get(i))) {
                throw node.items().get(i).error("pCPU " + ids.get(i) + " is not in the domain's pool " + pool.name()
                        + " (its pCPUs: " + pool.pcpus() + ")");
            }
        }
        return ids;
    }
}
