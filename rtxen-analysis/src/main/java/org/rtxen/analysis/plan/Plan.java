package org.rtxen.analysis.plan;

import java.util.List;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.component.ComponentResult;
import org.rtxen.analysis.host.TestResult;
import org.rtxen.model.Scenario;
import org.rtxen.model.Time;
import org.rtxen.model.command.Command;

/**
 * The planner's answer.
 *
 * @param planned     the scenario with every planned domain's parameters filled in (and, for a global guest the
 *                    planner partitioned, its tasks pinned to the VCPUs the plan assumes)
 * @param domains     per domain with tasks: its guest components' interfaces and servers, or why it has none
 * @param pools       per pool: analysed or not (and why), its tests and verdict
 * @param overheads   which of the scenario's overheads the analysis charged, in words ("none configured" when all
 *                    are zero)
 * @param schedulable true only when every pool is analysed and passes, every domain with tasks has an interface and
 *                    the scenario has no run-time commands ({@link #commandsNotAnalysed})
 * @param extraTimeOff the domains of analysed server pools whose VCPUs had extratime on and are planned with it off
 *                    ({@link #EXTRA_TIME_OFF_WHY})
 */
public record Plan(Scenario planned, List<DomainPlan> domains, List<PoolPlan> pools, String overheads,
                   boolean schedulable, List<String> extraTimeOff) {
    /**
     * Why a plan turns extratime off, in a deployer's words: the guarantee rests on every VCPU being refilled at
     * each of its period boundaries, which extratime breaks on Xen 4.10 and later.
     */
    public static final String EXTRA_TIME_OFF_WHY = "on Xen 4.10 and later an extratime VCPU that has used up its"
            + " budget can hold up another VCPU's budget refill by whole periods (replenishment queue ordered by"
            + " priority level, spec E9; the refill stops at the first entry not yet due, R15), so deadlines are"
            + " guaranteed only with extratime off (Xen 4.5 to 4.9 have no extratime: there the flag changes nothing)";

    /** Copies the lists. */
    public Plan {
        domains = List.copyOf(domains);
        pools = List.copyOf(pools);
        extraTimeOff = List.copyOf(extraTimeOff);
    }

    /**
     * Which run-time commands the verdict does not cover, in words (the plan is of the configuration at the start;
     * the planned scenario keeps them), or empty when the scenario has none.
     */
    public String commandsNotAnalysed() {
        List<Command> commands = planned.commands();
        if (commands.isEmpty()) return "";
        return commands.size() + " run-time command(s) from " + Time.format(commands.get(0).atNs()) + " on not"
                + " analysed (the plan is of the configuration at the start)";
    }

    /** The pools that were not analysed, so a headline can say what it does not cover. */
    public List<PoolPlan> notAnalysed() {
        return pools.stream().filter(p -> !p.analysed()).toList();
    }

    /**
     * One domain's plan.
     *
     * @param domain     the domain's name
     * @param pool       its pool
     * @param components one interface per guest component (one per VCPU; one for an MPR/DMPR guest)
     * @param servers    the VCPU servers realising the interfaces (RTDS pools; empty otherwise or when infeasible)
     * @param feasible   whether every component has an interface that fits the domain's VCPUs
     * @param reason     why not; empty when feasible
     * @param assumption the guest behaviour the interface rests on, in words
     * @param advice     a cheaper alternative the user may take (e.g. fewer VCPUs); empty when none
     * @param periods    the bandwidth-vs-period table of a period search (empty without {@code --period})
     */
    public record DomainPlan(String domain, String pool, List<ComponentResult> components, List<Server> servers,
                             boolean feasible, String reason, String assumption, String advice,
                             List<PeriodOption> periods) {
        /** Copies the lists. */
        public DomainPlan {
            components = List.copyOf(components);
            servers = List.copyOf(servers);
            periods = List.copyOf(periods);
        }
    }

    /**
     * One planned RTDS VCPU.
     *
     * @param vcpu          the VCPU index
     * @param periodNs      its period (whole µs)
     * @param budgetNs      the budget given to Xen (whole µs): guest budget plus overhead charge, at least 10 µs
     * @param guestBudgetNs the budget the guest's interface needs, rounded up to a whole µs
     * @param overheadNs    the per-period overhead charge included in the budget
     * @param tasks         the guest tasks the plan places on this VCPU
     */
    public record Server(int vcpu, long periodNs, long budgetNs, long guestBudgetNs, long overheadNs,
                         List<String> tasks) {
        /** Copies the list. */
        public Server {
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * One row of a period search: the domain's total server bandwidth at one period.
     *
     * @param periodNs  the period tried
     * @param bandwidth Σ budget/period over its VCPUs (overhead charge included), or null when no budget fits
     */
    public record PeriodOption(long periodNs, Rational bandwidth) {}

    /**
     * One pool's verdict.
     *
     * @param pool        the pool's name
     * @param scheduler   its scheduler's Xen name
     * @param pcpus       its pCPU count
     * @param analysed    whether rtxen has an analysis for this pool; when false, {@code reason} says why
     * @param tests       the tests run on it
     * @param schedulable whether it is analysed and every deadline of its guests is guaranteed
     * @param reason      what fails or why it is not analysed; empty when schedulable
     */
    public record PoolPlan(String pool, String scheduler, int pcpus, boolean analysed, List<TestResult> tests,
                           boolean schedulable, String reason) {
        /** Copies the list. */
        public PoolPlan {
            tests = List.copyOf(tests);
        }
    }
}
