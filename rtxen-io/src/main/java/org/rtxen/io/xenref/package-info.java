/**
 * Real Xen as the reference: turns rtxen scenarios into the dom0 script that runs them on Xen 4.17 under QEMU
 * ({@code fidelity/xen-qemu/xenref}), and reads back what the guests' workload program logged.
 */
package org.rtxen.io.xenref;
