package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtxen.cli.SimulateCommandTest.Run;

/**
 * A bad value the user wrote, quoted in the one line of bad input (exit 2): the line reads back one way only, stays one
 * line and stays short, whatever the value holds (docs/cli.md, "Messages"). One value per kind of trouble, through two
 * options and a field of a scenario file; and, through {@code --timeout} (the model's time parser), values that only
 * look like escapes.
 */
@Timeout(60)
class QuotedValuesInMessagesTest {
    @TempDir
    Path dir;

    /** Each troublesome value and how the message shows it. */
    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("a quote", "a'b", "'a\\'b'"),
                Arguments.of("a newline", "5s\nrm -rf /", "'5s\\nrm -rf /'"),
                Arguments.of("a bidi override", "5s\u202eevil", "'5s\\u202eevil'"),
                Arguments.of("100 kB", "x".repeat(100_000), "'" + "x".repeat(100) + "…' (100000 characters)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void plotFigureOption_oneShortUnambiguousLine(String kind, String value, String shown) {
        assertBadInput("rtxen: --figure: " + shown + " (use schedulability, weighted, miss-ratio or response-cdf)",
                SimulateCommandTest.rtxen("plot", dir.toString(), "-o", dir.resolve("f.svg").toString(), "--figure",
                        value));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void sweepProgressOption_oneShortUnambiguousLine(String kind, String value, String shown) {
        assertBadInput("rtxen: --progress: " + shown + " (use auto, bar, lines or none)",
                SimulateCommandTest.rtxen("sweep", dir.resolve("sweep.yaml").toString(), "--out",
                        dir.resolve("out").toString(), "--progress", value));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void scenarioField_oneShortUnambiguousLine(String kind, String value, String shown) throws IOException {
        String yaml = SimulateOutputsTest.SCENARIO.replace("scheduler: rtds",
                "scheduler: " + new ObjectMapper().writeValueAsString(value));
        Path scenario = Files.writeString(dir.resolve("s.yaml"), yaml);
        Run r = SimulateCommandTest.rtxen("simulate", scenario.toString());
        assertBadInput("rtxen: " + scenario + ":3: pools[0].scheduler: unknown scheduler " + shown + " (known: "
                + r.err().substring(r.err().indexOf(" (known: ") + 9).strip(), r);
    }

    /**
     * An unknown option of a megabyte is quoted by the parser, not by rtxen: its line is cut too, and says how long it
     * was.
     */
    @Test
    void aMegabyteUnknownOption_oneShortLine() throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), SimulateOutputsTest.SCENARIO);
        Run r = SimulateCommandTest.rtxen("simulate", scenario.toString(), "--" + "y".repeat(1_000_000));
        String prefix = "rtxen: Unknown option: '--" + "y".repeat(Main.PARSER_MESSAGE_SHOWN - 19);
        assertBadInput(prefix + "… (1000020 characters in all)", r);
    }

    /**
     * A newline and a backslash followed by n, or a bidi override and the six characters that name it, were shown
     * alike (the message escaped control characters but not the backslash): each value now has a line of its own.
     */
    @Test
    void escapesAndTheTextThatLooksLikeThem_areToldApart() throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), SimulateOutputsTest.SCENARIO);
        for (String[] pair : new String[][] {{"5s\nx", "5s\\nx"}, {"5s\u202ex", "5s\\u202ex"}}) {
            Run escaped = SimulateCommandTest.rtxen("simulate", scenario.toString(), "--timeout", pair[0]);
            Run typed = SimulateCommandTest.rtxen("simulate", scenario.toString(), "--timeout", pair[1]);
            assertEquals(2, typed.status(), typed.err());
            assertNotEquals(escaped.err(), typed.err());
        }
        assertEquals("rtxen: --timeout: '5s\\\\nx' is not a time (use e.g. 10ms, 500us, 2s, 250ns)",
                SimulateCommandTest.rtxen("simulate", scenario.toString(), "--timeout", "5s\\nx").err().strip());
    }

    /** Exit status 2 and {@code line} alone on standard error, a short one. */
    private static void assertBadInput(String line, Run r) {
        assertEquals(Main.EXIT_BAD_INPUT, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals(line + System.lineSeparator(), r.err());
        assertTrue(line.length() < 400, "a line of " + line.length() + " characters");
    }
}
