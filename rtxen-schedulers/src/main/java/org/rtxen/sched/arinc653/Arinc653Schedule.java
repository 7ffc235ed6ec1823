package org.rtxen.sched.arinc653;

import java.util.List;
import org.rtxen.model.params.SlotTable;

/** The ARINC653 schedule table of a pool: a major frame and slots run in order from its start (A3.1). */
public record Arinc653Schedule(long majorFrameNs, List<Arinc653Slot> slots) implements SlotTable {
    /** Copies the slots. */
    public Arinc653Schedule {
        slots = List.copyOf(slots);
    }
}
