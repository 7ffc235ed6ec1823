package org.rtxen.model.command;

import java.util.List;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * One run-time change, as an administrator makes it with {@code xl} while guests run. The scenario reader has
 * checked it against the state the earlier commands leave (names exist, values valid), so the simulator applies
 * it as is. {@link #source()} is the line as read ({@code xl}'s words, each a shell word, or the switch), kept for
 * writing back.
 */
public sealed interface Command {
    /** When the change is made, in simulated ns. */
    long atNs();

    /**
     * The command as read from the scenario, its words quoted where a POSIX shell needs it, e.g.
     * {@code sched-rtds -d 'my vm' -v all -p 10000 -b 6000 -e 1}.
     */
    String source();

    /**
     * New scheduling parameters of a domain ({@code xl sched-rtds}, {@code sched-credit}, ...): its whole parameter
     * record after the change.
     */
    record AdjustDomain(long atNs, String source, String domain, SchedParams params) implements Command {}

    /** New pool-wide parameters ({@code xl sched-credit -s}, RT-Xen 1.0's server switch): the pool's whole record. */
    record AdjustPool(long atNs, String source, String pool, PoolParams params) implements Command {}

    /**
     * {@code xl vcpu-pin DOM VCPU CPUS}: new hard affinity of one VCPU, or of every VCPU.
     *
     * @param vcpu the VCPU index, or -1 for {@code all}
     * @param cpus the pCPU ids; empty means all pCPUs
     */
    record PinVcpu(long atNs, String source, String domain, int vcpu, List<Integer> cpus) implements Command {
        /** Copies the pCPU list. */
        public PinVcpu {
            cpus = List.copyOf(cpus);
        }
    }

    /** {@code xl cpupool-migrate DOM POOL}: the domain leaves its pool's scheduler and joins {@code pool}'s. */
    record MigrateDomain(long atNs, String source, String domain, String pool) implements Command {}

    /** {@code xl cpupool-cpu-add POOL CPU}: a free pCPU joins {@code pool}. */
    record AddCpu(long atNs, String source, String pool, int cpu) implements Command {}

    /** {@code xl cpupool-cpu-remove POOL CPU}: the pCPU leaves {@code pool} and becomes free. */
    record RemoveCpu(long atNs, String source, String pool, int cpu) implements Command {}

    /** {@code xl pause DOM}. */
    record Pause(long atNs, String source, String domain) implements Command {}

    /** {@code xl unpause DOM}. */
    record Unpause(long atNs, String source, String domain) implements Command {}

    /** {@code xl destroy DOM}: the domain is removed; its VCPUs go offline for the rest of the run. */
    record Destroy(long atNs, String source, String domain) implements Command {}
}
