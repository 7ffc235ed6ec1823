/** Xen's {@code xl} command syntax for a scenario: cpupools, pinning and per-domain scheduler parameters. */
package org.rtxen.io.xl;
