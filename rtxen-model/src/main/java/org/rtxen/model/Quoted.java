package org.rtxen.model;

/**
 * How a one-line message quotes a value the user wrote (an option's argument, a field's text, a name), so that the
 * message reads back one way only, stays on one line and stays short, whatever the value holds (docs/cli.md,
 * "Messages").
 */
public final class Quoted {
    /** The most characters of the value's quoted form a message shows; a longer value is cut and its length given. */
    static final int MAX_SHOWN = 100;

    private Quoted() {}

    /**
     * {@code value} in single quotes, with {@code '} and {@code \} escaped by a backslash and each control, invisible
     * or bidirectional formatting character written as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX};
     * when that is longer than {@value #MAX_SHOWN} characters, its first ones (whole escapes), {@code …'} and the
     * value's length in characters: {@code 'xxx…' (100000 characters)}.
     */
    public static String of(String value) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 2).append('\'');
        int shown = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            int before = b.length();
            append(b, value, i, cp);
            shown += b.codePointCount(before, b.length());
            if (shown > MAX_SHOWN) {
                b.setLength(before);
                return b.append("…' (").append(value.codePointCount(0, value.length())).append(" characters)")
                        .toString();
            }
            i += Character.charCount(cp);
        }
        return b.append('\'').toString();
    }

    /** Appends the character {@code cp} at {@code i} of {@code value} as {@link #of} shows it. */
    private static void append(StringBuilder b, String value, int i, int cp) {
        switch (cp) {
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            case '\'', '\\' -> b.append('\\').appendCodePoint(cp);
            default -> {
                if (Names.shownAsCode(value, i) || isInvisible(cp) || i == 0 && Names.isMark(cp)) {
                    for (char c : Character.toChars(cp)) b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.appendCodePoint(cp);
                }
            }
        }
    }

    /**
     * Whether {@code cp} shows as nothing or as a plain space though it is neither: a format character (a zero-width
     * space or joiner, a soft hyphen, a byte order mark, a tag), a space other than U+0020, or an unassigned code.
     */
    private static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.SPACE_SEPARATOR && cp != ' ';
    }
}
