package org.rtxen.analysis;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * An exact rational number in lowest terms with a positive denominator. The analysis decides feasibility with these,
 * never with doubles. BigInteger-backed because the products it forms (a budget times a count of periods times a
 * nanosecond horizon) overflow {@code long}; a long-based fraction would need overflow checks at every step and
 * fall back to big numbers anyway. Reducing and comparing take a {@code long} path when the operands and products
 * provably fit (bit lengths checked first), so that the common small fractions allocate no intermediate big numbers.
 * No library on Maven Central was worth a dependency for these few operations.
 */
public final class Rational implements Comparable<Rational> {
    /** Zero. */
    public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
    /** One. */
    public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

    /** Significant digits of a value {@link #toDecimal} has to round (one without a finite decimal form). */
    public static final int DIGITS = 12;

    private final BigInteger num;
    private final BigInteger den;

    private Rational(BigInteger num, BigInteger den) {
        this.num = num;
        this.den = den;
    }

    /** The integer {@code n}. */
    public static Rational of(long n) {
        return new Rational(BigInteger.valueOf(n), BigInteger.ONE);
    }

    /** The fraction {@code num/den} in lowest terms; {@code den} must not be zero. */
    public static Rational of(long num, long den) {
        if (den == 0) throw new ArithmeticException("zero denominator");
        if (num == Long.MIN_VALUE || den == Long.MIN_VALUE) return of(BigInteger.valueOf(num), BigInteger.valueOf(den));
        long g = gcd(Math.abs(num), Math.abs(den)); // positive, as den is not zero; |den| when num is zero
        if (den < 0) g = -g;
        return new Rational(BigInteger.valueOf(num / g), BigInteger.valueOf(den / g));
    }

