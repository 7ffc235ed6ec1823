/**
 * Xen's Credit2 scheduler ({@code sched=credit2}, Xen 4.17 {@code xen/common/sched/credit2.c}): per-core, per-socket
 * or pool-wide run queues sorted by credit, credit resets when the best candidate runs out, load tracking and
 * balancing between run queues at resets, budget-based caps and a context-switch rate limit.
 */
package org.rtxen.sched.credit2;
