/**
 * Component-level analysis: whether a component's tasks are schedulable on a resource model, and its
 * minimum-bandwidth interface (PRM, EDP, MPR, DMPR) with the VCPUs that realise it.
 */
package org.rtxen.analysis.component;
