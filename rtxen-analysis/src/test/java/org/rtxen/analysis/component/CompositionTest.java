package org.rtxen.analysis.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.ComponentInterface.Model;
import org.rtxen.analysis.supply.Mpr;

/** Hierarchies whose root receives a child's whole-CPU VCPU: the root must not pay more than that CPU. */
class CompositionTest {
    private static ComponentSpec childNeedingOneCpuAndRoot(List<Task> rootTasks) {
        // Child: two tasks (10, 5, 10) under gEDF, U = 1 with D = T, so one dedicated CPU is its interface (10, 10):
        // EDF on one CPU with U ≤ 1 and D ≥ T meets every deadline. It reaches the root as the task (10, 10, 10).
        ComponentSpec child = new ComponentSpec("c", Policy.GEDF, 10, 10,
                List.of(Task.implicit("a", 10, 5), Task.implicit("b", 10, 5)), List.of());
        return new ComponentSpec("root", Policy.GEDF, 10, 10, rootTasks, List.of(child));
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void periodRangeAboveTheLimit_notAnalysedAtOnce_forEveryModel() {
        // min_period 1, max_period 10^8: 10^8 complete interface searches (about 30 µs each for this one task, so
        // about an hour); before, analyze ran them all. Now the component says so before it starts, and a parent of
        // such a child has no interface either.
        long max = 100_000_000;
        String why = "not analysed: the period range [1ns, 100ms] holds 100,000,000 periods (in steps of 1ns), each a"
                + " complete interface search, more than the limit of 100,000: narrow min_period..max_period or give"
                + " period";
        for (Policy policy : List.of(Policy.EDF, Policy.RM, Policy.GEDF)) {
            for (Model uni : List.of(Model.PRM, Model.EDP)) {
                ComponentSpec c = new ComponentSpec("c", policy, 1, max, List.of(Task.implicit("t", 100, 10)), List.of());
                ComponentResult r = Composition.analyze(c, uni, policy == Policy.GEDF && uni == Model.EDP ? Model.DMPR
                        : Model.MPR, Mpr.Variant.XU);
                assertEquals(false, r.iface().feasible());
                assertEquals(why, r.iface().reason().format(org.rtxen.analysis.Reason.NANOSECONDS));
                ComponentResult parent = Composition.analyze(new ComponentSpec("p", Policy.EDF, 10, 10, List.of(),
                        List.of(c)), uni, Model.MPR, Mpr.Variant.XU);
                assertEquals("child component c has no interface",
                        parent.iface().reason().format(org.rtxen.analysis.Reason.NANOSECONDS));
            }
        }
        assertEquals(100_000, Composition.PERIOD_LIMIT);
    }

    @Test
    void mprRoot_childNeedsOneWholeCpu_rootIsOneFullVcpu() {
        // Root workload: (10, 10, 10) alone, U = 1 = m': μ(10, 10, 1) as CARTS gives (rtxen used to give μ(10, 20, 2)).
        ComponentResult r = Composition.analyze(childNeedingOneCpuAndRoot(List.of()), Model.PRM, Model.MPR,
                Mpr.Variant.XU);
        assertEquals(1, r.children().get(0).iface().cpus());
        assertEquals(Rational.of(10), r.children().get(0).iface().budget());
        assertEquals(1, r.iface().cpus());
        assertEquals(Rational.of(10), r.iface().budget());
    }

    @Test
    void dmprRoot_childFullVcpuPlusOwnTask_fullVcpuDedicated() {
        // Root workload: the child's (10, 10, 10) and its own (10, 5, 10). The child's DMPR interface is one full VCPU
        // (U = 1 = m', D = T: one dedicated CPU, as for MPR above). At the root that VCPU gets a dedicated VCPU and
        // (10, 5) alone needs Θ_p = 8 (see MultiprocessorInterfacesTest): total 18 on 2 VCPUs.
        ComponentResult r = Composition.analyze(childNeedingOneCpuAndRoot(List.of(Task.implicit("r", 10, 5))),
                Model.PRM, Model.DMPR, Mpr.Variant.XU);
        assertEquals(1, r.children().get(0).iface().cpus());
        assertEquals(Rational.of(10), r.children().get(0).iface().budget());
        assertEquals(2, r.iface().cpus());
        assertEquals(Rational.of(18), r.iface().budget());
    }
}
