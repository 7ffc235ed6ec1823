package org.rtxen.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels wrapped in a monospaced measure (one unit per character), the expected lines written out by hand. */
class LabelLinesTest {
    private static final String CONFIGURATION = "server=deferrable,guest=partitioned,guest-scheduler=edf";

    private static List<String> wrap(String text, int width, int maxLines) {
        return LabelLines.wrap(text, width, maxLines, String::length);
    }

    @Test
    void aConfigurationBreaksBetweenItsAxes_whereTheyFit() {
        assertEquals(List.of("server=deferrable,", "guest=partitioned,", "guest-scheduler=edf"),
                wrap(CONFIGURATION, 20, 10));
    }

    @Test
    void aConfigurationBreaksAfterEqualsAndHyphens_neverInsideAWordThatFits() {
        // JFreeChart's own wrapping gave "server=de", "ferrable,", "guest=..." for every deferrable configuration.
        assertEquals(List.of("server=", "deferrable,", "guest=", "partitioned,", "guest-", "scheduler=", "edf"),
                wrap(CONFIGURATION, 12, 10));
    }

    @Test
    void wordsBreakAtSpaces_whichEndNoLine() {
        assertEquals(List.of("emsoft14: weighted", "schedulability"), wrap("emsoft14: weighted schedulability", 20, 10));
        assertEquals(List.of("a,", "b"), wrap("a, b", 2, 10));
        assertEquals(List.of("csa:bcl/", "plan"), wrap("csa:bcl/plan", 8, 10));
    }

    @Test
    void aWordWiderThanALine_isBrokenWhereTheLineIsFull_withoutAHyphen() {
        assertEquals(List.of("abcdef", "ghijkl", "mnop"), wrap("abcdefghijklmnop", 6, 10));
        assertEquals(List.of("x=", "abcdef", "ghij"), wrap("x=abcdefghij", 6, 10));
        // A hyphen that follows no letter or digit is part of its word, not a place to break.
        assertEquals(List.of("x=", "-5"), wrap("x=-5", 3, 10));
        assertEquals(List.of("--pr", "ogre", "ss"), wrap("--progress", 4, 10));
    }

    @Test
    void aLabelNeedingMoreLinesThanAllowed_endsInAnEllipsis_onItsLastLine() {
        assertEquals(List.of("server=", "deferrable,", "guest=…"), wrap(CONFIGURATION, 12, 3));
        // "partitioned,…" would be 13 wide: the line gives up its last character to the ellipsis.
        assertEquals(List.of("guest=", "partitioned…"), wrap("guest=partitioned,x=y", 12, 2));
    }

    @Test
    void aLabelThatFits_isOneLine() {
        assertEquals(List.of("a=b"), wrap("a=b", 10, 1));
        assertEquals(List.of(""), wrap("", 10, 1));
    }
}
