package org.rtxen.model;

import java.util.List;

/**
 * One simulation input: the host, its cpupools, the domains and their guests, simulated over [0, duration).
 *
 * @param durationNs the simulated time span, positive
 * @param seed       the root of every random stream the run uses
 */
public record Scenario(long durationNs, long seed, HostSpec host, List<PoolSpec> pools, List<DomainSpec> domains,
                       Overheads overheads) {
    /** Copies the lists and checks the duration. */
    public Scenario {
        if (durationNs <= 0) throw new IllegalArgumentException("duration must be positive");
        pools = List.copyOf(pools);
        domains = List.copyOf(domains);
    }
}
