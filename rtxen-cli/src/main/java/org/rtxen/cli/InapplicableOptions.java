package org.rtxen.cli;

import org.rtxen.io.InputException;
import picocli.CommandLine.Model.CommandSpec;

/** Refuses, rather than ignores, the options a command was given that do not apply to the kind of input it has. */
final class InapplicableOptions {
    private InapplicableOptions() {}

    /** Refuses the first of {@code options} given on {@code spec}'s command line, as not applying to {@code what}. */
    static void refuse(CommandSpec spec, String what, String... options) {
        for (String option : options) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new InputException(null, option, 0, "does not apply to " + what);
            }
        }
    }
}
