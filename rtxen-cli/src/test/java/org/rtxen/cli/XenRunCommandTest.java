package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code rtxen xen-run}: the command hands its options to the harness (rtxen-xenref's XenRunTest runs it). */
class XenRunCommandTest {
    @Test
    void runsBelowOne_isBadInput() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new String[] {"xen-run", "--runs", "0", "s.yaml"}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(2, status, err.toString());
        assertEquals("rtxen: --runs: must be at least 1", err.toString().strip());
    }
}
