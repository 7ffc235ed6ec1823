package org.rtxen.sched.arinc653;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rtxen.engine.codec.ParamNode;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.engine.codec.SchedulerCodec;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Quoted;
import org.rtxen.model.Time;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * ARINC653's parameters outside the simulation: the pool's schedule table
 * {@code pools[].arinc653: {major_frame, slots: [{domain, vcpu, runtime}]}}; domains take none (A3.5). xl 4.17 has
 * no command for the table, so the real-Xen harness sets it per scenario with {@code a653_schedule} (dom0-lib.sh).
 */
public final class Arinc653Codec implements SchedulerCodec {
    /** ARINC653 allows at most this many schedule entries ({@code ARINC653_MAX_DOMAINS_PER_SCHEDULE}, A3.1). */
    static final int MAX_SLOTS = 64;

    @Override
    public String name() {
        return "arinc653";
    }

    @Override
    public boolean hasDomainParams() {
        return false;
    }

    @Override
    public String whyNoDomainParams() {
        return "time comes from the pool's slots, A3.5";
    }

    @Override
    public SchedParams defaultDomain() {
        return new Arinc653Params();
    }

    @Override
    public SchedParams readDomain(ParamNode node, int vcpus) {
        throw node.error("arinc653 has no per-domain parameters (" + whyNoDomainParams() + ")");
    }

    @Override
    public ParamTree writeDomain(SchedParams params) {
        return new ParamTree();
    }

    /** Without a table the scheduler keeps Xen's boot table of control-domain slots (A3.3). */
    @Override
    public PoolParams defaultPool() {
        return new PoolParams.None();
    }

    /** An explicit table; its major frame defaults to the sum of the runtimes, as a653_sched does (A3.8). */
    @Override
    public Arinc653Schedule readPool(ParamNode node, String pool, Map<String, DomainSpec> domains) {
        node.mapWithKeys("major_frame", "slots");
        ParamNode slotsNode = node.require("slots");
        List<? extends ParamNode> items = slotsNode.items();
        if (items.isEmpty() || items.size() > MAX_SLOTS) {
            throw slotsNode.error("needs 1.." + MAX_SLOTS + " slots, not " + items.size() + " (A3.2)");
        }
        List<Arinc653Slot> slots = new ArrayList<>();
        long sum = 0;
        for (ParamNode s : items) {
            s.mapWithKeys("domain", "vcpu", "runtime");
            ParamNode domainNode = s.require("domain");
            DomainSpec d = domains.get(domainNode.text());
            if (d == null) throw domainNode.error("no domain is named " + Quoted.of(domainNode.text()));
            if (!d.pool().equals(pool)) {
                throw domainNode.error("domain " + d.name() + " is in pool " + d.pool() + ", not " + pool);
            }
            int vcpu = 0;
            if (s.has("vcpu")) {
                ParamNode v = s.get("vcpu");
                vcpu = (int) v.integer(0, Integer.MAX_VALUE);
                if (vcpu >= d.vcpus()) {
                    throw v.error("domain " + d.name() + " has no VCPU " + vcpu + " (it has " + d.vcpus() + ")");
                }
            }
            long runtime = s.require("runtime").positiveTime();
            sum = Math.addExact(sum, runtime);
            slots.add(new Arinc653Slot(d.name(), vcpu, runtime));
        }
        long frame = sum;
        if (node.has("major_frame")) {
            frame = node.get("major_frame").positiveTime();
            if (sum > frame) {
                throw slotsNode.error("runtimes add up to " + Time.format(sum) + ", more than the major frame "
                        + Time.format(frame) + " (A3.2)");
            }
        }
        return new Arinc653Schedule(frame, slots);
    }

    @Override
    public ParamTree writePool(PoolParams params) {
        if (!(params instanceof Arinc653Schedule a)) return new ParamTree();
        List<ParamTree> slots = new ArrayList<>();
        for (Arinc653Slot slot : a.slots()) {
            slots.add(new ParamTree().name("domain", slot.domain()).integer("vcpu", slot.vcpu())
                    .time("runtime", slot.runtimeNs()));
        }
        return new ParamTree().time("major_frame", a.majorFrameNs()).items("slots", slots);
    }

    /** A domain's time comes only from the pool's schedule table (A3.5): nothing to set. */
    @Override
    public List<String> xlDomain(String domain, int vcpus, SchedParams params) {
        return List.of();
    }

    /** The table is set per scenario, so one real pool serves every table. */
    @Override
    public PoolParams creationParams(PoolParams params) {
        return new PoolParams.None();
    }

    /** {@code a653_schedule POOL MAJOR_NS DOM:VCPU:RUNTIME_NS...}: dom0-lib.sh resolves pool id and UUIDs. */
    @Override
    public List<String> dom0ScenarioLines(String realPool, PoolParams params) {
        if (!(params instanceof Arinc653Schedule table)) {
            throw new IllegalArgumentException("real Xen runs need an explicit ARINC653 schedule (Xen's boot table runs no guest)");
        }
        StringBuilder b = new StringBuilder("a653_schedule ").append(realPool).append(' ').append(table.majorFrameNs());
        for (Arinc653Slot slot : table.slots()) {
            b.append(' ').append(slot.domain()).append(':').append(slot.vcpu()).append(':').append(slot.runtimeNs());
        }
        return List.of(b.toString());
    }

    /** The slots' runtime per major frame; NaN under Xen's boot table. */
    @Override
    public double exactBusyShare(DomainSpec domain, PoolSpec pool, int vcpu) {
        if (!(pool.params() instanceof Arinc653Schedule table)) return Double.NaN;
        long runtime = 0;
        for (Arinc653Slot slot : table.slots()) {
            if (slot.domain().equals(domain.name()) && slot.vcpu() == vcpu) runtime += slot.runtimeNs();
        }
        return (double) runtime / table.majorFrameNs();
    }
}
