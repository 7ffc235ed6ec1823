package org.rtxen.timeline;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.UnescapedQuoteHandling;
import java.io.StringReader;
import java.util.List;

/** The rows of a jobs CSV read back by a real RFC 4180 parser (univocity), strict and keeping every character. */
final class JobRows {
    /** Column positions, as in {@link JobCsvWriter#HEADER}. */
    static final int DOMAIN = 0, TASK = 1, JOB = 2, RELEASE = 3, START = 4, COMPLETION = 5, DEADLINE = 6, RESPONSE = 7,
            MISSED = 8;

    private JobRows() {}

    /**
     * The records of {@code csv} after its header, each of {@link JobCsvWriter#HEADER}'s nine fields ("" where empty);
     * fails if the header is not that one or a record has another number of fields.
     */
    static List<String[]> parse(String csv) {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setLineSeparator("\n");
        settings.setLineSeparatorDetectionEnabled(false);
        settings.setCommentProcessingEnabled(false);
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setNormalizeLineEndingsWithinQuotes(false);
        settings.setUnescapedQuoteHandling(UnescapedQuoteHandling.RAISE_ERROR);
        settings.setSkipEmptyLines(false);
        settings.setNullValue("");
        settings.setEmptyValue("");
        List<String[]> records = new CsvParser(settings).parseAll(new StringReader(csv));
        String[] header = JobCsvWriter.HEADER.split(",");
        if (records.isEmpty() || !List.of(records.get(0)).equals(List.of(header))) {
            throw new AssertionError("header " + (records.isEmpty() ? "missing" : List.of(records.get(0))));
        }
        for (String[] r : records) {
            if (r.length != header.length) throw new AssertionError("a record of " + r.length + " fields: " + List.of(r));
        }
        return records.subList(1, records.size());
    }
}
