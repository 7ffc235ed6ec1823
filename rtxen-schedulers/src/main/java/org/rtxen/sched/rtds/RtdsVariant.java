package org.rtxen.sched.rtds;

import java.util.Optional;
import org.rtxen.engine.machine.VcpuScheduler;

/** The upstream RTDS release whose behaviour a pool follows ({@code pools[].rtds.variant}, spec 2.11). */
public enum RtdsVariant {
    /** Xen 4.5/4.6: quantum-driven, replenishment by scanning the queues (R44); {@link Rtds45Scheduler}. */
    V4_5("4.5"),
    /** Xen 4.7: event-driven with the replenishment timer, no extratime (R45); {@link RtdsScheduler}. */
    V4_7("4.7"),
    /** Xen 4.10 and later (today's rt.c, the default): extratime and priority levels; {@link RtdsScheduler}. */
    V4_10("4.10");

    private final String version;

    RtdsVariant(String version) {
        this.version = version;
    }

    /** The Xen version as written in scenarios, e.g. {@code 4.7}. */
    public String version() {
        return version;
    }

    /** A new scheduler instance following this release. */
    public VcpuScheduler newScheduler() {
        return this == V4_5 ? new Rtds45Scheduler() : new RtdsScheduler();
    }

    /** The variant for a version string, if there is one. */
    public static Optional<RtdsVariant> of(String version) {
        for (RtdsVariant v : values()) {
            if (v.version.equals(version)) return Optional.of(v);
        }
        return Optional.empty();
    }
}
