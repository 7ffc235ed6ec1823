package org.rtxen.model;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Xen time ({@code s_time_t}): signed 64-bit nanoseconds, with parsing and formatting of unit-suffixed text. */
public final class Time {
    /** Nanoseconds in one microsecond. */
    public static final long US = 1_000L;
    /** Nanoseconds in one millisecond. */
    public static final long MS = 1_000_000L;
    /** Nanoseconds in one second. */
    public static final long S = 1_000_000_000L;

    /**
     * The largest time accepted from input, 2^60 ns (about 36.5 years): a handful of such times added together (a
     * release, a deadline, an offset, a run's duration) can never overflow a long, so arithmetic on them later
     * needs no overflow checks.
     */
    public static final long MAX_INPUT = 1L << 60;

    private Time() {}

    /**
     * Parses a duration such as {@code 10ms}, {@code 500us}, {@code 1.5s} or {@code 250ns} into nanoseconds.
     * A bare number is microseconds (Xen's hypercall and {@code xl} unit). The value must be a whole number of
     * nanoseconds of magnitude at most {@link #MAX_INPUT}.
     *
     * @throws IllegalArgumentException with a message that explains what is wrong with the text
     */
    public static long parse(String text) {
        String t = text.strip();
        long unit;
        String number;
        if (t.endsWith("ns")) {
            unit = 1; number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("us") || t.endsWith("µs")) {
            unit = US; number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("ms")) {
            unit = MS; number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            unit = S; number = t.substring(0, t.length() - 1);
        } else {
            unit = US; number = t;
        }
        BigDecimal value;
        try {
            value = BoundedDecimal.parse(number.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Quoted.of(text) + " is not a time (use e.g. 10ms, 500us, 2s, 250ns)");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("time " + e.getMessage());
        }
        BigDecimal ns = value.multiply(BigDecimal.valueOf(unit));
        BigInteger whole;
        try {
            whole = ns.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(Quoted.of(text) + " is not a whole number of nanoseconds");
        }
        if (whole.compareTo(BigInteger.valueOf(MAX_INPUT)) > 0 || whole.compareTo(BigInteger.valueOf(-MAX_INPUT)) < 0) {
            throw new IllegalArgumentException(Quoted.of(text) + " is too large (at most 2^60 ns, about 36 years)");
        }
        return whole.longValueExact();
    }

    /** Formats nanoseconds in the largest unit (s, ms, us, ns) that represents the value exactly, e.g. {@code 10ms}. */
    public static String format(long ns) {
        if (ns != 0 && ns % S == 0) return ns / S + "s";
        if (ns != 0 && ns % MS == 0) return ns / MS + "ms";
        if (ns != 0 && ns % US == 0) return ns / US + "us";
        return ns + "ns";
    }

    /**
     * {@code ns} in whole microseconds, xl's unit; a time that is not whole microseconds is refused rather than rounded,
     * because rounding a budget down (or a period up) silently weakens a guarantee.
     *
     * @param what the value's name for the message, e.g. {@code budget}
     * @throws IllegalArgumentException when {@code ns} is not a multiple of 1 us
     */
    public static long wholeMicros(long ns, String what) {
        if (ns % US != 0) {
            throw new IllegalArgumentException(what + " " + ns + "ns is not a whole number of microseconds (xl's unit)");
        }
        return ns / US;
    }
}
