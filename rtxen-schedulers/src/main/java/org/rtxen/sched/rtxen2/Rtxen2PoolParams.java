package org.rtxen.sched.rtxen2;

import org.rtxen.model.params.PoolParams;

/** Pool parameters of {@code rtglobal} and {@code rtpartition}: priority scheme, server type and branch quirks. */
public record Rtxen2PoolParams(Priority priority, ServerKind server, Quirks quirks) implements PoolParams {
    /** EDF, deferrable server, full-feature branch with its bugs off. */
    public static final Rtxen2PoolParams DEFAULTS = new Rtxen2PoolParams(Priority.EDF, ServerKind.DEFERRABLE, Quirks.FULL_FEATURE);
}
