package org.rtxen.model;

import java.math.BigDecimal;

/**
 * Parses decimal numbers from user input with bounded length and exponent, so that a short text such as
 * {@code 1e100000000} is refused at once instead of expanding into a number with a hundred million digits.
 */
public final class BoundedDecimal {
    /** The longest numeric text accepted, in characters. */
    public static final int MAX_LENGTH = 64;
    /** The largest decimal exponent (positive or negative) accepted; far beyond anything a long can hold exactly. */
    public static final int MAX_EXPONENT = 40;

    private BoundedDecimal() {}

    /**
     * The decimal value of {@code text} (already stripped of any unit).
     *
     * @throws NumberFormatException    when the text is not a decimal number
     * @throws IllegalArgumentException when it is longer than {@link #MAX_LENGTH} characters or its magnitude or
     *                                  precision needs an exponent beyond ±{@link #MAX_EXPONENT}
     */
    public static BigDecimal parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a number of " + text.length() + " characters is too long (at most "
                    + MAX_LENGTH + ")");
        }
        BigDecimal v = new BigDecimal(text);
        if (Math.abs((long) v.scale()) > MAX_EXPONENT) {
            throw new IllegalArgumentException(Quoted.of(text) + " is out of range (exponent beyond ±" + MAX_EXPONENT + ")");
        }
        return v;
    }
}
