/**
 * The guest OS model (issue part 6, spec M4): each domain's periodic real-time tasks, dispatched by fixed
 * priority or EDF, globally or partitioned, onto the domain's VCPUs, which block when idle and are woken by
 * releases; plus streaming response-time statistics.
 */
package org.rtxen.engine.guest;
