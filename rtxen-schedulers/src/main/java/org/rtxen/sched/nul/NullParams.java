package org.rtxen.sched.nul;

import org.rtxen.model.params.SchedParams;

/** The null scheduler has no per-domain parameters (N4.10): placement comes only from hard affinity. */
public record NullParams() implements SchedParams {}
