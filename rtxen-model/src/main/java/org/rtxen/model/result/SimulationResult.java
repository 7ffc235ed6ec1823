package org.rtxen.model.result;

import java.util.List;

/**
 * What one simulation run measured.
 *
 * @param durationNs the simulated span [0, duration)
 * @param seed       the scenario seed
 * @param events     engine events processed
 * @param wallNs     wall-clock time of the run
 * @param stoppedBy  empty for a complete run; else the limit that stopped it early ({@code "max-events"} or
 *                   {@code "timeout"}), and {@code durationNs} is the simulated time reached
 */
public record SimulationResult(long durationNs, long seed, long events, long wallNs, List<DomainResult> domains,
                               List<PcpuResult> pcpus, String stoppedBy) {
    /** Copies the lists. */
    public SimulationResult {
        domains = List.copyOf(domains);
        pcpus = List.copyOf(pcpus);
    }

    /** A complete run's result. */
    public SimulationResult(long durationNs, long seed, long events, long wallNs, List<DomainResult> domains,
                            List<PcpuResult> pcpus) {
        this(durationNs, seed, events, wallNs, domains, pcpus, "");
    }

    /** Whether a limit stopped the run before its duration: the result covers [0, durationNs) only. */
    public boolean partial() {
        return !stoppedBy.isEmpty();
    }
}
