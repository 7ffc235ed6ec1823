package org.rtxen.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.params.SchedParams;

/**
 * A domain (VM): its pool, VCPU count, per-policy scheduling parameters, hard affinity, start time and guest workload.
 *
 * @param name         the domain name, unique in the scenario
 * @param control      true for the control domain (Domain-0, Xen domain id 0)
 * @param pool         the name of the cpupool it belongs to
 * @param vcpus        the number of VCPUs
 * @param params       its parameters for the pool's scheduler
 * @param affinity     hard affinity of every VCPU (pCPU ids); empty means all pCPUs of the pool
 * @param vcpuAffinity hard affinity per VCPU, one list per VCPU (xl.cfg's {@code cpus=[...]} list of lists); empty
 *                     when {@code affinity} applies to every VCPU
 * @param startNs      when the domain is created and its VCPUs inserted (0: at boot); its guest starts then
 * @param guest        the guest OS and its tasks
 */
public record DomainSpec(String name, boolean control, String pool, int vcpus, SchedParams params,
                         List<Integer> affinity, List<List<Integer>> vcpuAffinity, long startNs, GuestSpec guest) {
    /** Copies the affinity lists and checks that per-VCPU affinity, if given, has one list per VCPU. */
    public DomainSpec {
        affinity = List.copyOf(affinity);
        List<List<Integer>> copy = new ArrayList<>();
        for (List<Integer> a : vcpuAffinity) copy.add(List.copyOf(a));
        vcpuAffinity = List.copyOf(copy);
        if (!vcpuAffinity.isEmpty() && vcpuAffinity.size() != vcpus) {
            throw new IllegalArgumentException("per-VCPU affinity needs one list per VCPU");
        }
        if (startNs < 0) throw new IllegalArgumentException("start must not be negative");
    }

    /** A domain created at boot whose VCPUs all share {@code affinity}. */
    public DomainSpec(String name, boolean control, String pool, int vcpus, SchedParams params, List<Integer> affinity,
                      GuestSpec guest) {
        this(name, control, pool, vcpus, params, affinity, List.of(), 0, guest);
    }

    /** The hard affinity of VCPU {@code vcpu} (pCPU ids); empty means all pCPUs. */
    public List<Integer> affinityOf(int vcpu) {
        return vcpuAffinity.isEmpty() ? affinity : vcpuAffinity.get(vcpu);
    }

    /** {@code domains} by name, in their order (the first of a repeated name), as a pool's codec looks them up. */
    public static Map<String, DomainSpec> byName(List<DomainSpec> domains) {
        Map<String, DomainSpec> byName = new LinkedHashMap<>();
        for (DomainSpec d : domains) byName.putIfAbsent(d.name(), d);
        return byName;
    }

    /** This domain with other scheduling parameters. */
    public DomainSpec withParams(SchedParams newParams) {
        return new DomainSpec(name, control, pool, vcpus, newParams, affinity, vcpuAffinity, startNs, guest);
    }
}
