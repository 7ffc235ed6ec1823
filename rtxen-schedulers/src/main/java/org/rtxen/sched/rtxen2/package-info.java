/**
 * RT-Xen 2.0 (EMSOFT 2014, Xen 4.3.0 fork): the global {@code rtglobal} and partitioned {@code rtpartition}
 * schedulers with EDF or deadline-monotonic priorities, deferrable or periodic servers, a 1 ms quantum and
 * microsecond budget accounting (spec section 3, rules G1-G15, quirks E23-E29).
 */
package org.rtxen.sched.rtxen2;
