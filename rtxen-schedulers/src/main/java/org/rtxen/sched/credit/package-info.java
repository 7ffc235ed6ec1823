/**
 * Xen's Credit scheduler ({@code sched=credit}): proportional-share weights and caps, BOOST/UNDER/OVER
 * priorities, 10 ms ticks, 30 ms accounting on the pool's master pCPU, a context-switch rate limit, and
 * pick-cpu placement plus work stealing across the pool's pCPUs.
 */
package org.rtxen.sched.credit;
