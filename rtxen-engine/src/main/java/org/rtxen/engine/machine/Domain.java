package org.rtxen.engine.machine;

import java.util.List;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.params.SchedParams;

/** A domain (VM) at run time: Xen domain id, its spec, pool and VCPUs. */
public final class Domain {
    private final int id;
    private final DomainSpec spec;
    private final CpuPool pool;
    private List<Vcpu> vcpus = List.of();
    int pauseCount;

    Domain(int id, DomainSpec spec, CpuPool pool) {
        this.id = id;
        this.spec = spec;
        this.pool = pool;
    }

    void setVcpus(List<Vcpu> vcpus) {
        this.vcpus = List.copyOf(vcpus);
    }

    /** Xen domain id: 0 for the control domain, then 1, 2, ... in scenario order. */
    public int id() {
        return id;
    }

    /** The domain name. */
    public String name() {
        return spec.name();
    }

    /** The domain's spec as given in the scenario. */
    public DomainSpec spec() {
        return spec;
    }

    /** Its scheduling parameters as configured in the scenario. */
    public SchedParams params() {
        return spec.params();
    }

    /** The cpupool it belongs to. */
    public CpuPool pool() {
        return pool;
    }

    /** Its VCPUs in index order. */
    public List<Vcpu> vcpus() {
        return vcpus;
    }

    @Override
    public String toString() {
        return "d" + id + "(" + spec.name() + ")";
    }
}
