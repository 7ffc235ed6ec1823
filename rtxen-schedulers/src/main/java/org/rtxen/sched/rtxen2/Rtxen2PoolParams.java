package org.rtxen.sched.rtxen2;

import org.rtxen.model.params.ServerPoolParams;

/** Pool parameters of {@code rtglobal} and {@code rtpartition}: priority scheme, server type and branch quirks. */
public record Rtxen2PoolParams(Priority priority, ServerKind server, Quirks quirks) implements ServerPoolParams {
    /** EDF, deferrable server, full-feature branch with its bugs off. */
    public static final Rtxen2PoolParams DEFAULTS = new Rtxen2PoolParams(Priority.EDF, ServerKind.DEFERRABLE, Quirks.FULL_FEATURE);

    @Override
    public boolean fixedPriority() {
        return priority == Priority.DM;
    }

    @Override
    public boolean periodicServers() {
        return server == ServerKind.PERIODIC;
    }
}
