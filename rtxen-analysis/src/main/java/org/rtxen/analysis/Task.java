package org.rtxen.analysis;

/**
 * A periodic (or sporadic) task in the analysis' integer time unit (nanoseconds for scenarios, CARTS's abstract unit
 * for CARTS files): period T, worst-case execution time C and relative deadline D. Deadlines may be implicit (D = T),
 * constrained (D &lt; T) or arbitrary (D &gt; T).
 *
 * @param name     how reports name it: a name as {@link org.rtxen.model.Names#shown} shows it, or a label made of
 *                 such names ({@code vm.vcpu0}), so that it reads one way inside a reason
 * @param period   T, positive
 * @param wcet     C, non-negative
 * @param deadline D, positive
 */
public record Task(String name, long period, long wcet, long deadline) {
    /** Validates the parameters. */
    public Task {
        if (period <= 0) throw new IllegalArgumentException(name + ": period must be positive");
        if (wcet < 0) throw new IllegalArgumentException(name + ": wcet must not be negative");
        if (deadline <= 0) throw new IllegalArgumentException(name + ": deadline must be positive");
    }

    /** An implicit-deadline task. */
    public static Task implicit(String name, long period, long wcet) {
        return new Task(name, period, wcet, period);
    }

    /** Utilization C/T, exactly. */
    public Rational utilization() {
        return Rational.of(wcet, period);
    }

    /** Density C/min(D, T), exactly. */
    public Rational density() {
        return Rational.of(wcet, Math.min(deadline, period));
    }
}
