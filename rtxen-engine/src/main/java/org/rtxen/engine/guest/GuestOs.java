package org.rtxen.engine.guest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.rtxen.engine.event.EventClass;
import org.rtxen.engine.event.EventQueue;
import org.rtxen.engine.event.RandomStreams;
import org.rtxen.engine.event.Timer;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.SchedulingFramework;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.TraceSink;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.result.TaskResult;

/**
 * The guest OS of one domain: it dispatches its ready jobs onto its own VCPUs and blocks or wakes them.
 *
 * <p>Dispatch runs at each job release and completion. Preemptive fixed priority (SCHED_FIFO; rate-monotonic
 * when no priority is given, ties by task order) or EDF (ties by task order). Global placement keeps the m
 * highest-priority ready jobs on the m VCPUs: a job already on a VCPU stays there, a newly chosen one takes
 * its last VCPU if free, else the lowest free VCPU without a job, else the lowest free one. Partitioned
 * placement runs, on each VCPU, the highest-priority ready job pinned to it. A job progresses only while its
 * VCPU executes guest code (the guest does not see hypervisor preemption). A VCPU left without a job blocks
 * as soon as it executes (SCHEDOP_block from the idle loop) unless the guest has the {@code busy} hog, which
 * keeps every VCPU runnable; a blocked VCPU given a job is woken (an event channel notification).
 *
 * <p>Ready jobs wait in a {@link ReadyQueue} (one per VCPU when partitioned): a heap, or a bit per rank for a large
 * fixed-priority guest, so a dispatch costs O(m^2 + log n) for m VCPUs and n tasks, not O(m n).
 */
final class GuestOs {
    private final SchedulingFramework framework;
    private final GuestSpec spec;
    private final Vcpu[] vcpus;
    private final Task[] tasks;
    private final boolean edf;
    private final boolean global;
    private final Task[] assigned;
    private final Task[] desired;
    private final boolean[] executing;
    private final boolean[] blocked;
    private final long[] execFrom;
    private final Timer[] vcpuTimer;
    /**
     * Pending releases in (release time, task index) order, and one timer in the engine's queue for the earliest: the
     * queue holds one entry per guest instead of one per task, in the same order: at equal times the queue
     * orders the timers of a class by creation (spec M2's deterministic order), and this guest's former task
     * timers, created one after the other, stood among the other timers exactly where this one stands.
     */
    private final ReleaseCalendar releases;
    private final Timer releaseTimer;
    /** Ready jobs by priority: one queue for global placement, one per VCPU for partitioned. */
    private final ReadyQueue[] ready;
    /** Scratch for the top-m selection of global dispatch. */
    private final int[] top;
    private final Domain domain;
    /** Where completed jobs' response times go; shared by the host's guests and flushed before results are read. */
    private final ResponseBatch responses;
    private TraceSink trace;

    GuestOs(SchedulingFramework framework, Domain domain, EventQueue queue, ResponseBatch responses, long seed,
            long durationNs) {
        this.framework = framework;
        this.responses = responses;
        this.domain = domain;
        this.spec = domain.spec().guest() != null ? domain.spec().guest() : GuestSpec.IDLE;
        this.vcpus = domain.vcpus().toArray(new Vcpu[0]);
        this.edf = spec.scheduler() == GuestScheduler.EDF;
        this.global = spec.placement() != Placement.PARTITIONED;
        int m = vcpus.length;
        this.assigned = new Task[m];
        this.desired = new Task[m];
        this.executing = new boolean[m];
        this.blocked = new boolean[m];
        Arrays.fill(blocked, true);
        this.execFrom = new long[m];
        this.vcpuTimer = new Timer[m];
        for (int s = 0; s < m; s++) {
            int slot = s;
            vcpuTimer[s] = queue.newTimer(EventClass.GUEST_BLOCK, now -> onVcpuTimer(slot, now));
        }
        List<TaskSpec> specs = spec.tasks();
        this.tasks = new Task[specs.size()];
        for (int i = 0; i < tasks.length; i++) {
            TaskSpec ts = specs.get(i);
            if (!global && (ts.vcpu() < 0 || ts.vcpu() >= m)) {
                throw new IllegalArgumentException("domain " + domain.name() + ", task " + ts.name()
                        + ": partitioned placement needs a vcpu in [0, " + m + "), got " + ts.vcpu());
            }
            tasks[i] = new Task(ts, i, RandomStreams.of(seed, "exec/" + domain.name() + "/" + ts.name()), durationNs);
        }
        this.releases = new ReleaseCalendar(specs.stream().mapToLong(TaskSpec::periodNs).toArray());
        this.releaseTimer = queue.newTimer(EventClass.GUEST_WAKE, this::onRelease);
        rankByPriority();
        this.ready = new ReadyQueue[global ? 1 : m];
        for (int s = 0; s < ready.length; s++) ready[s] = ReadyQueue.of(tasks, edf);
        this.top = new int[m];
    }

