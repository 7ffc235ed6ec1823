package org.rtxen.engine.codec;

import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * What one run-time {@code xl sched-NAME ...} command changes, as the policy's codec parsed it: one domain's
 * parameters, or one pool's. The update is applied to the parameters in force when the command runs, so the caller
 * can also apply it ahead of the run to refuse an impossible command before simulating.
 */
public sealed interface XlChange {
    /**
     * A change of domain {@code domain}'s parameters.
     *
     * @param domain the domain xl names ({@code -d})
     * @param update the new parameters given the current ones
     */
    record Domain(String domain, DomainUpdate update) implements XlChange {}

    /**
     * A change of pool {@code pool}'s parameters ({@code xl sched-credit -s -p POOL ...}).
     *
     * @param pool   the pool xl names ({@code -p}); null for the boot pool, as xl does without {@code -p}
     * @param update the new parameters given the current ones
     */
    record Pool(String pool, PoolUpdate update) implements XlChange {}

    /** New domain parameters from the current ones. */
    @FunctionalInterface
    interface DomainUpdate {
        /**
         * Applies the change.
         *
         * @param current the domain's parameters now
         * @param vcpus   its VCPU count
         * @throws IllegalArgumentException when the change is impossible (e.g. an unknown VCPU), in xl's words
         */
        SchedParams apply(SchedParams current, int vcpus);
    }

    /** New pool parameters from the current ones. */
    @FunctionalInterface
    interface PoolUpdate {
        /**
         * Applies the change.
         *
         * @throws IllegalArgumentException when the change is impossible, in xl's words
         */
        PoolParams apply(PoolParams current);
    }
}
