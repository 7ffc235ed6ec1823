package org.rtxen.sched.rtxen2;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * RT-Xen 2.0's server types (G2). The hypervisor implements only the deferrable server; the paper's periodic
 * server is a deferrable server whose guest runs a CPU-bound background task, so that its VCPU never blocks while
 * it has budget. {@link #PERIODIC} models that guest task inside the scheduler: a VCPU whose guest is idle keeps
 * competing for a pCPU and burns its budget there while the pCPU runs its idle VCPU.
 */
public enum ServerKind {
    /** Budget is kept while the VCPU has no work (G2). */
    DEFERRABLE,
    /** Budget burns whenever the VCPU is scheduled, work or not (G2: a busy background task in the guest). */
    PERIODIC;

    /** The name used in scenario files, e.g. {@code deferrable}. */
    public String scenarioName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks a server up by its scenario name. */
    public static Optional<ServerKind> byScenarioName(String name) {
        return Arrays.stream(values()).filter(s -> s.scenarioName().equals(name)).findFirst();
    }
}
