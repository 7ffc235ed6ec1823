package org.rtxen.sched.rtds;

import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.ServerAccounting;

/** RTDS's pool parameter in rtxen: which upstream release the pool's scheduler follows (default 4.10). */
public record RtdsPoolParams(RtdsVariant variant) implements ServerAccounting {
    /** Today's behaviour. */
    public static final RtdsPoolParams DEFAULTS = new RtdsPoolParams(RtdsVariant.V4_10);

    /** The variant a pool's parameters ask for: theirs if they are RTDS's, else the default. */
    public static RtdsVariant variantOf(PoolParams p) {
        return p instanceof RtdsPoolParams r ? r.variant() : DEFAULTS.variant();
    }

    /** Where the release charges budgets other than exactly (docs/fidelity.md, "RTDS 4.5 and 4.7"). */
    @Override
    public String inexactAccounting() {
        return switch (variant) {
            case V4_5 -> "Xen 4.5/4.6's RTDS (variant 4.5) charges budgets in 1 ms quanta and refills only when it"
                    + " scans its queues (spec R44, E2, E3): a VCPU can run up to 1 ms beyond its budget in a period"
                    + " (a 6.2 ms budget runs 7 ms) and one that keeps running is refilled late";
            case V4_7 -> "Xen 4.7's RTDS (variant 4.7) keeps a VCPU's last_start across a replenishment (spec E6,"
                    + " fixed in 4.8): time run before a period boundary is charged to the next period's budget, so a"
                    + " VCPU can get less than its budget in a period (a budget equal to its period halves its share)";
            case V4_10 -> "";
        };
    }
}
