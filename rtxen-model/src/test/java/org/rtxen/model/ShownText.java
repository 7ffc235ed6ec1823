package org.rtxen.model;

/**
 * Reads back text that shows names by {@link Names#shown}, the way a script would: a name is either a run of letters,
 * digits, combining marks, {@code _} and {@code -}, or a JSON string literal; everything between names must be the
 * literal text the caller expects. Tests of every command's text output read their names back with it, so a name the
 * output shows ambiguously fails the read instead of being silently mis-split.
 */
public final class ShownText {
    private final String text;
    private int at;

    /** A reader at the start of {@code text}. */
    public ShownText(String text) {
        this.text = text;
    }

    /** The name shown at the reading position, which moves past it; fails when no name starts there. */
    public String name() {
        if (at < text.length() && text.charAt(at) == '"') return quoted();
        int start = at;
        while (at < text.length()) {
            int cp = text.codePointAt(at);
            int type = Character.getType(cp);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK;
            if (!Character.isLetterOrDigit(cp) && cp != '_' && cp != '-' && !(mark && at > start)) break;
            at += Character.charCount(cp);
        }
        if (at == start) throw new AssertionError("no name at " + start + " of: " + text);
        return text.substring(start, at);
    }

    /** Moves past {@code literal}, which must come next. */
    public ShownText skip(String literal) {
        if (!text.startsWith(literal, at)) {
            throw new AssertionError("expected '" + literal + "' at " + at + " of: " + text);
        }
        at += literal.length();
        return this;
    }

    /** Moves past any spaces (a table's column gap). */
    public ShownText skipSpaces() {
        while (at < text.length() && text.charAt(at) == ' ') at++;
        return this;
    }

    /** Whether the reading position is at the end of the text. */
    public boolean atEnd() {
        return at == text.length();
    }

    /** The text after the reading position, which moves to the end. */
    public String rest() {
        String r = text.substring(at);
        at = text.length();
        return r;
    }

    private String quoted() {
        StringBuilder name = new StringBuilder();
        int i = at + 1;
        while (true) {
            if (i >= text.length()) throw new AssertionError("unterminated name at " + at + " of: " + text);
            char c = text.charAt(i++);
            if (c == '"') break;
            if (c < 0x20) throw new AssertionError("raw control character in a quoted name: " + text);
            if (c != '\\') {
                name.append(c);
                continue;
            }
            char e = text.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> name.append(e);
                case 'n' -> name.append('\n');
                case 'r' -> name.append('\r');
                case 't' -> name.append('\t');
                case 'b' -> name.append('\b');
                case 'f' -> name.append('\f');
                case 'u' -> {
                    name.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> throw new AssertionError("unknown escape \\" + e + " in: " + text);
            }
        }
        at = i;
        return name.toString();
    }
}
