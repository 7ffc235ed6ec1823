package org.rtxen.analysis.host;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.analysis.Task;

/**
 * How a VCPU (Π, Θ) consumes its budget, which decides how it interferes with other VCPUs (spec §3.4).
 *
 * <p>A deferrable server (RTDS, RT-Xen 2.0) keeps its budget while idle and may run it at the very end of one period
 * and again at the start of the next: its jobs still execute inside [release, release + Π), but they may start as
 * late as Π − Θ after release, i.e. a release jitter of Π − Θ. Tests account for it as follows:
 * <ul>
 * <li>uniprocessor EDF: the demand of jobs that become ready in a window and are due in it is
 * (⌊(t − Θ)/Π⌋ + 1)Θ, the dbf of the task (Π, Θ, Θ), so the exact demand test runs on deadlines Θ;</li>
 * <li>fixed priority: interferers carry jitter Π − Θ in the response-time recurrence;</li>
 * <li>global EDF: BCL and RTA bound interference by the work a task can do when each job runs anywhere inside
 * [release, deadline), which holds for deferred jobs; the slack refinement (iterative BCL, RTA's slack rounds)
 * assumes jobs start at release and is dropped; GFB and BAK are proven for sporadic tasks only and are reported
 * as resting on the periodic-server assumption.</li>
 * </ul>
 */
public enum ServerKind {
    /** Budget drains whenever the VCPU is eligible (a periodic server): VCPUs are plain periodic tasks. */
    PERIODIC,
    /** Budget is kept while idle (RTDS's deferrable server): back-to-back execution is accounted for. */
    DEFERRABLE;

    /** The release jitter of a VCPU task: Π − Θ for deferrable servers, 0 for periodic ones. */
    public long jitter(Task vcpu) {
        return this == DEFERRABLE ? Math.max(0, vcpu.deadline() - vcpu.wcet()) : 0;
    }

    /** The tasks whose uniprocessor EDF demand equals the servers' demand: deadlines cut by the jitter. */
    public List<Task> edfDemandTasks(List<Task> vcpus) {
        if (this == PERIODIC) return vcpus;
        List<Task> out = new ArrayList<>(vcpus.size());
        for (Task v : vcpus) out.add(new Task(v.name(), v.period(), v.wcet(), Math.max(1, v.deadline() - jitter(v))));
        return out;
    }
}
