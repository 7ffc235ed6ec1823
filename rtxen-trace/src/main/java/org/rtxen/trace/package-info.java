/**
 * Reading real Xen schedules: a streaming reader of the xentrace binary format (per-pCPU windows merged by TSC,
 * as xenalyze merges them), per-VCPU run-state accounting, RTDS budget and pick records, guest dispatches (the
 * real-Xen harness's pick order), and the summary that {@code rtxen trace summary} prints; records are decoded here
 * only. The format and xenalyze's accounting rules are in spec/xentrace.md.
 */
package org.rtxen.trace;
