/**
 * RTDS, Xen's real-time deferrable-server scheduler ({@code xen/common/sched/rt.c}, Xen 4.17): global EDF over
 * a cpupool with per-VCPU budgets, replenishment and depleted queues, tickling and extratime (spec section 2).
 *
 * <p>Its parameters are {@link org.rtxen.sched.rtds.RtdsParams}; {@link org.rtxen.sched.rtds.RtdsCodec} reads, writes and
 * turns them into {@code xl sched-rtds} lines.
 */
package org.rtxen.sched.rtds;
