/**
 * The simulated machine and Xen's scheduling framework ({@code xen/common/sched/core.c}): host, pCPUs,
 * cpupools, domains, VCPUs with their pause flags and run-state accounting, and
 * {@link org.rtxen.engine.machine.SchedulingFramework}, which calls the policy's hooks and applies its
 * decisions (spec F rules). Policies read these types; only the framework changes them.
 *
 * <p>The scheduler SPI lives here too, because the framework and the SPI refer to each other as Xen's core.c and
 * {@code struct scheduler} do: {@link org.rtxen.engine.machine.VcpuScheduler} (the hook table), the
 * {@link org.rtxen.engine.machine.Decision} it returns, the {@link org.rtxen.engine.machine.SchedContext} the
 * framework hands it and the {@link org.rtxen.engine.machine.SchedulerFactory} that creates one per cpupool; so does
 * the {@link org.rtxen.engine.machine.TraceSink} the framework reports to. Splitting them into packages of their own
 * made a package cycle.
 */
package org.rtxen.engine.machine;