    /**
     * The fraction {@code num/den} in lowest terms; {@code den} must not be zero. Reduced in {@code long} arithmetic
     * when both fit (most of a planning's fractions), which allocates far less than BigInteger's gcd.
     */
    public static Rational of(BigInteger num, BigInteger den) {
        if (num.bitLength() < Long.SIZE - 1 && den.bitLength() < Long.SIZE - 1) return of(num.longValue(), den.longValue());
        if (den.signum() == 0) throw new ArithmeticException("zero denominator");
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        BigInteger g = num.gcd(den);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            num = num.divide(g);
            den = den.divide(g);
        }
        if (num.signum() == 0) den = BigInteger.ONE;
        return new Rational(num, den);
    }

    /** Euclid's greatest common divisor of two non-negative longs. */
    public static long gcd(long a, long b) {
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }

    /** Numerator (carries the sign). */
    public BigInteger numerator() {
        return num;
    }

    /** Denominator, positive. */
    public BigInteger denominator() {
        return den;
    }

    /** this + o. */
    public Rational add(Rational o) {
        if (den.equals(o.den)) return of(num.add(o.num), den);
        return of(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    /**
     * Σ terms, exactly: over the least common denominator, reduced once at the end. Adding n fractions one by one
     * reduces n ever larger sums (the denominator grows to the lcm of all of them: 3 000 bits for 200 task
     * periods), which made the utilization alone cost more than a PRM interface search's million test points.
     */
    public static Rational sum(Iterable<Rational> terms) {
        BigInteger lcm = BigInteger.ONE;
        for (Rational r : terms) lcm = lcm.divide(lcm.gcd(r.den)).multiply(r.den);
        BigInteger total = BigInteger.ZERO;
        for (Rational r : terms) total = total.add(r.num.multiply(lcm.divide(r.den)));
        return of(total, lcm);
    }

    /** this + n. */
    public Rational add(long n) {
        return new Rational(num.add(den.multiply(BigInteger.valueOf(n))), den);
    }

    /** this − o. */
    public Rational subtract(Rational o) {
        return add(o.negate());
    }

    /** −this. */
    public Rational negate() {
        return new Rational(num.negate(), den);
    }

    /** this × o. */
    public Rational multiply(Rational o) {
        return of(num.multiply(o.num), den.multiply(o.den));
    }

    /** this × n. */
    public Rational multiply(long n) {
        return of(num.multiply(BigInteger.valueOf(n)), den);
    }

    /** this ÷ o; o must not be zero. */
    public Rational divide(Rational o) {
        return of(num.multiply(o.den), den.multiply(o.num));
    }

    /** this ÷ n; n must not be zero. */
    public Rational divide(long n) {
        return of(num, den.multiply(BigInteger.valueOf(n)));
    }

    /** The greatest integer ≤ this. */
    public BigInteger floor() {
        BigInteger[] qr = num.divideAndRemainder(den);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /** The least integer ≥ this. */
    public BigInteger ceil() {
        return floor().add(isInteger() ? BigInteger.ZERO : BigInteger.ONE);
    }

    /** Whether the value is an integer. */
    public boolean isInteger() {
        return den.equals(BigInteger.ONE);
    }

    /** −1, 0 or 1 as the value is negative, zero or positive. */
    public int signum() {
        return num.signum();
    }

    /** The smaller of this and o. */
    public Rational min(Rational o) {
        return compareTo(o) <= 0 ? this : o;
    }

    /** The larger of this and o. */
    public Rational max(Rational o) {
        return compareTo(o) >= 0 ? this : o;
    }

    /** Compares exactly. */
    @Override
    public int compareTo(Rational o) {
        if (den.equals(o.den)) return num.compareTo(o.num);
        if (fitsProduct(num, o.den) && fitsProduct(o.num, den)) {
            return Long.compare(num.longValue() * o.den.longValue(), o.num.longValue() * den.longValue());
        }
        return num.multiply(o.den).compareTo(o.num.multiply(den));
    }

    /** Compares with an integer exactly. */
    public int compareTo(long n) {
        if (num.bitLength() < Long.SIZE - 1 && fitsProduct(den, BigInteger.valueOf(n))) {
            return Long.compare(num.longValue(), den.longValue() * n);
        }
        return num.compareTo(den.multiply(BigInteger.valueOf(n)));
    }

    /** Whether a × b, and a and b themselves, fit a {@code long} (|a × b| ≤ 2^62, as bit lengths add up). */
    private static boolean fitsProduct(BigInteger a, BigInteger b) {
        return a.bitLength() + b.bitLength() < Long.SIZE - 1;
    }

    /** Whether the value has a finite decimal form: its denominator has no prime factor other than 2 and 5. */
    public boolean isFiniteDecimal() {
        BigInteger rest = den.shiftRight(den.getLowestSetBit());
        BigInteger five = BigInteger.valueOf(5);
        while (rest.mod(five).signum() == 0) rest = rest.divide(five);
        return rest.equals(BigInteger.ONE);
    }

    /**
     * The value as a decimal for output, trailing zeros removed: exact when it has a finite decimal form, else rounded
     * by {@code mode} to {@value #DIGITS} significant digits, or to a whole number where the integer part alone has
     * more ({@link RoundingMode#UNNECESSARY} demands the exact form and throws an {@link ArithmeticException} instead).
     */
    public BigDecimal toDecimal(RoundingMode mode) {
        BigDecimal n = new BigDecimal(num);
        BigDecimal d = new BigDecimal(den);
        BigDecimal v = isFiniteDecimal() ? n.divide(d) : n.divide(d, new MathContext(DIGITS, mode));
        if (v.scale() < 0) v = n.divide(d, 0, mode);
        v = v.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /** The value as a double, for reporting only. */
    public double doubleValue() {
        return new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL64).doubleValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rational r && num.equals(r.num) && den.equals(r.den);
    }

    @Override
    public int hashCode() {
        return num.hashCode() * 31 + den.hashCode();
    }

    /** {@code n} for integers, else {@code num/den}, e.g. {@code 39/14}. */
    @Override
    public String toString() {
        return isInteger() ? num.toString() : num + "/" + den;
    }
}
