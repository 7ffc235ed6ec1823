package org.rtxen.model.guest;

import java.util.List;

/**
 * A guest OS model: its scheduler, task placement, an optional always-runnable lowest-priority CPU hog, and its tasks.
 */
public record GuestSpec(GuestScheduler scheduler, Placement placement, boolean busy, List<TaskSpec> tasks) {
    /** A guest with no tasks and no hog: its VCPUs stay blocked. */
    public static final GuestSpec IDLE = new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, false, List.of());

    /** Copies the task list. */
    public GuestSpec {
        tasks = List.copyOf(tasks);
    }
}
