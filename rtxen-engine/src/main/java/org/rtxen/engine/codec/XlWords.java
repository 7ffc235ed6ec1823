package org.rtxen.engine.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * How a domain or pool name is written into an xl command line that a deployer pastes into a POSIX shell: as a shell
 * word ({@link #shell}) and, inside {@code xl cpupool-create}'s {@code KEY="VALUE"} arguments, as a string of xl's
 * config parser ({@link #configString}); and how such a line is split back into its words ({@link #words}). XlCommands
 * and every codec write names through it, so that no name can split a command or run one. Which names xl can address
 * at all is XlCommands' check, not this class's.
 */
public final class XlWords {
    /** The characters besides ASCII letters and digits that neither a POSIX shell nor bash or zsh treats specially. */
    private static final String PLAIN = "_-.,:/@+";
    /** The characters that separate words: the whitespace that xl lines were once split on. */
    private static final String BLANKS = " \t\n\u000B\f\r";
    /** The characters a backslash escapes inside double quotes; before any other, the backslash stays. */
    private static final String ESCAPED_IN_DOUBLE_QUOTES = "\"\\$`\n";

    private XlWords() {}

    /**
     * {@code word} as exactly one POSIX shell word: unchanged when it is ASCII letters, digits and {@code _-.,:/@+}
     * only, else in single quotes with each {@code '} written {@code '\''}.
     */
    public static String shell(String word) {
        if (!word.isEmpty() && word.chars().allMatch(XlWords::plain)) return word;
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * {@code value} as a double-quoted string that xl's config parser reads back unchanged (libxlu_cfg_l.l takes any
     * byte but {@code "}, {@code \} and a newline; xlu__cfgl_dequote reads {@code \"}, {@code \\} and {@code \n}).
     */
    public static String configString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /**
     * The words of {@code line} as a POSIX shell splits and unquotes them, the inverse of {@link #shell}: blanks
     * separate words, {@code '...'} keeps every character, {@code "..."} keeps every character but reads {@code \"},
     * {@code \\}, {@code \$} and {@code \`} as the second character, a backslash outside quotes keeps the next
     * character, and a backslash before a newline removes both; nothing is expanded ({@code $}, globs and operators
     * are plain characters).
     *
     * @throws IllegalArgumentException for a quote that is never closed or a backslash that ends the line
     */
    public static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null; // null between words
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (BLANKS.indexOf(c) >= 0) {
                if (word != null) words.add(word.toString());
                word = null;
                continue;
            }
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '\n') {
                i++; // a line continuation: neither a character nor a separator
                continue;
            }
            if (word == null) word = new StringBuilder();
            if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) throw unterminated(c, i);
                word.append(line, i + 1, close);
                i = close;
            } else if (c == '"') {
                int open = i;
                for (i++; i < line.length() && line.charAt(i) != '"'; i++) {
                    char d = line.charAt(i);
                    boolean escape = d == '\\' && i + 1 < line.length()
                            && ESCAPED_IN_DOUBLE_QUOTES.indexOf(line.charAt(i + 1)) >= 0;
                    if (escape) {
                        d = line.charAt(++i);
                        if (d == '\n') continue;
                    }
                    word.append(d);
                }
                if (i == line.length()) throw unterminated(c, open);
            } else if (c == '\\') {
                if (++i == line.length()) {
                    throw new IllegalArgumentException("the \\ at the end of the line escapes nothing");
                }
                word.append(line.charAt(i));
            } else {
                word.append(c);
            }
        }
        if (word != null) words.add(word.toString());
        return words;
    }

    private static IllegalArgumentException unterminated(char quote, int at) {
        return new IllegalArgumentException("the quote " + quote + " at character " + (at + 1) + " is never closed");
    }

    private static boolean plain(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || PLAIN.indexOf(c) >= 0;
    }
}
