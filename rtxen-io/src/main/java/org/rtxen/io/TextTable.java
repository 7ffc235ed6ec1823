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

    /** Adds a row with one cell per column. */
    public TextTable row(String... cells) {
        if (cells.length != rows.get(0).length) throw new IllegalArgumentException("row width differs from header");
        rows.add(cells.clone());
        return this;
    }

    /** Appends the table, one line per row, each ending in a newline and without trailing blanks. */
    public void appendTo(StringBuilder out) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) width[c] = Math.max(width[c], r[c].length());
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                if (c > 0) line.append(GAP);
                int pad = width[c] - r[c].length();
                if (c < leftColumns) {
                    line.append(r[c]).append(" ".repeat(pad));
                } else {
                    line.append(" ".repeat(pad)).append(r[c]);
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
