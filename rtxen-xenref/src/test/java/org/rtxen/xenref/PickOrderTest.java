package org.rtxen.xenref;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pick order of first dispatches: dispatches within 100 µs of their group's first are listed by name, those further
 * apart keep their order, and a VCPU dispatched again keeps its first dispatch.
 */
class PickOrderTest {
    @Test
    void order_dispatchesWithin100us_areListedByName() {
        // b at 0 and a at 50 us: one group (50 us <= 100 us), listed by name; c at 1 ms starts a new group.
        assertEquals(List.of("a", "b", "c"), orderOf("b", 0, "a", 50, "c", 1_000));
    }

    @Test
    void order_dispatchesFurtherApart_keepTheirOrder() {
        // b at 0, a at 200 us: 200 us > 100 us, so b was picked first.
        assertEquals(List.of("b", "a"), orderOf("b", 0, "a", 200));
    }

    @Test
    void order_groupIsMeasuredFromItsFirstDispatch_notChained() {
        // c at 0, b at 90 us, a at 180 us: a is 180 us after the group's first (c), so it starts a new group.
        assertEquals(List.of("b", "c", "a"), orderOf("c", 0, "b", 90, "a", 180));
    }

    @Test
    void dispatched_sameVcpuAgain_keepsItsFirstDispatch() {
        assertEquals(List.of("a", "b"), orderOf("a", 0, "b", 500, "a", 600));
    }

    /** The order of the dispatches given as name, time in us, name, time in us, ... */
    private static List<String> orderOf(Object... nameAndMicros) {
        PickOrder p = new PickOrder();
        for (int i = 0; i < nameAndMicros.length; i += 2) {
            p.dispatched((String) nameAndMicros[i], 1_000L * (Integer) nameAndMicros[i + 1]);
        }
        return p.order();
    }
}
