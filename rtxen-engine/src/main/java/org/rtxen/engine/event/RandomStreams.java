package org.rtxen.engine.event;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Named, seeded random streams: the same (seed, name) always yields the same sequence, independent of other streams. */
public final class RandomStreams {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** The step between SplittableRandom states of a stream made from one seed (its golden gamma). */
    public static final long GAMMA = 0x9e3779b97f4a7c15L;

    private RandomStreams() {}

    /**
     * The stream named by {@code path} (e.g. "exec", a domain's name, a task's name) under scenario seed {@code seed}.
     */
    public static SplittableRandom of(long seed, String... path) {
        return new SplittableRandom(stateOf(seed, path));
    }

    /**
     * The state of the stream {@link #of} returns, for an owner that keeps it in a field and draws with
     * {@link #value}: what {@code new SplittableRandom(state)} starts from.
     */
    public static long stateOf(long seed, String... path) {
        long h = FNV_OFFSET;
        for (byte b : joined(path).getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        // One SplittableRandom step mixes seed and name hash so that nearby seeds give unrelated streams.
        return new SplittableRandom(seed).nextLong() ^ h;
    }

    /**
     * The path's names joined by "/", each backslash and "/" inside a name escaped by a backslash, so that two paths give
     * one text only if they are equal ("a/b", "c" and "a", "b/c" differ) and a path of plain names gives the text it
     * always did.
     */
    private static String joined(String... path) {
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < path.length; n++) {
            String name = path[n];
            if (n > 0) text.append('/');
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '/' || c == '\\') text.append('\\');
                text.append(c);
            }
        }
        return text.toString();
    }

    /** The value SplittableRandom draws at state {@code state} once it has added {@link #GAMMA} to it (its mix64). */
    public static long value(long state) {
        long z = (state ^ (state >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
