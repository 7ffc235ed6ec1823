package org.rtxen.analysis.plan;

import java.util.List;
import org.rtxen.analysis.component.ComponentResult;
import org.rtxen.analysis.host.TestResult;
import org.rtxen.model.Scenario;

/**
 * The planner's answer.
 *
 * @param planned     the scenario with every planned domain's RTDS parameters filled in
 * @param domains     per planned domain: its guest components' interfaces, or why it has none
 * @param pools       per RTDS pool: the host-level tests of its VCPUs on its pCPUs
 * @param schedulable whether every planned domain has an interface and every RTDS pool passes
 */
public record Plan(Scenario planned, List<DomainPlan> domains, List<PoolPlan> pools, boolean schedulable) {
    /** Copies the lists. */
    public Plan {
        domains = List.copyOf(domains);
        pools = List.copyOf(pools);
    }

    /**
     * One domain's plan.
     *
     * @param domain     the domain's name
     * @param components one interface per guest component (one for a global guest, one per VCPU for a partitioned one)
     * @param feasible   whether every component has an interface that fits the domain's VCPUs
     * @param reason     why not; empty when feasible
     */
    public record DomainPlan(String domain, List<ComponentResult> components, boolean feasible, String reason) {
        /** Copies the list. */
        public DomainPlan {
            components = List.copyOf(components);
        }
    }

    /**
     * One RTDS pool's verdict.
     *
     * @param pool        the pool's name
     * @param pcpus       its pCPU count
     * @param tests       the host-level tests run on its VCPUs
     * @param schedulable whether a test that is sound for RTDS's deferrable servers passed
     * @param reason      what fails; empty when schedulable
     */
    public record PoolPlan(String pool, int pcpus, List<TestResult> tests, boolean schedulable, String reason) {
        /** Copies the list. */
        public PoolPlan {
            tests = List.copyOf(tests);
        }
    }
}
