package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PickOrderTest {
    @Test
    void order_dispatchesWithin100us_areListedByName() {
        // b at 0 and a at 50 us: one group (50 us <= 100 us), listed by name; c at 1 ms starts a new group.
        PickOrder p = new PickOrder();
        p.dispatched("b", 0);
        p.dispatched("a", 50_000);
        p.dispatched("c", 1_000_000);
        assertEquals(List.of("a", "b", "c"), p.order());
    }

    @Test
    void order_dispatchesFurtherApart_keepTheirOrder() {
        // b at 0, a at 200 us: 200 us > 100 us, so b was picked first.
        PickOrder p = new PickOrder();
        p.dispatched("b", 0);
        p.dispatched("a", 200_000);
        assertEquals(List.of("b", "a"), p.order());
    }

    @Test
    void order_groupIsMeasuredFromItsFirstDispatch_notChained() {
        // c at 0, b at 90 us, a at 180 us: a is 180 us after the group's first (c), so it starts a new group.
        PickOrder p = new PickOrder();
        p.dispatched("c", 0);
        p.dispatched("b", 90_000);
        p.dispatched("a", 180_000);
        assertEquals(List.of("b", "c", "a"), p.order());
    }

    @Test
    void dispatched_sameVcpuAgain_keepsItsFirstDispatch() {
        PickOrder p = new PickOrder();
        p.dispatched("a", 0);
        p.dispatched("b", 500_000);
        p.dispatched("a", 600_000);
        assertEquals(List.of("a", "b"), p.order());
    }
}
