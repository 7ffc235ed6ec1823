package org.rtxen.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rtxen.experiments.plot.Figures;
import org.rtxen.io.InputException;
import org.rtxen.model.Quoted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rtxen plot DIR -o FILE.png|FILE.svg}: draws a figure of a sweep's results. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw a figure of the sweep stored in DIR (by rtxen sweep) as PNG or SVG: by default the "
                + "schedulability ratio against total utilisation per configuration, simulation (solid) beside each "
                + "analysis (dashed). See docs/sweep.md."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:written", "2:bad input", "70:internal error"})
public final class PlotCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the sweep's --out directory")
    private Path dir;

    @Option(names = "-o", required = true, paramLabel = "FILE", description = "the figure, .png or .svg")
    private Path out;

    @Option(names = "--figure", paramLabel = "KIND", defaultValue = "schedulability",
            description = "schedulability (default) | weighted | miss-ratio | response-cdf")
    private String figure;

    @Option(names = "--analysis", paramLabel = "NAME", split = ",",
            description = "the analyses to draw beside the simulation (default: all the sweep's)")
    private List<String> analyses;

    @Override
    public Integer call() {
        Figures.Kind kind = null;
        for (Figures.Kind k : Figures.Kind.values()) if (k.label().equals(figure)) kind = k;
        if (kind == null) {
            throw new InputException(null, "--figure", 0, Quoted.of(figure) + " (use schedulability, weighted, miss-ratio or response-cdf)");
        }
        List<String> series = Figures.draw(dir, kind, out, analyses);
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + out + " (" + series.size() + " series)");
        o.flush();
        return 0;
    }
}
