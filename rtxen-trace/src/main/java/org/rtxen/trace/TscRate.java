package org.rtxen.trace;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.rtxen.model.BoundedDecimal;
import org.rtxen.model.Quoted;

/**
 * The rate of the TSC that stamps trace records, in whole Hz (xenalyze's {@code --cpu-hz}; 1 GHz under QEMU's
 * icount, where one cycle is one nanosecond).
 *
 * @param hz cycles per second, positive
 */
public record TscRate(long hz) {
    /** xenalyze's default when {@code --cpu-hz} is not given: 2.4 GHz. */
    public static final TscRate XENALYZE_DEFAULT = new TscRate(2_400_000_000L);

    private static final long NS_PER_S = 1_000_000_000L;

    /** Checks the rate. */
    public TscRate {
        if (hz <= 0) throw new IllegalArgumentException("the TSC rate must be positive, not " + hz + " Hz");
    }

    /**
     * Parses {@code 1G}, {@code 2.6G}, {@code 1000M}, {@code 800k} or plain Hz such as {@code 2400000000}; the
     * value must come to a whole number of Hz.
     *
     * @throws IllegalArgumentException with a message saying what is wrong with the text
     */
    public static TscRate parse(String text) {
        String t = text.strip();
        long unit = 1;
        if (!t.isEmpty()) {
            switch (Character.toUpperCase(t.charAt(t.length() - 1))) {
                case 'G' -> unit = 1_000_000_000L;
                case 'M' -> unit = 1_000_000L;
                case 'K' -> unit = 1_000L;
                default -> unit = 1;
            }
            if (unit != 1) t = t.substring(0, t.length() - 1);
        }
        try {
            BigDecimal value = BoundedDecimal.parse(t).multiply(BigDecimal.valueOf(unit));
            return new TscRate(value.toBigIntegerExact().longValueExact());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Quoted.of(text) + " is not a TSC rate (use e.g. 1G, 2.6G, 1000M or Hz)");
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new IllegalArgumentException(Quoted.of(text) + " is not a whole number of Hz that fits in 63 bits");
        }
    }

    /** Converts a cycle count to nanoseconds, rounded to the nearest (half up). */
    public long toNs(long cycles) {
        if (hz == NS_PER_S) return cycles;
        if (cycles >= 0 && cycles <= Long.MAX_VALUE / NS_PER_S - 1) {
            return (cycles * NS_PER_S + hz / 2) / hz;
        }
        return new BigDecimal(BigInteger.valueOf(cycles).multiply(BigInteger.valueOf(NS_PER_S)))
                .divide(BigDecimal.valueOf(hz), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** The rate as text, e.g. {@code 1 GHz} or {@code 2.6 GHz}. */
    @Override
    public String toString() {
        return BigDecimal.valueOf(hz, 9).stripTrailingZeros().toPlainString() + " GHz";
    }
}
