package org.rtxen.sched.rtxen1;

import org.rtxen.model.params.SchedParams;

/**
 * RT-Xen 1.0 parameters of a domain, applied to each of its VCPUs (S1): server period, budget and static
 * priority (a smaller number is a higher priority; equal priorities are ordered rate-monotonically by period).
 *
 * @param periodNs the server period in ns
 * @param budgetNs the budget per period in ns, at most the period
 * @param priority the static priority ("level", {@code -l}); {@link #DEFAULT_PRIORITY} leaves the order to the periods
 */
public record Rtxen1Params(long periodNs, long budgetNs, int priority) implements SchedParams {
    /** The priority of a VCPU given none: all such VCPUs are ordered rate-monotonically by period. */
    public static final int DEFAULT_PRIORITY = 0;
    /** The default period, 10 ms, as RT-Xen 2.0's (G3; RT-Xen 1.0's is not documented, [R]). */
    public static final long DEFAULT_PERIOD_NS = 10_000_000L;
    /** The default budget, 4 ms, as RT-Xen 2.0's (G3; [R] for 1.0). */
    public static final long DEFAULT_BUDGET_NS = 4_000_000L;
    /** The defaults: 10 ms period, 4 ms budget, default priority. */
    public static final Rtxen1Params DEFAULTS = new Rtxen1Params(DEFAULT_PERIOD_NS, DEFAULT_BUDGET_NS, DEFAULT_PRIORITY);
}
