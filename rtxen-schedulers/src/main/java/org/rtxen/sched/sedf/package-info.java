/**
 * SEDF, Xen's historic simple-EDF scheduler ({@code xen/common/sched_sedf.c} as in Xen 4.5, the last release before
 * its removal in 4.6; spec section 5): per-pCPU EDF queues with period, slice, weights and extra time.
 */
package org.rtxen.sched.sedf;
