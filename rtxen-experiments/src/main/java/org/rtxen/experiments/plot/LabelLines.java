package org.rtxen.experiments.plot;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Breaks a figure's label into lines no wider than a width, as a typesetter does: at spaces, and after {@code /},
 * {@code -}, {@code ,} or {@code =} that follow a letter or digit (so {@code server=periodic,guest=global} breaks
 * between its axes and after their names), filling each line greedily; a word is broken inside, without a hyphen,
 * only where it alone is wider than a line; and a label that needs more lines than allowed ends in an ellipsis. Every
 * break falls between two characters as a reader sees them (grapheme clusters: an emoji's surrogate pair, a letter
 * with its combining marks stay whole); the width is the figure's font's, which the caller's measure gives.
 *
 * <p>Chinese, Japanese and Korean text has no spaces: next to its characters a line may also end wherever Unicode's
 * line breaking (UAX #14, as the JDK's line {@link BreakIterator} implements it) allows, which is between two
 * ideographs or kana but never before a closing mark such as {@code 。} or {@code 」}, after an opening one, or before a
 * small kana or the prolonged sound mark. Elsewhere the rules above stand alone: UAX #14 would also break after the
 * leading hyphens of {@code --progress} and nowhere in {@code a/b}.
 */
final class LabelLines {
    /** What ends a label cut short. */
    static final String ELLIPSIS = "…";
    private static final String BREAKS_AFTER = "/-,=";

    private LabelLines() {}

    /**
     * The lines of {@code text}, each at most {@code width} wide by {@code measure} (but for a single character wider
     * than that), at most {@code maxLines} of them.
     */
    static List<String> wrap(String text, double width, int maxLines, ToDoubleFunction<String> measure) {
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String word : words(text)) {
            if (fits(line + word, width, measure)) {
                line += word;
                continue;
            }
            if (!line.isEmpty()) lines.add(line.stripTrailing());
            line = word;
            while (!fits(line, width, measure)) { // a word wider than a line: cut it where the line is full
                List<Integer> ends = characterEnds(line);
                int cut = ends.get(0);
                for (int next = 1; next < ends.size() && fits(line.substring(0, ends.get(next)), width, measure); next++) {
                    cut = ends.get(next);
                }
                lines.add(line.substring(0, cut));
                line = line.substring(cut);
            }
        }
        if (!line.isEmpty() || lines.isEmpty()) lines.add(line.stripTrailing());
        if (lines.size() <= maxLines) return lines;
        List<String> kept = new ArrayList<>(lines.subList(0, maxLines - 1));
        String last = lines.get(maxLines - 1);
        while (!last.isEmpty() && !fits(last + ELLIPSIS, width, measure)) {
            List<Integer> ends = characterEnds(last);
            last = last.substring(0, ends.size() == 1 ? 0 : ends.get(ends.size() - 2));
        }
        kept.add(last.stripTrailing() + ELLIPSIS);
        return kept;
    }

    /**
     * {@code text} cut after each place a line may end, every character kept: "a=b,c d" gives "a=", "b,", "c ", "d";
     * a place inside a character as a reader sees it (a space or {@code -} with a combining mark) is none.
     */
    private static List<String> words(String text) {
        BreakIterator lineBreaks = BreakIterator.getLineInstance(Locale.ROOT);
        lineBreaks.setText(text);
        List<String> out = new ArrayList<>();
        int start = 0;
        int before = -1; // where the character before the current one begins
        int from = 0;
        for (int to : characterEnds(text)) {
            if (to == text.length()) break;
            String c = text.substring(from, to);
            char next = text.charAt(to);
            boolean afterSpaces = c.equals(" ") && next != ' ';
            boolean afterBreak = c.length() == 1 && BREAKS_AFTER.contains(c) && next != ' ' && before >= 0
                    && Character.isLetterOrDigit(text.codePointAt(before));
            boolean eastAsian = (isEastAsian(text.codePointBefore(to)) || isEastAsian(text.codePointAt(to)))
                    && lineBreaks.isBoundary(to);
            if (afterSpaces || afterBreak || eastAsian) {
                out.add(text.substring(start, to));
                start = to;
            }
            before = from;
            from = to;
        }
        out.add(text.substring(start));
        return out;
    }

    /** Whether {@code codePoint} is written in a script of Chinese, Japanese or Korean. */
    private static boolean isEastAsian(int codePoint) {
        return switch (Character.UnicodeScript.of(codePoint)) {
            case HAN, HIRAGANA, KATAKANA, HANGUL -> true;
            default -> false;
        };
    }

    /** Where each character of {@code text} as a reader sees it (a grapheme cluster) ends, in order. */
    private static List<Integer> characterEnds(String text) {
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        characters.setText(text);
        List<Integer> ends = new ArrayList<>();
        for (int end = characters.next(); end != BreakIterator.DONE; end = characters.next()) ends.add(end);
        return ends;
    }

    private static boolean fits(String line, double width, ToDoubleFunction<String> measure) {
        return measure.applyAsDouble(line.stripTrailing()) <= width;
    }
}
