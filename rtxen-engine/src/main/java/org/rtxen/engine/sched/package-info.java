/**
 * The scheduler SPI: {@link org.rtxen.engine.sched.VcpuScheduler} (Xen's hook table), the
 * {@link org.rtxen.engine.sched.Decision} it returns, the {@link org.rtxen.engine.sched.SchedContext} the
 * framework hands it, and the {@link org.rtxen.engine.sched.SchedulerFactory} that creates one per cpupool.
 */
package org.rtxen.engine.sched;
