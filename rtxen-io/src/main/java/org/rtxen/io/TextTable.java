package org.rtxen.io;

import java.util.ArrayList;
import java.util.List;

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
     * Adds a row with one cell per column; control characters in a cell (a name may hold any) are shown escaped, so
     * that a row stays one line and nothing reaches the terminal as a control sequence.
     */
    public TextTable row(String... cells) {
        if (cells.length != rows.get(0).length) throw new IllegalArgumentException("row width differs from header");
        String[] shown = new String[cells.length];
        for (int c = 0; c < cells.length; c++) shown[c] = InputException.escape(cells[c]);
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

    /** The columns a cell takes: one per character (a character beyond the basic plane is two chars in Java). */
    private static int columns(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
