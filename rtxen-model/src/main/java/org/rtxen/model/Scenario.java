package org.rtxen.model;

import java.util.Comparator;
import java.util.List;
import org.rtxen.model.command.Command;

/**
 * One simulation input: the host, its cpupools, the domains and their guests, simulated over [0, duration).
 *
 * @param durationNs the simulated time span, positive
 * @param seed       the root of every random stream the run uses
 * @param commands   run-time changes, in time order (a stable sort keeps the order of commands at one time)
 */
public record Scenario(long durationNs, long seed, HostSpec host, List<PoolSpec> pools, List<DomainSpec> domains,
                       Overheads overheads, List<Command> commands) {
    /** Copies the lists, sorts the commands by time and checks the duration. */
    public Scenario {
        if (durationNs <= 0) throw new IllegalArgumentException("duration must be positive");
        pools = List.copyOf(pools);
        domains = List.copyOf(domains);
        commands = commands.stream().sorted(Comparator.comparingLong(Command::atNs)).toList();
    }

    /** A scenario without run-time commands. */
    public Scenario(long durationNs, long seed, HostSpec host, List<PoolSpec> pools, List<DomainSpec> domains,
                    Overheads overheads) {
        this(durationNs, seed, host, pools, domains, overheads, List.of());
    }
}
