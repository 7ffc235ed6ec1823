package org.rtxen.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rtxen.model.Quoted;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;

/** Reads a domain's {@code guest}: its scheduler, task placement, CPU hog and periodic tasks. */
final class GuestReader {
    /** Linux SCHED_FIFO priorities run from 1 to 99. */
    static final int MAX_PRIORITY = 99;

    private GuestReader() {}

    /** Reads a guest whose domain has {@code vcpus} VCPUs. */
    static GuestSpec guest(YamlNode node, int vcpus) {
        node.mapWithKeys("scheduler", "placement", "busy", "tasks");
        GuestScheduler scheduler = node.has("scheduler")
                ? GuestScheduler.valueOf(node.get("scheduler").word("fp", "edf").toUpperCase(Locale.ROOT))
                : GuestScheduler.FP;
        Placement placement = node.has("placement")
                ? Placement.valueOf(node.get("placement").word("global", "partitioned").toUpperCase(Locale.ROOT))
                : Placement.GLOBAL;
        boolean busy = node.has("busy") && node.get("busy").bool();
        List<TaskSpec> tasks = new ArrayList<>();
        if (node.has("tasks")) {
            Set<String> names = new HashSet<>();
            for (YamlNode t : node.get("tasks").items()) {
                TaskSpec task = task(t, scheduler, placement, vcpus);
                if (!names.add(task.name())) {
                    throw t.require("name").error("task name " + Quoted.of(task.name()) + " is used twice in this domain");
                }
                tasks.add(task);
            }
            long prioritised = tasks.stream().filter(k -> k.priority() != TaskSpec.NO_PRIORITY).count();
            if (prioritised != 0 && prioritised != tasks.size()) {
                throw node.get("tasks").error("give a priority to every task or to none (then rate-monotonic order)");
            }
        }
        return new GuestSpec(scheduler, placement, busy, tasks);
    }

    private static TaskSpec task(YamlNode t, GuestScheduler scheduler, Placement placement, int vcpus) {
        t.mapWithKeys("name", "period", "wcet", "deadline", "offset", "priority", "vcpu", "exec");
        String name = t.require("name").text();
        long period = ScenarioReader.positiveTime(t.require("period"));
        long wcet = ScenarioReader.positiveTime(t.require("wcet"));
        long deadline = t.has("deadline") ? ScenarioReader.positiveTime(t.get("deadline")) : period;
        long offset = 0;
        if (t.has("offset")) {
            offset = t.get("offset").time();
            if (offset < 0) throw t.get("offset").error("must not be negative");
        }
        int priority = TaskSpec.NO_PRIORITY;
        if (t.has("priority")) {
            if (scheduler != GuestScheduler.FP) {
                throw t.get("priority").error("priorities apply only to guest scheduler fp, not edf");
            }
            priority = (int) t.get("priority").integer(1, MAX_PRIORITY);
        }
        int vcpu = TaskSpec.ANY_VCPU;
        if (placement == Placement.PARTITIONED) {
            YamlNode v = t.get("vcpu");
            if (v == null) throw t.missing("vcpu", "required under placement: partitioned");
            vcpu = (int) v.integer(0, Integer.MAX_VALUE);
            if (vcpu >= vcpus) throw v.error("the domain has no VCPU " + vcpu + " (it has " + vcpus + ")");
        } else if (t.has("vcpu")) {
            throw t.get("vcpu").error("a task is pinned to a VCPU only under placement: partitioned");
        }
        ExecTimeModel exec = t.has("exec") ? exec(t.get("exec"), wcet) : new ExecTimeModel.Wcet();
        return new TaskSpec(name, period, wcet, deadline, offset, priority, vcpu, exec);
    }

    /** {@code {model: wcet}} or {@code {model: uniform, bcet: T}} with 0 &lt; bcet &lt;= wcet. */
    private static ExecTimeModel exec(YamlNode node, long wcet) {
        node.mapWithKeys("model", "bcet");
        String model = node.require("model").word("wcet", "uniform");
        if (model.equals("wcet")) {
            if (node.has("bcet")) throw node.get("bcet").error("bcet applies only to model: uniform");
            return new ExecTimeModel.Wcet();
        }
        YamlNode b = node.require("bcet");
        long bcet = ScenarioReader.positiveTime(b);
        if (bcet > wcet) throw b.error("bcet " + b.text() + " exceeds the task's wcet");
        return new ExecTimeModel.Uniform(bcet);
    }
}
