package org.rtxen.analysis;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.rtxen.analysis.component.ComponentInterface;
import org.rtxen.analysis.component.MultiprocessorInterfaces;
import org.rtxen.analysis.component.Policy;
import org.rtxen.analysis.component.UniprocessorInterfaces;
import org.rtxen.analysis.demand.Demand;
import org.rtxen.analysis.supply.Dmpr;
import org.rtxen.analysis.supply.Edp;
import org.rtxen.analysis.supply.Mpr;
import org.rtxen.analysis.supply.Prm;

/**
 * Properties on random inputs: the PRM, EDP, MPR and DMPR supply bound functions never decrease and stay at or above
 * their linear bounds (Easwaran's MPR variant is only checked never negative), and the PRM, EDP and MPR interfaces,
 * when feasible, have at least the task set's utilization as bandwidth and pass their own schedulability checks, PRM
 * schedulability never being lost by a larger budget.
 */
class AnalysisPropertiesTest {
    @Property
    boolean prmSbf_anyRationalBudget_isNonNegativeNonDecreasingAndAboveLsbf(
            @ForAll @IntRange(min = 1, max = 40) int period, @ForAll @IntRange(min = 0, max = 40) int num,
            @ForAll @IntRange(min = 1, max = 7) int den) {
        Rational budget = Rational.of(Math.min(num, period * den), den);
        Rational previous = Rational.ZERO;
        for (int t = 0; t <= 5 * period; t++) {
            Rational s = Prm.sbf(t, period, budget);
            if (s.compareTo(previous) < 0 || Prm.lsbf(t, period, budget).compareTo(s) > 0) return false;
            previous = s;
        }
        return true;
    }

    @Property
    boolean edpSbf_anyBudgetAndDeadline_isNonDecreasingAndAboveLsbf(
            @ForAll @IntRange(min = 1, max = 30) int period, @ForAll @IntRange(min = 0, max = 30) int budget,
            @ForAll @IntRange(min = 0, max = 30) int slack) {
        int theta = Math.min(budget, period);
        Rational b = Rational.of(theta);
        Rational d = Rational.of(Math.min(period, Math.max(1, theta + slack)));
        if (d.compareTo(b) < 0) d = b;
        Rational previous = Rational.ZERO;
        for (int t = 0; t <= 5 * period; t++) {
            Rational s = Edp.sbf(t, period, b, d);
            if (s.compareTo(previous) < 0 || Edp.lsbf(t, period, b, d).compareTo(s) > 0) return false;
            previous = s;
        }
        return true;
    }

    @Property
    boolean mprSbf_improvedVariant_nonNegativeNonDecreasingAndAboveLsbf(
            @ForAll @IntRange(min = 1, max = 20) int period, @ForAll @IntRange(min = 1, max = 4) int m,
            @ForAll @IntRange(min = 1, max = 80) int budget) {
        Mpr mpr = new Mpr(period, Math.min(budget, m * period), m, Mpr.Variant.XU);
        Rational previous = Rational.ZERO;
        for (int t = 0; t <= 5 * period; t++) {
            Rational s = mpr.sbf(t);
            if (s.signum() < 0 || s.compareTo(previous) < 0) return false;
            if (mpr.rate().multiply(t).subtract(mpr.lsbfOffset()).compareTo(s) > 0) return false;
            previous = s;
        }
        return true;
    }

    @Property
    boolean mprSbf_originalVariant_neverNegative(@ForAll @IntRange(min = 1, max = 20) int period,
                                                 @ForAll @IntRange(min = 1, max = 4) int m,
                                                 @ForAll @IntRange(min = 1, max = 80) int budget) {
        // Easwaran's formula is sound pointwise (SupplyBoundTest) but not monotone in t; see that test.
        Mpr mpr = new Mpr(period, Math.min(budget, m * period), m, Mpr.Variant.EASWARAN);
        for (int t = 0; t <= 5 * period; t++) {
            if (mpr.sbf(t).signum() < 0) return false;
        }
        return true;
    }