    /** FP ranks: explicit priority (higher first), then rate-monotonic (shorter period, then shorter deadline), then task order. */
    private void rankByPriority() {
        Task[] order = tasks.clone();
        Arrays.sort(order, Comparator.<Task>comparingInt(t -> -t.spec.priority())
                .thenComparingLong(t -> t.spec.periodNs())
                .thenComparingLong(t -> t.deadlineNs)
                .thenComparingInt(t -> t.index));
        for (int r = 0; r < order.length; r++) order[r].rank = r;
    }

    /** The domain this guest runs in. */
    Domain domain() {
        return domain;
    }

    /** Arms the first releases, each task's offset after {@code at}; with the busy hog every VCPU is woken at once. */
    void start(long at) {
        for (Task t : tasks) {
            t.start = at;
            fileRelease(t);
        }
        if (spec.busy()) {
            for (int s = 0; s < vcpus.length; s++) {
                blocked[s] = false;
                framework.wake(vcpus[s]);
            }
        }
    }

    /** The guest is shut down at {@code now} (its domain is destroyed): no further job is released. */
    void stop(long now) {
        for (Task t : tasks) {
            releases.remove(t.index);
            t.stop = now;
        }
        releaseTimer.stop();
    }

    // --------------------------------------------------------------------------------------- events

    void attachTrace(TraceSink sink) {
        this.trace = sink;
    }

    /** Files the release of task {@code t}'s job {@link Task#job}, which is not before now. */
    private void fileRelease(Task t) {
        if (releases.add(t.index, t.releaseOf(t.job))) armReleaseTimer();
    }

    private void armReleaseTimer() {
        releaseTimer.set(releases.earliestTime());
    }

    private void onRelease(long now) {
        Task t = tasks[releases.poll()];
        if (!releases.isEmpty()) armReleaseTimer();
        t.releaseJob();
        enqueue(t);
        if (trace != null) trace.jobReleased(now, domain, t.spec.name(), t.job, t.releaseTime, t.absDeadline);
        dispatch(now);
    }

    private void onVcpuTimer(int s, long now) {
        if (assigned[s] != null) {
            dispatch(now); // the job on this VCPU completes now
        } else if (!spec.busy() && executing[s]) {
            blocked[s] = true;
            framework.block(vcpus[s]);
        }
    }

    void resumed(Vcpu v, long from) {
        int s = v.index();
        executing[s] = true;
        execFrom[s] = from;
        Task t = assigned[s];
        if (t != null) {
            vcpuTimer[s].set(from + t.remaining);
        } else if (!spec.busy()) {
            vcpuTimer[s].set(from); // the idle loop blocks as soon as it runs
        }
    }

    void stopped(Vcpu v, long now) {
        int s = v.index();
        boolean done = settle(s, now);
        executing[s] = false;
        vcpuTimer[s].stop();
        if (done) dispatch(now);
    }

    // --------------------------------------------------------------------------------------- dispatch

    /** Charges the job on VCPU {@code s} for the time it executed up to now; true if it has finished. */
    private boolean settle(int s, long now) {
        Task t = assigned[s];
        if (t == null || !executing[s] || now <= execFrom[s]) return t != null && t.remaining == 0;
        if (trace != null && t.remaining == t.executionNs) trace.jobStarted(execFrom[s], domain, t.spec.name(), t.job);
        t.remaining -= now - execFrom[s];
        execFrom[s] = now;
        return t.remaining == 0;
    }

