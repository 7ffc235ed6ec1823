/** The open parameter interfaces every policy implements: per-domain {@link org.rtxen.model.params.SchedParams} and pool-wide {@link org.rtxen.model.params.PoolParams}. */
package org.rtxen.model.params;
