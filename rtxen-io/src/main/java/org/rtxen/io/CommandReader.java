package org.rtxen.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.rtxen.engine.codec.SchedulerCodec;
import org.rtxen.engine.codec.XlChange;
import org.rtxen.engine.codec.XlWords;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Quoted;
import org.rtxen.model.Time;
import org.rtxen.model.command.Command;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;
import org.rtxen.sched.Schedulers;

/**
 * Reads the top-level {@code commands} list: {@code {at: TIME, xl: "COMMAND ARGS"}} in xl's own syntax and units, or
 * {@code {at: TIME, switch: {pool: NAME, ...}}}. The commands are checked in time order against the state the earlier
 * ones leave (which domains exist and where, each pool's pCPUs, the parameters in force), so that a malformed or
 * impossible command is refused before the run, in xl's words where xl has them. {@code sched-NAME} commands and
 * switches are parsed by the codec of the policy that owns them.
 */
final class CommandReader {
    private final HostSpec host;
    private final long durationNs;
    private final Map<String, DomainSpec> domains = new LinkedHashMap<>();
    private final Map<String, String> poolOf = new HashMap<>();
    private final Map<String, SchedParams> params = new HashMap<>();
    private final Map<String, Integer> pauses = new HashMap<>();
    private final Map<String, Long> destroyedAt = new HashMap<>();
    private final Map<String, PoolSpec> pools = new LinkedHashMap<>();
    private final Map<String, PoolParams> poolParams = new HashMap<>();
    private final Map<String, TreeSet<Integer>> poolCpus = new HashMap<>();

    CommandReader(HostSpec host, long durationNs, List<PoolSpec> pools, List<DomainSpec> domains) {
        this.host = host;
        this.durationNs = durationNs;
        for (PoolSpec p : pools) {
            this.pools.put(p.name(), p);
            poolParams.put(p.name(), p.params());
            poolCpus.put(p.name(), new TreeSet<>(p.pcpus()));
        }
        for (DomainSpec d : domains) {
            this.domains.put(d.name(), d);
            poolOf.put(d.name(), d.pool() != null ? d.pool() : pools.get(0).name());
            params.put(d.name(), d.params());
            pauses.put(d.name(), 0);
        }
    }

    /** Reads and checks every command, in time order (commands at one time in list order). */
    List<Command> commands(YamlNode node) {
        List<YamlNode> items = new ArrayList<>(node.items());
        Map<YamlNode, Long> at = new HashMap<>();
        for (YamlNode c : items) {
            c.mapWithKeys("at", "xl", "switch");
            YamlNode a = c.require("at");
            long t = a.time();
            if (t < 0) throw a.error("must not be negative");
            if (t >= durationNs) {
                throw a.error(Time.format(t) + " is not before the end of the run (duration " + Time.format(durationNs) + ")");
            }
            if (c.has("xl") == c.has("switch")) throw c.error("give either xl: or switch:, one per command");
            at.put(c, t);
        }
        items.sort(Comparator.comparingLong(at::get));
        List<Command> out = new ArrayList<>();
        for (YamlNode c : items) {
            long t = at.get(c);
            out.add(c.has("xl") ? xl(c.get("xl"), t) : switchPool(c.get("switch"), t));
        }
        return out;
    }

    // --------------------------------------------------------------------------------------------- xl commands

