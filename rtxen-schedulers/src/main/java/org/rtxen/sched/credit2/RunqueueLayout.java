package org.rtxen.sched.credit2;

import java.util.Locale;

/** Which pCPUs share a Credit2 run queue (Xen's {@code credit2_runqueue} option, C2.6). */
public enum RunqueueLayout {
    /** One run queue per pCPU. */
    CPU,
    /** One per core: hardware threads of a core share it. */
    CORE,
    /** One per socket (Xen's default since 4.8). */
    SOCKET,
    /** One per NUMA node; the model has a single node, so this is one per pool, like {@link #ALL}. */
    NODE,
    /** One for the whole pool (split at 16 pCPUs, as Xen 4.17 does). */
    ALL;

    /** The option's name as Xen spells it, e.g. {@code socket}. */
    public String xenName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
