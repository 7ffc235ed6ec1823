package org.rtxen.model.params;

import java.util.List;

/**
 * Domain parameters that give every VCPU a periodic server (period, budget), the shape compositional analysis
 * plans: the planner reads each VCPU's server and asks for the same parameters with new servers, without naming
 * the policy. It treats a pool whose domains have such parameters as global EDF over deferrable servers (RTDS), unless
 * the pool's parameters are {@link ServerPoolParams}, and plans it with no VCPU running beyond its budget.
 */
public interface ServerParams extends SchedParams {
    /** The effective server of VCPU {@code vcpu}. */
    VcpuServer server(int vcpu);

    /** The smallest budget the policy accepts. */
    long minBudgetNs();

    /** The unit of the policy's periods and budgets (its {@code xl} command's): a planned server is whole units. */
    long unitNs();

    /** These parameters with VCPU i given {@code servers.get(i)}, every other setting kept. */
    ServerParams withServers(List<VcpuServer> servers);

    /** Whether some VCPU may run beyond its budget while the pool has spare time (RTDS's extratime). */
    boolean runsBeyondBudget();

    /** These parameters with no VCPU running beyond its budget (extratime off), every other setting kept. */
    ServerParams withinBudget();
}
