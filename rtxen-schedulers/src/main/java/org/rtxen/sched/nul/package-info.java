/**
 * Xen's null scheduler ({@code sched=null}, Xen 4.17 {@code xen/common/sched/null.c}): each pCPU has at most one
 * VCPU assigned, which runs there whenever it is runnable; VCPUs that find no free pCPU wait in a FIFO queue until
 * one is freed. The package is called {@code nul} because {@code null} is a Java keyword.
 */
package org.rtxen.sched.nul;
