/**
 * Host-level tests: VCPUs as periodic or deferrable servers on pCPUs. Global EDF tests (GFB, BAK, BCL, iterative
 * BCL, Bertogna–Cirinei RTA), the exact uniprocessor EDF demand test, fixed-priority response-time analysis and
 * partitioning heuristics; each verdict names the assumption it rests on.
 */
package org.rtxen.analysis.host;
