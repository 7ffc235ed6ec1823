package org.rtxen.sched.credit;

import org.rtxen.model.params.PoolParams;

/** Credit's pool parameters: time slice (default 30 ms) and context-switch rate limit (default 1000 us). */
public record CreditPoolParams(long tsliceNs, long ratelimitNs) implements PoolParams {
    /** Xen's defaults: 30 ms slice, 1 ms rate limit. */
    public static final CreditPoolParams DEFAULTS = new CreditPoolParams(30_000_000L, 1_000_000L);
}
