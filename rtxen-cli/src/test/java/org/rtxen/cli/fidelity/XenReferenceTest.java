package org.rtxen.cli.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rtxen.engine.Simulation;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.params.RtdsParams;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Schedulers;

/**
 * Holds the simulator to real Xen: every reference run under fidelity/reference (JSON derived from a Xen 4.17
 * trace under QEMU, with its scenario YAML) is simulated with rtxen and compared (per-VCPU CPU share, dispatch
 * transitions, deadline misses per task). Fast: no QEMU, only the committed derived data.
 */
class XenReferenceTest {
    /** The goal for per-VCPU CPU time: within 2 % of real Xen's. */
    private static final Tolerance GOAL = new Tolerance(0.02, 1.0, false, "goal");

    /**
     * Scenarios that may not meet the goal, each with its bound and why. A scenario not listed must meet
     * {@link #GOAL}. (Empty until real reference data is merged; every entry needs its explanation in
     * docs/fidelity.md.)
     */
    private static final Map<String, Tolerance> TOLERANCES = Map.of(
            "rtds-1p-mixed-periods", new Tolerance(0.02, 0.2, false, "VCPU phases: in Xen each VCPU's first server period"
                    + " starts when it is created and unpaused, in rtxen all start at 0; the order inside a 5 ms window"
                    + " depends on the phases (docs/xen-reference.md)"),
            "rtds-1p-tasks-fit", new Tolerance(0.05, 0.7, true, "VCPU and task phases (as rtds-1p-mixed-periods); the PV guest kernel's own work (timer ticks, wake-ups,"
                    + " context switches) adds about 1.5 points to the task VCPU's run share, and emulated wake-ups"
                    + " delayed by 10-13 ms cause a few misses (docs/xen-reference.md)"),
            "rtds-1p-tasks-overload", new Tolerance(0.02, 0.85, true, "VCPU phases (as rtds-1p-mixed-periods), and t1's"
                    + " worst-case phase (supply 0.5 (10 - 4) = 3 ms < 4 ms) occurs in Xen but not in rtxen's synchronous"
                    + " start (docs/xen-reference.md)"));

    /**
     * How close rtxen must come for one scenario.
     *
     * @param cpuRelative     largest relative error of a VCPU's CPU share
     * @param pickOrderShare  smallest share of Xen's periods whose pick order rtxen also produces
     * @param missesMayDiffer whether a task may miss deadlines in Xen and not in rtxen (or the reverse)
     * @param reason          why this bound
     */
    record Tolerance(double cpuRelative, double pickOrderShare, boolean missesMayDiffer, String reason) {}

    /** Periods of the simulation whose pick order is recorded. */
    private static final int SIM_PERIODS = 1_000;

