package org.rtxen.workload;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How task periods are drawn from [min, max], in whole multiples of a unit (the time granularity).
 *
 * @param min          the smallest period (ns), a positive multiple of {@code unit}
 * @param max          the largest period (ns), at least {@code min}
 * @param unit         the granularity of periods and WCETs (ns), positive
 * @param distribution how periods are spread over the range
 */
public record Periods(long min, long max, long unit, Distribution distribution) implements Serializable {
    /** The period distributions. */
    public enum Distribution {
        /** Uniform over the multiples of the unit in [min, max] (RT-Xen's generator). */
        UNIFORM,
        /** Log-uniform over [min, max], floored to the unit: each decade equally likely. */
        LOG_UNIFORM,
        /** Uniform over the unit times the powers of two in [min, max] (RT-Xen's harmonic option). */
        HARMONIC;

        /** The name in files and options: uniform, log-uniform, harmonic. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Checks the range. */
    public Periods {
        if (unit <= 0) throw new IllegalArgumentException("the unit must be positive");
        if (min <= 0 || min % unit != 0) throw new IllegalArgumentException("the minimum period must be a positive multiple of the unit");
        if (max < min) throw new IllegalArgumentException("the maximum period is below the minimum");
        if (distribution == Distribution.HARMONIC && harmonics(min, max, unit).isEmpty()) {
            throw new IllegalArgumentException("no unit times a power of two lies in [min, max]");
        }
    }

    /** Draws one period. */
    public long draw(SplittableRandom rng) {
        return switch (distribution) {
            case UNIFORM -> unit * rng.nextLong(min / unit, max / unit + 1);
            case LOG_UNIFORM -> {
                double p = Math.exp(rng.nextDouble(Math.log(min), Math.nextUp(Math.log(max))));
                yield Math.max(min, Math.min(max, (long) (p / unit) * unit));
            }
            case HARMONIC -> {
                List<Long> h = harmonics(min, max, unit);
                yield h.get(rng.nextInt(h.size()));
            }
        };
    }

    private static List<Long> harmonics(long min, long max, long unit) {
        List<Long> out = new ArrayList<>();
        for (long p = unit; p <= max && p > 0; p *= 2) {
            if (p >= min) out.add(p);
        }
        return out;
    }
}
