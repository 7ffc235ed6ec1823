package org.rtxen.sched.credit;

import org.rtxen.engine.codec.WeightCap;

/** Credit parameters of a domain: weight 1..65535 (default 256) and cap in percent of one pCPU (0 = none). */
public record CreditParams(int weight, int cap) implements WeightCap {
    /** Xen's defaults: weight 256, no cap. */
    public static final CreditParams DEFAULTS = new CreditParams(256, 0);
}
