package org.rtxen.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Messages quote a value the user wrote through {@code org.rtxen.model.Quoted} only (docs/cli.md, "Messages"): a
 * source scan of every module's main code for a quote put around a value by hand, which leaves a {@code '} or a
 * backslash in the value ambiguous and a 1 MB value a 1 MB line. ArchUnit sees classes, not string literals, so this
 * rule reads the sources.
 */
class QuotedValuesTest {
    /**
     * A quote opened by hand before a concatenated value: a string literal ending in {@code '} (but for a plural's
     * apostrophe, after a letter: {@code "tasks'"}) or the character {@code '\''} followed by {@code +}, or a format
     * string with {@code '%s'}.
     */
    private static final Pattern HAND_QUOTED = Pattern.compile("(?<!\\p{L})'\"\\s*\\+|'\\\\''\\s*\\+|'%s'");

    /** The files that quote by hand for another reader than a person, and why; each must still do so. */
    private static final Map<String, String> NOT_MESSAGES = Map.of(
            "rtxen-engine/src/main/java/org/rtxen/engine/codec/XlWords.java", "a POSIX shell word of an xl command line",
            "rtxen-experiments/src/main/java/org/rtxen/experiments/store/ResultStore.java",
            "an SQL string literal (the COPY's file name)",
            "rtxen-experiments/src/main/java/org/rtxen/experiments/plot/Figures.java", "an SVG attribute value");

    @Test
    void mainCode_quotesUsersValuesThroughQuotedOnly() throws IOException {
        Path root = MainSources.root();
        List<String> found = new ArrayList<>();
        TreeSet<String> exempted = new TreeSet<>();
        List<Path> sources = MainSources.under(root);
        for (Path file : sources) {
            String name = MainSources.name(root, file);
            String text = Files.readString(file);
            Matcher m = HAND_QUOTED.matcher(text);
            while (m.find()) {
                if (NOT_MESSAGES.containsKey(name)) {
                    exempted.add(name);
                } else {
                    found.add(name + ":" + lineOf(text, m.start()) + ": " + m.group());
                }
            }
        }
        assertTrue(sources.size() > 100, "only " + sources.size() + " main sources found under " + root);
        assertEquals(List.of(), found, "quote a user's value with Quoted.of(value), not by hand");
        assertEquals(new TreeSet<>(NOT_MESSAGES.keySet()), exempted, "an exemption no longer needed");
    }

    private static int lineOf(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
