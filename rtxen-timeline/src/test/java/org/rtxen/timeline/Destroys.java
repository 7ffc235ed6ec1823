package org.rtxen.timeline;

import java.util.HashMap;
import java.util.Map;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.TraceSink;

/** A trace sink that records when each domain was destroyed, by name. */
final class Destroys implements TraceSink {
    private final Map<String, Long> at = new HashMap<>();

    @Override
    public void domainDestroyed(long now, Domain d) {
        at.put(d.name(), now);
    }

    /** When domain {@code name} was destroyed, or null if it was not. */
    Long at(String name) {
        return at.get(name);
    }

    /** Whether a domain was destroyed. */
    boolean any() {
        return !at.isEmpty();
    }
}
