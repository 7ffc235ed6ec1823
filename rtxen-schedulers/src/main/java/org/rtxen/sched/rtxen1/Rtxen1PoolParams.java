package org.rtxen.sched.rtxen1;

import org.rtxen.model.params.PoolParams;

/** RT-Xen 1.0 pool parameters: the server algorithm every VCPU of the pool uses (S4-S7, switchable by S9). */
public record Rtxen1PoolParams(Server server) implements PoolParams {
    /** The default: Deferrable Server, the one EMSOFT 2011 found best for soft real-time (S8). */
    public static final Rtxen1PoolParams DEFAULTS = new Rtxen1PoolParams(Server.DEFERRABLE);
}
