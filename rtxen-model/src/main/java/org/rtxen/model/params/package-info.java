/** Per-policy parameters as sealed types: one record per scheduler for domains, and pool-wide parameters. */
package org.rtxen.model.params;
