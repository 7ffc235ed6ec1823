package org.rtxen.analysis.component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.ComponentInterface.Model;
import org.rtxen.analysis.component.ComponentInterface.Vcpu;
import org.rtxen.analysis.demand.Demand;
import org.rtxen.analysis.supply.Dmpr;
import org.rtxen.analysis.supply.Mpr;
import org.rtxen.analysis.supply.SupplyBound;

/**
 * Global EDF components on multiprocessor resources: Easwaran, Shin and Lee's gEDF test under MPR (RTS 2009,
 * Theorems 1–2; spec §3.3.3), the minimum MPR and DMPR interfaces for a period, and the MPR → VCPU transformation.
 *
 * <p>Integer time: the test sweeps every integer interval extension A_k below the paper's bound, so its cost grows
 * with the magnitude of the numbers (unlike the PRM/EDP searches). Budgets are found by bisection. For DMPR that is
 * exact (the PRM sbf is non-decreasing in Θ_p and the A_k bound only skips points the linear bound proves safe).
 * The MPR sbf formulas are not monotone in Θ everywhere (e.g. Π = 2, m' = 3, t = 3: Θ = 2 gives 1, Θ = 3 gives 0),
 * so the MPR budget passes the test but a smaller one might too: MPR interfaces carry {@code minimal = false}.
 */
public final class MultiprocessorInterfaces {
    private MultiprocessorInterfaces() {}

    /** The outcome of the gEDF test: schedulable, or the first failing task and interval. */
    public record Verdict(boolean schedulable, String reason) {}

    /** Whether the tasks are schedulable under global EDF on a supply with at most {@code cpus} VCPUs in parallel. */
    public static Verdict gedfTest(List<Task> tasks, SupplyBound supply, int cpus) {
        Rational u = Demand.utilization(tasks);
        Rational rate = supply.rate();
        if (rate.compareTo(u) <= 0) return new Verdict(false, "bandwidth " + rate + " does not exceed utilization " + u);
        int n = tasks.size();
        long[] c = new long[n];
        for (int i = 0; i < n; i++) c[i] = tasks.get(i).wcet();
        long[] sortedC = c.clone();
        Arrays.sort(sortedC);
        long cSigma = 0;
        for (int i = 0; i < cpus - 1 && i < n; i++) cSigma += sortedC[n - 1 - i];
        Rational uD = Rational.ZERO;
        for (Task t : tasks) uD = uD.add(t.utilization().multiply(t.period() - t.deadline()));
        Rational slope = rate.subtract(u);
        long[] diff = new long[n];
        for (int k = 0; k < n; k++) {
            Task tk = tasks.get(k);
            if (tk.wcet() > tk.deadline()) return new Verdict(false, "task " + tk.name() + ": wcet exceeds deadline");
            // A_k < [C_Σ + m'C_k − D_k(rate − U) + U_D + B] / (rate − U)
            Rational bound = slope.multiply(tk.deadline()).negate().add(cSigma + (long) cpus * tk.wcet())
                    .add(uD).add(supply.lsbfOffset()).divide(slope);
            long last = bound.ceil().longValueExact() - 1;
            for (long a = 0; a <= last; a++) {
                long t = a + tk.deadline();
                long dem = demand(tasks, k, a, t, cpus, diff);
                if (supply.sbf(t).compareTo(dem) < 0) {
                    return new Verdict(false, "task " + tk.name() + ": demand " + dem + " exceeds supply "
                            + supply.sbf(t) + " in an interval of length " + t);
                }
            }
        }
        return new Verdict(true, "");
    }

    /** DEM(A_k + D_k, m'): m'C_k, the non-carry-in interference and the m' − 1 largest carry-in increments. */
    private static long demand(List<Task> tasks, int k, long a, long t, int cpus, long[] diff) {
        Task tk = tasks.get(k);
        long sum = (long) cpus * tk.wcet();
        for (int i = 0; i < tasks.size(); i++) {
            Task ti = tasks.get(i);
            long count = Math.max(0, Math.floorDiv(t + ti.period() - ti.deadline(), ti.period()));
            long carry = Math.min(ti.wcet(), Math.max(0, t - count * ti.period()));
            long work = count * ti.wcet() + carry;
            long without;
            long with;
            if (i != k) {
                without = Math.min(work - carry, t - tk.wcet());
                with = Math.min(work, t - tk.wcet());
            } else {
                without = Math.min(work - tk.wcet() - carry, a);
                with = Math.min(work - tk.wcet(), a);
            }
            sum += without;
            diff[i] = Math.max(0, with - without);
        }
        if (cpus > 1) {
            Arrays.sort(diff);
            for (int i = 0; i < cpus - 1 && i < diff.length; i++) sum += diff[diff.length - 1 - i];
        }
        return sum;
    }

