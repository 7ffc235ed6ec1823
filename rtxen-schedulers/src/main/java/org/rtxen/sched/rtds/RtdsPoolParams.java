package org.rtxen.sched.rtds;

import org.rtxen.model.params.PoolParams;

/** RTDS's pool parameter in rtxen: which upstream release the pool's scheduler follows (default 4.10). */
public record RtdsPoolParams(RtdsVariant variant) implements PoolParams {
    /** Today's behaviour. */
    public static final RtdsPoolParams DEFAULTS = new RtdsPoolParams(RtdsVariant.V4_10);

    /** The variant a pool's parameters ask for: theirs if they are RTDS's, else the default. */
    public static RtdsVariant variantOf(PoolParams p) {
        return p instanceof RtdsPoolParams r ? r.variant() : DEFAULTS.variant();
    }
}
