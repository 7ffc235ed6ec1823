package org.rtxen.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rtxen.engine.Simulation;
import org.rtxen.io.InputException;
import org.rtxen.io.ResultFormat;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.Scenario;
import org.rtxen.model.Time;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Schedulers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rtxen simulate SCENARIO.yaml}: reads a scenario, simulates it and prints what it measured. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate a Xen host running the scenario's domains and print per-domain, per-VCPU, per-task "
                + "and per-pCPU results.", "The scenario format is in docs/scenario.md."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the simulation ran", "2:bad input (the message names the file, line and field)",
                "70:internal error"})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "the scenario YAML file")
    private Path scenarioFile;

    @Option(names = "--json", description = "print the result as JSON (times in ns) instead of tables")
    private boolean json;

    @Option(names = "--seed", paramLabel = "N", description = "override the scenario's seed")
    private Long seed;

    @Option(names = "--duration", paramLabel = "T",
            description = "override the simulated duration, e.g. 500ms or 10s (a bare number is microseconds)")
    private String duration;

    @Override
    public Integer call() {
        Scenario scenario = withOverrides(ScenarioReader.read(scenarioFile));
        SimulationResult result = Simulation.of(scenario, Schedulers.factory()).run();
        PrintWriter out = spec.commandLine().getOut();
        out.print((json ? ResultFormat.JSON : ResultFormat.TEXT).format(result));
        out.flush();
        return 0;
    }

    private Scenario withOverrides(Scenario s) {
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
