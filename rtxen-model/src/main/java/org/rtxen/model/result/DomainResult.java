package org.rtxen.model.result;

import java.util.List;

/** Per-domain results: Xen domain id, name, total running time and its VCPUs and tasks. */
public record DomainResult(int id, String name, long runNs, List<VcpuResult> vcpus, List<TaskResult> tasks) {
    /** Copies the lists. */
    public DomainResult {
        vcpus = List.copyOf(vcpus);
        tasks = List.copyOf(tasks);
    }
}
