package org.rtxen.io;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Locale-independent formatting of nanosecond times, ratios and lists of names for people to read. */
public final class ReadableUnits {
    /** The most names {@link #someOf} lists in full (a large host's verdict lines named thousands). */
    public static final int LISTED = 10;

    private ReadableUnits() {}

    /**
     * {@code items}, each as text shows it (a name through {@link org.rtxen.model.Names#shown}, so that the commas
     * read one way), joined by {@code ", "} when there are at most {@value #LISTED}; else the first
     * {@code LISTED - 1}, then "and N more, each {@code where}" (where the reader finds all of them, e.g. "in the xl
     * commands").
     */
    public static String someOf(List<String> items, String where) {
        if (items.size() <= LISTED) return String.join(", ", items);
        return String.join(", ", items.subList(0, LISTED - 1)) + " and " + count(items.size() - LISTED + 1)
                + " more, each " + where;
    }

    /**
     * A time in the largest unit that it reaches once rounded, with three decimals: {@code 0}, {@code 250ns},
     * {@code 12.500us}, {@code 3.000ms}, {@code 2.000s}; 999,999,999 ns is {@code 1.000s}, not {@code 1000.000ms}.
     */
    public static String time(long ns) {
        return time(BigDecimal.valueOf(ns));
    }

    /** A time with a fraction of a nanosecond (a mean), formatted as {@link #time(long)}. */
    public static String time(BigDecimal ns) {
        BigDecimal abs = ns.abs();
        if (abs.signum() == 0) return "0";
        // Each bound is where the value rounds (half up) to 1000 of the unit below: 999.5 ns prints as 1.000us.
        if (abs.compareTo(new BigDecimal("999.5")) < 0) return ns.setScale(0, RoundingMode.HALF_UP) + "ns";
        if (abs.compareTo(new BigDecimal("999999.5")) < 0) return scaled(ns, 3) + "us";
        if (abs.compareTo(BigDecimal.valueOf(999_999_500)) < 0) return scaled(ns, 6) + "ms";
        return scaled(ns, 9) + "s";
    }

    private static String scaled(BigDecimal ns, int digits) {
        return ns.movePointLeft(digits).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    /** {@code part} as a percentage of {@code whole} with one decimal, e.g. {@code 40.0}; {@code -} when whole is 0. */
    public static String percent(long part, long whole) {
        if (whole == 0) return "-";
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * A count with thousands separators, e.g. {@code 1,234,567}: what {@code %,d} prints in the root locale, without
     * the formatter's cost (a report of a large host prints tens of thousands).
     */
    public static String count(long n) {
        String digits = Long.toString(n);
        int sign = n < 0 ? 1 : 0;
        int first = (digits.length() - sign - 1) % 3 + 1; // digits before the first separator
        StringBuilder b = new StringBuilder(digits.length() + digits.length() / 3);
        b.append(digits, 0, sign + first);
        for (int i = sign + first; i < digits.length(); i += 3) b.append(',').append(digits, i, i + 3);
        return b.toString();
    }
}
