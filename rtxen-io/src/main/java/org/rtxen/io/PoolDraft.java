package org.rtxen.io;

import java.util.List;

/**
 * A pool as read before the domains: its pool-wide parameters wait until the domains are known, because an ARINC653
 * table names them.
 *
 * @param node  the pool's YAML mapping, or null for the default pool
 * @param name  the pool name
 * @param scheduler its policy's registered name
 * @param pcpus its pCPU ids
 */
record PoolDraft(YamlNode node, String name, String scheduler, List<Integer> pcpus) {}
