package org.rtxen.sched.arinc653;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtxen.engine.codec.ParamTreeNode;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.params.PoolParams;

class Arinc653CodecTest {
    private static final long MS = 1_000_000L;
    private final Arinc653Codec codec = new Arinc653Codec();
    private final Arinc653Schedule table = new Arinc653Schedule(40 * MS,
            List.of(new Arinc653Slot("p", 0, 10 * MS), new Arinc653Slot("q", 1, 20 * MS), new Arinc653Slot("p", 0, 5 * MS)));
    private final Map<String, DomainSpec> domains = DomainSpec.byName(List.of(
            new DomainSpec("p", false, "A", 1, new Arinc653Params(), List.of(), GuestSpec.IDLE),
            new DomainSpec("q", false, "A", 2, new Arinc653Params(), List.of(), GuestSpec.IDLE)));

    @Test
    void table_writtenAndReadBack_equal() {
        assertEquals(table, codec.readPool(new ParamTreeNode("arinc653", codec.writePool(table)), "A", domains));
    }

    @Test
    void readPool_slotOfADomainInAnotherPool_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.readPool(new ParamTreeNode("arinc653", codec.writePool(table)), "B", domains));
        assertEquals("arinc653.slots[0].domain: domain p is in pool A, not B", e.getMessage());
    }

    @Test
    void dom0ScenarioLines_table_isOneA653ScheduleLineInNanoseconds() {
        assertEquals(List.of("a653_schedule real 40000000 p:0:10000000 q:1:20000000 p:0:5000000"),
                codec.dom0ScenarioLines("real", table));
        assertThrows(IllegalArgumentException.class, () -> codec.dom0ScenarioLines("real", new PoolParams.None()),
                "Xen's boot table runs no guest");
    }

    @Test
    void creationParams_ignoreTheTable_soOneRealPoolServesEveryTable() {
        assertEquals(new PoolParams.None(), codec.creationParams(table));
    }

    @Test
    void exactBusyShare_isTheVcpusSlotTimePerMajorFrame() {
        PoolSpec pool = new PoolSpec("A", "arinc653", List.of(0), table);
        // p's VCPU 0 has 10 ms + 5 ms of the 40 ms frame; q's VCPU 0 has no slot.
        assertEquals(15.0 / 40, codec.exactBusyShare(domains.get("p"), pool, 0));
        assertEquals(0.0, codec.exactBusyShare(domains.get("q"), pool, 0));
        assertTrue(Double.isNaN(codec.exactBusyShare(domains.get("p"),
                new PoolSpec("A", "arinc653", List.of(0), new PoolParams.None()), 0)));
    }
}
