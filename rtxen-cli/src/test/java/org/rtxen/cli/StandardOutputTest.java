package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Output that could not be written makes a successful command fail with one line, unless the reader stopped reading. */
class StandardOutputTest {
    @Test
    void afterOutput_aFullDisk_failsASuccessfulCommand_withOneLine() {
        StringWriter err = new StringWriter();
        assertEquals(2, Main.afterOutput(0, new IOException("No space left on device"), new PrintWriter(err)));
        assertEquals("rtxen: standard output: cannot write: No space left on device", err.toString().strip());
    }

    @Test
    void afterOutput_keepsAFailedCommandsStatus() {
        assertEquals(3, Main.afterOutput(3, new IOException("No space left on device"), new PrintWriter(new StringWriter())));
    }

    @Test
    void afterOutput_aBrokenPipe_orNoFailure_changesNothing() {
        StringWriter err = new StringWriter();
        assertEquals(0, Main.afterOutput(0, new IOException("Broken pipe"), new PrintWriter(err)));
        assertEquals(0, Main.afterOutput(0, null, new PrintWriter(err)));
        assertEquals("", err.toString());
    }
}
