package org.rtxen.timeline.report;

import java.util.List;

/**
 * A titled table of text cells for the report.
 *
 * @param title  the heading above it
 * @param note   a sentence under the heading (may be empty)
 * @param header the column names
 * @param rows   the cells, each row as long as the header
 */
public record Table(String title, String note, List<String> header, List<List<String>> rows) {
    /** Copies the lists and checks that every row has one cell per column. */
    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> r : rows) {
            if (r.size() != header.size()) throw new IllegalArgumentException(title + ": row " + r + " vs " + header);
        }
    }
}
