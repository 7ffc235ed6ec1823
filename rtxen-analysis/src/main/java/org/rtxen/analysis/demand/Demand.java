package org.rtxen.analysis.demand;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Task;

/** Demand of periodic tasks over an interval: EDF demand bound (dbf), fixed-priority request bound (rbf), utilization. */
public final class Demand {
    private Demand() {}

    /** Total utilization Σ C/T, exactly. */
    public static Rational utilization(List<Task> tasks) {
        List<Rational> terms = new ArrayList<>(tasks.size());
        for (Task t : tasks) terms.add(t.utilization());
        return Rational.sum(terms);
    }

    /** dbf(t) = Σ max(0, ⌊(t − D)/T⌋ + 1)·C: work with release and deadline inside any window of length t. */
    public static long dbf(List<Task> tasks, long t) {
        long sum = 0;
        for (Task k : tasks) {
            if (t >= k.deadline()) sum = Math.addExact(sum, Math.multiplyExact((t - k.deadline()) / k.period() + 1, k.wcet()));
        }
        return sum;
    }

    /**
     * The constant c of the linear demand bound dbf(t) ≤ U·t + c, with c = Σ U_i·max(0, T_i − D_i). (For D &gt; T the
     * term is dropped: dbf_i is zero before D_i, where U_i(t + T_i − D_i) would be negative.)
     */
    public static Rational linearDemandOffset(List<Task> tasks) {
        List<Rational> terms = new ArrayList<>(tasks.size());
        for (Task k : tasks) {
            if (k.period() > k.deadline()) terms.add(k.utilization().multiply(k.period() - k.deadline()));
        }
        return Rational.sum(terms);
    }

    /**
     * max D + lcm(all periods, {@code period}), saturated at Long.MAX_VALUE: when supply and demand grow at the same
     * rate, the pattern of dbf(t) against a supply that repeats every {@code period} repeats from there on.
     */
    public static long patternEnd(List<Task> tasks, long period) {
        BigInteger h = BigInteger.valueOf(period);
        long maxD = 0;
        for (Task t : tasks) {
            BigInteger p = BigInteger.valueOf(t.period());
            h = h.divide(h.gcd(p)).multiply(p);
            maxD = Math.max(maxD, t.deadline());
            if (h.bitLength() > 63) return Long.MAX_VALUE;
        }
        BigInteger end = h.add(BigInteger.valueOf(maxD));
        return end.bitLength() < 63 ? end.longValueExact() : Long.MAX_VALUE;
    }

    /** The number of absolute deadlines k·T + D ≤ {@code horizon} of all tasks (saturated at Long.MAX_VALUE). */
    public static long deadlinesUpTo(List<Task> tasks, long horizon) {
        long n = 0;
        for (Task k : tasks) {
            if (horizon >= k.deadline()) n += (horizon - k.deadline()) / k.period() + 1;
            if (n < 0) return Long.MAX_VALUE;
        }
        return n;
    }

    /** rbf(t) = C_i + Σ_{j ∈ hp} ⌈t/T_j⌉·C_j: the request of task i and its higher-priority tasks up to t. */
    public static long rbf(Task task, List<Task> higherPriority, long t) {
        long sum = task.wcet();
        for (Task j : higherPriority) {
            sum = Math.addExact(sum, Math.multiplyExact(Math.floorDiv(t + j.period() - 1, j.period()), j.wcet()));
        }
        return sum;
    }
}
