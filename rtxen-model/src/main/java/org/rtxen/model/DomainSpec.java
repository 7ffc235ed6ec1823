package org.rtxen.model;

import java.util.List;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.params.SchedParams;

/**
 * A domain (VM): its pool, VCPU count, per-policy scheduling parameters, hard affinity and guest workload.
 *
 * @param name     the domain name, unique in the scenario
 * @param control  true for the control domain (Domain-0, Xen domain id 0)
 * @param pool     the name of the cpupool it belongs to
 * @param vcpus    the number of VCPUs
 * @param params   its parameters for the pool's scheduler
 * @param affinity hard affinity of every VCPU (pCPU ids); empty means all pCPUs of the pool
 * @param guest    the guest OS and its tasks
 */
public record DomainSpec(String name, boolean control, String pool, int vcpus, SchedParams params,
                         List<Integer> affinity, GuestSpec guest) {
    /** Copies the affinity list. */
    public DomainSpec {
        affinity = List.copyOf(affinity);
    }
}
