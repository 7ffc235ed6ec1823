package org.rtxen.analysis.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rtxen.model.Overheads;

/** The per-period overhead charge of a VCPU, derived by hand from the accounting in {@link OverheadCharge}. */
class OverheadChargeTest {
    private static final Overheads COSTS = new Overheads(2, 3, 5);

    @Test
    void perSwitch_isScheduleTwoSwitchesAndMigrationWhenItMayMigrate() {
        assertEquals(2 + 2 * 3, OverheadCharge.perSwitchNs(COSTS, false));
        assertEquals(2 + 2 * 3 + 5, OverheadCharge.perSwitchNs(COSTS, true));
    }

    @Test
    void perPeriod_countsOwnSwitchInAndReplenishmentPlusOtherVcpusEventsOnSharedPcpus() {
        OverheadCharge.Source v = new OverheadCharge.Source(10, false, new long[] {10}, Set.of(0));
        // w: period 4, never blocks, same pCPU: 2(⌈10/4⌉ + 1) = 8 replenishments and exhaustions in 10.
        OverheadCharge.Source w = new OverheadCharge.Source(4, true, new long[0], Set.of(0));
        // On another pCPU: never interrupts v.
        OverheadCharge.Source far = new OverheadCharge.Source(1, false, new long[] {1}, Set.of(1));
        // δ = 8 (v is pinned): 8·(2 + 8) = 80.
        assertEquals(80, OverheadCharge.perPeriodNs(COSTS, v, List.of(v, w, far)));
        // x: period 20, a task of period 5, may run on pCPUs 0 and 1: 2(⌈10/20⌉ + 1) = 4, plus wakes and blocks
        // 2(⌈10/5⌉ + 1) = 6: 8·(2 + 8 + 10) = 160.
        OverheadCharge.Source x = new OverheadCharge.Source(20, false, new long[] {5}, Set.of(0, 1));
        assertEquals(160, OverheadCharge.perPeriodNs(COSTS, v, List.of(v, w, far, x)));
        assertEquals(0, OverheadCharge.perPeriodNs(Overheads.NONE, v, List.of(v, w, x)));
    }
}
