package org.rtxen.model.params;

/** Pool-wide parameters of a scheduler instance (Xen's sysctl {@code adjust_global}). */
public interface PoolParams {
    /** The policy has no pool-wide parameters (RTDS). */
    record None() implements PoolParams {}
}
