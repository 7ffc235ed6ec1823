package org.rtxen.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.SchedulerKind;
import org.rtxen.model.Time;
import org.rtxen.model.params.Arinc653Schedule;
import org.rtxen.model.params.Arinc653Slot;
import org.rtxen.model.params.CreditPoolParams;
import org.rtxen.model.params.PoolParams;

/**
 * Reads a scenario YAML file (the format of docs/scenario.md) into a validated {@link Scenario}. Every problem is an
 * {@link InputException} that names the file, the line and the field path, e.g.
 * {@code two.yaml:14: domains[1].rtds.budget: budget 12ms exceeds period 10ms}.
 */
public final class ScenarioReader {
    /** The most pCPUs a host may have: a sanity bound of rtxen's, above any machine Xen's scheduling papers use. */
    public static final int MAX_PCPUS = 4096;
    /** Name of the pool rtxen creates when a scenario has no {@code pools} key, as Xen names its boot pool. */
    public static final String DEFAULT_POOL = "Pool-0";
    /** The name that makes a domain the control domain even without {@code dom0: true}. */
    public static final String CONTROL_DOMAIN_NAME = "Domain-0";
    /** ARINC653 allows at most this many schedule entries ({@code ARINC653_MAX_DOMAINS_PER_SCHEDULE}, A3.1). */
    public static final int MAX_ARINC653_SLOTS = 64;

    private ScenarioReader() {}

    /**
     * Reads and validates a scenario file.
     *
     * @throws InputException when the file is missing, unreadable, malformed or inconsistent
     */
    public static Scenario read(Path file) {
        String name = file.toString();
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(name, null, 0, "no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(name, null, 0, "permission denied");
        } catch (CharacterCodingException e) {
            throw new InputException(name, null, 0, "not UTF-8 text");
        } catch (IOException e) {
            throw new InputException(name, null, 0,
                    Files.isDirectory(file) ? "is a directory, not a scenario file" : "cannot read: " + e.getMessage());
        }
        return parse(yaml, name);
    }

    /**
     * Parses and validates scenario text.
     *
     * @param yaml   the YAML document
     * @param source the name used in error messages, usually the file name
     * @throws InputException when the text is malformed or inconsistent
     */
    public static Scenario parse(String yaml, String source) {
        return scenario(YamlNode.parse(yaml, source));
    }

    private static Scenario scenario(YamlNode root) {
        root.mapWithKeys("duration", "seed", "host", "overheads", "pools", "domains");
        long duration = positiveTime(root.require("duration"));
        long seed = root.has("seed") ? root.get("seed").integer(Long.MIN_VALUE, Long.MAX_VALUE) : 0;
        HostSpec host = host(root.require("host"));
        Overheads overheads = root.has("overheads") ? overheads(root.get("overheads")) : Overheads.NONE;
        List<PoolDraft> pools = root.has("pools") ? pools(root.get("pools"), host) : List.of(defaultPool(host));
        List<DomainSpec> domains = new DomainReader(host, pools).domains(root.require("domains"));
        List<PoolSpec> poolSpecs = new ArrayList<>();
        for (PoolDraft p : pools) poolSpecs.add(new PoolSpec(p.name(), p.kind(), p.pcpus(), poolParams(p, domains)));
        return new Scenario(duration, seed, host, poolSpecs, domains, overheads);
    }

    private static HostSpec host(YamlNode node) {
        node.mapWithKeys("pcpus", "sockets", "cores", "threads");
        if (node.has("pcpus")) {
            for (String k : List.of("sockets", "cores", "threads")) {
                if (node.has(k)) throw node.get(k).error("give either pcpus or sockets/cores/threads, not both");
            }
            return HostSpec.flat((int) node.get("pcpus").integer(1, MAX_PCPUS));
        }
        if (!node.has("sockets") && !node.has("cores") && !node.has("threads")) {
            throw node.error("give pcpus: N, or sockets, cores and threads");
        }
        int sockets = dimension(node, "sockets");
        int cores = dimension(node, "cores");
        int threads = dimension(node, "threads");
        if ((long) sockets * cores * threads > MAX_PCPUS) {
            throw node.error(sockets + " x " + cores + " x " + threads + " pCPUs exceed the limit of " + MAX_PCPUS);
        }
        return new HostSpec(sockets, cores, threads);
    }