    @TestFactory
    Stream<DynamicTest> referenceRun_simulated_matchesRealXen() throws IOException {
        Path dir = referenceDirectory();
        Assumptions.assumeTrue(dir != null, "no fidelity/reference directory with reference data yet");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path json : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Path yaml = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", ".yaml"));
                tests.add(DynamicTest.dynamicTest(json.getFileName().toString(), () -> check(json, yaml)));
            }
        }
        return tests.stream();
    }

    @Test
    void handMadeReference_equalCreditWeights_matchesWithinTheGoal() throws Exception {
        Path json = resource("/fidelity/credit-equal-weights.json");
        ReferenceComparison.Result r = check(json, json.resolveSibling("credit-equal-weights.yaml"));
        // Hand-made: 1.5 s of 3 s each (resources/fidelity/README.md); no RTDS pool, so no pick order.
        assertEquals(2, r.cpu().size());
        assertEquals(0, r.xenPeriods());
    }

    @Test
    void handMadeReference_rtdsHogsAtTheirBudgets_matchesWithinTheGoal() throws Exception {
        Path json = resource("/fidelity/rtds-1p-hogs-theory.json");
        ReferenceComparison.Result r = check(json, json.resolveSibling("rtds-1p-hogs-theory.yaml"));
        // Hand-made from theory: 4/10 and 3/10 of the pCPU (resources/fidelity/README.md).
        assertEquals(0.4, r.cpu().get(0).xenShare(), 1e-12);
        assertEquals(0.3, r.cpu().get(1).xenShare(), 1e-12);
    }

    @Test
    void compare_pickOrders_matchAsPatternsWhateverThePhase() {
        // Xen: [a, b], [b, a], [a, b], [] (empty periods are not compared). rtxen: [a, b], [a, b], [c]. The two
        // [a, b] periods occur in rtxen; [b, a] does not: 2 of 3.
        ReferenceRun xen = new ReferenceRun("s", true, 1, List.of(), List.of(),
                List.of(List.of("a", "b"), List.of("b", "a"), List.of("a", "b"), List.of()));
        SimulationResult sim = new SimulationResult(1, 0, 0, 0, List.of(), List.of());
        ReferenceComparison.Result r = ReferenceComparison.compare(xen, sim,
                List.of(List.of("a", "b"), List.of("a", "b"), List.of("c")));
        assertEquals(3, r.xenPeriods());
        assertEquals(2, r.matchedPeriods());
    }

    @Test
    void cpuRow_relativeError_isRelativeToXen() {
        // 0.40 in Xen, 0.41 in rtxen: 0.01 / 0.40 = 2.5 %.
        assertEquals(0.025, new ReferenceComparison.CpuRow("a/0", 0.40, 0.41).relativeError(), 1e-12);
    }

    private static ReferenceComparison.Result check(Path json, Path yaml) throws IOException {
        ReferenceRun xen = ReferenceRun.read(json);
        Assumptions.assumeTrue(xen.accepted(), xen.scenario() + ": the run was rejected as an emulation artefact");
        Scenario scenario = ScenarioReader.read(yaml);
        for (PoolSpec pool : scenario.pools()) {
            try {
                Schedulers.forKind(pool.scheduler());
            } catch (IllegalArgumentException e) {
                Assumptions.abort(xen.scenario() + ": " + e.getMessage());
            }
        }
        DispatchRecorder dispatches = new DispatchRecorder(shortestRtdsPeriod(scenario), SIM_PERIODS);
        SimulationResult sim = Simulation.of(scenario, Schedulers.factory()).observe(dispatches).run();
        ReferenceComparison.Result r = ReferenceComparison.compare(xen, sim, dispatches.pickOrder());
        Tolerance tolerance = TOLERANCES.getOrDefault(xen.scenario(), GOAL);
        String table = r.markdownRows(xen.scenario());
        System.out.print(table);
        assertTrue(r.worstCpuError() <= tolerance.cpuRelative(),
                xen.scenario() + ": CPU share off by more than " + 100 * tolerance.cpuRelative() + " %:\n" + table);
        assertTrue(r.matchedPeriods() >= tolerance.pickOrderShare() * r.xenPeriods(),
                xen.scenario() + ": rtxen produces the pick order of only " + r.matchedPeriods() + " of Xen's "
                        + r.xenPeriods() + " periods");
        for (ReferenceComparison.MissRow m : r.misses()) {
            assertTrue(m.agrees() || tolerance.missesMayDiffer(), xen.scenario() + ": " + m);
        }
        return r;
    }

    /** The shortest RTDS period of the scenario's domains (the pick-order window), or the duration if none. */
    private static long shortestRtdsPeriod(Scenario scenario) {
        long period = scenario.durationNs();
        for (DomainSpec d : scenario.domains()) {
            if (d.params() instanceof RtdsParams rtds) {
                for (int v = 0; v < d.vcpus(); v++) period = Math.min(period, rtds.forVcpu(v).periodNs());
            }
        }
        return period;
    }

    private static Path resource(String name) throws Exception {
        return Path.of(XenReferenceTest.class.getResource(name).toURI());
    }

    /** fidelity/reference in the repository root, found from the module directory Maven runs tests in. */
    private static Path referenceDirectory() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("fidelity/reference");
            if (Files.isDirectory(candidate)) return candidate;
        }
        return null;
    }
}
