package org.rtxen.model.params;

/** A domain's parameters for one scheduling policy: exactly one record per policy, like Xen's domctl unions. */
public sealed interface SchedParams permits RtdsParams, CreditParams, Arinc653Params {}
