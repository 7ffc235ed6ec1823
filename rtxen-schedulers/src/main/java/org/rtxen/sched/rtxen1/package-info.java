/**
 * RT-Xen 1.0 (EMSOFT 2011): partitioned fixed-priority VCPU servers on a 1 ms quantum, one run queue per pCPU,
 * with the Deferrable, Periodic, Polling and Sporadic servers chosen per pool and switchable at run time
 * (spec section 4, rules S1-S9).
 */
package org.rtxen.sched.rtxen1;
