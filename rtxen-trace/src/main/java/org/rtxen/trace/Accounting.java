package org.rtxen.trace;

/** How the run-state accounting treats the two ends of a trace. */
public enum Accounting {
    /**
     * Exactly as xenalyze 4.17 {@code --summary}: a VCPU is not accounted until it is first seen running
     * (running-before-the-first-record counts from its pCPU's first TSC), and at the end only the running VCPUs
     * are closed, at their pCPU's last TSC, as LOST (spec/xentrace.md 2.4, 2.5). Used to check against xenalyze.
     */
    XENALYZE,
    /**
     * Every VCPU is accounted over the whole trace: its first record's old state is taken to have held since the
     * trace's first TSC, and at the trace's last TSC every open interval is closed in its own state. Then a
     * VCPU's run states add up to the trace span, as a simulation's add up to its duration.
     */
    WHOLE_TRACE
}
