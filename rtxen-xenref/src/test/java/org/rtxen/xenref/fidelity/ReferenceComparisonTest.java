package org.rtxen.xenref.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rtxen.engine.Simulation;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.sched.rtds.RtdsParams;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Schedulers;

/**
 * Holds the simulator to real Xen: every reference run under fidelity/reference (JSON derived from a Xen 4.17
 * trace under QEMU, with its scenario YAML) is simulated with rtxen and compared (per-VCPU CPU and runnable
 * shares, RTDS pick order per period, deadline misses per task). Fast: no QEMU, only the committed derived data.
 */
class ReferenceComparisonTest {
    /**
     * The goal: CPU time within 2 % of real Xen's, runnable time within 1 point of the span, every period's pick
     * order, the same deadline-miss verdicts.
     */
    private static final Tolerance GOAL = new Tolerance(0.02, 0.01, Set.of(), 1.0, Set.of(), "goal");

    /**
     * Scenarios that may not meet the goal, each with its bound and why; a scenario not listed must meet
     * {@link #GOAL}. Every entry is explained in docs/fidelity.md ("Comparison with real Xen").
     */
    private static final Map<String, Tolerance> TOLERANCES = Map.of(
            "credit-2p-cap", new Tolerance(0.03, 0.01, Set.of("g2/0", "g2/1"), 1.0, Set.of(),
                    "g2's VCPUs run in 30 ms bursts, one per 120 ms, so a 5 s window holds 41 or 42 of them plus"
                            + " partial ones at its edges, as its phase falls: up to 30 ms / 5 s = 0.6 points of"
                            + " 25 %, 2.4 % relative (Xen run 2: g2/0 24.64 %, rtxen 25.20 %); a capped VCPU's time off the CPU splits between runnable and offline (parked) by the phase of"
                            + " the 30 ms accounting against its pCPU's slice ends: about 0 when they coincide"
                            + " (rtxen's synchronous start; Xen too while a park reschedules at once), 30 ms of"
                            + " every 120 ms when slices end mid-period; under QEMU Xen's reschedules after parks"
                            + " come up to 3.7 ms late, so its phase wanders between the two (g2 runnable 7-14 %)"),
            "credit2-2p-cap", new Tolerance(0.15, 0.02, Set.of("g2/0", "g2/1"), 1.0, Set.of(),
                    "the cap fixes g2's total (Xen 46.7-47.5 %, rtxen 49.4 % of a pCPU), not how it splits between"
                            + " g2's two VCPUs, which take the domain's budget in quotas in whatever order they reach"
                            + " it: rtxen's order gives v1 26.5 % and v0 22.9 % in every run, Xen's 22.8-24.7 % each"
                            + " (v1 up to 13.9 % apart; g1's VCPUs within 1.9 %, their runnable share, the rest of the"
                            + " span, within 1.5 points); a parked VCPU's wait after its unpark (runnable: Xen 20-26 %,"
                            + " rtxen 13 %) follows the phase of g2's replenishment timer against the credit resets,"
                            + " which Xen's per-domain timer and rtxen's synchronous start set differently (not"
                            + " investigated)"),
            "credit2-2p-weights", new Tolerance(0.05, 0.015, Set.of(), 1.0, Set.of(),
                    "in both Xen runs g1's VCPUs get 0.5-1.2 points more than the weights' 2/3 and g2's 0.5-1.5 less"
                            + " (g2/1 31.87 % against 33.34 %: 4.6 %); rtxen gives the weights' split exactly; cause"
                            + " not established (Xen's credit accounting of its own scheduling work, or the late timers"
                            + " of two emulated pCPUs: docs/xen-reference.md)"),
            "rtds-1p-tasks-fit", new Tolerance(0.05, 0.01, Set.of("g1/0"), 0.6, Set.of("g1/t1", "g1/t2"),
                    "guest work beyond the tasks' WCET (guest kernel, rtxen-load's bookkeeping and calibration)"
                            + " runs on the task VCPU (+1.5 points of CPU); how g1's waiting splits between runnable"
                            + " and blocked follows the phase of its job releases against its server period (Xen"
                            + " 20.3 % and 26.1 % runnable in two runs); job releases and server periods have"
                            + " another phase than rtxen's synchronous start; Xen's 2 misses per task come from one"
                            + " stall of the guest ~1.12 s after its load started, in every run, far longer than"
                            + " the server's longest blackout (4 ms): not an RTDS effect (docs/xen-reference.md:"
                            + " emulated wake-ups delayed by 10-13 ms)"),
            "rtds-1p-tasks-overload", new Tolerance(0.02, 0.01, Set.of(), 0.8, Set.of("g1/t1"),
                    "t1's 7 misses in Xen follow the same guest stall as in rtds-1p-tasks-fit (a 22 ms job, then"
                            + " the backlog drains at 1 ms per period); rtxen, without the stall, misses none;"
                            + " pick order: phase, as in rtds-1p-tasks-fit"),
            "rtds-1p-mixed-periods", new Tolerance(0.02, 0.01, Set.of(), 0.25, Set.of(),
                    "each VCPU's periods start when Xen inserts it (a few ms apart), all at 0 in rtxen, where the"
                            + " 5, 20 and 40 ms deadlines coincide; so which VCPU runs first in a 5 ms window"
                            + " differs (5 of 20 windows match); CPU shares are unaffected"),
            "rtds-2p-gedf", new Tolerance(0.02, 0.01, Set.of(), 0.85, Set.of(),
                    "bounded comparison: CPU time within budget; pick order: g1 and g2 (both 10 ms)"
                            + " start their periods a few ms apart in Xen, together in rtxen, so Xen's [g2, g1, g3]"
                            + " (g2's deadline first) has no counterpart in rtxen (17 of 20 windows match)"),
            "rtds-2p-hogs", new Tolerance(0.02, 0.01, Set.of(), 0.5, Set.of(),
                    "bounded comparison: CPU time within budget; pick order: in one run g2's 20 ms periods start"
                            + " so that g2's deadline precedes g1's in every other 10 ms window, [g2.v0, g2.v1, g1.v0,"
                            + " g1.v1], which rtxen's synchronous start never gives (10 of 20 windows match); and g1's"
                            + " two VCPUs have"
                            + " (nearly) equal deadlines; when they are not dispatched together, the one whose pCPU"
                            + " frees first goes first, and late budget exhaustions (the artefact) shift which pCPU"
                            + " that is: Xen's [g1.v1, g1.v0] has no counterpart in rtxen, which always frees g1.v0's"
                            + " pCPU first (15 of 20 windows in another run)"));

