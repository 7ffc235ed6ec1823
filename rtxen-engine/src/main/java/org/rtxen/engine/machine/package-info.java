/**
 * The simulated machine and Xen's scheduling framework ({@code xen/common/sched/core.c}): host, pCPUs,
 * cpupools, domains, VCPUs with their pause flags and run-state accounting, and
 * {@link org.rtxen.engine.machine.SchedulingFramework}, which calls the policy's hooks and applies its
 * decisions (spec F rules). Policies read these types; only the framework changes them.
 */
package org.rtxen.engine.machine;
