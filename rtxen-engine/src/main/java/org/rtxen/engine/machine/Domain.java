package org.rtxen.engine.machine;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.params.SchedParams;

/** A domain (VM) at run time: Xen domain id, its spec, pool and VCPUs. */
public final class Domain {
    private final int id;
    private final DomainSpec spec;
    CpuPool pool;
    SchedParams params;
    private List<Vcpu> vcpus = List.of();
    int pauseCount;
    /** Whether its VCPUs are in its pool's scheduler: false before its start and after it is destroyed. */
    boolean live;
    /** Whether it was destroyed ({@code xl destroy}). */
    boolean destroyed;
    /** Administrative steps waiting until none of its VCPUs is running (Xen's synchronous domain_pause). */
    final List<Runnable> whenDescheduled = new ArrayList<>();

    Domain(int id, DomainSpec spec, CpuPool pool) {
        this.id = id;
        this.spec = spec;
        this.pool = pool;
        this.params = spec.params();
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

    /** Its scheduling parameters now: as configured, or as last changed at run time (null: its policy's defaults). */
    public SchedParams params() {
        return params;
    }

    /** Whether it exists now: created (at its start time) and not destroyed. */
    public boolean isLive() {
        return live;
    }

    /** The cpupool it belongs to now. */
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
