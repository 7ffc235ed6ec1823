package org.rtxen.cli;

import java.util.Locale;
import org.rtxen.analysis.supply.Mpr;
import org.rtxen.io.InputException;
import org.rtxen.model.Quoted;
import picocli.CommandLine.Option;

/** The {@code --sbf} option shared by {@code analyze} and {@code plan}: which MPR supply bound to use. */
final class SbfOption {
    @Option(names = "--sbf", paramLabel = "VARIANT", defaultValue = "xu",
            description = "MPR supply bound: xu (improved, default) | easwaran")
    private String sbf;

    /** The chosen supply bound; bad input names the option. */
    Mpr.Variant variant() {
        return switch (sbf.toLowerCase(Locale.ROOT)) {
            case "xu" -> Mpr.Variant.XU;
            case "easwaran" -> Mpr.Variant.EASWARAN;
            default -> throw new InputException(null, "--sbf", 0, Quoted.of(sbf) + " (use xu or easwaran)");
        };
    }
}
