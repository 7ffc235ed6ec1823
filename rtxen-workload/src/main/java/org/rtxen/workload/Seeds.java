package org.rtxen.workload;

import java.nio.charset.StandardCharsets;

/**
 * Seeds derived from coordinates, such as (sweep seed, utilisation point, replication): the same coordinates give the
 * same seed on every machine and JVM, and different coordinates give unrelated seeds. Each part is mixed in byte by
 * byte with SplitMix64's finaliser, so the derivation depends on nothing but its arguments.
 */
public final class Seeds {
    private Seeds() {}

    /** The seed for {@code parts} under {@code root}, e.g. {@code derive(7, "u=0.5", "rep=3")}. */
    public static long derive(long root, String... parts) {
        long h = mix(root ^ 0x9E3779B97F4A7C15L);
        for (String part : parts) {
            for (byte b : part.getBytes(StandardCharsets.UTF_8)) h = mix(h ^ (b & 0xFF));
            h = mix(h ^ 0xFF00); // separator: ("ab", "c") differs from ("a", "bc")
        }
        return h;
    }

    /** SplitMix64's output function (Steele, Lea, Flood 2014): a bijective 64-bit mixer. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
