package org.rtxen.sched.rtds;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.model.params.ServerParams;
import org.rtxen.model.params.VcpuServer;

/**
 * RTDS parameters of a domain: the domain-wide period, budget and extratime flag, and per-VCPU overrides.
 * Xen's defaults (R34) are a 10 ms period, a 4 ms budget and extratime on.
 */
public record RtdsParams(long periodNs, long budgetNs, boolean extratime, List<RtdsVcpuParams> vcpus)
        implements ServerParams {
    /** Xen's default period, 10 ms (R34). */
    public static final long DEFAULT_PERIOD_NS = 10_000_000L;
    /** Xen's default budget, 4 ms (R34). */
    public static final long DEFAULT_BUDGET_NS = 4_000_000L;
    /** Xen's minimum period and budget, 10 us (R36). */
    public static final long MIN_NS = 10_000L;
    /** Xen's largest period, 4294967295 us: the hypercall carries microseconds in 32 bits (R35). */
    public static final long MAX_PERIOD_NS = 0xFFFF_FFFFL * 1_000L;
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

    @Override
    public VcpuServer server(int vcpu) {
        RtdsVcpuParams p = forVcpu(vcpu);
        return new VcpuServer(p.periodNs(), p.budgetNs());
    }

    @Override
    public long minBudgetNs() {
        return MIN_NS;
    }

    /** One microsecond: {@code xl sched-rtds} takes microseconds. */
    @Override
    public long unitNs() {
        return 1_000;
    }

    /** One override per given server, each VCPU keeping its extratime flag; VCPU 0's server is also domain-wide. */
    @Override
    public RtdsParams withServers(List<VcpuServer> servers) {
        List<RtdsVcpuParams> out = new ArrayList<>();
        for (int v = 0; v < servers.size(); v++) {
            VcpuServer s = servers.get(v);
            out.add(new RtdsVcpuParams(v, s.periodNs(), s.budgetNs(), forVcpu(v).extratime()));
        }
        RtdsVcpuParams first = out.get(0);
        return new RtdsParams(first.periodNs(), first.budgetNs(), extratime, out);
    }

    /** Whether extratime is on for the domain or for some VCPU's override. */
    @Override
    public boolean runsBeyondBudget() {
        return extratime || vcpus.stream().anyMatch(RtdsVcpuParams::extratime);
    }

    /** These parameters with extratime off domain-wide and in every override. */
    @Override
    public RtdsParams withinBudget() {
        List<RtdsVcpuParams> out = new ArrayList<>();
        for (RtdsVcpuParams v : vcpus) out.add(new RtdsVcpuParams(v.vcpu(), v.periodNs(), v.budgetNs(), false));
        return new RtdsParams(periodNs, budgetNs, false, out);
    }
}
