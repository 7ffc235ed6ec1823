package org.rtxen.model;

/**
 * How text for people shows a name (of a domain, task, pool or CARTS component), so that {@code vm/task}, {@code vm.vcpu0}
 * and lists joined by {@code ", "} read back one way only: a name of safe characters is shown bare, any other as a JSON
 * string literal (docs/outputs.md, "Names in text").
 */
public final class Names {
    private Names() {}

    /**
     * {@code name} as text shows it: bare when it is not empty, starts with a letter, a digit, {@code _} or {@code -}
     * and holds only those and combining marks; otherwise in double quotes with {@code "} and {@code \} escaped by a
     * backslash and control characters as {@link #escape} writes them, which makes it a JSON string literal.
     */
    public static String shown(String name) {
        return isBare(name) ? name : write(new StringBuilder(name.length() + 2).append('"'), name, true).append('"')
                .toString();
    }

    /**
     * {@code text} with its control characters (and bidirectional formatting characters and unpaired surrogates)
     * escaped as {@code \n}, {@code \r}, {@code \t} or a backslash, {@code u} and four hexadecimal digits, all else
     * kept: what a one-line message shows of text a user wrote.
     */
    public static String escape(String text) {
        return write(new StringBuilder(text.length()), text, false).toString();
    }

    /** Whether {@link #shown} shows {@code name} as it is. */
    private static boolean isBare(String name) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            boolean mark = isMark(cp);
            if (i == 0 && mark) return false;       // a leading mark would combine with what precedes the name
            if (!mark && !Character.isLetterOrDigit(cp) && cp != '_' && cp != '-') return false;
            i += Character.charCount(cp);
        }
        return true;
    }

    /** Whether {@code cp} is a combining mark, which joins the character before it. */
    static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static StringBuilder write(StringBuilder b, String s, boolean quoted) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c == '\t') b.append("\\t");
            else if (quoted && (c == '"' || c == '\\')) b.append('\\').append(c);
            else if (shownAsCode(s, i)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b;
    }

    /**
     * Whether the character at {@code i} is shown as its code: a control character, a line or paragraph separator, one
     * of Unicode's bidirectional formatting characters (UAX #9: marks, embeddings, overrides, isolates), which make a
     * terminal show the rest of the line in another order, or half of a surrogate pair without its other half (no
     * character of its own to print).
     */
    static boolean shownAsCode(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        if (Character.isLowSurrogate(c)) return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u061c' || c == '\u200e'
                || c == '\u200f' || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069';
    }
}
