/**
 * Real Xen as the reference (its own module, rtxen-xenref): {@link org.rtxen.xenref.XenRun} turns rtxen scenarios into
 * the dom0 script ({@link org.rtxen.xenref.Dom0Script}) that runs them on Xen 4.17 under QEMU
 * ({@code fidelity/xen-qemu/xenref}), reads back each boot's trace (with rtxen-trace's decoder), guest logs
 * ({@link org.rtxen.xenref.GuestLog}) and domain ids into a {@link org.rtxen.xenref.XenReference}, judges it by the
 * artefact rule, writes the reference JSON and prints it beside the simulation. Policy-specific lines and shares come
 * from the policies' codecs.
 */
package org.rtxen.xenref;
