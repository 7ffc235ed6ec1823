package org.rtxen.sched.rtxen2;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** RT-Xen 2.0's priority scheme (G1): dynamic EDF or static deadline-monotonic (the code's {@code RM}, by period). */
public enum Priority {
    /** Earliest deadline first: the current deadline is the key. */
    EDF,
    /** Deadline (rate) monotonic: the period is the key (implicit deadlines, G1). */
    DM;

    /** The name used in scenario files, e.g. {@code edf}. */
    public String scenarioName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks a scheme up by its scenario name. */
    public static Optional<Priority> byScenarioName(String name) {
        return Arrays.stream(values()).filter(p -> p.scenarioName().equals(name)).findFirst();
    }
}
