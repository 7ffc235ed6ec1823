package org.rtxen.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Time's parsing of durations into whole nanoseconds (with units, a bare number in microseconds, at most 2^60 ns),
 * refusing fractional nanoseconds, text that is not a time and huge or tiny exponents at once, and its formatting in
 * the largest exact unit.
 */
class TimeTest {
    @Test
    void parse_units_nanoseconds() {
        assertEquals(10_000_000L, Time.parse("10ms"));
        assertEquals(500_000L, Time.parse("500us"));
        assertEquals(500_000L, Time.parse("500µs"));
        assertEquals(2_000_000_000L, Time.parse("2s"));
        assertEquals(1_500_000L, Time.parse("1.5ms"));
        assertEquals(250L, Time.parse("250ns"));
    }

    @Test
    void parse_bareNumber_isMicroseconds() {
        assertEquals(100_000L, Time.parse("100"));
    }

    @Test
    void parse_fractionalNanosecond_rejected() {
        assertThrows(IllegalArgumentException.class, () -> Time.parse("1.5ns"));
        assertThrows(IllegalArgumentException.class, () -> Time.parse("ten ms"));
    }

    @Test
    void format_largestExactUnit() {
        assertEquals("10ms", Time.format(10_000_000L));
        assertEquals("1500us", Time.format(1_500_000L));
        assertEquals("2s", Time.format(2_000_000_000L));
        assertEquals("7ns", Time.format(7));
        assertEquals("0ns", Time.format(0));
    }

    @Test
    @org.junit.jupiter.api.Timeout(5)
    void parse_hugeOrTinyExponent_refusedAtOnce() {
        // 1e100000000 ms would expand to a hundred-million-digit integer before the range check; it must fail fast.
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> Time.parse("1e100000000ms"));
        assertEquals("time '1e100000000' is out of range (exponent beyond ±40)", big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Time.parse("1e-100000000s"));
        assertThrows(IllegalArgumentException.class, () -> Time.parse("1".repeat(65)));
        // Exponents that still give a whole number of nanoseconds inside a long stay accepted.
        assertEquals(1_000_000_000L, Time.parse("1e3ms"));
        assertEquals(1_500L, Time.parse("1.5e0us"));
    }

    @Test
    void parse_beyondTwoToThe60_refused() {
        // A deadline near Long.MAX_VALUE added to a release time overflowed into false misses; 2^60 ns is the cap.
        assertEquals(1L << 60, Time.parse("1152921504606846976ns"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Time.parse("9223372036854775000ns"));
        assertEquals("'9223372036854775000ns' is too large (at most 2^60 ns, about 36 years)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Time.parse("1152921504606846977ns"));
    }
}
