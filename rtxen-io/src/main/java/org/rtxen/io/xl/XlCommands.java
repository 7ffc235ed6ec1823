package org.rtxen.io.xl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.rtxen.engine.codec.XlWords;
import org.rtxen.io.InputException;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Quoted;
import org.rtxen.model.Scenario;
import org.rtxen.sched.Schedulers;

/**
 * Writes the {@code xl} command lines (Xen 4.10+ syntax) that configure a running Xen host like a scenario: cpupool
 * creation and migration, hard VCPU pinning and per-domain scheduler parameters.
 *
 * <p>The policy-specific lines (pool and domain parameters) come from each policy's codec. Times are given to
 * {@code xl} in whole microseconds, its unit ({@link org.rtxen.model.Time#wholeMicros}); callers that compute
 * parameters (the planner) round budgets up to whole microseconds first.
 *
 * <p>The lines are pasted into a shell: every domain and pool name is written through {@link XlWords}, quoted only
 * where the shell would read it otherwise, and {@link #checkNames} refuses the names that xl itself would misread.
 */
public final class XlCommands {
    /** The name Xen gives the pool it creates at boot. */
    public static final String BOOT_POOL = "Pool-0";

    private XlCommands() {}

    /** {@code xl cpupool-cpu-remove POOL CPU}: frees a pCPU so another pool can take it. */
    public static String cpupoolCpuRemove(String pool, int pcpu) {
        return "xl cpupool-cpu-remove " + XlWords.shell(pool) + " " + pcpu;
    }

    /** {@code xl cpupool-create 'name="P"' 'sched="S"' 'cpus="a,b"'}: a new pool with its scheduler and pCPUs. */
    public static String cpupoolCreate(PoolSpec pool) {
        StringBuilder b = new StringBuilder("xl cpupool-create ").append(configOption("name", pool.name()))
                .append(' ').append(configOption("sched", pool.scheduler()))
                .append(' ').append(configOption("cpus", cpuList(pool.pcpus())));
        for (String option : Schedulers.codec(pool.scheduler()).cpupoolCreateOptions(pool.params())) {
            b.append(' ').append(XlWords.shell(option));
        }
        return b.toString();
    }

    /** One {@code KEY="VALUE"} argument of {@code xl cpupool-create}, as a shell word. */
    private static String configOption(String key, String value) {
        return XlWords.shell(key + "=" + XlWords.configString(value));
    }

    /** {@code xl cpupool-rename OLD NEW}. */
    public static String cpupoolRename(String oldName, String newName) {
        return "xl cpupool-rename " + XlWords.shell(oldName) + " " + XlWords.shell(newName);
    }

    /** {@code xl cpupool-migrate DOM POOL}: moves a domain (all its VCPUs) into a pool. */
    public static String cpupoolMigrate(String domain, String pool) {
        return "xl cpupool-migrate " + XlWords.shell(domain) + " " + XlWords.shell(pool);
    }

    /**
     * {@code xl vcpu-pin DOM VCPU CPUS}: hard affinity of one VCPU (or {@code all} for -1).
     */
    public static String vcpuPin(String domain, int vcpu, List<Integer> pcpus) {
        return "xl vcpu-pin " + XlWords.shell(domain) + " " + (vcpu < 0 ? "all" : Integer.toString(vcpu)) + " "
                + cpuList(pcpus);
    }

    /**
     * The commands that configure a running host like the scenario, in an order xl accepts: the boot pool (the
     * scenario's first pool, whose scheduler is chosen on Xen's command line) gives up the pCPUs of the other pools,
     * which are then created; domains are migrated, pinned and given their parameters. Domains are assumed already
     * created (booted into the boot pool) under their scenario names.
     */
    public static List<String> forScenario(Scenario scenario) {
        checkNames(scenario, null);
        List<String> out = new ArrayList<>();
        PoolSpec boot = scenario.pools().get(0);
        out.addAll(bootLines(scenario));
        if (!boot.name().equals(BOOT_POOL)) out.add(cpupoolRename(BOOT_POOL, boot.name()));
        out.addAll(Schedulers.codec(boot.scheduler()).xlPool(boot.name(), boot.params()));
        for (PoolSpec pool : scenario.pools().subList(1, scenario.pools().size())) {
            for (int cpu : pool.pcpus()) out.add(cpupoolCpuRemove(boot.name(), cpu));
            out.add(cpupoolCreate(pool));
            out.addAll(Schedulers.codec(pool.scheduler()).xlPool(pool.name(), pool.params()));
        }
        for (DomainSpec d : scenario.domains()) {
            if (!d.pool().equals(boot.name())) out.add(cpupoolMigrate(d.name(), d.pool()));
            if (!d.affinity().isEmpty()) out.add(vcpuPin(d.name(), -1, d.affinity()));
            for (int v = 0; v < d.vcpuAffinity().size(); v++) {
                if (!d.vcpuAffinity().get(v).isEmpty()) out.add(vcpuPin(d.name(), v, d.vcpuAffinity().get(v)));
            }
            out.addAll(params(d, poolOf(scenario, d).scheduler()));
        }
        return out;
    }

