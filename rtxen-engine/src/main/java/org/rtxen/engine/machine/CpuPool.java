package org.rtxen.engine.machine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.params.PoolParams;

/** A cpupool at run time (F17): its pCPUs, its domains and its own scheduler instance. */
public final class CpuPool {
    private final int id;
    private final PoolSpec spec;
    private final Host host;
    List<Pcpu> pcpus;
    CpuMask mask;
    PoolParams params;
    VcpuScheduler scheduler;
    List<Domain> domains = List.of();

    CpuPool(int id, PoolSpec spec, List<Pcpu> pcpus, Host host) {
        this.id = id;
        this.spec = spec;
        this.host = host;
        this.params = spec.params();
        setPcpus(pcpus);
    }

    /** Sets the pool's pCPUs (at build time and when a pCPU is added or removed at run time). */
    void setPcpus(List<Pcpu> members) {
        List<Pcpu> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparingInt(Pcpu::id));
        List<Integer> ids = new ArrayList<>();
        for (Pcpu p : sorted) ids.add(p.id());
        this.pcpus = List.copyOf(sorted);
        this.mask = CpuMask.of(ids);
    }

    /** Pool id, its position in the scenario (Pool-0 first). */
    public int id() {
        return id;
    }

    /** The pool name. */
    public String name() {
        return spec.name();
    }

    /** Its pool-wide parameters now: as configured, or as last changed at run time. */
    public PoolParams params() {
        return params;
    }

    /** The pool's spec as given in the scenario (its pCPUs and parameters may have changed since). */
    public PoolSpec spec() {
        return spec;
    }

    /** Its pCPUs now, in increasing id order. */
    public List<Pcpu> pcpus() {
        return pcpus;
    }

    /** Its pCPUs as a mask. */
    public CpuMask mask() {
        return mask;
    }

    /** The host it is part of. */
    public Host host() {
        return host;
    }

    /** The domains in the pool now, in scenario order. */
    public List<Domain> domains() {
        return domains;
    }

    /** Its scheduler instance. */
    public VcpuScheduler scheduler() {
        return scheduler;
    }

    @Override
    public String toString() {
        return spec.name();
    }
}
