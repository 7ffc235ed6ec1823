package org.rtxen.sched.rtxen1;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The four RT-Xen 1.0 server algorithms (S4-S7), one per pool. */
public enum Server {
    /** Deferrable Server: an idle VCPU keeps its budget until the end of its period (S4). */
    DEFERRABLE,
    /** Periodic Server: the budget of the highest-priority VCPU with budget drains while it idles (S5). */
    PERIODIC,
    /** Polling Server: a VCPU with budget and nothing to run loses its budget until its next period (S6). */
    POLLING,
    /** Sporadic Server: consumed budget returns one period after the activation that consumed it (S7). */
    SPORADIC;

    /** The name used in scenario files, e.g. {@code deferrable}. */
    public String scenarioName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks a server up by its scenario name. */
    public static Optional<Server> byScenarioName(String name) {
        return Arrays.stream(values()).filter(s -> s.scenarioName().equals(name)).findFirst();
    }
}
