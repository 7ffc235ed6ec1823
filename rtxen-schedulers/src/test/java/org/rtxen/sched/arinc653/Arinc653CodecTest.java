package org.rtxen.sched.arinc653;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtxen.engine.codec.ParamTreeNode;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.params.PoolParams;

/**
 * The ARINC653 codec: a schedule table written and read back equal, and refused for a slot of a domain in another pool,
 * more than 64 slots, runtimes beyond the major frame or a VCPU the domain does not have (A3.2); the table as one
 * a653_schedule line in nanoseconds; creation parameters that ignore the table; and a VCPU's exact busy share as its
 * slot time per major frame.
 */
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
    @Test
    void readPool_sixtyFourSlots_areTheMostATableHolds() {
        // A3.2: a table has 1..ARINC653_MAX_DOMAINS_PER_SCHEDULE (64) entries.
        List<Arinc653Slot> slots = new ArrayList<>();
        for (int i = 0; i < 64; i++) slots.add(new Arinc653Slot("p", 0, MS));
        Arinc653Schedule full = new Arinc653Schedule(64 * MS, slots);
        assertEquals(full, codec.readPool(new ParamTreeNode("arinc653", codec.writePool(full)), "A", domains));
        slots.add(new Arinc653Slot("p", 0, MS));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.readPool(
                new ParamTreeNode("arinc653", codec.writePool(new Arinc653Schedule(65 * MS, slots))), "A", domains));
        assertEquals("arinc653.slots: needs 1..64 slots, not 65 (A3.2)", e.getMessage());
    }

    @Test
    void readPool_majorFrameEqualToTheRuntimes_isAccepted_oneNanosecondShorterIsRefused() {
        // A3.2: the runtimes may fill the major frame exactly (35 ms here), not exceed it.
        Arinc653Schedule exact = new Arinc653Schedule(35 * MS, table.slots());
        assertEquals(exact, codec.readPool(new ParamTreeNode("arinc653", codec.writePool(exact)), "A", domains));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.readPool(
                new ParamTreeNode("arinc653", codec.writePool(new Arinc653Schedule(35 * MS - 1, table.slots()))),
                "A", domains));
        assertTrue(e.getMessage().startsWith("arinc653.slots: runtimes add up to 35ms, more than the major frame "),
                e.getMessage());
    }

    @Test
    void readPool_vcpuIndexEqualToTheDomainsVcpuCount_isRefused() {
        // q has VCPUs 0 and 1: a slot for its VCPU 1 is read, one for VCPU 2 is not.
        Arinc653Schedule last = new Arinc653Schedule(10 * MS, List.of(new Arinc653Slot("q", 1, 10 * MS)));
        assertEquals(last, codec.readPool(new ParamTreeNode("arinc653", codec.writePool(last)), "A", domains));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.readPool(
                new ParamTreeNode("arinc653", codec.writePool(
                        new Arinc653Schedule(10 * MS, List.of(new Arinc653Slot("q", 2, 10 * MS))))), "A", domains));
        assertEquals("arinc653.slots[0].vcpu: domain q has no VCPU 2 (it has 2)", e.getMessage());
    }
}
