package org.rtxen.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.experiments.sweep.Sweep;

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

    /** The bar ends its line when the sweep ends, so that what follows (the summary, a timeout's line) starts a line. */
    @Test
    void bar_endsItsLineAtTheEnd_andOnlyIfDrawn() {
        StringWriter text = new StringWriter();
        Progress p = Progress.bar(new PrintWriter(text));
        p.start(2, 0);
        p.finish();
        assertEquals("sweep: 2 runs, 0 stored already, 2 to run\n", text.toString().replace(System.lineSeparator(), "\n"));
        p.stored(2, 2);
        p.finish();
        assertEquals(true, text.toString().matches("(?s).*\\r\\[#+\\] 2/2 100%.*ETA [^\n]*\n"), text.toString());
    }

    /** A sweep stopped by its timeout ends its progress too, as a complete one does. */
    @Test
    @Timeout(120)
    void sweepStoppedByItsTimeout_endsItsProgress(@TempDir Path dir) throws IOException {
        Sweep s = TestSweeps.write(dir, "t", TestSweeps.SMALL);
        boolean[] finished = {false};
        Progress p = new Progress() {
            @Override
            public void start(int total, int done) {}

            @Override
            public void stored(int done, int total) {}

            @Override
            public void finish() {
                finished[0] = true;
            }
        };
        Summary stopped = SweepRunner.run(s, dir.resolve("out"), 1, p, 1, ResultStore.Delivery.UNBOUNDED);
        assertEquals(0, stopped.runs()); // the bound was spent before the first run, which therefore did not start
        assertTrue(finished[0]);
    }
}
