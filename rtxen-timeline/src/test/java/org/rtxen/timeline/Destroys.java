package org.rtxen.timeline;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.TraceSink;
import org.rtxen.model.Scenario;

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

    /**
     * {@code s} run with the sink made by {@code sink}, stopped by an event limit right after its first destroy's
     * event: the fewest events that include it.
     */
    static Runs.Output runStoppedAtTheFirst(Scenario s, Function<ByteArrayOutputStream, TraceSink> sink) {
        for (long events = 1; ; events++) {
            Destroys destroys = new Destroys();
            Runs.Output out = Runs.run(s, bytes -> TraceSinks.of(List.of(sink.apply(bytes), destroys)), events);
            if (destroys.any()) return out;
        }
    }

    /** Whether a domain was destroyed. */
    boolean any() {
        return !at.isEmpty();
    }
}
