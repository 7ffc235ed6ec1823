package org.rtxen.io.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.rtxen.io.InputException;

/**
 * The property every reader's fuzz target checks (issue 9): on any bytes the reader returns a value or throws the
 * project's user-input error, {@link InputException}, whose message is one line and starts with the input's name
 * (file, then line and field where it has them); never another exception, never a hang. Jazzer bounds memory
 * (libFuzzer's 2 GB RSS limit when fuzzing) and reports any other throwable as a finding.
 */
final class ReaderContract {
    /** The name every target gives its input, so that messages can be checked to name it. */
    static final String SOURCE = "fuzz-input";
    /** Far above what any committed input needs (milliseconds); a reader past it is hanging. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    private ReaderContract() {}

    /** Runs {@code reader} and checks the contract. */
    static void check(Runnable reader) {
        assertTimeoutPreemptively(BOUND, () -> {
            try {
                reader.run();
            } catch (InputException e) {
                String m = e.getMessage();
                assertFalse(m.contains("\n") || m.contains("\r"), () -> "message of more than one line: " + m);
                assertTrue(m.startsWith(SOURCE), () -> "message that does not name the input: " + m);
            }
        });
    }
}
