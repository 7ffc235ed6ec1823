package org.rtxen.model;

import java.util.List;
import org.rtxen.model.params.PoolParams;

/** A cpupool: a disjoint set of pCPUs with its own scheduler instance and pool-wide parameters. */
public record PoolSpec(String name, SchedulerKind scheduler, List<Integer> pcpus, PoolParams params) {
    /** Copies the pCPU list. */
    public PoolSpec {
        pcpus = List.copyOf(pcpus);
    }
}
