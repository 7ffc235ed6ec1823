package org.rtxen.sched.rtxen2;

/**
 * The RT-Xen 2.0 behaviours that differ between its two branches or are known bugs, each a switch (spec E23-E29).
 * {@link #FULL_FEATURE} is PandaMengXu {@code rtxen-v2.0-full-feature} with its bugs off (the default);
 * {@link #XISISU} is xisisu {@code rt-xen_2.0} as released.
 *
 * @param deadlineKeysInDm    xisisu: keep-current and tickle compare deadlines even under DM (G10)
 * @param budgetClampBug      E23: after a charge, any budget below 500,000 us is zeroed (G6.7)
 * @param invertedTickleVictim E24: the tickle victim is the busy pCPU with the earliest key (G12)
 * @param freeBoundaryQuantum E25: a VCPU running across its deadline is refilled and charged nothing for that
 *                            quantum; a negative time delta zeroes its budget (G6.3, G6.4)
 * @param domainOneBounce     E26: the global pick skips domain 1's VCPUs on the pCPU they are on (G9)
 * @param switchKeepsOrder    E27: a run-time priority switch leaves the run queues in the old order (G15)
 * @param firstBurnFree       E29: a VCPU's first charge only starts its accounting ({@code last_start == 0}, G6.1)
 */
public record Quirks(boolean deadlineKeysInDm, boolean budgetClampBug, boolean invertedTickleVictim,
                     boolean freeBoundaryQuantum, boolean domainOneBounce, boolean switchKeepsOrder,
                     boolean firstBurnFree) {
    /** Full-feature branch, bugs (E23, E24, E26) off; its inherent behaviours E25, E27, E29 kept. */
    public static final Quirks FULL_FEATURE = new Quirks(false, false, false, true, false, true, true);
    /** xisisu {@code rt-xen_2.0} (= {@code rt-xen_2.1}) as released: E23, E24 and E26 on, deadline keys under DM. */
    public static final Quirks XISISU = new Quirks(true, true, true, true, true, true, true);
}
