/** Immutable scenario records (host, pools, domains) and Xen time; parsed at the edge, read by every other module. */
package org.rtxen.model;
