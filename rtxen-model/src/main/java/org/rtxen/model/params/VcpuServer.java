package org.rtxen.model.params;

/** One VCPU's periodic server: {@code budgetNs} of execution every {@code periodNs}. */
public record VcpuServer(long periodNs, long budgetNs) {}