    private void dispatch(long now) {
        int m = vcpus.length;
        for (int s = 0; s < m; s++) {
            if (settle(s, now)) {
                Task t = assigned[s];
                assigned[s] = null;
                t.lastSlot = s;
                if (trace != null) {
                    trace.jobCompleted(now, domain, t.spec.name(), t.job, now - t.releaseTime, now > t.absDeadline);
                }
                long before = t.job;
                ready[lane(t)].remove(t.index);
                t.complete(now, responses);
                if (t.ready) enqueue(t); else fileRelease(t);
                if (trace != null && t.ready && t.job != before) {
                    trace.jobReleased(now, domain, t.spec.name(), t.job, t.releaseTime, t.absDeadline);
                }
            }
        }
        if (global) chooseGlobal(); else choosePartitioned();
        for (int s = 0; s < m; s++) {
            Task want = desired[s];
            if (want == assigned[s]) continue;
            Task old = assigned[s];
            if (old != null) {
                old.slot = -1;
                old.lastSlot = s;
            }
            assigned[s] = want;
            if (want != null) {
                want.slot = s;
                if (executing[s]) {
                    // The job starts now: time the VCPU spent before (e.g. in the busy hog) is not its progress.
                    execFrom[s] = Math.max(now, execFrom[s]);
                    vcpuTimer[s].set(execFrom[s] + want.remaining);
                }
                if (blocked[s]) {
                    blocked[s] = false;
                    framework.wake(vcpus[s]);
                }
            } else if (executing[s]) {
                vcpuTimer[s].stop();
            }
        }
        if (spec.busy()) return;
        for (int s = 0; s < m; s++) {
            if (assigned[s] == null && executing[s] && !blocked[s]) {
                blocked[s] = true; // the idle loop blocks (SCHEDOP_block)
                framework.block(vcpus[s]);
            }
        }
    }

    /** The ready queue a task waits in: its VCPU's when partitioned, else the only one. */
    private int lane(Task t) {
        return global ? 0 : t.spec.vcpu();
    }

    /** Queues a ready job by priority: EDF by absolute deadline, FP by rank; ties by task order. */
    private void enqueue(Task t) {
        ready[lane(t)].add(t);
    }

    /** On each VCPU, the highest-priority ready job pinned to it. */
    private void choosePartitioned() {
        for (int s = 0; s < desired.length; s++) desired[s] = ready[s].isEmpty() ? null : tasks[ready[s].first()];
    }

    private void chooseGlobal() {
        Arrays.fill(desired, null);
        // The top-m ready jobs in priority order; jobs already on a VCPU keep it.
        int chosen = ready[0].first(vcpus.length, top);
        for (int k = 0; k < chosen; k++) {
            Task t = tasks[top[k]];
            if (t.slot >= 0) desired[t.slot] = t;
        }
        // Place the newly chosen ones, in priority order, on free VCPUs.
        for (int k = 0; k < chosen; k++) {
            Task t = tasks[top[k]];
            if (t.slot < 0) desired[freeSlotFor(t)] = t;
        }
    }

    private int freeSlotFor(Task t) {
        int m = vcpus.length;
        if (t.lastSlot >= 0 && desired[t.lastSlot] == null) return t.lastSlot;
        for (int s = 0; s < m; s++) {
            if (desired[s] == null && assigned[s] == null) return s;
        }
        for (int s = 0; s < m; s++) {
            if (desired[s] == null) return s;
        }
        throw new IllegalStateException("no free VCPU");
    }

    /** Per-task results at the end of a run of length {@code end}. */
    List<TaskResult> results(long end) {
        responses.flush();
        List<TaskResult> out = new ArrayList<>(tasks.length);
        for (Task t : tasks) {
            out.add(new TaskResult(t.spec.name(), t.releasedBefore(end), t.completed, t.missedBy(end), t.response.stats()));
        }
        return out;
    }
}
