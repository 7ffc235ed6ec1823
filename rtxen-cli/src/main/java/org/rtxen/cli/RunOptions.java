package org.rtxen.cli;

import org.rtxen.io.InputException;
import org.rtxen.model.Scenario;
import org.rtxen.model.Time;
import picocli.CommandLine.Option;

/** The {@code --seed} and {@code --duration} overrides shared by {@code simulate} and {@code report} (a picocli mixin). */
final class RunOptions {
    @Option(names = "--seed", paramLabel = "N", description = "override the scenario's seed")
    private Long seed;

    @Option(names = "--duration", paramLabel = "T",
            description = "override the simulated duration, e.g. 500ms or 10s (a bare number is microseconds)")
    private String duration;

    /** {@code s} with the overrides given on the command line; a bad duration is bad input naming the option. */
    Scenario apply(Scenario s) {
        long durationNs = s.durationNs();
        if (duration != null) {
            try {
                durationNs = Time.parse(duration);
            } catch (IllegalArgumentException e) {
                throw new InputException(null, "--duration", 0, e.getMessage());
            }
            if (durationNs <= 0) throw new InputException(null, "--duration", 0, "must be positive, not " + duration);
        }
        return new Scenario(durationNs, seed != null ? seed : s.seed(), s.host(), s.pools(), s.domains(),
                s.overheads(), s.commands());
    }
}
