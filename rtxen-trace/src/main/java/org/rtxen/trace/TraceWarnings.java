package org.rtxen.trace;

import java.util.ArrayList;
import java.util.List;

/** Oddities met while reading a trace: all are counted, the first {@value #KEPT} are kept as text. */
public final class TraceWarnings {
    /** How many messages are kept; the rest are only counted. */
    public static final int KEPT = 20;
    private final List<String> messages = new ArrayList<>();
    private long count;

    /** Records one oddity. */
    void add(String message) {
        count++;
        if (messages.size() < KEPT) messages.add(message);
    }

    /** How many oddities were met. */
    public long count() {
        return count;
    }

    /** The first {@value #KEPT} messages, in the order met. */
    public List<String> messages() {
        return List.copyOf(messages);
    }
}
