package org.rtxen.sched.credit2;

import org.rtxen.engine.codec.WeightCap;

/**
 * Credit2 parameters of a domain ({@code xl sched-credit2 -d DOM -w W -c CAP}, C2.30): weight 1..65535 (default
 * 256; 0 leaves the weight unchanged) and cap in percent of one pCPU, 0..100 x VCPUs (0 = uncapped).
 */
public record Credit2Params(int weight, int cap) implements WeightCap {
    /** Xen's defaults: weight 256, no cap. */
    public static final Credit2Params DEFAULTS = new Credit2Params(256, 0);
}
