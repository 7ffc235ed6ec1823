package org.rtxen.io;

import org.rtxen.model.Names;

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
     * with control characters (such as a newline inside a quoted value) escaped as {@link Names#escape} does.
     */
    public static String oneLine(String text) {
        if (text == null) return "unreadable input";
        String s = text.strip();
        int nl = s.indexOf('\n');
        if (nl >= 0) s = s.substring(0, nl).strip();
        return Names.escape(s);
    }

    private static String format(String source, String field, int line, String reason) {
        StringBuilder b = new StringBuilder();
        if (source != null) b.append(source);
        if (line > 0) b.append(b.length() > 0 ? ":" : "line ").append(line);
        if (field != null) b.append(b.length() > 0 ? ": " : "").append(field);
        if (b.length() > 0) b.append(": ");
        // File names, keys and quoted values may hold newlines: escape them so the message stays one line.
        return Names.escape(b.append(reason).toString());
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
