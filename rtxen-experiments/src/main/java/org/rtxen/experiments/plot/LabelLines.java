package org.rtxen.experiments.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Breaks a figure's label into lines no wider than a width, as a typesetter does: at spaces, and after {@code /},
 * {@code -}, {@code ,} or {@code =} that follow a letter or digit (so {@code server=periodic,guest=global} breaks
 * between its axes and after their names), filling each line greedily; a word is broken inside, without a hyphen,
 * only where it alone is wider than a line; and a label that needs more lines than allowed ends in an ellipsis.
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
                int cut = 1;
                while (cut < line.length() && fits(line.substring(0, cut + 1), width, measure)) cut++;
                lines.add(line.substring(0, cut));
                line = line.substring(cut);
            }
        }
        if (!line.isEmpty() || lines.isEmpty()) lines.add(line.stripTrailing());
        if (lines.size() <= maxLines) return lines;
        List<String> kept = new ArrayList<>(lines.subList(0, maxLines - 1));
        String last = lines.get(maxLines - 1);
        while (!last.isEmpty() && !fits(last + ELLIPSIS, width, measure)) last = last.substring(0, last.length() - 1);
        kept.add(last.stripTrailing() + ELLIPSIS);
        return kept;
    }

    /** {@code text} cut after each place a line may end, every character kept: "a=b,c d" gives "a=", "b,", "c ", "d". */
    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            char next = text.charAt(i + 1);
            boolean afterSpaces = c == ' ' && next != ' ';
            boolean afterBreak = BREAKS_AFTER.indexOf(c) >= 0 && next != ' ' && i > 0
                    && Character.isLetterOrDigit(text.charAt(i - 1));
            if (afterSpaces || afterBreak) {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    private static boolean fits(String line, double width, ToDoubleFunction<String> measure) {
        return measure.applyAsDouble(line.stripTrailing()) <= width;
    }
}
