package org.rtxen.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rtxen.xenref.XenRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rtxen xen-run SCENARIO.yaml...}: runs scenarios on real Xen 4.17 under QEMU (one boot for all of them, via
 * {@code fidelity/xen-qemu/xenref}) and prints each one's per-VCPU and per-task figures beside {@code rtxen simulate}'s.
 * The harness itself is {@link XenRun} (rtxen-xenref).
 */
@Command(name = "xen-run", mixinStandardHelpOptions = true,
        description = {"Run scenarios on real Xen 4.17 under QEMU (root; run `fidelity/xen-qemu/xenref prepare` once) "
                + "and print what Xen did beside what rtxen simulates.",
                "WARNING: emulated timing carries artefacts (one VCPU of a multi-pCPU pool can run 5-40 %% too much); "
                + "repeat a run (--runs) and read docs/xen-reference.md before trusting a difference."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every run finished", "2:bad input, a missing prerequisite or a failed boot (named with its log)",
                "70:internal error"})
public final class XenRunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", arity = "1..*", description = "scenario YAML files (their ids: file names without .yaml)")
    private List<Path> scenarioFiles;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "1", description = "boots to run, each with every scenario (default ${DEFAULT-VALUE})")
    private int runs;

    @Option(names = "--parallel", description = "run the boots at the same time (each QEMU uses one host core)")
    private boolean parallel;

    @Option(names = "--work", paramLabel = "DIR", description = "where boots keep their outputs (default fidelity/xen-qemu/work/xen-run-<time>)")
    private Path work;

    @Option(names = "--xenref", paramLabel = "FILE", defaultValue = "fidelity/xen-qemu/xenref",
            description = "the reference runner script (default ${DEFAULT-VALUE})")
    private Path xenref;

    @Option(names = "--from", paramLabel = "RUNDIR",
            description = "do not boot: read the outputs of earlier boots (folders holding out/), repeatable")
    private List<Path> from;

    @Option(names = "--reference-out", paramLabel = "DIR",
            description = "also write each run's reference JSON as DIR/runs/ID.run-K.json, and the first accepted run"
                    + " (else the first) as DIR/ID.json, beside the scenario DIR/ID.yaml")
    private Path referenceOut;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (from != null) {
            InapplicableOptions.refuse(spec, "--from (earlier boots are read, none is booted)", "--runs", "--parallel",
                    "--work", "--xenref");
        }
        new XenRun(runs, parallel, work, xenref, from, referenceOut).run(scenarioFiles, spec.commandLine().getOut());
        return 0;
    }
}
