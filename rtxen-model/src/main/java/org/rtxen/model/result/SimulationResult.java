package org.rtxen.model.result;

import java.util.List;

/**
 * What one simulation run measured.
 *
 * @param durationNs the simulated span [0, duration)
 * @param seed       the scenario seed
 * @param events     engine events processed
 * @param wallNs     wall-clock time of the run
 */
public record SimulationResult(long durationNs, long seed, long events, long wallNs, List<DomainResult> domains,
                               List<PcpuResult> pcpus) {
    /** Copies the lists. */
    public SimulationResult {
        domains = List.copyOf(domains);
        pcpus = List.copyOf(pcpus);
    }
}
