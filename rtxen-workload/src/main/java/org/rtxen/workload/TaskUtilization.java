package org.rtxen.workload;

import java.util.SplittableRandom;
import org.rtxen.model.Quoted;

/**
 * The per-task utilisation distributions of RT-Xen's generator (spec analysis.md section 2.6, after Brandenburg's
 * and the RTAS 2012 paper's): uniform light, medium and heavy, and bimodal mixtures of U[0.001, 0.5) and
 * U[0.5, 0.9].
 */
public enum TaskUtilization {
    /** U[0.001, 0.1]. */
    UNIFORM_LIGHT("uniform-light", 0.001, 0.1, 0, 0),
    /** U[0.1, 0.4]. */
    UNIFORM_MEDIUM("uniform-medium", 0.1, 0.4, 0, 0),
    /** U[0.5, 0.9]. */
    UNIFORM_HEAVY("uniform-heavy", 0.5, 0.9, 0, 0),
    /** U[0.001, 0.5) with probability 8/9, U[0.5, 0.9] with 1/9. */
    BIMODAL_LIGHT("bimodal-light", 0.001, 0.9, 8, 9),
    /** Light branch with probability 6/9, heavy with 3/9. */
    BIMODAL_MEDIUM("bimodal-medium", 0.001, 0.9, 6, 9),
    /**
     * Light branch with probability 4/9, heavy with 5/9, as the generator states; its code's off-by-one makes it
     * effectively 1/2 each (spec 2.6); rtxen follows the stated probabilities.
     */
    BIMODAL_HEAVY("bimodal-heavy", 0.001, 0.9, 4, 9);

    private static final double SPLIT = 0.5;

    private final String label;
    private final double min;
    private final double max;
    private final int lightOutOf;
    private final int outOf;

    TaskUtilization(String label, double min, double max, int lightOutOf, int outOf) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.lightOutOf = lightOutOf;
        this.outOf = outOf;
    }

    /** The name in files and options, e.g. {@code uniform-medium}. */
    public String label() {
        return label;
    }

    /** The smallest utilisation it draws. */
    public double min() {
        return min;
    }

    /** The largest utilisation it draws. */
    public double max() {
        return max;
    }

    /** Whether a (rounded) task utilisation lies in this distribution's range. */
    public boolean admits(double u) {
        return u >= min && u <= max;
    }

    /** Draws one utilisation. */
    public double draw(SplittableRandom rng) {
        if (outOf == 0) return uniform(rng, min, max);
        return rng.nextInt(outOf) < lightOutOf ? rng.nextDouble(min, SPLIT) : uniform(rng, SPLIT, max);
    }

    private static double uniform(SplittableRandom rng, double lo, double hi) {
        return rng.nextDouble(lo, Math.nextUp(hi));
    }

    /** The distribution with this label. */
    public static TaskUtilization byLabel(String s) {
        for (TaskUtilization t : values()) if (t.label.equals(s)) return t;
        StringBuilder known = new StringBuilder();
        for (TaskUtilization t : values()) known.append(known.length() == 0 ? "" : ", ").append(t.label);
        throw new IllegalArgumentException("unknown distribution " + Quoted.of(s) + " (known: " + known + ")");
    }
}
