/**
 * The planner: from a scenario's guests to each domain's RTDS VCPU parameters (compositional interfaces, rounded up
 * to Xen's whole microseconds) and a verdict per RTDS pool with the VCPUs as deferrable servers on its pCPUs.
 */
package org.rtxen.analysis.plan;
