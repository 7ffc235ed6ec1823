package org.rtxen.io.xl;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.sched.Schedulers;

/**
 * Writes the {@code xl} command lines (Xen 4.10+ syntax) that configure a running Xen host like a scenario: cpupool
 * creation and migration, hard VCPU pinning and per-domain scheduler parameters.
 *
 * <p>The policy-specific lines (pool and domain parameters) come from each policy's codec. Times are given to
 * {@code xl} in whole microseconds, its unit ({@link org.rtxen.model.Time#wholeMicros}); callers that compute
 * parameters (the planner) round budgets up to whole microseconds first.
 */
public final class XlCommands {
    /** The name Xen gives the pool it creates at boot. */
    public static final String BOOT_POOL = "Pool-0";

    private XlCommands() {}

    /** {@code xl cpupool-cpu-remove POOL CPU}: frees a pCPU so another pool can take it. */
    public static String cpupoolCpuRemove(String pool, int pcpu) {
        return "xl cpupool-cpu-remove " + pool + " " + pcpu;
    }

    /** {@code xl cpupool-create 'name="P"' 'sched="S"' 'cpus="a,b"'}: a new pool with its scheduler and pCPUs. */
    public static String cpupoolCreate(PoolSpec pool) {
        StringBuilder b = new StringBuilder("xl cpupool-create 'name=\"").append(pool.name()).append("\"' 'sched=\"")
                .append(pool.scheduler()).append("\"' 'cpus=\"").append(cpuList(pool.pcpus())).append("\"'");
        for (String option : Schedulers.codec(pool.scheduler()).cpupoolCreateOptions(pool.params())) {
            b.append(" '").append(option).append('\'');
        }
        return b.toString();
    }

    /** {@code xl cpupool-rename OLD NEW}. */
    public static String cpupoolRename(String oldName, String newName) {
        return "xl cpupool-rename " + oldName + " " + newName;
    }

    /** {@code xl cpupool-migrate DOM POOL}: moves a domain (all its VCPUs) into a pool. */
    public static String cpupoolMigrate(String domain, String pool) {
        return "xl cpupool-migrate " + domain + " " + pool;
    }

    /**
     * {@code xl vcpu-pin DOM VCPU CPUS}: hard affinity of one VCPU (or {@code all} for -1).
     */
    public static String vcpuPin(String domain, int vcpu, List<Integer> pcpus) {
        return "xl vcpu-pin " + domain + " " + (vcpu < 0 ? "all" : Integer.toString(vcpu)) + " " + cpuList(pcpus);
    }

    /**
     * The commands that configure a running host like the scenario, in an order xl accepts: the boot pool (the
     * scenario's first pool, whose scheduler is chosen on Xen's command line) gives up the pCPUs of the other pools,
     * which are then created; domains are migrated, pinned and given their parameters. Domains are assumed already
     * created (booted into the boot pool) under their scenario names.
     */
    public static List<String> forScenario(Scenario scenario) {
        List<String> out = new ArrayList<>();
        PoolSpec boot = scenario.pools().get(0);
        out.add("# boot Xen with sched=" + boot.scheduler() + " (the boot pool's scheduler is not set by xl)");
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
