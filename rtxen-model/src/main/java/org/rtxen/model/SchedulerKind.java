package org.rtxen.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The Xen scheduling policies a cpupool can run, by their Xen option name ({@code sched=...}). */
public enum SchedulerKind {
    /** Real-time deferrable server, global EDF (Xen 4.10+ {@code sched/rt.c}). */
    RTDS,
    /** Proportional-share Credit, Xen's default ({@code sched/credit.c}). */
    CREDIT,
    /** ARINC 653 cyclic executive ({@code sched/arinc653.c}). */
    ARINC653;

    /** The name used in scenario files and by Xen, e.g. {@code rtds}. */
    public String xenName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks a policy up by its Xen name. */
    public static Optional<SchedulerKind> byXenName(String name) {
        return Arrays.stream(values()).filter(k -> k.xenName().equals(name)).findFirst();
    }
}
