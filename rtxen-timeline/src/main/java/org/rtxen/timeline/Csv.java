package org.rtxen.timeline;

/** RFC 4180 quoting of one CSV field. */
final class Csv {
    private Csv() {}

    /** {@code s} as is, or in double quotes (inner quotes doubled) when it holds a comma, quote or line break. */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