    /**
     * One {@code xl} line, split into words as a POSIX shell splits it ({@link XlWords#words}: a name may be quoted as
     * {@code plan} prints it); its source keeps the words, each quoted only where a shell needs it.
     */
    private Command xl(YamlNode node, long t) {
        try {
            List<String> words = new ArrayList<>(XlWords.words(node.text()));
            if (!words.isEmpty() && words.get(0).equals("xl")) words.remove(0);
            if (words.isEmpty() || words.get(0).isEmpty()) {
                throw new IllegalArgumentException("an xl command is missing");
            }
            String sub = words.get(0);
            List<String> args = words.subList(1, words.size());
            String source = String.join(" ", words.stream().map(XlWords::shell).toList());
            return switch (sub) {
                case "vcpu-pin" -> vcpuPin(t, source, args);
                case "cpupool-migrate" -> migrate(t, source, args);
                case "cpupool-cpu-add" -> cpuAdd(t, source, args);
                case "cpupool-cpu-remove" -> cpuRemove(t, source, args);
                case "pause", "unpause", "destroy" -> domainOp(t, source, sub, args);
                default -> schedCommand(node, t, source, sub, args);
            };
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    /** {@code sched-NAME ...}: parsed by the codec whose run-time command it is, applied to the parameters in force. */
    private Command schedCommand(YamlNode node, long t, String source, String sub, List<String> args) {
        Optional<SchedulerCodec> owner = Schedulers.all().stream().map(Schedulers.Policy::codec)
                .filter(c -> c.xlAdjustCommand().filter(sub::equals).isPresent()).findFirst();
        if (owner.isEmpty()) {
            throw node.error(Quoted.of(sub) + " is not an xl command rtxen runs (sched-* of a registered policy, vcpu-pin, "
                    + "cpupool-migrate, cpupool-cpu-add, cpupool-cpu-remove, pause, unpause, destroy)");
        }
        SchedulerCodec codec = owner.get();
        XlChange change = codec.parseXl(args);
        if (change instanceof XlChange.Domain d) {
            String dom = liveDomain(d.domain(), t);
            String pool = poolOf.get(dom);
            requirePolicy(pool, codec, sub);
            SchedParams next = d.update().apply(params.get(dom), domains.get(dom).vcpus());
            params.put(dom, next);
            return new Command.AdjustDomain(t, source, dom, next);
        }
        XlChange.Pool p = (XlChange.Pool) change;
        String pool = p.pool() == null ? pools.keySet().iterator().next() : existingPool(p.pool());
        requirePolicy(pool, codec, sub);
        PoolParams next = p.update().apply(poolParams.get(pool));
        poolParams.put(pool, next);
        return new Command.AdjustPool(t, source, pool, next);
    }

    private void requirePolicy(String pool, SchedulerCodec codec, String sub) {
        String runs = pools.get(pool).scheduler();
        if (!runs.equals(codec.name())) {
            throw new IllegalArgumentException(sub + ": pool " + pool + " runs " + runs + ", not " + codec.name());
        }
    }

    /** {@code vcpu-pin DOMAIN VCPU|all CPUS [SOFT]}: a new hard affinity; Xen refuses one without a pCPU of the pool. */
    private Command vcpuPin(long t, String source, List<String> args) {
        List<String> a = new ArrayList<>(args);
        a.removeIf(w -> w.equals("-f") || w.equals("--force"));
        if (a.size() < 3 || a.size() > 4) {
            throw new IllegalArgumentException("Usage: xl vcpu-pin [option] <Domain> <VCPU|all> <Hard affinity|-|all> <Soft affinity|-|all>");
        }
        if (a.size() == 4 && !a.get(3).equals("-")) {
            throw new IllegalArgumentException("soft affinity is not modelled by rtxen; give - or leave it out");
        }
        String dom = liveDomain(a.get(0), t);
        int vcpus = domains.get(dom).vcpus();
        int vcpu;
        if (a.get(1).equals("all")) {
            vcpu = -1;
        } else {
            vcpu = parseInt(a.get(1), "VCPU");
            if (vcpu < 0 || vcpu >= vcpus) {
                throw new IllegalArgumentException("vcpu-pin: domain " + dom + " has no VCPU " + vcpu + " (it has " + vcpus + ")");
            }
        }
        if (a.get(2).equals("-")) throw new IllegalArgumentException("give the hard affinity; rtxen models no soft one");
        List<Integer> cpus = cpuList(a.get(2));
        TreeSet<Integer> inPool = new TreeSet<>(cpus.isEmpty() ? allCpus() : cpus);
        inPool.retainAll(poolCpus.get(poolOf.get(dom)));
        if (inPool.isEmpty()) {
            throw new IllegalArgumentException("vcpu-pin: no pCPU of " + a.get(2) + " is in " + dom + "'s pool "
                    + poolOf.get(dom) + " " + poolCpus.get(poolOf.get(dom)) + " (Xen: Invalid argument)");
        }
        return new Command.PinVcpu(t, source, dom, vcpu, cpus);
    }

    /** {@code cpupool-migrate DOMAIN POOL}: the domain gets the new pool's defaults and every pCPU as affinity. */
    private Command migrate(long t, String source, List<String> args) {
        if (args.size() != 2) throw new IllegalArgumentException("Usage: xl cpupool-migrate <Domain> <CPU Pool>");
        String dom = liveDomain(args.get(0), t);
        String pool = existingPool(args.get(1));
        if (poolCpus.get(pool).isEmpty()) {
            throw new IllegalArgumentException("cpupool-migrate: pool " + pool + " has no pCPU (Xen: No such device)");
        }
        if (!pool.equals(poolOf.get(dom))) {
            poolOf.put(dom, pool);
            params.put(dom, Schedulers.codec(pools.get(pool).scheduler()).defaultDomain());
        }
        return new Command.MigrateDomain(t, source, dom, pool);
    }

    /** {@code cpupool-cpu-add POOL CPU}: the pCPU must be free (in no pool). */
    private Command cpuAdd(long t, String source, List<String> args) {
        if (args.size() != 2) throw new IllegalArgumentException("Usage: xl cpupool-cpu-add <CPU Pool> <CPU nr>|node:<node nr>");
        String pool = resizablePool(args.get(0), "cpupool-cpu-add");
        int cpu = existingCpu(args.get(1));
        for (Map.Entry<String, TreeSet<Integer>> e : poolCpus.entrySet()) {
            if (e.getValue().contains(cpu)) {
                throw new IllegalArgumentException("cpupool-cpu-add: pCPU " + cpu + " is not free, it is in pool "
                        + e.getKey() + " (remove it there first)");
            }
        }
        poolCpus.get(pool).add(cpu);
        return new Command.AddCpu(t, source, pool, cpu);
    }

    /** {@code cpupool-cpu-remove POOL CPU}: the pCPU must be in the pool, and not its last while domains live there. */
    private Command cpuRemove(long t, String source, List<String> args) {
        if (args.size() != 2) throw new IllegalArgumentException("Usage: xl cpupool-cpu-remove <CPU Pool> <CPU nr>|node:<node nr>");
        String pool = resizablePool(args.get(0), "cpupool-cpu-remove");
        int cpu = existingCpu(args.get(1));
        TreeSet<Integer> cpus = poolCpus.get(pool);
        if (!cpus.contains(cpu)) {
            throw new IllegalArgumentException("cpupool-cpu-remove: pCPU " + cpu + " is not in pool " + pool + " " + cpus);
        }
        // A domain created later counts too: it could not be created in a pool without pCPUs.
        if (cpus.size() == 1 && poolOf.entrySet().stream().anyMatch(e -> e.getValue().equals(pool)
                && !destroyedAt.containsKey(e.getKey()))) {
            throw new IllegalArgumentException("cpupool-cpu-remove: pCPU " + cpu + " is the last of pool " + pool
                    + ", which has domains (Xen: Device or resource busy)");
        }
        cpus.remove(cpu);
        return new Command.RemoveCpu(t, source, pool, cpu);
    }

    /** {@code pause|unpause|destroy DOMAIN}. */
    private Command domainOp(long t, String source, String sub, List<String> args) {
        if (args.size() != 1) throw new IllegalArgumentException("Usage: xl " + sub + " <Domain>");
        String dom = liveDomain(args.get(0), t);
        switch (sub) {
            case "pause" -> {
                pauses.merge(dom, 1, Integer::sum);
                return new Command.Pause(t, source, dom);
            }
            case "unpause" -> {
                if (pauses.get(dom) == 0) {
                    throw new IllegalArgumentException("unpause: domain " + dom + " is not paused (Xen: Invalid argument)");
                }
                pauses.merge(dom, -1, Integer::sum);
                return new Command.Unpause(t, source, dom);
            }
            default -> {
                destroyedAt.put(dom, t);
                return new Command.Destroy(t, source, dom);
            }
        }
    }

    // --------------------------------------------------------------------------------------------- switch

    /** {@code switch: {pool: NAME, ...}}: parsed by the pool's policy's codec against its parameters in force. */
    private Command switchPool(YamlNode node, long t) {
        YamlNode poolNode = node.require("pool");
        String pool = pools.containsKey(poolNode.text()) ? poolNode.text() : null;
        if (pool == null) {
            throw poolNode.error("no pool is named " + Quoted.of(poolNode.text()) + " (pools: " + String.join(", ", pools.keySet()) + ")");
        }
        PoolParams next = Schedulers.codec(pools.get(pool).scheduler()).readSwitch(node, poolParams.get(pool));
        poolParams.put(pool, next);
        return new Command.AdjustPool(t, "switch pool " + pool, pool, next);
    }

    // --------------------------------------------------------------------------------------------- state

    private boolean existsAt(String dom, long t) {
        DomainSpec d = domains.get(dom);
        return d != null && t >= d.startNs() && !destroyedAt.containsKey(dom); // created first at its start (M2)
    }

    /** A domain that exists at {@code t}, else xl's complaint about the identifier. */
    private String liveDomain(String name, long t) {
        if (!existsAt(name, t)) throw new IllegalArgumentException(name + " is an invalid domain identifier");
        return name;
    }

    private String existingPool(String name) {
        if (!pools.containsKey(name)) throw new IllegalArgumentException("unknown cpupool " + Quoted.of(name));
        return name;
    }

    /** A pool whose policy implements pCPUs joining and leaving at run time. */
    private String resizablePool(String name, String command) {
        PoolSpec pool = pools.get(existingPool(name));
        if (!Schedulers.create(pool).canResizePool()) {
            throw new IllegalArgumentException(command + ": rtxen's " + pool.scheduler()
                    + " policy does not implement pCPUs joining or leaving its pool at run time");
        }
        return name;
    }

    private int existingCpu(String text) {
        int cpu = parseInt(text, "CPU");
        if (cpu < 0 || cpu >= host.pcpus()) {
            throw new IllegalArgumentException("pCPU " + cpu + " does not exist (the host has pCPUs 0.." + (host.pcpus() - 1) + ")");
        }
        return cpu;
    }

    private List<Integer> allCpus() {
        List<Integer> all = new ArrayList<>();
        for (int c = 0; c < host.pcpus(); c++) all.add(c);
        return all;
    }

    /**
     * xl's CPU list ({@code all}, {@code 3}, {@code 0-3}, {@code 0,2-3}, {@code ^1} to exclude): the pCPU ids, empty
     * for all.
     */
    private List<Integer> cpuList(String text) {
        if (text.equals("all")) return List.of();
        TreeSet<Integer> set = new TreeSet<>();
        for (String part : text.split(",")) {
            boolean exclude = part.startsWith("^");
            String range = exclude ? part.substring(1) : part;
            int dash = range.indexOf('-');
            int lo = existingCpu(dash < 0 ? range : range.substring(0, dash));
            int hi = dash < 0 ? lo : existingCpu(range.substring(dash + 1));
            if (hi < lo) throw new IllegalArgumentException("invalid CPU range " + part);
            for (int c = lo; c <= hi; c++) {
                if (exclude) set.remove(c); else set.add(c);
            }
        }
        if (set.isEmpty()) throw new IllegalArgumentException("the CPU list " + text + " names no pCPU");
        return List.copyOf(set);
    }

    private static int parseInt(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + what + " " + Quoted.of(text));
        }
    }
}
