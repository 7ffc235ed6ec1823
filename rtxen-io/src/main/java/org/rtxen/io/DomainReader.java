package org.rtxen.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rtxen.engine.codec.SchedulerCodec;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Quoted;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.params.SchedParams;
import org.rtxen.sched.Schedulers;

/** Reads the {@code domains} list: pool membership, VCPUs, per-policy parameters, affinity and guest. */
final class DomainReader {
    /** The most VCPUs a domain may have: Xen's {@code HVM_MAX_VCPUS}. */
    static final int MAX_VCPUS = 128;
    /** The most guest domains: Xen's ids 1..0x7FEF, below {@code DOMID_FIRST_RESERVED} (xentrace spec, pitfall 14). */
    static final int MAX_GUESTS = 0x7FEF;
    /** A domain's keys: its own, and the parameter key of every policy that has domain parameters. */
    private static final String[] DOMAIN_KEYS = ScenarioReader.keys(
            List.of("name", "dom0", "pool", "vcpus", "affinity", "start", "guest"), SchedulerCodec::hasDomainParams);

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
        int guests = 0;
        for (YamlNode d : items) {
            DomainSpec spec = domain(d);
            if (!spec.control() && ++guests > MAX_GUESTS) {
                throw d.error(guests + " guest domains are more than Xen's domain ids hold (at most " + MAX_GUESTS
                        + ": ids 1.." + MAX_GUESTS + ", below the reserved ids from 0x7FF0)");
            }
            if (!names.add(spec.name())) throw d.require("name").error("domain name " + Quoted.of(spec.name()) + " is used twice");
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
        d.mapWithKeys(DOMAIN_KEYS);
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
        List<Integer> affinity = List.of();
        List<List<Integer>> perVcpu = List.of();
        YamlNode a = d.get("affinity");
        if (a != null && !a.items().isEmpty() && a.items().get(0).isList()) {
            perVcpu = perVcpuAffinity(a, pool, vcpus);
        } else if (a != null) {
            affinity = affinity(a, pool);
        }
        long start = 0;
        if (d.has("start")) {
            start = d.get("start").time();
            if (start < 0) throw d.get("start").error("must not be negative");
            if (control && start > 0) throw d.get("start").error("the control domain exists from boot");
        }
        GuestSpec guest = d.has("guest") ? GuestReader.guest(d.get("guest"), vcpus) : GuestSpec.IDLE;
        return new DomainSpec(name, control, pool.name(), vcpus, params, affinity, perVcpu, start, guest);
    }

    private PoolDraft pool(YamlNode d) {
        YamlNode node = d.get("pool");
        if (node == null) {
            if (pools.size() > 1) throw d.missing("pool", "required when there is more than one pool");
            return pools.values().iterator().next();
        }
        PoolDraft pool = pools.get(node.text());
        if (pool == null) {
            throw node.error("no pool is named " + Quoted.of(node.text()) + " (pools: " + String.join(", ", pools.keySet()) + ")");
        }
        return pool;
    }

    /** The parameters for the pool's scheduler; a key for another scheduler is an error, absence means Xen's defaults. */
    private static SchedParams params(YamlNode d, PoolDraft pool, int vcpus) {
        SchedulerCodec codec = Schedulers.codec(pool.scheduler());
        for (String key : Schedulers.names()) {
            if (d.has(key) && !key.equals(pool.scheduler())) {
                throw d.get(key).error("domain is in pool " + pool.name() + ", which runs " + pool.scheduler()
                        + (codec.hasDomainParams() ? "; give " + codec.name() + ": parameters instead"
                        : " (no per-domain parameters: " + codec.whyNoDomainParams() + ")"));
            }
        }
        YamlNode node = d.get(codec.name());
        return node == null ? codec.defaultDomain() : codec.readDomain(node, vcpus);
    }

    /** xl.cfg's list of lists: one pCPU list per VCPU, each checked like a domain-wide one. */
    private List<List<Integer>> perVcpuAffinity(YamlNode node, PoolDraft pool, int vcpus) {
        List<YamlNode> lists = node.items();
        if (lists.size() != vcpus) {
            throw node.error("give one pCPU list per VCPU: the domain has " + vcpus + " VCPU" + (vcpus == 1 ? "" : "s")
                    + ", the affinity " + lists.size() + " list" + (lists.size() == 1 ? "" : "s"));
        }
        List<List<Integer>> out = new ArrayList<>();
        for (YamlNode l : lists) {
            if (!l.isList()) throw l.error("expected a list of pCPUs, as for the other VCPUs");
            out.add(affinity(l, pool));
        }
        return out;
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
