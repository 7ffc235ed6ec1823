package org.rtxen.engine.event;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Named, seeded random streams: the same (seed, name) always yields the same sequence, independent of other streams. */
public final class RandomStreams {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private RandomStreams() {}

    /** The stream called {@code name} under scenario seed {@code seed}. */
    public static SplittableRandom of(long seed, String name) {
        long h = FNV_OFFSET;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        // One SplittableRandom step mixes seed and name hash so that nearby seeds give unrelated streams.
        return new SplittableRandom(new SplittableRandom(seed).nextLong() ^ h);
    }
}
