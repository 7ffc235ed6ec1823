package org.rtxen.sched.rtxen2;

/** Parameters of one VCPU ({@code xl sched-rtglobal -d DOM -v N -p P -b B}, G15), in ns (whole milliseconds). */
public record Rtxen2VcpuParams(int vcpu, long periodNs, long budgetNs) {}
