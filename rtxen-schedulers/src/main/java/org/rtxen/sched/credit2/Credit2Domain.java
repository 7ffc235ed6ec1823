package org.rtxen.sched.credit2;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.engine.event.Timer;
import org.rtxen.engine.machine.Domain;

/** Credit2's per-domain state ({@code struct csched2_dom}, C2.5): weight, cap and the shared budget pool. */
final class Credit2Domain {
    final Domain domain;
    final List<Credit2Vcpu> units = new ArrayList<>();
    /** Parked VCPUs in Xen's list order (list_add puts a newly parked VCPU at the head). */
    final List<Credit2Vcpu> parkedUnits = new ArrayList<>();
    int weight = Credit2Params.DEFAULTS.weight();
    int cap;
    long totBudget;
    long budget;
    long nextRepl;
    Timer replTimer;

    Credit2Domain(Domain domain) {
        this.domain = domain;
    }
}