    /**
     * The minimum MPR interface μ(Π, Θ, m') for period Π: the smallest m' (from ⌈U⌉ up to 10n + 1, CARTS's bound) for
     * which some Θ ∈ ((m' − 1)Π, m'Π] passes, and the least such Θ.
     */
    public static ComponentInterface mpr(List<Task> tasks, long period, Mpr.Variant variant) {
        return mpr(tasks, period, variant, 0);
    }

    /**
     * The minimum MPR interface with exactly {@code cpus} VCPUs (a domain's VCPU count), or with the smallest m' when
     * {@code cpus} is 0.
     */
    public static ComponentInterface mpr(List<Task> tasks, long period, Mpr.Variant variant, int cpus) {
        Rational u = Demand.utilization(tasks);
        if (tasks.isEmpty() || u.signum() == 0) {
            return new ComponentInterface(Model.MPR, true, period, Rational.ZERO, null, 0, List.of(), "");
        }
        int maxCpus = cpus > 0 ? cpus : 10 * tasks.size() + 1;
        String reason = "utilization " + u + " exceeds " + maxCpus + " VCPUs";
        for (int m = cpus > 0 ? cpus : Math.max(1, u.ceil().intValueExact()); m <= maxCpus; m++) {
            long lo = Math.max((long) (m - 1) * period + 1, u.multiply(period).floor().longValueExact() + 1);
            long hi = (long) m * period;
            if (lo > hi) continue;
            final int width = m;
            Verdict full = gedfTest(tasks, new Mpr(period, hi, m, variant), m);
            if (!full.schedulable()) {
                reason = full.reason();
                continue;
            }
            long budget = leastPassing(lo, hi, theta -> gedfTest(tasks, new Mpr(period, theta, width, variant), width)
                    .schedulable());
            return new ComponentInterface(Model.MPR, true, period, Rational.of(budget), null, m,
                    toVcpus(period, budget, m), "", false, null);
        }
        return ComponentInterface.infeasible(Model.MPR, period, "no MPR interface with up to " + maxCpus
                + " VCPUs: " + reason);
    }

    /** The minimum DMPR interface for period Π: the smallest m' and the least partial budget Θ_p ∈ [1, Π]. */
    public static ComponentInterface dmpr(List<Task> tasks, long period) {
        return dmpr(tasks, period, 0);
    }

    /** The minimum DMPR interface with exactly {@code cpus} VCPUs, or with the smallest m' when {@code cpus} is 0. */
    public static ComponentInterface dmpr(List<Task> tasks, long period, int cpus) {
        Rational u = Demand.utilization(tasks);
        if (tasks.isEmpty() || u.signum() == 0) {
            return new ComponentInterface(Model.DMPR, true, period, Rational.ZERO, null, 0, List.of(), "");
        }
        int maxCpus = cpus > 0 ? cpus : 10 * tasks.size() + 1;
        String reason = "utilization " + u + " exceeds " + maxCpus + " VCPUs";
        for (int m = cpus > 0 ? cpus : Math.max(1, u.ceil().intValueExact()); m <= maxCpus; m++) {
            final int width = m;
            Verdict full = gedfTest(tasks, new Dmpr(period, period, m), m);
            if (!full.schedulable()) {
                reason = full.reason();
                continue;
            }
            long partial = leastPassing(1, period, p -> gedfTest(tasks, new Dmpr(period, p, width), width).schedulable());
            List<Vcpu> vcpus = new ArrayList<>();
            Rational full1 = Rational.of(period);
            for (int i = 0; i < m - 1; i++) vcpus.add(new Vcpu(period, full1, full1));
            vcpus.add(new Vcpu(period, Rational.of(partial), full1));
            return new ComponentInterface(Model.DMPR, true, period, Rational.of((long) (m - 1) * period + partial),
                    null, m, vcpus, "");
        }
        return ComponentInterface.infeasible(Model.DMPR, period, "no DMPR interface with up to " + maxCpus
                + " VCPUs: " + reason);
    }

    /**
     * Easwaran et al.'s transformation of μ(Π, Θ, m') into m' periodic VCPUs (spec §3.3.4, integer Θ): with
     * a = Θ mod m', a VCPUs get ⌊Θ/m'⌋ + 1 and m' − a get ⌊Θ/m'⌋; the budgets sum to Θ.
     */
    public static List<Vcpu> toVcpus(long period, long budget, int cpus) {
        long base = budget / cpus;
        long extra = budget - base * cpus;
        List<Vcpu> out = new ArrayList<>(cpus);
        Rational p = Rational.of(period);
        for (int i = 0; i < cpus; i++) out.add(new Vcpu(period, Rational.of(base + (i < extra ? 1 : 0)), p));
        return out;
    }

    /** The least value in [lo, hi] that passes, given that hi passes and passing is monotone. */
    private static long leastPassing(long lo, long hi, java.util.function.LongPredicate passes) {
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (passes.test(mid)) hi = mid;
            else lo = mid + 1;
        }
        return hi;
    }
}
