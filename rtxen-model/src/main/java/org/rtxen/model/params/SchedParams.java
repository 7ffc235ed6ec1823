package org.rtxen.model.params;

/**
 * A domain's parameters for one scheduling policy, like one arm of Xen's domctl union. Each policy defines its
 * own record beside its scheduler; the interface is open so that adding a policy touches no shared file.
 */
public interface SchedParams {}
