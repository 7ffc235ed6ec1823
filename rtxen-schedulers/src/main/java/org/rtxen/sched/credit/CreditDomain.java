package org.rtxen.sched.credit;

import java.util.ArrayList;
import java.util.List;

/** Credit's state of one domain (Xen's {@code struct csched_dom}, C1.5). */
final class CreditDomain {
    int weight;
    /** Cap in percent of one pCPU; 0 means uncapped. */
    int cap;
    /** Its active VCPUs, most recently activated first (Xen adds at the list head). */
    final List<CreditVcpu> activeVcpus = new ArrayList<>();
    /** Whether it is on the pool's active-domain list. */
    boolean onActiveList;

    CreditDomain(int weight, int cap) {
        this.weight = weight;
        this.cap = cap;
    }
}
