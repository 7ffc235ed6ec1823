package org.rtxen.analysis.plan;

import org.rtxen.analysis.supply.Mpr;

/**
 * How to plan.
 *
 * @param guest       how a global guest with several VCPUs is planned
 * @param variant     the MPR supply bound (only with {@link GuestModel#MPR})
 * @param minPeriodUs the shortest server period a period search tries, or 0 to keep the scenario's periods
 * @param maxPeriodUs the longest one (ignored without a search)
 */
public record PlanOptions(GuestModel guest, Mpr.Variant variant, long minPeriodUs, long maxPeriodUs) {
    /** Checks the period range. */
    public PlanOptions {
        if (minPeriodUs < 0 || (minPeriodUs > 0 && maxPeriodUs < minPeriodUs)) {
            throw new IllegalArgumentException("period range " + minPeriodUs + ".." + maxPeriodUs + " µs is empty");
        }
    }

    /** The scenario's periods, global guests partitioned, improved MPR sbf where MPR is asked for. */
    public static final PlanOptions DEFAULTS = new PlanOptions(GuestModel.PARTITIONED, Mpr.Variant.XU, 0, 0);

    /** Whether the planner searches the period range. */
    public boolean searchesPeriod() {
        return minPeriodUs > 0;
    }

    /** Planning a global guest with several VCPUs. */
    public enum GuestModel {
        /**
         * The real guest (Linux, rtxen's guest model): a job stays on the VCPU it was dispatched to while Xen
         * deschedules that VCPU, so the planner pins each task to one VCPU (the plan says which) and gives every
         * VCPU its own PRM interface. Sound.
         */
        PARTITIONED,
        /**
         * MPR (Easwaran, Shin, Lee): assumes a guest that runs any ready job on whichever VCPU Xen supplies. Neither
         * Linux nor rtxen's guest model does, so the interface is reported but guarantees nothing for this scenario.
         */
        MPR,
        /** DMPR (full VCPUs plus one partial): the same migrating-guest assumption as MPR. */
        DMPR
    }
}
