package org.rtxen.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What a sweep's progress lines say. */
class ProgressTest {
    /**
     * A run stored within the first seconds gives no end time: the first runs are cold (the JIT still compiling), and
     * their rate once promised "3029:57:54 left" for a sweep of minutes.
     */
    @Test
    void theFirstSecondsRuns_giveNoEta() {
        StringWriter text = new StringWriter();
        Progress p = Progress.lines(new PrintWriter(text));
        p.start(40, 0);
        p.stored(2, 40);
        String[] lines = text.toString().split("\n");
        assertEquals("sweep: 40 runs, 0 stored already, 40 to run", lines[0]);
        assertEquals(true, lines[1].matches("sweep: 2/40 runs \\(5%\\), [0-9.]+ runs/s, --:-- left"), lines[1]);
    }
}
