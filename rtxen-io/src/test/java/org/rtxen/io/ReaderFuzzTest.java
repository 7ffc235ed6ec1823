package org.rtxen.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.rtxen.io.analysis.TaskSetReader;

/**
 * Mutation fuzzing of the scenario and task-set readers, seeded from the repository's examples: whatever the damage,
 * a reader either returns a value or throws {@link InputException} with a one-line message naming the input, within
 * a few seconds. Any other exception, a multi-line message or a hang fails the property. The default build runs a
 * short campaign (200 tries per reader, about a second); for a long one raise {@code tries} locally (3 000 per reader
 * passed when this test was written).
 */
class ReaderFuzzTest {
    /** Fragments that have broken readers before: huge numbers and exponents, nulls, duplicates, newlines. */
    private static final String[] FRAGMENTS = {"0", "9", "-1", "1e100000000", "9223372036854775808", "1e-40",
            "null", "~", ": ", "\n", "\n  ", "{", "}", "[", "]", ",", "\"", "'", "\\n", "*a", "&a ", "ms", "ns",
            "wcet: 1, ", "period: 1, ", "deadline: null", "- ", "\t", "#", "!!binary ", "\u0000", "é", "1.5"};

    private static List<String> texts(String... names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            try {
                out.add(Files.readString(ExamplesTest.EXAMPLES.resolve(n)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static final List<String> SCENARIOS = texts("rtds-two-vms.yaml", "credit-weights.yaml",
            "arinc653-slots.yaml", "rtxen2-global-partitioned.yaml", "rtds-runtime-changes.yaml");
    private static final List<String> TASK_SETS = texts("analysis/taskset.yaml");

    /** Applies one to four random edits (insert a fragment, delete a span, duplicate a line) chosen by {@code seed}. */
    static String mutate(String text, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder(text);
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = r.nextInt(b.length() + 1);
            switch (r.nextInt(3)) {
                case 0 -> b.insert(at, FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
                case 1 -> b.delete(at, Math.min(b.length(), at + 1 + r.nextInt(8)));
                default -> {
                    int start = b.lastIndexOf("\n", Math.max(0, at - 1)) + 1;
                    int end = b.indexOf("\n", at);
                    if (end >= 0) b.insert(end + 1, b.substring(start, end + 1));
                }
            }
        }
        return b.toString();
    }

    private static void check(String input, Consumer<String> reader) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                reader.accept(input);
            } catch (InputException e) {
                String m = e.getMessage();
                assertFalse(m.contains("\n") || m.contains("\r"), () -> "multi-line message: " + m);
                assertTrue(m.startsWith("fuzz.yaml"), () -> "message without the file: " + m);
            }
        }, () -> "reader hung on:\n" + input);
    }

    @Property(tries = 200)
    void scenarioReader_returnsOrThrowsOneLineInputException(@ForAll long seed) {
        String text = mutate(SCENARIOS.get(Math.floorMod(seed, SCENARIOS.size())), seed);
        check(text, t -> ScenarioReader.parse(t, "fuzz.yaml"));
    }

    @Property(tries = 200)
    void taskSetReader_returnsOrThrowsOneLineInputException(@ForAll long seed) {
        String text = mutate(TASK_SETS.get(0), seed);
        check(text, t -> TaskSetReader.read(new StringReader(t), "fuzz.yaml"));
    }
}
