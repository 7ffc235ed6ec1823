package org.rtxen.model.result;

/** Time a VCPU spent in each Xen run state; the four add up to the simulated duration. */
public record VcpuResult(int id, long runNs, long runnableNs, long blockedNs, long offlineNs) {}
