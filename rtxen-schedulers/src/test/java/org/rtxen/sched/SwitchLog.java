package org.rtxen.sched;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.TraceSink;
import org.rtxen.engine.machine.Vcpu;

/**
 * Records what a run does before a given time, so a test can compare a whole hand-derived schedule at once: every
 * context switch as {@code "<µs> p<pCPU> <VCPU>"}, and every budget exhaustion and replenishment (a cap's parking and
 * unparking by default) as {@code "<µs> <VCPU> <label>"}; a VCPU is named by its domain (with {@code .index} in a
 * domain of several VCPUs) or {@code idle}.
 */
public final class SwitchLog implements TraceSink {
    private final long untilNs;
    private final String exhausted;
    /** Null when replenishments are not recorded. */
    private final String replenished;
    private final List<String> entries = new ArrayList<>();

    /** A log of what happens at times before {@code untilNs}, exhaustions as "parked" and refills as "unparked". */
    public SwitchLog(long untilNs) {
        this(untilNs, "parked", "unparked");
    }

    /** A log with exhaustions labelled {@code exhausted} and refills {@code replenished} (none recorded when null). */
    public SwitchLog(long untilNs, String exhausted, String replenished) {
        this.untilNs = untilNs;
        this.exhausted = exhausted;
        this.replenished = replenished;
    }

    @Override
    public void contextSwitch(long now, Pcpu p, Vcpu prev, Vcpu next) {
        if (now < untilNs) entries.add(now / 1000 + " p" + p.id() + " " + name(next));
    }

    @Override
    public void budgetExhausted(long now, Vcpu v) {
        if (now < untilNs) entries.add(now / 1000 + " " + name(v) + " " + exhausted);
    }

    @Override
    public void budgetReplenished(long now, Vcpu v) {
        if (replenished != null && now < untilNs) entries.add(now / 1000 + " " + name(v) + " " + replenished);
    }

    private static String name(Vcpu v) {
        if (v.isIdle()) return "idle";
        String d = v.domain().name();
        return v.domain().vcpus().size() == 1 ? d : d + "." + v.index();
    }

    /** What was recorded, in order. */
    public List<String> entries() {
        return entries;
    }
}
