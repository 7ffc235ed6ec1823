package org.rtxen.model.params;

import java.util.List;

/**
 * RTDS parameters of a domain: the domain-wide period, budget and extratime flag, and per-VCPU overrides.
 * Xen's defaults (R34) are a 10 ms period, a 4 ms budget and extratime on.
 */
public record RtdsParams(long periodNs, long budgetNs, boolean extratime, List<RtdsVcpuParams> vcpus)
        implements SchedParams {
    /** Xen's default period, 10 ms (R34). */
    public static final long DEFAULT_PERIOD_NS = 10_000_000L;
    /** Xen's default budget, 4 ms (R34). */
    public static final long DEFAULT_BUDGET_NS = 4_000_000L;
    /** Xen's minimum period and budget, 10 us (R36). */
    public static final long MIN_NS = 10_000L;
    /** Xen's defaults: 10 ms period, 4 ms budget, extratime on. */
    public static final RtdsParams DEFAULTS = new RtdsParams(DEFAULT_PERIOD_NS, DEFAULT_BUDGET_NS, true, List.of());

    /** Copies the overrides. */
    public RtdsParams {
        vcpus = List.copyOf(vcpus);
    }

    /** The effective parameters of VCPU {@code vcpu}: its override if any, else the domain-wide values. */
    public RtdsVcpuParams forVcpu(int vcpu) {
        for (RtdsVcpuParams p : vcpus) {
            if (p.vcpu() == vcpu) return p;
        }
        return new RtdsVcpuParams(vcpu, periodNs, budgetNs, extratime);
    }
}
