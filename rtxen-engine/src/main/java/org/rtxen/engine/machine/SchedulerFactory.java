package org.rtxen.engine.machine;

import org.rtxen.model.PoolSpec;

/** Creates the policy instance for a cpupool; {@code org.rtxen.sched.Schedulers} is the production registry. */
@FunctionalInterface
public interface SchedulerFactory {
    /** A new, uninitialised scheduler for the pool described by {@code pool} (one instance per pool, F17). */
    VcpuScheduler create(PoolSpec pool);
}
