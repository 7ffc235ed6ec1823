package org.rtxen.model.params;

/**
 * Pool parameters of a server-based policy that follow some release of it, which may charge budgets other than
 * exactly, so that analyses can refuse such a pool without naming the policy or the release. A pool whose parameters
 * are not of this kind charges every VCPU exactly what it runs and refills it at each of its period boundaries.
 */
public interface ServerAccounting extends PoolParams {
    /**
     * How a VCPU of this pool can run more or less than its budget in one of its periods, in a deployer's words with
     * the behaviour's reference; empty when the pool charges exactly what a VCPU runs and refills at period bounds.
     */
    String inexactAccounting();
}
