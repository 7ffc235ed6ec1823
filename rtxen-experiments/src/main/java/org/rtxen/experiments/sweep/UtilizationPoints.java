package org.rtxen.experiments.sweep;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * A sweep's total-utilisation points, in order, distinct as doubles: listed one by one, or a {@code {from, to, step}}
 * range whose points are computed when asked for, so that a grid of millions of points takes no memory per point.
 */
public sealed interface UtilizationPoints extends Serializable {
    /** The number of points. */
    int size();

    /** Point {@code i}, 0-based. */
    double get(int i);

    /** The index of the point equal to {@code u}, or -1 when no point is. */
    int indexOf(double u);

    /**
     * The points {@code values} in their order, as written in a list.
     *
     * @throws IllegalArgumentException when two are the same double
     */
    static UtilizationPoints listed(double[] values) {
        return new Listed(values);
    }

    /**
     * The points {@code from}, {@code from + step}, ... up to {@code to}, each the double nearest to the exact decimal.
     *
     * @param size the number of points, {@code floor((to - from) / step) + 1}
     * @throws IllegalArgumentException when the step is so small for the range that two consecutive points are the same
     *                                  double, naming both
     */
    static UtilizationPoints range(BigDecimal from, BigDecimal step, int size) {
        return new Range(from, step, size);
    }

    /** Points as listed: their values, and the same sorted with each one's index in the list, to find one by value. */
    final class Listed implements UtilizationPoints {
        private static final long serialVersionUID = 1L;
        private final double[] values;
        private final double[] sorted;
        private final int[] indexOfSorted;

        private Listed(double[] values) {
            this.values = values.clone();
            sorted = values.clone();
            Arrays.sort(sorted);
            for (int i = 1; i < sorted.length; i++) {
                if (sorted[i] == sorted[i - 1]) throw new IllegalArgumentException("a point is listed twice");
            }
            indexOfSorted = new int[sorted.length];
            for (int i = 0; i < values.length; i++) indexOfSorted[Arrays.binarySearch(sorted, values[i])] = i;
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public double get(int i) {
            return values[i];
        }

        @Override
        public int indexOf(double u) {
            int at = Arrays.binarySearch(sorted, u);
            return at < 0 ? -1 : indexOfSorted[at];
        }
    }

    /**
     * Points {@code from + i × step}, computed exactly and then rounded to a double, as adding the step point by point
     * does; strictly increasing, which the constructor checks.
     */
    final class Range implements UtilizationPoints {
        private static final long serialVersionUID = 1L;
        private final BigDecimal from;
        private final BigDecimal step;
        private final int size;

        private Range(BigDecimal from, BigDecimal step, int size) {
            this.from = from;
            this.step = step;
            this.size = size;
            BigDecimal exact = from;
            double previous = from.doubleValue();
            for (int i = 1; i < size; i++) {
                Cancellation.check();
                BigDecimal next = exact.add(step);
                double u = next.doubleValue();
                if (u == previous) {
                    throw new IllegalArgumentException(step.toPlainString() + " is too small for the range: the points "
                            + exact.stripTrailingZeros().toPlainString() + " and "
                            + next.stripTrailingZeros().toPlainString() + " are the same number at double"
                            + " precision (" + Expansion.label(u) + "): consecutive values collapse");
                }
                exact = next;
                previous = u;
            }
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public double get(int i) {
            return from.add(step.multiply(BigDecimal.valueOf(i))).doubleValue();
        }

        @Override
        public int indexOf(double u) {
            // A first guess in doubles, off by at most a point or two where the step is near the doubles' spacing; the
            // points increase strictly, so walking from it finds the point if there is one.
            double guess = Math.rint((u - from.doubleValue()) / step.doubleValue());
            int i = (int) Math.max(0, Math.min(size - 1, guess));
            while (i > 0 && get(i) > u) i--;
            while (i < size - 1 && get(i) < u) i++;
            return get(i) == u ? i : -1;
        }
    }
}
