package org.rtxen.model.result;

/** Per-pCPU results: time running non-idle VCPUs, context switches and VCPU migrations onto it. */
public record PcpuResult(int id, long busyNs, long contextSwitches, long migrations) {}
