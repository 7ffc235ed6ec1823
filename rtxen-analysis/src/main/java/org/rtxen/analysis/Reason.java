package org.rtxen.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.rtxen.model.Time;

/**
 * Why a test or an interface search failed, for people: text whose durations stay numbers in the analysis' own time
 * unit until {@link #format} prints them in the reader's unit. The analysis does not know its unit (nanoseconds for
 * scenarios and task sets, microseconds for a planner's guest interfaces, a CARTS file's own unit), so the caller,
 * which does, chooses the {@link Unit}.
 */
public final class Reason {
    /** No reason: the test passed. */
    public static final Reason NONE = new Reason(List.of());

    /** Prints a duration given in the analysis' time unit. */
    @FunctionalInterface
    public interface Unit {
        /** {@code amount} (in the analysis' unit, exact) as text with its unit. */
        String format(Rational amount);
    }

    /** The analysis ran in nanoseconds: durations print as {@link Time#format}, e.g. {@code 3891us}. */
    public static final Unit NANOSECONDS = Reason::nanoseconds;
    /** The analysis ran in microseconds (the planner's guest interfaces): printed as nanoseconds are. */
    public static final Unit MICROSECONDS = us -> nanoseconds(us.multiply(Time.US));

    /** A duration inside a reason. */
    private record Span(Rational amount) {}

    private final List<Object> parts;

    private Reason(List<Object> parts) {
        this.parts = parts;
    }

    /**
     * A reason from its parts in order: {@link #span} durations, nested reasons (inlined), and anything else as its
     * {@code String.valueOf} text (names, counts, ratios).
     */
    public static Reason of(Object... parts) {
        List<Object> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Reason r) out.addAll(r.parts);
            else if (p instanceof Span) out.add(p);
            else out.add(String.valueOf(p));
        }
        return new Reason(List.copyOf(out));
    }

    /** A duration of {@code amount} time units, to be printed with the reader's unit. */
    public static Object span(long amount) {
        return new Span(Rational.of(amount));
    }

    /** An exact (possibly fractional) duration of {@code amount} time units. */
    public static Object span(Rational amount) {
        return new Span(amount);
    }

    /**
     * A CARTS file's unit: durations print as plain decimals of the file's unit ({@code scale} analysis units each),
     * exact where finite, else to {@value Rational#DIGITS} significant digits (half-even) marked {@code ≈}.
     */
    public static Unit fileUnit(long scale) {
        return amount -> {
            Rational inUnit = amount.divide(scale);
            return (inUnit.isFiniteDecimal() ? "" : "≈") + inUnit.toDecimal(RoundingMode.HALF_EVEN).toPlainString();
        };
    }

    /** Whether there is no reason (the test passed). */
    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /** The text with every duration printed in {@code unit}. */
    public String format(Unit unit) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) b.append(p instanceof Span s ? unit.format(s.amount()) : (String) p);
        return b.toString();
    }

    /** For debugging only: durations as bare numbers marked {@code [units]}; print with {@link #format}. */
    @Override
    public String toString() {
        return format(amount -> amount + "[units]");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reason r && r.parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    /**
     * Whole nanoseconds as {@link Time#format} (the largest exact unit); a fractional amount in the largest unit not
     * above it, to three decimals, marked {@code ≈} when that rounds (e.g. {@code ≈113.636us}).
     */
    private static String nanoseconds(Rational ns) {
        if (ns.isInteger()) return Time.format(ns.floor().longValueExact());
        Rational abs = ns.signum() < 0 ? ns.negate() : ns;
        long unit = abs.compareTo(Time.S) >= 0 ? Time.S : abs.compareTo(Time.MS) >= 0 ? Time.MS
                : abs.compareTo(Time.US) >= 0 ? Time.US : 1;
        String name = unit == Time.S ? "s" : unit == Time.MS ? "ms" : unit == Time.US ? "us" : "ns";
        Rational inUnit = ns.divide(unit);
        BigDecimal shown = new BigDecimal(inUnit.numerator()).divide(new BigDecimal(inUnit.denominator()), 3,
                RoundingMode.HALF_UP);
        boolean rounded = !inUnit.multiply(1000).isInteger();
        return (rounded ? "≈" : "") + shown.stripTrailingZeros().toPlainString() + name;
    }
}
