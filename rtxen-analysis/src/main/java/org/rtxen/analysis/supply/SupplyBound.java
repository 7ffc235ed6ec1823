package org.rtxen.analysis.supply;

import java.util.function.LongConsumer;
import org.rtxen.analysis.Rational;

/** A multiprocessor resource as a global test sees it: its sbf and a linear lower bound rate·t − offset. */
public interface SupplyBound {
    /** The least supply in any window of length t ≥ 0. */
    Rational sbf(long t);

    /** The period Π of the supply pattern. */
    long period();

    /** The slope of the linear lower bound (the long-run bandwidth). */
    Rational rate();

    /** The offset B of the linear lower bound lsbf(t) = rate·t − B ≤ sbf(t). */
    Rational lsbfOffset();

    /**
     * Emits times (in any order, repeats and times outside [from, to] allowed) such that sbf is affine on the
     * integers between any two consecutive emitted times of [from, to], taking from and to as emitted too.
     */
    void breakpoints(long from, long to, LongConsumer sink);
}
