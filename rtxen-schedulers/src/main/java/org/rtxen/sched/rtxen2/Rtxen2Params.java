package org.rtxen.sched.rtxen2;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.model.params.ServerParams;
import org.rtxen.model.params.VcpuServer;

/**
 * A domain's {@code rtglobal}/{@code rtpartition} parameters: period and budget for every VCPU, in ns but whole
 * milliseconds as RT-Xen 2.0 takes them (G3), and per-VCPU overrides (G15). As {@link ServerParams} every VCPU is a server (period, budget) the planner can size.
 */
public record Rtxen2Params(long periodNs, long budgetNs, List<Rtxen2VcpuParams> vcpus) implements ServerParams {
    /** One millisecond, RT-Xen 2.0's parameter unit (G3). */
    public static final long MS = 1_000_000L;
    /**
     * No parameters given: RT-Xen's allocation defaults, which depend on the domain (G3): {@link #GUEST_DEFAULTS}, or
     * {@link #CONTROL_DEFAULTS} for Domain-0. Marked by a zero period.
     */
    public static final Rtxen2Params ALLOCATION_DEFAULTS = new Rtxen2Params(0, 0, List.of());
    /** Guest defaults: 10 ms period, 4 ms budget (G3). */
    public static final Rtxen2Params GUEST_DEFAULTS = new Rtxen2Params(10 * MS, 4 * MS, List.of());
    /** Domain-0 defaults: budget = period = 10 ms (G3). */
    public static final Rtxen2Params CONTROL_DEFAULTS = new Rtxen2Params(10 * MS, 10 * MS, List.of());

    /** Copies the overrides. */
    public Rtxen2Params {
        vcpus = List.copyOf(vcpus);
    }

    /** Whether these are {@link #ALLOCATION_DEFAULTS}. */
    public boolean isAllocationDefault() {
        return periodNs == 0;
    }

    /** The parameters in force for a domain: these, or for {@link #ALLOCATION_DEFAULTS} the guest or Domain-0 defaults. */
    public Rtxen2Params resolve(boolean control) {
        return !isAllocationDefault() ? this : control ? CONTROL_DEFAULTS : GUEST_DEFAULTS;
    }

    /** The effective parameters of VCPU {@code vcpu}: its override if any, else the domain-wide values. */
    public Rtxen2VcpuParams forVcpu(int vcpu) {
        for (Rtxen2VcpuParams p : vcpus) {
            if (p.vcpu() == vcpu) return p;
        }
        return new Rtxen2VcpuParams(vcpu, periodNs, budgetNs);
    }

    /** The effective server of VCPU {@code vcpu}; for {@link #ALLOCATION_DEFAULTS}, the guest defaults (G3). */
    @Override
    public VcpuServer server(int vcpu) {
        Rtxen2VcpuParams p = resolve(false).forVcpu(vcpu);
        return new VcpuServer(p.periodNs(), p.budgetNs());
    }

    /** One millisecond: RT-Xen 2.0 takes whole milliseconds (G3). */
    @Override
    public long minBudgetNs() {
        return MS;
    }

    /** One millisecond: RT-Xen 2.0 takes whole milliseconds (G3). */
    @Override
    public long unitNs() {
        return MS;
    }

    /**
     * One override per given server, rounded to RT-Xen 2.0's whole milliseconds (G3): the period down and the budget
     * up (at least 1 ms, at most the period), so that a rounded server never supplies less than the planned one per
     * unit of time; VCPU 0's server is also domain-wide.
     */
    @Override
    public Rtxen2Params withServers(List<VcpuServer> servers) {
        List<Rtxen2VcpuParams> out = new ArrayList<>();
        for (int v = 0; v < servers.size(); v++) {
            VcpuServer s = servers.get(v);
            long period = Math.max(MS, s.periodNs() / MS * MS);
            long budget = Math.min(period, Math.max(MS, (s.budgetNs() + MS - 1) / MS * MS));
            out.add(new Rtxen2VcpuParams(v, period, budget));
        }
        Rtxen2VcpuParams first = out.get(0);
        return new Rtxen2Params(first.periodNs(), first.budgetNs(), out);
    }

    /** False: rtxen's RT-Xen 2.0 parameters have no {@code extra} flag, so no VCPU runs beyond its budget (G9, G15). */
    @Override
    public boolean runsBeyondBudget() {
        return false;
    }

    /** These parameters, unchanged: no VCPU runs beyond its budget already. */
    @Override
    public Rtxen2Params withinBudget() {
        return this;
    }
}
