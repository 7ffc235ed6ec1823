package org.rtxen.model.params;

import java.util.List;

/**
 * Pool parameters that are a static slot table (a cyclic executive such as ARINC 653): slots run back to back from
 * the start of every major frame, each giving one VCPU of one domain a fixed time. The planner analyses such a pool
 * exactly from this shape, without naming the policy.
 */
public interface SlotTable extends PoolParams {
    /** The major frame: the table repeats with this period. */
    long majorFrameNs();

    /** The slots in the order they run from the start of each frame. */
    List<? extends Slot> slots();

    /** One slot: VCPU {@code vcpu} of domain {@code domain} runs for {@code runtimeNs}. */
    interface Slot {
        /** The domain the slot belongs to. */
        String domain();

        /** The VCPU of that domain. */
        int vcpu();

        /** How long the slot lasts. */
        long runtimeNs();
    }
}
