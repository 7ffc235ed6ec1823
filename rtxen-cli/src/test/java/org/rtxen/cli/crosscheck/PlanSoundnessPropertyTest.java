package org.rtxen.cli.crosscheck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.analysis.plan.Plan;
import org.rtxen.analysis.plan.PlanOptions;
import org.rtxen.analysis.plan.Planner;
import org.rtxen.analysis.supply.Mpr;
import org.rtxen.engine.Simulation;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.params.ServerParams;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.sched.Schedulers;

/**
 * The planner's soundness property: every random host (see {@link RandomHosts}; every fifth an ARINC653 one) is
 * planned with every model and option, and every plan called schedulable is simulated with several seeds; not one
 * deadline may be missed, and no planned VCPU may keep extratime (hosts configured with it are counted). The period
 * search tries the task-period divisors as well as evenly spaced samples.
 * {@code -Drtxen.soundness.hosts=N} sets the number of hosts (the {@code soundness} Maven profile runs more).
 */
class PlanSoundnessPropertyTest {
    private static final int HOSTS = Integer.getInteger("rtxen.soundness.hosts", 1000);
    private static final long[] SEEDS = {1, 2, 3};
    /** Every guest model and sbf variant, with and without a period search. */
    private static final PlanOptions[] OPTIONS = {
        PlanOptions.DEFAULTS,
        new PlanOptions(PlanOptions.GuestModel.MPR, Mpr.Variant.XU, 0, 0),
        PlanOptions.DEFAULTS,
        new PlanOptions(PlanOptions.GuestModel.MPR, Mpr.Variant.EASWARAN, 0, 0),
        new PlanOptions(PlanOptions.GuestModel.DMPR, Mpr.Variant.XU, 0, 0),
        new PlanOptions(PlanOptions.GuestModel.PARTITIONED, Mpr.Variant.XU, 1_000, 20_000),
    };

    @Test
    @Timeout(value = 120, unit = TimeUnit.MINUTES)
    void randomHosts_everyPlanCalledSchedulable_meetsEveryDeadlineInSimulation() {
        SplittableRandom root = new SplittableRandom(20261204L);
        List<String> misses = new ArrayList<>();
        int planned = 0;
        int schedulable = 0;
        int slotTables = 0;
        int extraTime = 0;
        for (int h = 0; h < HOSTS; h++) {
            SplittableRandom r = root.split();
            String yaml = h % 5 == 4 ? RandomHosts.arinc653Host(r) : RandomHosts.host(r, true);
            Scenario input = ScenarioReader.parse(yaml, "host" + h);
            PlanOptions options = OPTIONS[h % OPTIONS.length];
            Plan plan = Planner.plan(input, options);
            planned++;
            if (!plan.schedulable()) continue;
            schedulable++;
            // The guarantee holds only with every VCPU refilled at its period boundaries: extratime off (E9, R15).
            for (DomainSpec d : plan.planned().domains()) {
                if (d.params() instanceof ServerParams p && p.runsBeyondBudget()) {
                    misses.add("host " + h + ": " + d.name() + " planned with extratime on\n" + yaml);
                }
            }
            if (input.domains().stream().anyMatch(d -> d.params() instanceof ServerParams p && p.runsBeyondBudget())) {
                extraTime++;
            }
            if (h % 5 == 4) slotTables++;
            for (long seed : SEEDS) {
                Scenario s = new Scenario(input.durationNs(), seed, plan.planned().host(), plan.planned().pools(),
                        plan.planned().domains(), plan.planned().overheads());
                String miss = firstMiss(Simulation.of(s, Schedulers.factory()).run());
                if (miss != null) {
                    misses.add("host " + h + " (" + options + ", seed " + seed + "): " + miss + "\n" + yaml);
                    break;
                }
            }
        }
        System.out.printf("soundness: %d hosts planned, %d called schedulable (%d of them ARINC653, %d configured"
                + " with extratime), %d with a simulated miss%n", planned, schedulable, slotTables, extraTime,
                misses.size());
        assertTrue(extraTime > 0, "no host configured with extratime was called schedulable: that part is vacuous");
        assertTrue(slotTables > 0, "no ARINC653 host was called schedulable: that part of the check is vacuous");
        assertTrue(misses.isEmpty(), () -> misses.size() + " schedulable plans missed:\n"
                + String.join("\n", misses.subList(0, Math.min(5, misses.size()))));
        assertTrue(schedulable >= planned / 5, "too few plans called schedulable for the check to mean much: "
                + schedulable + " of " + planned);
    }

    private static String firstMiss(SimulationResult result) {
        for (DomainResult d : result.domains()) {
            for (TaskResult t : d.tasks()) {
                if (t.missed() > 0) return d.name() + "." + t.name() + " missed " + t.missed() + " of " + t.released();
            }
        }
        return null;
    }
}