    /**
     * How close rtxen must come for one scenario.
     *
     * @param cpuRelative           largest relative error of a VCPU's CPU share
     * @param runnableAbsolute      largest error of a VCPU's runnable share, in fractions of the span
     * @param runnableNotCompared   VCPUs ({@code domain/id}) whose runnable share depends on a phase the two runs
     *                              do not share, for the reason given
     * @param pickOrderShare        smallest share of Xen's periods whose pick order rtxen also produces
     * @param missesNotCompared     tasks ({@code domain/task}) whose miss verdicts may differ, for the reason given
     * @param reason                why these bounds
     */
    record Tolerance(double cpuRelative, double runnableAbsolute, Set<String> runnableNotCompared,
                     double pickOrderShare, Set<String> missesNotCompared, String reason) {}

    /** Rows of the docs/fidelity.md comparison table, written to target/ after the tests. */
    private static final StringBuilder TABLE = new StringBuilder();

    /** Periods of the simulation whose pick order is recorded. */
    private static final int SIM_PERIODS = 1_000;

    /** Writes target/xen-reference-table.md: the rows for docs/fidelity.md (without the explanation column). */
    @AfterAll
    static void writeTable() throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/xen-reference-table.md"),
                "| scenario | VCPU / what | real Xen | rtxen | difference |\n|---|---|---|---|---|\n" + TABLE);
    }

    @TestFactory
    Stream<DynamicTest> referenceRun_simulated_matchesRealXen() throws IOException {
        Path dir = referenceDirectory();
        Assumptions.assumeTrue(dir != null, "no fidelity/reference directory with reference data yet");
        // Every run (fidelity/reference/runs/ID.run-K.json) when the runs are kept, else the references (ID.json).
        Path runs = dir.resolve("runs");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(Files.isDirectory(runs) ? runs : dir)) {
            for (Path json : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(json.getFileName().toString(), () -> check(json, dir)));
            }
        }
        return tests.stream();
    }

    @Test
    void handMadeReference_equalCreditWeights_matchesWithinTheGoal() throws Exception {
        Path json = resource("/fidelity/credit-equal-weights.json");
        ReferenceComparison.Result r = check(json, json.getParent());
        // Hand-made: 1.5 s of 3 s each (resources/fidelity/README.md); no RTDS pool, so no pick order.
        assertEquals(2, r.cpu().size());
        assertEquals(0.5, r.runnable().get(0).xenShare(), 1e-12);
        assertEquals(0, r.xenPeriods());
    }

    @Test
    void handMadeReference_rtdsHogsAtTheirBudgets_matchesWithinTheGoal() throws Exception {
        Path json = resource("/fidelity/rtds-1p-hogs-theory.json");
        ReferenceComparison.Result r = check(json, json.getParent());
        // Hand-made from theory: 4/10 and 3/10 of the pCPU (resources/fidelity/README.md).
        assertEquals(0.4, r.cpu().get(0).xenShare(), 1e-12);
        assertEquals(0.3, r.cpu().get(1).xenShare(), 1e-12);
        // Always runnable, so runnable whenever not running: 60 % and 70 %.
        assertEquals(0.6, r.runnable().get(0).xenShare(), 1e-12);
        assertEquals(0.7, r.runnable().get(1).xenShare(), 1e-12);
    }

    @Test
    void compare_pickOrders_matchAsPatternsWhateverThePhase() {
        // Xen: [a, b], [b, a], [a, b], [] (empty periods are not compared). rtxen: [a, b], [a, b], [c]. The two
        // [a, b] periods occur in rtxen; [b, a] does not: 2 of 3.
        ReferenceRun xen = new ReferenceRun("s", true, false, 1, List.of(), List.of(),
                List.of(List.of("a", "b"), List.of("b", "a"), List.of("a", "b"), List.of()));
        SimulationResult sim = new SimulationResult(1, 0, 0, 0, List.of(), List.of());
        ReferenceComparison.Result r = ReferenceComparison.compare(xen, sim,
                List.of(List.of("a", "b"), List.of("a", "b"), List.of("c")));
        assertEquals(3, r.xenPeriods());
        assertEquals(2, r.matchedPeriods());
    }

    @Test
    void runnableRow_absoluteError_isInPointsOfTheSpan() {
        // 0.136 in Xen, 0.006 in rtxen: 0.13 of the span (13 points), whatever the small rtxen share.
        assertEquals(0.13, new ReferenceComparison.RunnableRow("g2/0", 0.136, 0.006).absoluteError(), 1e-12);
    }

    @Test
    void cpuRow_relativeError_isRelativeToXen() {
        // 0.40 in Xen, 0.41 in rtxen: 0.01 / 0.40 = 2.5 %.
        assertEquals(0.025, new ReferenceComparison.CpuRow("a/0", 0.40, 0.41).relativeError(), 1e-12);
    }

    /**
     * Compares the run in {@code json} (ID.json or ID.run-K.json) with a simulation of {@code scenarios}/ID.yaml.
     * A run of a scenario with a multi-pCPU RTDS pool and no extratime gets the bounded comparison (docs/fidelity.md
     * "Two-pCPU RTDS runs": CPU time within budget, pick order, misses), if it was accepted or rejected only for its
     * shares: the emulation's late budget exhaustions touch every such run, accepted ones too, by less. Other
     * accepted runs are compared in full; other rejected runs are skipped.
     */
    private static ReferenceComparison.Result check(Path json, Path scenarios) throws IOException {
        ReferenceRun xen = ReferenceRun.read(json);
        Path yaml = scenarios.resolve(xen.scenario() + ".yaml");
        Scenario scenario = ScenarioReader.read(yaml);
        boolean bounded = (xen.accepted() || xen.rejectedForSharesOnly()) && multiPcpuRtdsWithoutExtratime(scenario);
        Assumptions.assumeTrue(xen.accepted() || bounded, xen.scenario() + ": the run was rejected as an emulation artefact");
        for (PoolSpec pool : scenario.pools()) {
            try {
                Schedulers.get(pool.scheduler());
            } catch (IllegalArgumentException e) {
                Assumptions.abort(xen.scenario() + ": " + e.getMessage());
            }
        }
        DispatchRecorder dispatches = new DispatchRecorder(shortestRtdsPeriod(scenario), SIM_PERIODS);
        SimulationResult sim = Simulation.of(scenario, Schedulers.factory()).observe(dispatches).run();
        ReferenceComparison.Result r = bounded
                ? ReferenceComparison.compareWithinBudget(xen, sim, dispatches.pickOrder())
                : ReferenceComparison.compare(xen, sim, dispatches.pickOrder());
        Tolerance tolerance = TOLERANCES.getOrDefault(xen.scenario(), GOAL);
        String table = r.markdownRows(xen.scenario());
        TABLE.append(table);
        if (bounded) {
            for (ReferenceRun.Vcpu v : xen.vcpus()) {
                TABLE.append(String.format(java.util.Locale.ROOT,
                        "| %s | %s/%d periods over / under budget | %d / %d of %d | | | %n", xen.scenario(), v.domain(),
                        v.id(), v.overBudget(), v.underBudget(), v.serverPeriods()));
            }
        }
        if (r.xenPeriods() > 0) {
            TABLE.append(String.format(java.util.Locale.ROOT, "| %s | pick order | %d periods | %d of them | | %n",
                    xen.scenario(), r.xenPeriods(), r.matchedPeriods()));
        }
        for (ReferenceComparison.MissRow m : r.misses()) {
            TABLE.append(String.format(java.util.Locale.ROOT, "| %s | misses %s | %d / %d jobs | %d / %d jobs | | %n",
                    xen.scenario(), m.task(), m.xenMisses(), m.xenJobs(), m.rtxenMisses(), m.rtxenJobs()));
        }
        assertTrue(r.worstCpuError() <= tolerance.cpuRelative(),
                xen.scenario() + ": CPU share off by more than " + 100 * tolerance.cpuRelative() + " %:\n" + table);
        for (ReferenceComparison.RunnableRow row : r.runnable()) {
            if (tolerance.runnableNotCompared().contains(row.vcpu())) continue;
            assertTrue(row.absoluteError() <= tolerance.runnableAbsolute(), xen.scenario() + ": " + row.vcpu()
                    + " runnable share off by more than " + 100 * tolerance.runnableAbsolute() + " points:\n" + table);
        }
        assertTrue(r.matchedPeriods() >= tolerance.pickOrderShare() * r.xenPeriods(),
                xen.scenario() + ": rtxen produces the pick order of only " + r.matchedPeriods() + " of Xen's "
                        + r.xenPeriods() + " periods; Xen's orders it lacks: " + r.unmatched());
        for (ReferenceComparison.MissRow m : r.misses()) {
            if (!tolerance.missesNotCompared().contains(m.task())) assertTrue(m.agrees(), xen.scenario() + ": " + m);
        }
        return r;
    }

    /** Whether the scenario has an RTDS pool of more than one pCPU and none of its RTDS VCPUs has extratime. */
    private static boolean multiPcpuRtdsWithoutExtratime(Scenario scenario) {
        boolean multi = scenario.pools().stream()
                .anyMatch(p -> p.scheduler().equals("rtds") && p.pcpus().size() > 1);
        for (DomainSpec d : scenario.domains()) {
            if (d.params() instanceof RtdsParams rtds) {
                for (int v = 0; v < d.vcpus(); v++) {
                    if (rtds.forVcpu(v).extratime()) return false;
                }
            }
        }
        return multi;
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
        return Path.of(ReferenceComparisonTest.class.getResource(name).toURI());
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
