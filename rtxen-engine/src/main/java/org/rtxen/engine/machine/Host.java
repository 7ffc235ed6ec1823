package org.rtxen.engine.machine;

import java.util.List;

/** The simulated machine: pCPUs, cpupools, domains and every VCPU, each in a dense id order. */
public final class Host {
    List<Pcpu> pcpus = List.of();
    List<CpuPool> pools = List.of();
    List<Domain> domains = List.of();
    List<Vcpu> vcpus = List.of();

    Host() {}

    /** All pCPUs by id. */
    public List<Pcpu> pcpus() {
        return pcpus;
    }

    /** The pCPU with the given id. */
    public Pcpu pcpu(int id) {
        return pcpus.get(id);
    }

    /** The cpupools in scenario order. */
    public List<CpuPool> pools() {
        return pools;
    }

    /** The domains in scenario order (not domain-id order). */
    public List<Domain> domains() {
        return domains;
    }

    /** Every VCPU (guest VCPUs, then one idle VCPU per pCPU) by dense id. */
    public List<Vcpu> vcpus() {
        return vcpus;
    }

    /** The number of VCPUs, idle ones included: the size of any array indexed by {@link Vcpu#id()}. */
    public int vcpuCount() {
        return vcpus.size();
    }
}
