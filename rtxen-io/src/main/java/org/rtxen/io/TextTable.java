package org.rtxen.io;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.model.Names;

/** A plain-text table whose columns are padded to their widest cell: the leading text columns left, numbers right. */
public final class TextTable {
    private static final String GAP = "  ";

    private final List<String[]> rows = new ArrayList<>();
    private final int leftColumns;

    /**
     * Starts a table.
     *
     * @param leftColumns how many leading columns hold text (aligned left); the rest are aligned right
     * @param headers     the column headers
     */
    public TextTable(int leftColumns, String... headers) {
        this.leftColumns = leftColumns;
        rows.add(headers.clone());
    }

    /**
     * Adds a row with one cell per column, a name as {@link Names#shown} shows it; control characters left in a cell
     * are shown escaped, so that a row stays one line and nothing reaches the terminal as a control sequence.
     */
    public TextTable row(String... cells) {
        if (cells.length != rows.get(0).length) throw new IllegalArgumentException("row width differs from header");
        String[] shown = new String[cells.length];
        for (int c = 0; c < cells.length; c++) shown[c] = Names.escape(cells[c]);
        rows.add(shown);
        return this;
    }

    /** Appends the table, one line per row, each ending in a newline and without trailing blanks. */
    public void appendTo(StringBuilder out) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) width[c] = Math.max(width[c], columns(r[c]));
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                if (c > 0) line.append(GAP);
                int pad = width[c] - columns(r[c]);
                if (c < leftColumns) {
                    line.append(r[c]).append(" ".repeat(pad));
                } else {
                    line.append(" ".repeat(pad)).append(r[c]);
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /**
     * The terminal columns a cell takes: two for a wide East Asian or emoji character, none for a combining mark or an
     * invisible format character (a joiner), one for any other (the ranges of Markus Kuhn's wcwidth, with emoji).
     */
    static int columns(String cell) {
        int n = 0;
        for (int i = 0; i < cell.length(); ) {
            int cp = cell.codePointAt(i);
            i += Character.charCount(cp);
            n += width(cp);
        }
        return n;
    }

    private static int width(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.FORMAT && cp != 0x00AD) {
            return 0;
        }
        return isWide(cp) ? 2 : 1;
    }

    private static boolean isWide(int cp) {
        return cp >= 0x1100 && (cp <= 0x115F || cp == 0x2329 || cp == 0x232A
                || cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F
                || cp >= 0xAC00 && cp <= 0xD7A3
                || cp >= 0xF900 && cp <= 0xFAFF
                || cp >= 0xFE10 && cp <= 0xFE19
                || cp >= 0xFE30 && cp <= 0xFE6F
                || cp >= 0xFF00 && cp <= 0xFF60
                || cp >= 0xFFE0 && cp <= 0xFFE6
                || cp >= 0x1F300 && cp <= 0x1F64F
                || cp >= 0x1F680 && cp <= 0x1F6FF
                || cp >= 0x1F900 && cp <= 0x1F9FF
                || cp >= 0x20000 && cp <= 0x2FFFD
                || cp >= 0x30000 && cp <= 0x3FFFD);
    }
}
