package org.rtxen.io;

import java.util.function.Function;
import org.rtxen.model.result.SimulationResult;

/** The ways a simulation result can be printed. */
public enum ResultFormat {
    /** Aligned tables for people. */
    TEXT(ResultTextWriter::write),
    /** JSON with a stable field order and times in nanoseconds, for scripts. */
    JSON(ResultJsonWriter::write);

    private final Function<SimulationResult, String> writer;

    ResultFormat(Function<SimulationResult, String> writer) {
        this.writer = writer;
    }

    /** The result in this format, ending in a newline. */
    public String format(SimulationResult result) {
        return writer.apply(result);
    }
}
