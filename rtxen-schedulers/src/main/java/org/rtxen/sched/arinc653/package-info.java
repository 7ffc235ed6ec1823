/**
 * The ARINC 653 cyclic executive ({@code sched=arinc653}): one table of (domain, VCPU, runtime) slots per pool,
 * repeated every major frame, idle wherever a slot cannot run or the table leaves time unassigned.
 */
package org.rtxen.sched.arinc653;