    /**
     * Refuses, as bad input from {@code source} (null when unknown), a domain or pool name that xl would not read as
     * that name: empty, all digits (an id), starting with {@code -} (an option), or holding a control character.
     */
    public static void checkNames(Scenario scenario, String source) {
        for (int i = 0; i < scenario.pools().size(); i++) {
            checkName(source, "pools[" + i + "]", "pool", scenario.pools().get(i).name());
        }
        for (int i = 0; i < scenario.domains().size(); i++) {
            checkName(source, "domains[" + i + "]", "domain", scenario.domains().get(i).name());
        }
    }

    private static void checkName(String source, String field, String kind, String name) {
        boolean domain = kind.equals("domain");
        String why;
        if (name.isEmpty()) {
            why = domain ? "xl reads an empty name as domain id 0 (Domain-0)"
                    : "xl cannot address a pool by an empty name";
        } else if (name.chars().allMatch(c -> c >= '0' && c <= '9')) {
            why = "xl reads an all-digit name as a " + (domain ? "domain id" : "cpupool id");
        } else if (name.startsWith("-")) {
            why = "xl reads a name starting with '-' as an option";
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            why = "a control character cannot be shown in the xl commands";
        } else {
            return;
        }
        throw new InputException(source, field + ".name", 0, Quoted.of(name) + ": " + why + "; rename the " + kind);
    }

    /**
     * The Xen command line the scenario needs, as a comment: the boot pool's scheduler and the boot parameters its
     * pools ask for ({@link org.rtxen.engine.codec.SchedulerCodec#bootParameters}); then a comment for each pool
     * whose boot parameter differs from an earlier pool's, since one boot serves every pool.
     */
    private static List<String> bootLines(Scenario scenario) {
        Map<String, String> parameters = new LinkedHashMap<>();   // each parameter's key, as the first pool sets it
        List<String> conflicts = new ArrayList<>();
        for (PoolSpec pool : scenario.pools()) {
            for (String parameter : Schedulers.codec(pool.scheduler()).bootParameters(pool.params())) {
                String first = parameters.putIfAbsent(parameter.substring(0, parameter.indexOf('=')), parameter);
                if (first != null && !first.equals(parameter)) {
                    conflicts.add("# real Xen cannot reproduce pool " + XlWords.shell(pool.name()) + ": it needs "
                            + parameter + ", but one Xen boot has " + first + " for every pool");
                }
            }
        }
        List<String> out = new ArrayList<>();
        String scheduler = "sched=" + scenario.pools().get(0).scheduler();
        out.add(parameters.isEmpty() ? "# boot Xen with " + scheduler + " (the boot pool's scheduler is not set by xl)"
                : "# boot Xen with " + scheduler + " " + String.join(" ", parameters.values())
                        + " (xl sets none of these)");
        out.addAll(conflicts);
        return out;
    }

    /** The scheduler-parameter commands of one domain in a pool running {@code scheduler}, from the policy's codec. */
    public static List<String> params(DomainSpec d, String scheduler) {
        return Schedulers.codec(scheduler).xlDomain(d.name(), d.vcpus(), d.params());
    }

    /** The pool domain {@code d} belongs to. */
    public static PoolSpec poolOf(Scenario scenario, DomainSpec d) {
        for (PoolSpec p : scenario.pools()) {
            if (p.name().equals(d.pool())) return p;
        }
        throw new IllegalArgumentException("domain " + d.name() + " is in no pool of the scenario (" + d.pool() + ")");
    }

    private static String cpuList(List<Integer> pcpus) {
        StringJoiner j = new StringJoiner(",");
        for (int c : pcpus) j.add(Integer.toString(c));
        return j.toString();
    }
}
