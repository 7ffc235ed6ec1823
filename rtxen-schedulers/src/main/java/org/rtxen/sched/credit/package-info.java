/**
 * Xen's Credit scheduler ({@code sched=credit}): proportional-share weights and caps, BOOST/UNDER/OVER
 * priorities, 10 ms ticks, 30 ms accounting on the pool's master pCPU, a context-switch rate limit, and
 * pick-cpu placement plus work stealing across the pool's pCPUs.
 *
 * <p>Its parameters are {@link org.rtxen.sched.credit.CreditParams} and {@link org.rtxen.sched.credit.CreditPoolParams};
 * {@link org.rtxen.sched.credit.CreditCodec} reads, writes and turns them into {@code xl sched-credit} lines.
 */
package org.rtxen.sched.credit;
