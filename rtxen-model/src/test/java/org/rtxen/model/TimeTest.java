package org.rtxen.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

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
}
