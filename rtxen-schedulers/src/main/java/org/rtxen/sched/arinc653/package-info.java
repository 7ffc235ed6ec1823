/**
 * The ARINC 653 cyclic executive ({@code sched=arinc653}): one table of (domain, VCPU, runtime) slots per pool,
 * repeated every major frame, idle wherever a slot cannot run or the table leaves time unassigned.
 *
 * <p>The table is {@link org.rtxen.sched.arinc653.Arinc653Schedule}; {@link org.rtxen.sched.arinc653.Arinc653Codec} reads and
 * writes it and gives the real-Xen harness its {@code a653_schedule} line.
 */
package org.rtxen.sched.arinc653;
