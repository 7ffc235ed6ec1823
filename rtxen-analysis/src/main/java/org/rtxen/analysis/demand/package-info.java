/** Processor demand of periodic tasks: EDF demand bound, fixed-priority request bound and their test points. */
package org.rtxen.analysis.demand;
