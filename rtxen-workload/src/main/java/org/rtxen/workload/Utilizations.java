package org.rtxen.workload;

import java.util.SplittableRandom;

/**
 * Per-task utilisation vectors that add up to a given total: UUniFast (Bini and Buttazzo 2005), UUniFast-Discard
 * (Davis and Burns 2009) and RandFixedSum (Stafford 2006, for task sets Emberson, Stafford and Davis 2010). The
 * vectors are uniformly distributed over their admissible region.
 */
public final class Utilizations {
    /** UUniFast-Discard gives up after this many rejected vectors (then RandFixedSum is the tool). */
    public static final int MAX_DISCARDS = 100_000;

    private Utilizations() {}

    /**
     * UUniFast: {@code n} utilisations uniform on the simplex with sum {@code total}.
     *
     * @throws IllegalArgumentException unless n &ge; 1 and 0 &lt; total &le; 1 (above 1 a task could exceed 1)
     */
    public static double[] uunifast(int n, double total, SplittableRandom rng) {
        checkUunifast(n, total);
        return simplex(n, total, rng);
    }

    /** Throws what {@link #uunifast} throws for these arguments, without drawing. */
    public static void checkUunifast(int n, double total) {
        if (n < 1) throw new IllegalArgumentException("needs at least one task, not " + n);
        if (!(total > 0) || total > 1) {
            throw new IllegalArgumentException("uunifast draws a total utilisation in (0, 1], not " + total
                    + " (use uunifast-discard or randfixedsum above 1)");
        }
    }

    /**
     * UUniFast-Discard: UUniFast vectors with sum {@code total}, redrawn until every element is at most
     * {@code max}.
     *
     * @throws IllegalArgumentException when the bounds admit no vector or {@link #MAX_DISCARDS} draws fail
     */
    public static double[] uunifastDiscard(int n, double total, double max, SplittableRandom rng) {
        checkUunifastDiscard(n, total, max);
        for (int attempt = 0; attempt < MAX_DISCARDS; attempt++) {
            double[] u = simplex(n, total, rng);
            boolean ok = true;
            for (double x : u) ok &= x <= max;
            if (ok) return u;
        }
        throw new IllegalArgumentException("uunifast-discard rejected " + MAX_DISCARDS + " vectors for " + n
                + " tasks summing to " + total + " (use randfixedsum)");
    }

    /**
     * Throws what {@link #uunifastDiscard} throws for these arguments before it draws; it can still give up after
     * {@link #MAX_DISCARDS} draws where {@code total} is above {@code max}.
     */
    public static void checkUunifastDiscard(int n, double total, double max) {
        if (n < 1) throw new IllegalArgumentException("needs at least one task, not " + n);
        if (!(total > 0) || total > n * max) {
            throw new IllegalArgumentException("total utilisation " + total + " is not in (0, " + n * max + "] for "
                    + n + " tasks of at most " + max);
        }
    }

    /** Bini and Buttazzo's recurrence: the remaining sum shrinks by a Beta-distributed factor per task. */
    private static double[] simplex(int n, double total, SplittableRandom rng) {
        double[] u = new double[n];
        double rest = total;
        for (int i = 1; i < n; i++) {
            double next = rest * Math.pow(rng.nextDouble(), 1.0 / (n - i));
            u[i - 1] = rest - next;
            rest = next;
        }
        u[n - 1] = rest;
        return u;
    }

    /**
     * RandFixedSum: {@code n} values in [{@code lo}, {@code hi}] with sum {@code total}, uniformly distributed over
     * that (n−1)-dimensional polytope. The polytope is cut into simplices; the recurrence below weighs each by its
     * volume, picks one, and draws a uniform point in it, then shuffles the coordinates.
     *
     * @throws IllegalArgumentException unless n &ge; 1, lo &lt; hi and n·lo &le; total &le; n·hi
     */
    public static double[] randFixedSum(int n, double total, double lo, double hi, SplittableRandom rng) {
        checkRandFixedSum(n, total, lo, hi);
        if (n == 1) return new double[] {total};
        double s = (total - n * lo) / (hi - lo); // the problem on the unit cube
        int k = (int) Math.max(Math.min(Math.floor(s), n - 1), 0);
        s = Math.max(Math.min(s, k + 1), k);
        // 1-based arrays below, as in the algorithm's description.
        double[] below = new double[n + 1]; // s minus the lower corner of each simplex slice
        double[] above = new double[n + 1]; // the upper corner minus s
        for (int i = 1; i <= n; i++) {
            below[i] = s - (k - i + 1);
            above[i] = (k + n - i + 1) - s;
        }
        // volume[i][j]: scaled volumes of the i-dimensional slices; pick[i][j]: the probability of the lower branch.
        double[][] volume = new double[n + 1][n + 2];
        double[][] pick = new double[n][n + 1];
        volume[1][2] = Double.MAX_VALUE; // scaled to avoid underflow; only ratios are used
        double tiny = Double.MIN_VALUE;
        for (int i = 2; i <= n; i++) {
            for (int j = 1; j <= i; j++) {
                double fromBelow = volume[i - 1][j + 1] * below[j] / i;
                double fromAbove = volume[i - 1][j] * above[n - i + j] / i;
                volume[i][j + 1] = fromBelow + fromAbove;
                double sum = volume[i][j + 1] + tiny;
                pick[i - 1][j] = above[n - i + j] > below[j] ? fromAbove / sum : 1 - fromBelow / sum;
            }
        }
        double[] x = new double[n + 1];
        double rest = s;
        int j = k + 1;
        double sm = 0;
        double pr = 1;
        for (int i = n - 1; i >= 1; i--) {
            int e = rng.nextDouble() <= pick[i][j] ? 1 : 0;
            double sx = Math.pow(rng.nextDouble(), 1.0 / i);
            sm += (1 - sx) * pr * rest / (i + 1);
            pr *= sx;
            x[n - i] = sm + pr * e;
            rest -= e;
            j -= e;
        }
        x[n] = sm + pr * rest;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = lo + (hi - lo) * x[i + 1];
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates: the simplex walk orders the coordinates
            int r = rng.nextInt(i + 1);
            double t = out[i];
            out[i] = out[r];
            out[r] = t;
        }
        return out;
    }

    /** Throws what {@link #randFixedSum} throws for these arguments, without drawing. */
    public static void checkRandFixedSum(int n, double total, double lo, double hi) {
        if (n < 1) throw new IllegalArgumentException("needs at least one task, not " + n);
        if (!(lo < hi)) throw new IllegalArgumentException("bounds [" + lo + ", " + hi + "] are empty");
        if (total < n * lo || total > n * hi) {
            throw new IllegalArgumentException("total " + total + " is not in [" + n * lo + ", " + n * hi + "]");
        }
    }
}
