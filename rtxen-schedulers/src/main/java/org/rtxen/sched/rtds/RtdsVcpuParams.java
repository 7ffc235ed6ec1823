package org.rtxen.sched.rtds;

/** RTDS parameters of one VCPU ({@code xl sched-rtds -d DOM -v N -p P -b B -e E}). */
public record RtdsVcpuParams(int vcpu, long periodNs, long budgetNs, boolean extratime) {}
