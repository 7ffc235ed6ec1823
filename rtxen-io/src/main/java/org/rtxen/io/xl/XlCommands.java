package org.rtxen.io.xl;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.Time;
import org.rtxen.model.params.CreditParams;
import org.rtxen.model.params.RtdsParams;
import org.rtxen.model.params.RtdsVcpuParams;

/**
 * Writes the {@code xl} command lines (Xen 4.10+ syntax) that configure a running Xen host like a scenario: cpupool
 * creation and migration, hard VCPU pinning and per-domain scheduler parameters.
 *
 * <p>Times are given to {@code xl} in whole microseconds, its unit; a time that is not a whole number of microseconds
 * is refused rather than rounded, because rounding a budget down (or a period up) silently weakens a guarantee.
 * Callers that compute parameters (the planner) round budgets up to whole microseconds first.
 */
public final class XlCommands {
    /** The name Xen gives the pool it creates at boot. */
    public static final String BOOT_POOL = "Pool-0";

    private XlCommands() {}

    /**
     * {@code xl sched-rtds -d DOM -v N -p P -b B -e E} for one VCPU (R40: {@code -e} is mandatory with {@code -v}).
     *
     * @param vcpu the VCPU index, or -1 for {@code -v all}
     */
    public static String schedRtds(String domain, int vcpu, long periodNs, long budgetNs, boolean extratime) {
        if (budgetNs > periodNs) {
            throw new IllegalArgumentException("budget " + Time.format(budgetNs) + " exceeds period " + Time.format(periodNs));
        }
        return "xl sched-rtds -d " + domain + " -v " + (vcpu < 0 ? "all" : Integer.toString(vcpu))
                + " -p " + micros(periodNs, "period") + " -b " + micros(budgetNs, "budget") + " -e " + (extratime ? 1 : 0);
    }

    /** {@code xl sched-credit -d DOM -w W -c C}. */
    public static String schedCredit(String domain, int weight, int cap) {
        return "xl sched-credit -d " + domain + " -w " + weight + " -c " + cap;
    }

    /** {@code xl cpupool-cpu-remove POOL CPU}: frees a pCPU so another pool can take it. */
    public static String cpupoolCpuRemove(String pool, int pcpu) {
        return "xl cpupool-cpu-remove " + pool + " " + pcpu;
    }

    /** {@code xl cpupool-create 'name="P"' 'sched="S"' 'cpus="a,b"'}: a new pool with its scheduler and pCPUs. */
    public static String cpupoolCreate(PoolSpec pool) {
        return "xl cpupool-create 'name=\"" + pool.name() + "\"' 'sched=\"" + pool.scheduler().xenName()
                + "\"' 'cpus=\"" + cpuList(pool.pcpus()) + "\"'";
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
        out.add("# boot Xen with sched=" + boot.scheduler().xenName() + " (the boot pool's scheduler is not set by xl)");
        if (!boot.name().equals(BOOT_POOL)) out.add(cpupoolRename(BOOT_POOL, boot.name()));
        for (PoolSpec pool : scenario.pools().subList(1, scenario.pools().size())) {
            for (int cpu : pool.pcpus()) out.add(cpupoolCpuRemove(boot.name(), cpu));
            out.add(cpupoolCreate(pool));
        }
        for (DomainSpec d : scenario.domains()) {
            if (!d.pool().equals(boot.name())) out.add(cpupoolMigrate(d.name(), d.pool()));
            if (!d.affinity().isEmpty()) out.add(vcpuPin(d.name(), -1, d.affinity()));
            out.addAll(params(d));
        }
        return out;
    }

    /** The scheduler-parameter commands of one domain: one {@code sched-rtds} per VCPU, or one {@code sched-credit}. */
    public static List<String> params(DomainSpec d) {
        List<String> out = new ArrayList<>();
        if (d.params() instanceof RtdsParams rtds) {
            for (int v = 0; v < d.vcpus(); v++) {
                RtdsVcpuParams p = rtds.forVcpu(v);
                out.add(schedRtds(d.name(), v, p.periodNs(), p.budgetNs(), p.extratime()));
            }
        } else if (d.params() instanceof CreditParams credit) {
            out.add(schedCredit(d.name(), credit.weight(), credit.cap()));
        }
        // Arinc653Params: a domain's time comes only from the pool's schedule table (A3.5), nothing to set.
        return out;
    }

    private static long micros(long ns, String what) {
        if (ns % Time.US != 0) {
            throw new IllegalArgumentException(what + " " + ns + "ns is not a whole number of microseconds (xl's unit)");
        }
        return ns / Time.US;
    }

    private static String cpuList(List<Integer> pcpus) {
        StringJoiner j = new StringJoiner(",");
        for (int c : pcpus) j.add(Integer.toString(c));
        return j.toString();
    }
}