    private static int dimension(YamlNode host, String key) {
        return host.has(key) ? (int) host.get(key).integer(1, MAX_PCPUS) : 1;
    }

    private static Overheads overheads(YamlNode node) {
        node.mapWithKeys("schedule", "context_switch", "migration");
        return new Overheads(cost(node, "schedule"), cost(node, "context_switch"), cost(node, "migration"));
    }

    private static long cost(YamlNode overheads, String key) {
        YamlNode n = overheads.get(key);
        if (n == null) return 0;
        long ns = n.time();
        if (ns < 0) throw n.error("must not be negative");
        return ns;
    }

    private static PoolDraft defaultPool(HostSpec host) {
        List<Integer> all = new ArrayList<>();
        for (int c = 0; c < host.pcpus(); c++) all.add(c);
        return new PoolDraft(null, DEFAULT_POOL, SchedulerKind.RTDS, all);
    }

    private static List<PoolDraft> pools(YamlNode node, HostSpec host) {
        List<YamlNode> items = node.items();
        if (items.isEmpty()) throw node.error("list at least one pool, or leave pools out for one rtds pool");
        List<PoolDraft> pools = new ArrayList<>();
        Map<Integer, String> owner = new HashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (YamlNode p : items) {
            p.mapWithKeys("name", "scheduler", "pcpus", "credit", "arinc653");
            YamlNode nameNode = p.require("name");
            String name = nameNode.text();
            if (!names.add(name)) throw nameNode.error("pool name '" + name + "' is used twice");
            SchedulerKind kind = schedulerKind(p.require("scheduler"));
            List<Integer> pcpus;
            if (p.has("pcpus")) {
                pcpus = pcpuList(p.get("pcpus"), host);
            } else if (items.size() == 1) {
                pcpus = defaultPool(host).pcpus();
            } else {
                throw p.missing("pcpus", "required when there is more than one pool");
            }
            for (int i = 0; i < pcpus.size(); i++) {
                String other = owner.putIfAbsent(pcpus.get(i), name);
                if (other != null) {
                    throw p.get("pcpus").items().get(i).error("pCPU " + pcpus.get(i) + " is already in pool " + other);
                }
            }
            for (SchedulerKind k : SchedulerKind.values()) {
                String key = k.xenName();
                if (p.has(key) && k != kind) {
                    throw p.get(key).error("pool " + name + " runs " + kind.xenName() + ", so " + key
                            + " parameters do not apply");
                }
            }
            pools.add(new PoolDraft(p, name, kind, pcpus));
        }
        return pools;
    }

    private static SchedulerKind schedulerKind(YamlNode node) {
        String name = node.text();
        return SchedulerKind.byXenName(name).orElseThrow(() -> node.error("unknown scheduler '" + name
                + "' (known: " + Arrays.stream(SchedulerKind.values()).map(SchedulerKind::xenName)
                .collect(Collectors.joining(", ")) + ")"));
    }

    /** A non-empty list of distinct pCPU ids of the host. */
    static List<Integer> pcpuList(YamlNode node, HostSpec host) {
        List<YamlNode> items = node.items();
        if (items.isEmpty()) throw node.error("list at least one pCPU");
        List<Integer> ids = new ArrayList<>();
        for (YamlNode item : items) {
            long id = item.integer(Long.MIN_VALUE, Long.MAX_VALUE);
            if (id < 0 || id >= host.pcpus()) {
                throw item.error("pCPU " + id + " does not exist (the host has pCPUs 0.." + (host.pcpus() - 1) + ")");
            }
            if (ids.contains((int) id)) throw item.error("pCPU " + id + " is listed twice");
            ids.add((int) id);
        }
        return ids;
    }

    private static PoolParams poolParams(PoolDraft pool, List<DomainSpec> domains) {
        return switch (pool.kind()) {
            case RTDS -> new PoolParams.None();
            case CREDIT -> pool.node().has("credit") ? creditPool(pool.node().get("credit")) : CreditPoolParams.DEFAULTS;
            // Without a table the scheduler keeps Xen's boot table of control-domain slots (A3.3).
            case ARINC653 -> pool.node().has("arinc653") ? arinc653(pool.node().get("arinc653"), pool.name(), domains)
                    : new PoolParams.None();
        };
    }

