package org.rtxen.cli.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.LifecycleHook;
import org.junit.jupiter.api.Test;
import org.rtxen.analysis.plan.Plan;
import org.rtxen.analysis.plan.PlanOptions;
import org.rtxen.analysis.plan.Planner;
import org.rtxen.engine.Simulation;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.TryTimeout;
import org.rtxen.sched.rtds.RtdsParams;
import org.rtxen.sched.rtds.RtdsVcpuParams;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.sched.Schedulers;

/**
 * The analysis held to the simulator: whatever {@code rtxen plan} declares schedulable must meet every deadline
 * when rtxen simulates the planned scenario on RTDS with extratime off (the strictest case: no VCPU gets more than
 * its budget). A miss here means the analysis is unsound for Xen's deferrable servers, or the simulator is wrong.
 */
class PlanThenSimulateTest {

    @Test
    void planExample_plannedScenario_meetsEveryDeadline() {
        Scenario input = ScenarioReader.read(Path.of("..", "examples", "analysis", "plan-mixed.yaml"));
        Plan plan = Planner.plan(input, PlanOptions.DEFAULTS);
        assertTrue(plan.schedulable(), "the example is meant to be schedulable");
        assertNoMisses(simulateStrict(plan.planned(), 10_000_000_000L));
    }

    /** The property below simulates, so each of its tries needs a timeout: rtxen-schedulers' test jar registers it. */
    @Test
    void jqwikTryTimeout_isRegisteredForThisModulesProperties() {
        assertTrue(ServiceLoader.load(LifecycleHook.class).stream().anyMatch(h -> h.type() == TryTimeout.class));
    }

    /**
     * Tries of the property below, and how many were planned schedulable. Counted in fields, not with jqwik's
     * Statistics, because TryTimeout runs each try on its own thread and Statistics works only on jqwik's.
     */
    private int tries;
    private int plannedSchedulable;

    /** Random guests of one to three single-VCPU or two-VCPU domains on a 4-pCPU host, planned then simulated. */
    @Property(tries = 60, seed = "20261201")
    void randomGuests_plannedSchedulable_noSimulatedMiss(@ForAll("scenarios") String yaml) {
        Scenario input = ScenarioReader.parse(yaml, "generated");
        Plan plan = Planner.plan(input, PlanOptions.DEFAULTS);
        tries++;
        if (!plan.schedulable()) return;
        plannedSchedulable++;
        assertNoMisses(simulateStrict(plan.planned(), 2_000_000_000L));
    }

    /** The property is only worth something if most generated guests are planned schedulable and so simulated. */
    @AfterProperty
    void mostGeneratedGuestsWerePlannedSchedulable() {
        assertTrue(2 * plannedSchedulable >= tries, plannedSchedulable + " of " + tries + " planned schedulable");
    }

    @Provide
    Arbitrary<String> scenarios() {
        Arbitrary<String> task = Combinators.combine(
                        Arbitraries.of(10, 20, 25, 40, 50, 100),
                        Arbitraries.integers().between(5, 30))
                .as((periodMs, percent) -> {
                    long wcetUs = Math.max(100, periodMs * 10L * percent);
                    return "        - {name: t%s, period: " + periodMs + "ms, wcet: " + wcetUs + "us}\n";
                });
        Arbitrary<String> domain = Combinators.combine(
                        Arbitraries.of(1, 2),
                        Arbitraries.of("fp", "edf"),
                        Arbitraries.of(5, 10),
                        task.list().ofMinSize(1).ofMaxSize(3))
                .as((vcpus, sched, serverMs, tasks) -> {
                    String guestSched = vcpus == 2 ? "edf" : sched;
                    StringBuilder b = new StringBuilder()
                            .append("  - name: vm%d\n    vcpus: ").append(vcpus)
                            .append("\n    rtds: {period: ").append(serverMs).append("ms, budget: 1ms}\n")
                            .append("    guest:\n      scheduler: ").append(guestSched).append("\n      tasks:\n");
                    for (int i = 0; i < tasks.size(); i++) b.append(String.format(tasks.get(i), i));
                    return b.toString();
                });
        return domain.list().ofMinSize(1).ofMaxSize(3).map(domains -> {
            StringBuilder b = new StringBuilder("duration: 1s\nhost: {pcpus: 4}\ndomains:\n");
            for (int d = 0; d < domains.size(); d++) b.append(String.format(domains.get(d), d));
            return b.toString();
        });
    }

    /** The planned scenario with extratime off on every VCPU, simulated for {@code durationNs}. */
    private static SimulationResult simulateStrict(Scenario planned, long durationNs) {
        List<DomainSpec> domains = new ArrayList<>();
        for (DomainSpec d : planned.domains()) {
            if (d.params() instanceof RtdsParams p) {
                List<RtdsVcpuParams> vcpus = new ArrayList<>();
                for (int v = 0; v < d.vcpus(); v++) {
                    RtdsVcpuParams q = p.forVcpu(v);
                    vcpus.add(new RtdsVcpuParams(v, q.periodNs(), q.budgetNs(), false));
                }
                d = new DomainSpec(d.name(), d.control(), d.pool(), d.vcpus(),
                        new RtdsParams(p.periodNs(), p.budgetNs(), false, vcpus), d.affinity(), d.guest());
            }
            domains.add(d);
        }
        Scenario strict = new Scenario(durationNs, planned.seed(), planned.host(), planned.pools(), domains,
                planned.overheads());
        return Simulation.of(strict, Schedulers.factory()).run();
    }

    private static void assertNoMisses(SimulationResult result) {
        for (DomainResult d : result.domains()) {
            for (TaskResult t : d.tasks()) {
                assertEquals(0, t.missed(), () -> d.name() + "." + t.name() + " missed deadlines: " + t);
            }
        }
    }
}
