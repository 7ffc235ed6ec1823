/**
 * RTDS, Xen's real-time deferrable-server scheduler ({@code xen/common/sched/rt.c}, Xen 4.17): global EDF over
 * a cpupool with per-VCPU budgets, replenishment and depleted queues, tickling and extratime (spec section 2).
 */
package org.rtxen.sched.rtds;