    @Property
    boolean dmprSbf_nonDecreasingAndAboveLsbf(@ForAll @IntRange(min = 1, max = 20) int period,
                                             @ForAll @IntRange(min = 0, max = 20) int partial,
                                             @ForAll @IntRange(min = 1, max = 4) int m) {
        Dmpr d = new Dmpr(period, Math.min(partial, period), m);
        Rational previous = Rational.ZERO;
        for (int t = 0; t <= 5 * period; t++) {
            Rational s = d.sbf(t);
            if (s.compareTo(previous) < 0 || d.rate().multiply(t).subtract(d.lsbfOffset()).compareTo(s) > 0) return false;
            previous = s;
        }
        return true;
    }

    @Property(tries = 200)
    boolean prmInterface_feasible_bandwidthAtLeastUtilizationAndSchedulableAtItsBudget(
            @ForAll("taskSets") List<Task> tasks, @ForAll @IntRange(min = 1, max = 30) int period,
            @ForAll boolean edf) {
        Policy policy = edf ? Policy.EDF : Policy.RM;
        ComponentInterface c = UniprocessorInterfaces.prm(tasks, policy, period);
        if (!c.feasible()) return !c.reason().isEmpty();
        return c.bandwidth().compareTo(Demand.utilization(tasks)) >= 0
                && UniprocessorInterfaces.prmSchedulable(tasks, policy, period, c.budget());
    }

    @Property(tries = 200)
    boolean edpInterface_feasible_bandwidthAtLeastUtilizationAndDeadlineBetweenBudgetAndPeriod(
            @ForAll("taskSets") List<Task> tasks, @ForAll @IntRange(min = 1, max = 30) int period,
            @ForAll boolean edf) {
        ComponentInterface c = UniprocessorInterfaces.edp(tasks, edf ? Policy.EDF : Policy.DM, period);
        if (!c.feasible()) return !c.reason().isEmpty();
        return c.bandwidth().compareTo(Demand.utilization(tasks)) >= 0 && c.deadline().compareTo(c.budget()) >= 0
                && c.deadline().compareTo(period) <= 0;
    }

    @Property(tries = 200)
    boolean prmSchedulable_largerBudget_neverTurnsSchedulableIntoUnschedulable(
            @ForAll("taskSets") List<Task> tasks, @ForAll @IntRange(min = 1, max = 20) int period,
            @ForAll @IntRange(min = 0, max = 100) int percent, @ForAll @IntRange(min = 0, max = 100) int more,
            @ForAll boolean edf) {
        Policy policy = edf ? Policy.EDF : Policy.RM;
        Rational small = Rational.of((long) period * percent, 100);
        Rational large = Rational.of((long) period * Math.min(100, percent + more), 100);
        return !UniprocessorInterfaces.prmSchedulable(tasks, policy, period, small)
                || UniprocessorInterfaces.prmSchedulable(tasks, policy, period, large);
    }

    @Property(tries = 40)
    boolean mprInterface_feasible_passesAtItsBudgetAndVcpusSumToBudget(
            @ForAll("taskSets") List<Task> tasks, @ForAll @IntRange(min = 2, max = 12) int period) {
        ComponentInterface c = MultiprocessorInterfaces.mpr(tasks, period, Mpr.Variant.XU);
        if (!c.feasible()) return !c.reason().isEmpty();
        if (c.cpus() == 0) return true;
        long theta = c.budget().floor().longValueExact();
        Rational sum = Rational.ZERO;
        for (ComponentInterface.Vcpu v : c.vcpus()) sum = sum.add(v.budget());
        boolean passes = MultiprocessorInterfaces.gedfTest(tasks, new Mpr(period, theta, c.cpus(), Mpr.Variant.XU),
                c.cpus()).schedulable();
        return sum.equals(c.budget()) && c.vcpus().size() == c.cpus() && passes
                && c.bandwidth().compareTo(Demand.utilization(tasks)) >= 0;
    }

    @Provide
    Arbitrary<List<Task>> taskSets() {
        Arbitrary<Task> task = Combinators.combine(Arbitraries.integers().between(2, 30),
                Arbitraries.integers().between(1, 100), Arbitraries.integers().between(50, 100)).as((p, u, d) -> {
                    long wcet = Math.max(1, p * u / 400);
                    long deadline = Math.max(wcet, p * d / 100);
                    return new Task("t", p, wcet, deadline);
                });
        return task.list().ofMinSize(1).ofMaxSize(4).map(ArrayList::new);
    }
}
