package org.rtxen.engine.codec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.rtxen.model.Time;

/**
 * Reading shared by the reservation policies' codecs (period and budget, optionally overridden per VCPU): the
 * budget-within-period check that says which value was inherited, and the {@code vcpus: [{id, ...}]} override list.
 */
public final class PeriodBudget {
    private PeriodBudget() {}

    /**
     * Fails when {@code budget} exceeds {@code period}, on the budget's node if it was given (else on {@code node}),
     * marking each value that was not given with {@code inheritedFrom} ({@code "the default "}).
     *
     * @param periodNode the period's node, null when the period was inherited
     * @param budgetNode the budget's node, null when the budget was inherited
     * @param rule       the rule the message cites, without parentheses ({@code R36})
     */
    public static void checkBudgetWithinPeriod(ParamNode node, ParamNode periodNode, ParamNode budgetNode, long period,
            long budget, String inheritedFrom, String rule) {
        if (budget <= period) return;
        String b = (budgetNode == null ? inheritedFrom : "") + "budget " + Time.format(budget);
        String p = (periodNode == null ? inheritedFrom : "") + "period " + Time.format(period);
        throw (budgetNode != null ? budgetNode : node).error(b + " exceeds " + p + " (" + rule + ")");
    }

    /**
     * The items of the list {@code list} of per-VCPU overrides, each a mapping with {@code keys} (which include
     * {@code id}), its id 0..vcpus-1 and given once, read by {@code read} from the id and the item.
     */
    public static <T> List<T> readOverrides(ParamNode list, int vcpus, String[] keys, BiFunction<Integer, ParamNode, T> read) {
        List<T> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (ParamNode v : list.items()) {
            v.mapWithKeys(keys);
            ParamNode idNode = v.require("id");
            int id = (int) idNode.integer(0, Integer.MAX_VALUE);
            if (id >= vcpus) throw idNode.error("the domain has no VCPU " + id + " (it has " + vcpus + ")");
            if (!seen.add(id)) throw idNode.error("VCPU " + id + " is given twice");
            out.add(read.apply(id, v));
        }
        return out;
    }
}
