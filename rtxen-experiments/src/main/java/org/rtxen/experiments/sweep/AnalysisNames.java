package org.rtxen.experiments.sweep;

import org.rtxen.analysis.host.HostTests;

/**
 * The names a sweep may list under {@code analyses} ({@code plan}, {@code csa:TEST}, {@code host:TEST}; what they
 * compute is {@code org.rtxen.experiments.run.Analyses}), checked while the sweep is read.
 */
public final class AnalysisNames {
    private AnalysisNames() {}

    /** Why {@code name} cannot be used, or null when it can; {@code planned}: the sweep plans its VCPUs. */
    public static String problem(String name, boolean planned) {
        if (name.equals("plan")) return planned ? null : "plan needs vcpus: planned";
        int colon = name.indexOf(':');
        String kind = colon < 0 ? name : name.substring(0, colon);
        String test = colon < 0 ? "" : name.substring(colon + 1);
        if (!kind.equals("csa") && !kind.equals("host")) {
            return "unknown analysis '" + name + "' (use plan, csa:TEST or host:TEST)";
        }
        if (!HostTests.NAMES.contains(test)) {
            return "unknown test '" + test + "' (known: " + String.join(",", HostTests.NAMES) + ")";
        }
        if (kind.equals("csa") && !planned) return name + " needs vcpus: planned";
        return null;
    }
}
