package org.rtxen.model;

import java.util.List;
import org.rtxen.model.params.PoolParams;

/**
 * A cpupool: a disjoint set of pCPUs with its own scheduler instance and pool-wide parameters.
 *
 * @param name      the pool name
 * @param scheduler the Xen name of its policy ({@code sched=...}, e.g. {@code rtds}), one the registry knows
 * @param pcpus     its pCPU ids
 * @param params    its pool-wide parameters for that policy
 */
public record PoolSpec(String name, String scheduler, List<Integer> pcpus, PoolParams params) {
    /** Copies the pCPU list. */
    public PoolSpec {
        pcpus = List.copyOf(pcpus);
    }
}
