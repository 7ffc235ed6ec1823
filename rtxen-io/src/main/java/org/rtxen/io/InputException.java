package org.rtxen.io;

/**
 * Bad user input: names the file, the field (a dotted path such as {@code domains[1].rtds.budget}) and, where the
 * parser knows it, the line. The command line prints {@link #getMessage()} and exits with status 2.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String field;
    private final int line;

    /**
     * Creates the exception.
     *
     * @param source the file (or other input) it concerns, or null
     * @param field  the field or element at fault, or null
     * @param line   the 1-based line, or 0 when unknown
     * @param reason what is wrong, as a sentence fragment such as "budget 5ms exceeds period 4ms"
     */
    public InputException(String source, String field, int line, String reason) {
        super(format(source, field, line, reason));
        this.source = source;
        this.field = field;
        this.line = line;
    }

    /**
     * {@code text} made fit for a one-line message: only its first line when it is a library's multi-line report,
     * with control characters (such as a newline inside a quoted value) escaped as {@code \n}, {@code \t} or
     * a four-digit hexadecimal escape.
     */
    public static String oneLine(String text) {
        if (text == null) return "unreadable input";
        String s = text.strip();
        int nl = s.indexOf('\n');
        if (nl >= 0) s = s.substring(0, nl).strip();
        return escape(s);
    }

    /**
     * {@code text} with its control characters (and bidirectional formatting characters) escaped as {@link #oneLine}
     * does, all of it kept.
     */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c == '\t') b.append("\\t");
            else if (shownEscaped(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    /**
     * Whether {@code c} is shown as its code (backslash, u, four hex digits): a control character, a line or paragraph
     * separator, or one of Unicode's bidirectional formatting characters (UAX #9: marks, embeddings, overrides,
     * isolates), which make a terminal show the rest of the line in another order.
     */
    private static boolean shownEscaped(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u061c' || c == '\u200e'
                || c == '\u200f' || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069';
    }

    private static String format(String source, String field, int line, String reason) {
        StringBuilder b = new StringBuilder();
        if (source != null) b.append(source);
        if (line > 0) b.append(b.length() > 0 ? ":" : "line ").append(line);
        if (field != null) b.append(b.length() > 0 ? ": " : "").append(field);
        if (b.length() > 0) b.append(": ");
        // File names, keys and quoted values may hold newlines: escape them so the message stays one line.
        return escape(b.append(reason).toString());
    }

    /** The file or input this concerns, or null. */
    public String source() {
        return source;
    }

    /** The field or element at fault, or null. */
    public String field() {
        return field;
    }

    /** The 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }
}
