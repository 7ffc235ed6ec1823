package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Progress goes only to a terminal. */
class TerminalTest {
    /** The test JVM's standard error is a pipe to Maven (or a file), never a terminal: no progress would go into it. */
    @Test
    void standardError_ofATestRun_isNoTerminal() {
        assertFalse(Terminal.standardError());
    }
}
