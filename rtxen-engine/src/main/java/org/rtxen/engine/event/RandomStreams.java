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

    /** The stream called {@code name} under scenario seed {@code seed}. */
    public static SplittableRandom of(long seed, String name) {
        return new SplittableRandom(stateOf(seed, name));
    }

    /**
     * The state of the stream {@link #of} returns, for an owner that keeps it in a field and draws with
     * {@link #value}: what {@code new SplittableRandom(state)} starts from.
     */
    public static long stateOf(long seed, String name) {
        long h = FNV_OFFSET;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        // One SplittableRandom step mixes seed and name hash so that nearby seeds give unrelated streams.
        return new SplittableRandom(seed).nextLong() ^ h;
    }

    /** The value SplittableRandom draws at state {@code state} once it has added {@link #GAMMA} to it (its mix64). */
    public static long value(long state) {
        long z = (state ^ (state >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