    /** Credit's pool-wide tslice (whole ms, 1..1000) and ratelimit (whole us, 0 or 100..500000, at most tslice): C1.34. */
    private static CreditPoolParams creditPool(YamlNode node) {
        node.mapWithKeys("tslice", "ratelimit");
        long tslice = CreditPoolParams.DEFAULTS.tsliceNs();
        YamlNode t = node.get("tslice");
        if (t != null) {
            tslice = t.time();
            if (tslice % Time.MS != 0 || tslice < Time.MS || tslice > 1000 * Time.MS) {
                throw t.error("must be a whole number of milliseconds in 1ms..1000ms (Xen's tslice_ms, C1.34)");
            }
        }
        long ratelimit = CreditPoolParams.DEFAULTS.ratelimitNs();
        YamlNode r = node.get("ratelimit");
        if (r != null) {
            ratelimit = r.time();
            if (ratelimit % Time.US != 0 || ratelimit != 0 && (ratelimit < 100 * Time.US || ratelimit > 500 * Time.MS)) {
                throw r.error("must be 0 or a whole number of microseconds in 100us..500ms (C1.34)");
            }
        }
        if (ratelimit > tslice) {
            throw (r != null ? r : node).error("ratelimit " + Time.format(ratelimit) + " exceeds tslice "
                    + Time.format(tslice) + " (C1.34)");
        }
        return new CreditPoolParams(tslice, ratelimit);
    }

    /** An explicit ARINC653 table; its major frame defaults to the sum of the runtimes, as a653_sched does (A3.8). */
    private static Arinc653Schedule arinc653(YamlNode node, String pool, List<DomainSpec> domains) {
        node.mapWithKeys("major_frame", "slots");
        YamlNode slotsNode = node.require("slots");
        List<YamlNode> items = slotsNode.items();
        if (items.isEmpty() || items.size() > MAX_ARINC653_SLOTS) {
            throw slotsNode.error("needs 1.." + MAX_ARINC653_SLOTS + " slots, not " + items.size() + " (A3.2)");
        }
        Map<String, DomainSpec> byName = new HashMap<>();
        for (DomainSpec d : domains) byName.put(d.name(), d);
        List<Arinc653Slot> slots = new ArrayList<>();
        long sum = 0;
        for (YamlNode s : items) {
            s.mapWithKeys("domain", "vcpu", "runtime");
            YamlNode domainNode = s.require("domain");
            DomainSpec d = byName.get(domainNode.text());
            if (d == null) throw domainNode.error("no domain is named '" + domainNode.text() + "'");
            if (!d.pool().equals(pool)) {
                throw domainNode.error("domain " + d.name() + " is in pool " + d.pool() + ", not " + pool);
            }
            int vcpu = 0;
            if (s.has("vcpu")) {
                YamlNode v = s.get("vcpu");
                vcpu = (int) v.integer(0, Integer.MAX_VALUE);
                if (vcpu >= d.vcpus()) {
                    throw v.error("domain " + d.name() + " has no VCPU " + vcpu + " (it has " + d.vcpus() + ")");
                }
            }
            long runtime = positiveTime(s.require("runtime"));
            sum = Math.addExact(sum, runtime);
            slots.add(new Arinc653Slot(d.name(), vcpu, runtime));
        }
        long frame = sum;
        if (node.has("major_frame")) {
            YamlNode f = node.get("major_frame");
            frame = positiveTime(f);
            if (sum > frame) {
                throw slotsNode.error("runtimes add up to " + Time.format(sum) + ", more than the major frame "
                        + Time.format(frame) + " (A3.2)");
            }
        }
        return new Arinc653Schedule(frame, slots);
    }

    /** A time that must be above zero. */
    static long positiveTime(YamlNode node) {
        long ns = node.time();
        if (ns <= 0) throw node.error("must be positive, not " + node.text());
        return ns;
    }
}
