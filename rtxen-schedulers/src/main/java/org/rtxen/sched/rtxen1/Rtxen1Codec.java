package org.rtxen.sched.rtxen1;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.rtxen.engine.codec.ParamNode;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.engine.codec.PeriodBudget;
import org.rtxen.engine.codec.SchedulerCodec;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * RT-Xen 1.0's parameters outside the simulation: {@code domains[].rtxen1: {period, budget, priority}} and
 * {@code pools[].rtxen1: {server}}. RT-Xen 1.0's toolstack (Xen 4.0.1, {@code xm} era) is not public, so there are no
 * xl lines; the server switch at run time (S9) is a pool-parameter change.
 */
public final class Rtxen1Codec implements SchedulerCodec {
    private static final String[] SERVERS = Arrays.stream(Server.values()).map(Server::scenarioName).toArray(String[]::new);

    @Override
    public String name() {
        return "rtxen1";
    }

    @Override
    public SchedParams defaultDomain() {
        return Rtxen1Params.DEFAULTS;
    }

    /** Period and budget (positive, budget at most the period) and priority (0 or more, smaller is higher; S1). */
    @Override
    public Rtxen1Params readDomain(ParamNode node, int vcpus) {
        node.mapWithKeys("period", "budget", "priority");
        ParamNode periodNode = node.get("period");
        ParamNode budgetNode = node.get("budget");
        long period = periodNode == null ? Rtxen1Params.DEFAULT_PERIOD_NS : periodNode.positiveTime();
        long budget = budgetNode == null ? Rtxen1Params.DEFAULT_BUDGET_NS : budgetNode.positiveTime();
        PeriodBudget.checkBudgetWithinPeriod(node, periodNode, budgetNode, period, budget, "the default ", "S1");
        int priority = node.has("priority") ? (int) node.get("priority").integer(0, Integer.MAX_VALUE)
                : Rtxen1Params.DEFAULT_PRIORITY;
        return new Rtxen1Params(period, budget, priority);
    }

    @Override
    public ParamTree writeDomain(SchedParams params) {
        Rtxen1Params p = (Rtxen1Params) params;
        return new ParamTree().time("period", p.periodNs()).time("budget", p.budgetNs()).integer("priority", p.priority());
    }

    @Override
    public PoolParams defaultPool() {
        return Rtxen1PoolParams.DEFAULTS;
    }

    /** {@code server: deferrable | periodic | polling | sporadic} (S4-S7). */
    @Override
    public Rtxen1PoolParams readPool(ParamNode node, String pool, Map<String, DomainSpec> domains) {
        node.mapWithKeys("server");
        return node.has("server") ? new Rtxen1PoolParams(server(node.get("server"))) : Rtxen1PoolParams.DEFAULTS;
    }

    /** S9: {@code switch: {pool: NAME, server: deferrable | periodic | polling | sporadic}} at run time. */
    @Override
    public PoolParams readSwitch(ParamNode node, PoolParams current) {
        node.mapWithKeys("pool", "server");
        return new Rtxen1PoolParams(server(node.require("server")));
    }

    private static Server server(ParamNode node) {
        return Server.byScenarioName(node.word(SERVERS)).orElseThrow();
    }

    @Override
    public ParamTree writePool(PoolParams params) {
        return new ParamTree().word("server", ((Rtxen1PoolParams) params).server().scenarioName());
    }

    /** RT-Xen 1.0's tools are not public: no xl line can be written (docs/fidelity.md). */
    @Override
    public List<String> xlDomain(String domain, int vcpus, SchedParams params) {
        return List.of();
    }
}
