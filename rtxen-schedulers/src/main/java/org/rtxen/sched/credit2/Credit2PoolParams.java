package org.rtxen.sched.credit2;

import org.rtxen.model.params.PoolParams;

/**
 * Credit2's pool parameters: the context-switch rate limit ({@code xl sched-credit2 -s -r}, 0 or 100 us..500 ms,
 * default 1 ms, C2.31) and how the pool's pCPUs are grouped into run queues (Xen's boot option
 * {@code credit2_runqueue}, default socket, C2.6).
 */
public record Credit2PoolParams(long ratelimitNs, RunqueueLayout runqueue) implements PoolParams {
    /** Xen's defaults: 1 ms rate limit, one run queue per socket. */
    public static final Credit2PoolParams DEFAULTS = new Credit2PoolParams(1_000_000L, RunqueueLayout.SOCKET);
}
