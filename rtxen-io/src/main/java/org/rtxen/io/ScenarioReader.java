package org.rtxen.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.rtxen.engine.codec.SchedulerCodec;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Quoted;
import org.rtxen.model.Scenario;
import org.rtxen.model.command.Command;
import org.rtxen.model.params.PoolParams;
import org.rtxen.sched.Schedulers;

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
    /** The policy of the pool rtxen creates when a scenario has no {@code pools} key. */
    public static final String DEFAULT_SCHEDULER = "rtds";
    /** The name that makes a domain the control domain even without {@code dom0: true}. */
    public static final String CONTROL_DOMAIN_NAME = "Domain-0";

    /** The keys of a pool: its own, and the parameter key of every policy that has pool parameters. */
    private static final String[] POOL_KEYS = keys(List.of("name", "scheduler", "pcpus"), SchedulerCodec::hasPoolParams);

    private ScenarioReader() {}

    /** The base keys followed by the name of every registered policy that passes {@code takes}. */
    static String[] keys(List<String> base, Predicate<SchedulerCodec> takes) {
        List<String> keys = new ArrayList<>(base);
        for (Schedulers.Policy p : Schedulers.all()) {
            if (takes.test(p.codec())) keys.add(p.name());
        }
        return keys.toArray(String[]::new);
    }

    /**
     * Reads and validates a scenario file.
     *
     * @throws InputException when the file is missing, unreadable, malformed or inconsistent
     */
    public static Scenario read(Path file) {
        String name = file.toString();
        String yaml = InputFiles.text(file);
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

    /**
     * Validates a scenario given as a Jackson tree, as {@link #parse} validates the tree written out as YAML, with the
     * same messages less their line numbers.
     *
     * @param tree   the scenario's tree
     * @param source the name used in error messages
     * @throws InputException when the scenario is inconsistent
     */
    public static Scenario parse(JsonNode tree, String source) {
        if (tree.isNull() || tree.isMissingNode()) throw new InputException(source, null, 0, "the file is empty");
        return scenario(YamlNode.of(tree, source, ""));
    }

    private static Scenario scenario(YamlNode root) {
        root.mapWithKeys("duration", "seed", "host", "overheads", "pools", "domains", "commands");
        long duration = positiveTime(root.require("duration"));
        long seed = root.has("seed") ? root.get("seed").integer(Long.MIN_VALUE, Long.MAX_VALUE) : 0;
        HostSpec host = host(root.require("host"));
        Overheads overheads = root.has("overheads") ? overheads(root.get("overheads")) : Overheads.NONE;
        List<PoolDraft> pools = root.has("pools") ? pools(root.get("pools"), host) : List.of(defaultPool(host));
        List<DomainSpec> domains = new DomainReader(host, pools).domains(root.require("domains"));
        List<PoolSpec> poolSpecs = new ArrayList<>();
        Map<String, DomainSpec> domainsByName = DomainSpec.byName(domains);
        for (PoolDraft p : pools) {
            poolSpecs.add(new PoolSpec(p.name(), p.scheduler(), p.pcpus(), poolParams(p, domainsByName)));
        }
        List<Command> commands = root.has("commands")
                ? new CommandReader(host, duration, poolSpecs, domains).commands(root.get("commands")) : List.of();
        return new Scenario(duration, seed, host, poolSpecs, domains, overheads, commands);
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
        return new PoolDraft(null, DEFAULT_POOL, DEFAULT_SCHEDULER, all);
    }

    private static List<PoolDraft> pools(YamlNode node, HostSpec host) {
        List<YamlNode> items = node.items();
        if (items.isEmpty()) throw node.error("list at least one pool, or leave pools out for one rtds pool");
        List<PoolDraft> pools = new ArrayList<>();
        Map<Integer, String> owner = new HashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (YamlNode p : items) {
            p.mapWithKeys(POOL_KEYS);
            YamlNode nameNode = p.require("name");
            String name = nameNode.text();
            if (!names.add(name)) throw nameNode.error("pool name " + Quoted.of(name) + " is used twice");
            // A bare `scheduler: null` is YAML's null, not the name: read the word as written (the null scheduler).
            String scheduler = scheduler(p.has("scheduler") || p.bareNull("scheduler") == null
                    ? p.require("scheduler") : p.bareNull("scheduler"));
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
            for (String key : Schedulers.names()) {
                if (p.has(key) && !key.equals(scheduler)) {
                    throw p.get(key).error("pool " + name + " runs " + scheduler + ", so " + key
                            + " parameters do not apply");
                }
            }
            pools.add(new PoolDraft(p, name, scheduler, pcpus));
        }
        return pools;
    }

    /** A registered policy's name. */
    private static String scheduler(YamlNode node) {
        String name = node.text().toLowerCase(Locale.ROOT).equals("null") ? "null" : node.text();
        if (Schedulers.find(name).isEmpty()) {
            throw node.error("unknown scheduler " + Quoted.of(name) + " (known: " + String.join(", ", Schedulers.names()) + ")");
        }
        return name;
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

    /** The pool's parameters for its policy, read by the policy's codec once the domains are known. */
    private static PoolParams poolParams(PoolDraft pool, Map<String, DomainSpec> domains) {
        SchedulerCodec codec = Schedulers.codec(pool.scheduler());
        YamlNode node = pool.node() == null ? null : pool.node().get(codec.name());
        return node == null ? codec.defaultPool() : codec.readPool(node, pool.name(), domains);
    }

    /** A time that must be above zero. */
    static long positiveTime(YamlNode node) {
        return node.positiveTime();
    }
}
