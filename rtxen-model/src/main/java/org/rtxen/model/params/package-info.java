/**
 * The open parameter interfaces every policy implements: per-domain {@link org.rtxen.model.params.SchedParams} and
 * pool-wide {@link org.rtxen.model.params.PoolParams}; {@link org.rtxen.model.params.ServerParams} is the neutral
 * per-VCPU server view the analysis plans with. The policies' own records live beside their schedulers.
 */
package org.rtxen.model.params;
