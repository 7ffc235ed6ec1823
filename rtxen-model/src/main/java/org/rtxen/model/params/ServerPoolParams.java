package org.rtxen.model.params;

/**
 * Pool parameters of a server-based policy that says how it schedules its VCPU servers, so that analyses can pick
 * the test that matches the pool without naming the policy. A pool whose parameters are not of this kind and whose
 * domains have {@link ServerParams} is global EDF over deferrable servers (RTDS).
 */
public interface ServerPoolParams extends PoolParams {
    /** Whether VCPUs are scheduled by fixed (deadline-monotonic) priority rather than EDF. */
    boolean fixedPriority();

    /** Whether servers are periodic (budget lost when idle) rather than deferrable (budget kept). */
    boolean periodicServers();
}
