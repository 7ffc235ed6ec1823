package org.rtxen.analysis.component;

/**
 * Exact 128-bit helpers for the budget searches' long-arithmetic paths: products of two non-negative longs compared
 * or divided without overflow ({@code Math.multiplyHigh} gives the upper half), so that a check stays in longs where a
 * budget's numerator times a count of periods exceeds 2^63.
 */
final class Wide {
    private static final long LOW32 = 0xFFFF_FFFFL;

    private Wide() {}

    /** Whether x·y + add ≥ u·v for non-negative longs, exactly. */
    static boolean atLeast(long x, long y, long add, long u, long v) {
        long hi = Math.multiplyHigh(x, y);
        long lo = x * y;
        long sum = lo + add;
        if (Long.compareUnsigned(sum, lo) < 0) hi++;
        long hi2 = Math.multiplyHigh(u, v);
        if (hi != hi2) return hi > hi2;
        return Long.compareUnsigned(sum, u * v) >= 0;
    }

    /** Compares a·b with c·d for non-negative longs, exactly. */
    static int compareProducts(long a, long b, long c, long d) {
        long hi1 = Math.multiplyHigh(a, b);
        long hi2 = Math.multiplyHigh(c, d);
        if (hi1 != hi2) return Long.compare(hi1, hi2);
        return Long.compareUnsigned(a * b, c * d);
    }

    /**
     * ⌊(x·y + add)/divisor⌋ for non-negative x, y, a signed {@code add} with x·y + add ≥ 0, and divisor &gt; 0.
     *
     * @throws ArithmeticException when the quotient exceeds Long.MAX_VALUE
     */
    static long floorDiv(long x, long y, long add, long divisor) {
        long hi = Math.multiplyHigh(x, y);
        long lo = x * y;
        long sum = lo + add;
        if (add >= 0 && Long.compareUnsigned(sum, lo) < 0) hi++;
        if (add < 0 && Long.compareUnsigned(sum, lo) > 0) hi--;
        if (hi < 0) throw new ArithmeticException("negative dividend");
        long q = divideUnsigned(hi, sum, divisor);
        if (q < 0) throw new ArithmeticException("quotient overflows a long");
        return q;
    }

    /**
     * ⌊(hi·2^64 + lo)/v⌋ for an unsigned 128-bit dividend and 0 &lt; v, as an unsigned long: long division in two
     * 32-bit digits (Knuth's algorithm D with the divisor normalised so its top bit is set; each estimated digit is
     * at most two too large and corrected).
     *
     * @throws ArithmeticException when hi ≥ v (the quotient would not fit in 64 bits)
     */
    static long divideUnsigned(long hi, long lo, long v) {
        if (v <= 0) throw new ArithmeticException("divisor must be positive");
        if (Long.compareUnsigned(hi, v) >= 0) throw new ArithmeticException("quotient overflows 64 bits");
        if (hi == 0) return divide(lo, v);
        int shift = Long.numberOfLeadingZeros(v); // ≥ 1 for v > 0
        long d = v << shift;
        long dHi = d >>> 32;
        long dLo = d & LOW32;
        long top = (hi << shift) | (lo >>> (64 - shift)); // < d, as hi < v
        long bottom = lo << shift;
        long q1 = quotientDigit(top, bottom >>> 32, dHi, dLo);
        long rest = ((top << 32) | (bottom >>> 32)) - q1 * d; // < d: exact modulo 2^64
        long q0 = quotientDigit(rest, bottom & LOW32, dHi, dLo);
        return (q1 << 32) | q0;
    }

    /**
     * ⌊n/v⌋ for an unsigned n and 0 &lt; v: half of n divided as a signed long, doubled, and corrected by one (Java
     * 17's Long.divideUnsigned goes through BigInteger when n's top bit is set).
     */
    private static long divide(long n, long v) {
        if (n >= 0) return n / v;
        long q = ((n >>> 1) / v) << 1;
        return Long.compareUnsigned(n - q * v, v) >= 0 ? q + 1 : q;
    }

    /** The 32-bit digit ⌊(top·2^32 + next)/d⌋ for top &lt; d = dHi·2^32 + dLo with dHi's top bit set. */
    private static long quotientDigit(long top, long next, long dHi, long dLo) {
        long q = divide(top, dHi);
        long r = top - q * dHi;
        while (q > LOW32 || Long.compareUnsigned(q * dLo, (r << 32) | next) > 0) {
            q--;
            r += dHi;
            if (r > LOW32) break;
        }
        return q;
    }
}
