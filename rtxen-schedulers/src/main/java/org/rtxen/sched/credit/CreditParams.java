package org.rtxen.sched.credit;

import org.rtxen.model.params.SchedParams;

/** Credit parameters of a domain: weight 1..65535 (default 256) and cap in percent of one pCPU (0 = none). */
public record CreditParams(int weight, int cap) implements SchedParams {
    /** Xen's defaults: weight 256, no cap. */
    public static final CreditParams DEFAULTS = new CreditParams(256, 0);
}
