package org.rtxen.model;

/** Configurable costs the framework charges, in nanoseconds; all zero by default. */
public record Overheads(long scheduleNs, long contextSwitchNs, long migrationNs) {
    /** No overhead at all: the idealised model. */
    public static final Overheads NONE = new Overheads(0, 0, 0);

    /** Validates that no cost is negative. */
    public Overheads {
        if (scheduleNs < 0 || contextSwitchNs < 0 || migrationNs < 0) {
            throw new IllegalArgumentException("overheads must not be negative");
        }
    }
}
