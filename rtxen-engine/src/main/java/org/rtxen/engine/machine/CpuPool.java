package org.rtxen.engine.machine;

import java.util.List;
import org.rtxen.model.PoolSpec;

/** A cpupool at run time (F17): its pCPUs, its domains and its own scheduler instance. */
public final class CpuPool {
    private final int id;
    private final PoolSpec spec;
    private final List<Pcpu> pcpus;
    private final CpuMask mask;
    private final Host host;
    VcpuScheduler scheduler;
    List<Domain> domains = List.of();

    CpuPool(int id, PoolSpec spec, List<Pcpu> pcpus, Host host) {
        this.id = id;
        this.spec = spec;
        this.pcpus = List.copyOf(pcpus);
        this.mask = CpuMask.of(spec.pcpus());
        this.host = host;
    }

    /** Pool id, its position in the scenario (Pool-0 first). */
    public int id() {
        return id;
    }

    /** The pool name. */
    public String name() {
        return spec.name();
    }

    /** The pool's spec. */
    public PoolSpec spec() {
        return spec;
    }

    /** Its pCPUs in increasing id order. */
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

    /** The domains in the pool, in scenario order. */
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
