package org.rtxen.model.guest;

/** Whether a guest schedules its tasks globally over its VCPUs or each task on one VCPU. */
public enum Placement {
    /** Any ready job may run on any of the domain's VCPUs. */
    GLOBAL,
    /** Each task is pinned to the VCPU its spec names. */
    PARTITIONED
}
