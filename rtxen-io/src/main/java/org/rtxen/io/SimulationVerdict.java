package org.rtxen.io;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.model.Names;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;

/**
 * The one-line verdict that ends {@code rtxen simulate}: "all 12 tasks met every deadline", or "2 of 12 tasks
 * missed: web/t1 (3 of 50 jobs), db/t2 (1 of 20 jobs)" naming the tasks that missed in scenario order (each name as
 * {@link Names#shown} shows it), up to {@link ReadableUnits#LISTED} of them (the task table above the line names
 * every one).
 */
public final class SimulationVerdict {
    private SimulationVerdict() {}

    /** The verdict line for {@code r}, without a line break. */
    public static String line(SimulationResult r) {
        int total = 0;
        List<String> missed = new ArrayList<>();
        for (DomainResult d : r.domains()) {
            for (TaskResult t : d.tasks()) {
                total++;
                if (t.missed() > 0) {
                    missed.add(Names.shown(d.name()) + "/" + Names.shown(t.name()) + " ("
                            + ReadableUnits.count(t.missed()) + " of " + ReadableUnits.count(t.released()) + " jobs)");
                }
            }
        }
        String span = " in " + ReadableUnits.time(r.durationNs())
                + (r.partial() ? " (partial run, stopped by " + r.stoppedBy() + ")" : "");
        if (total == 0) return "no guest tasks: no deadlines to meet" + span;
        if (missed.isEmpty()) {
            return (total == 1 ? "the only task met every deadline"
                    : "all " + ReadableUnits.count(total) + " tasks met every deadline") + span;
        }
        return ReadableUnits.count(missed.size()) + " of " + ReadableUnits.count(total)
                + (total == 1 ? " task" : " tasks") + " missed" + span + ": "
                + ReadableUnits.someOf(missed, "in the task table");
    }
}
