package org.rtxen.sched.nul;

import java.util.List;
import java.util.Map;
import org.rtxen.engine.codec.ParamNode;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.engine.codec.SchedulerCodec;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * The null scheduler outside the simulation: {@code scheduler: null} (bare or quoted) and nothing else. Neither
 * domains nor pools take parameters, and xl's per-domain scheduler calls are no-ops for it (N4.10): placement comes
 * only from hard affinity ({@code xl vcpu-pin}).
 */
public final class NullCodec implements SchedulerCodec {
    @Override
    public String name() {
        return "null";
    }

    @Override
    public boolean hasDomainParams() {
        return false;
    }

    @Override
    public String whyNoDomainParams() {
        return "a VCPU owns a pCPU or waits for one, N4.10";
    }

    @Override
    public SchedParams defaultDomain() {
        return new NullParams();
    }

    @Override
    public SchedParams readDomain(ParamNode node, int vcpus) {
        throw node.error("null has no per-domain parameters (" + whyNoDomainParams() + ")");
    }

    @Override
    public ParamTree writeDomain(SchedParams params) {
        return new ParamTree();
    }

    @Override
    public boolean hasPoolParams() {
        return false;
    }

    @Override
    public PoolParams defaultPool() {
        return new PoolParams.None();
    }

    @Override
    public PoolParams readPool(ParamNode node, String pool, Map<String, DomainSpec> domains) {
        throw node.error("null has no pool parameters (N4.1)");
    }

    @Override
    public ParamTree writePool(PoolParams params) {
        return new ParamTree();
    }

    @Override
    public List<String> xlDomain(String domain, int vcpus, SchedParams params) {
        return List.of();
    }
}
