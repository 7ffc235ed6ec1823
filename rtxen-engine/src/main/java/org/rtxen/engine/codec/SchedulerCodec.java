package org.rtxen.engine.codec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * Everything outside the simulation that knows one policy's parameter records: the scenario keys
 * {@code pools[].NAME} and {@code domains[].NAME}, the {@code xl} command lines that set them on a real host (and
 * their parsing, for run-time commands), and the real-Xen harness's dom0 lines. One codec lives beside each
 * policy's scheduler and is registered with it in {@code org.rtxen.sched.Schedulers}; rtxen-io and the harness only
 * ever call this interface, so no file outside the policy's package names its records.
 *
 * <p>Methods that take a {@link SchedParams} or {@link PoolParams} receive this policy's own records (the
 * scenario reader only pairs a pool with its own policy's codec).
 */
public interface SchedulerCodec {
    /** The policy's Xen name ({@code sched=NAME}, {@code xl cpupool-create sched="NAME"}), also its scenario key. */
    String name();

    // ---- domain parameters: domains[].NAME ----

    /** Whether domains take parameters under the key {@link #name()} (ARINC653's do not). */
    default boolean hasDomainParams() {
        return true;
    }

    /** Why domains take no parameters, for the error on a stray key; used only when {@link #hasDomainParams()} is false. */
    default String whyNoDomainParams() {
        return "";
    }

    /** A domain's parameters when the scenario gives none (Xen's defaults). */
    SchedParams defaultDomain();

    /**
     * Reads {@code domains[i].NAME}, checking every value as Xen and xl would.
     *
     * @param node  the mapping under the policy's key
     * @param vcpus the domain's VCPU count (for per-VCPU overrides and per-VCPU limits)
     */
    SchedParams readDomain(ParamNode node, int vcpus);

    /** Writes every value of {@code params} explicitly; {@link #readDomain} gives them back. Empty for no key. */
    ParamTree writeDomain(SchedParams params);

    // ---- pool parameters: pools[].NAME ----

    /** Whether pools take parameters under the key {@link #name()}. */
    default boolean hasPoolParams() {
        return true;
    }

    /** A pool's parameters when the scenario gives none. */
    PoolParams defaultPool();

    /**
     * Reads {@code pools[i].NAME}; called after every domain is read, because a pool's table may name them.
     *
     * @param node    the mapping under the policy's key
     * @param pool    the pool's name
     * @param domains every domain of the scenario, by name
     */
    PoolParams readPool(ParamNode node, String pool, Map<String, DomainSpec> domains);

    /** Writes every value of {@code params} explicitly; {@link #readPool} gives them back. Empty for no key. */
    ParamTree writePool(PoolParams params);

    // ---- xl: configuring a real host, and run-time commands ----

    /**
     * The {@code xl} commands that give domain {@code domain} its parameters, e.g. one {@code xl sched-rtds} per VCPU.
     *
     * @throws IllegalArgumentException when xl cannot express a value (e.g. a time that is not whole microseconds)
     */
    List<String> xlDomain(String domain, int vcpus, SchedParams params);

    /** The {@code xl} commands that give the existing pool {@code pool} its parameters (none by default). */
    default List<String> xlPool(String pool, PoolParams params) {
        return List.of();
    }

    /** Extra {@code KEY="VALUE"} options of {@code xl cpupool-create} for these pool parameters (none by default). */
    default List<String> cpupoolCreateOptions(PoolParams params) {
        return List.of();
    }

    /**
     * The Xen boot parameters ({@code KEY=VALUE}) a pool with these parameters needs, which no xl command sets and
     * which hold for every pool of the host, e.g. Credit2's {@code credit2_runqueue=cpu} (none by default).
     */
    default List<String> bootParameters(PoolParams params) {
        return List.of();
    }

    /** The xl subcommand that adjusts this policy at run time, e.g. {@code sched-rtds}; empty when there is none. */
    default Optional<String> xlAdjustCommand() {
        return Optional.empty();
    }

    /**
     * Parses the arguments of {@link #xlAdjustCommand()} (the words after it, xl's own syntax and units) into the change
     * it makes. Only called when {@link #xlAdjustCommand()} is present.
     *
     * @throws IllegalArgumentException when the arguments are malformed, in xl's words
     */
    default XlChange parseXl(List<String> args) {
        throw new IllegalArgumentException(name() + " has no run-time xl command");
    }

    /**
     * Reads a run-time pool change {@code commands[].switch: {pool: NAME, ...}} for a pool of this policy (RT-Xen
     * 1.0's server switch) into the pool's new parameters. {@code node} is the whole mapping, {@code pool} key
     * included; {@code current} are the pool's parameters when the change runs. By default the policy has none.
     */
    default PoolParams readSwitch(ParamNode node, PoolParams current) {
        throw node.error(name() + " pools have no run-time switch");
    }

    // ---- the real-Xen harness (xen-run) ----

    /**
     * The part of the pool parameters fixed when a real pool is created: pools of one policy, size and creation
     * parameters are shared between the scenarios of one boot. By default all of them.
     */
    default PoolParams creationParams(PoolParams params) {
        return params;
    }

    /**
     * dom0 script lines run once per scenario after its guests exist, for parameters that are not fixed at creation
     * (ARINC653's schedule table). {@code realPool} is the real pool's name.
     *
     * @throws IllegalArgumentException when real Xen cannot run these parameters
     */
    default List<String> dom0ScenarioLines(String realPool, PoolParams params) {
        return List.of();
    }

    /**
     * The share of one pCPU the policy guarantees exactly to VCPU {@code vcpu} of an always-busy domain, which the
     * real-Xen comparison checks; NaN when the policy fixes none.
     */
    default double exactBusyShare(DomainSpec domain, PoolSpec pool, int vcpu) {
        return Double.NaN;
    }

    /**
     * The longest a VCPU of an always-busy domain can stay offline at once, parked by the policy's cap until its
     * domain's budget is replenished, which the real-Xen comparison checks; {@link Long#MAX_VALUE} when the policy
     * bounds none.
     */
    default long longestParkNs(DomainSpec domain, PoolSpec pool) {
        return Long.MAX_VALUE;
    }
}
