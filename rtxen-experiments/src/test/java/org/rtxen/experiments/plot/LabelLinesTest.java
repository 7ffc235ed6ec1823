package org.rtxen.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Labels wrapped in a monospaced measure (one unit per UTF-16 character, or a terminal's columns), the expected lines
 * written out by hand.
 */
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

    /**
     * An emoji is two UTF-16 characters (a surrogate pair): a word cut where the line was full could end a line with
     * the first half and begin the next with the second, neither of them drawable.
     */
    @Test
    void anEmoji_staysWhole_whereAWordIsCut() {
        assertEquals(List.of("ab", "\uD83D\uDE00c", "d"), LabelLines.wrap("ab\uD83D\uDE00cd", 3, 10, LabelLinesTest::columns));
        assertEquals(List.of("\uD83D\uDE00", "\uD83D\uDE00"), wrap("\uD83D\uDE00\uD83D\uDE00", 3, 10));
    }

    /**
     * A letter with a combining accent ("e" and U+0301, "é") is two characters: a cut could leave the accent alone at
     * the start of the next line, and the ellipsis could take the accent off its letter, "café" becoming "cafe…".
     */
    @Test
    void aLetterWithACombiningMark_staysWhole_whereAWordIsCut_andBeforeAnEllipsis() {
        String resume = "re\u0301sume\u0301";
        assertEquals(List.of("r", "e\u0301", "su", "m", "e\u0301"), wrap(resume, 2, 10));
        assertEquals(List.of("caf" + LabelLines.ELLIPSIS), wrap("cafe\u0301 noir", 5, 1));
        // A hyphen that carries a mark is no place to break, and a letter with its mark before a hyphen is a letter.
        assertEquals(List.of("ab-\u0301c", "d"), wrap("ab-\u0301cd", 5, 10));
        assertEquals(List.of("e\u0301-", "yz"), wrap("e\u0301-yz", 4, 10));
    }

    /**
     * Chinese and Japanese have no spaces: a label of them breaks between any two of its characters, each as wide as
     * the measure says (two columns of a terminal here).
     */
    @Test
    void cjkText_breaksBetweenItsCharacters_eachAsWideAsMeasured() {
        assertEquals(List.of("漢字", "かな", "交じ", "り文"), LabelLines.wrap("漢字かな交じり文", 5, 10, LabelLinesTest::columns));
        assertEquals(List.of("edf:", "漢字", "かな"), LabelLines.wrap("edf: 漢字かな", 4, 10, LabelLinesTest::columns));
    }

    /**
     * Where a line may not end in East Asian text (UAX #14): a closing mark such as 。 or 」 stays with the character
     * before it and an opening one with the character after it, rather than a line beginning with "。" or ending in
     * "「", as cutting where the line was full once did; a small kana and the prolonged sound mark stay with their kana.
     */
    @Test
    void cjkText_neverStartsALineWithAClosingMark_norEndsOneWithAnOpeningMark() {
        assertEquals(List.of("漢", "字。", "かな"), LabelLines.wrap("漢字。かな", 4, 10, LabelLinesTest::columns));
        assertEquals(List.of("文", "「括", "弧」"), LabelLines.wrap("文「括弧」", 4, 10, LabelLinesTest::columns));
        assertEquals(List.of("スケ", "ジュー"), LabelLines.wrap("スケジュー", 8, 10, LabelLinesTest::columns));
        for (String script : List.of("かな", "カナ", "漢字", "한국")) { // each East Asian script alone
            String first = script.substring(0, 1);
            assertEquals(List.of(first, script.substring(1) + "。"), LabelLines.wrap(script + "。", 4, 10, LabelLinesTest::columns));
        }
    }

    /**
     * The columns a terminal gives {@code text}: two for a CJK character (a Hangul syllable included) or an emoji, none for a combining mark, one for
     * anything else (half of a surrogate pair included).
     */
    private static double columns(String text) {
        return text.codePoints().map(cp -> Character.getType(cp) == Character.NON_SPACING_MARK ? 0
                : cp >= 0x2E80 && cp <= 0xA4CF || cp >= 0xAC00 && cp <= 0xD7A3 || cp >= 0x1F300 ? 2 : 1).sum();
    }
}
