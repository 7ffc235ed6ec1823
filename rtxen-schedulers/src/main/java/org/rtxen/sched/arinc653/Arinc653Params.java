package org.rtxen.sched.arinc653;

import org.rtxen.model.params.SchedParams;

/** ARINC653 has no per-domain parameters (A3.5): a domain's time comes only from the pool's schedule table. */
public record Arinc653Params() implements SchedParams {}
