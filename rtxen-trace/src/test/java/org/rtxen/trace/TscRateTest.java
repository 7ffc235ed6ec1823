package org.rtxen.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * TSC rates parsed from suffixed or plain Hz text into whole Hz, refused with a message when the text is not a rate,
 * cycles converted to nanoseconds rounded to the nearest (half up), also past the fast path, and rates shown in GHz.
 */
class TscRateTest {
    @Test
    void parse_suffixesAndPlainHz_giveWholeHz() {
        assertEquals(1_000_000_000L, TscRate.parse("1G").hz());
        assertEquals(2_600_000_000L, TscRate.parse("2.6G").hz());
        assertEquals(1_000_000_000L, TscRate.parse("1000M").hz());
        assertEquals(800_000L, TscRate.parse("800k").hz());
        assertEquals(2_400_000_000L, TscRate.parse("2400000000").hz());
    }

    @Test
    void parse_badText_failsWithAMessage() {
        assertEquals("'fast' is not a TSC rate (use e.g. 1G, 2.6G, 1000M or Hz)",
                assertThrows(IllegalArgumentException.class, () -> TscRate.parse("fast")).getMessage());
        assertEquals("'1.5' is not a whole number of Hz that fits in 63 bits",
                assertThrows(IllegalArgumentException.class, () -> TscRate.parse("1.5")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TscRate.parse("0"));
    }

    @Test
    void toNs_atRatesOtherThan1G_roundsToNearest() {
        // 2.4 GHz: 2.4e9 cycles = 1 s; 3 cycles = 1.25 ns -> 1; 6 cycles = 2.5 ns -> 3 (half up).
        TscRate r = TscRate.XENALYZE_DEFAULT;
        assertEquals(1_000_000_000L, r.toNs(2_400_000_000L));
        assertEquals(1, r.toNs(3));
        assertEquals(3, r.toNs(6));
        // Past the fast path (> 9.2e9 cycles): 2.4e13 cycles = 1e4 s.
        assertEquals(10_000_000_000_000L, r.toNs(24_000_000_000_000L));
        assertEquals(123, TscRate.parse("1G").toNs(123));
    }

    @Test
    void toString_showsGhz() {
        assertEquals("2.6 GHz", TscRate.parse("2.6G").toString());
        assertEquals("1 GHz", TscRate.parse("1G").toString());
    }
}
