package org.rtxen.engine.guest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.rtxen.engine.event.EventClass;
import org.rtxen.engine.event.EventQueue;
import org.rtxen.engine.event.RandomStreams;
import org.rtxen.engine.event.Timer;
import org.rtxen.engine.event.TimerCallback;
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
 *
 * <p>The guest is its own release timer's callback, and each VCPU's state is one {@link Slot}, its timer's callback:
 * on a large host every guest is cold when its turn comes, and an event then reads a few objects, not a dozen.
 */
final class GuestOs implements TimerCallback {
    private final SchedulingFramework framework;
    private final GuestSpec spec;
    /** The spec's busy hog, copied so that the per-event paths do not read the spec. */
    private final boolean busy;
    private final Slot[] slots;
    private final Task[] tasks;
    private final boolean edf;
    private final boolean global;
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

    GuestOs(SchedulingFramework framework, Domain domain, EventQueue queue, ResponseBatch responses, long seed) {
        this.framework = framework;
        this.responses = responses;
        this.domain = domain;
        this.spec = domain.spec().guest() != null ? domain.spec().guest() : GuestSpec.IDLE;
        this.busy = spec.busy();
        this.edf = spec.scheduler() == GuestScheduler.EDF;
        this.global = spec.placement() != Placement.PARTITIONED;
        List<Vcpu> own = domain.vcpus();
        int m = own.size();
        this.slots = new Slot[m];
        for (int s = 0; s < m; s++) slots[s] = new Slot(this, own.get(s), s, queue);
        List<TaskSpec> specs = spec.tasks();
        this.tasks = new Task[specs.size()];
        for (int i = 0; i < tasks.length; i++) {
            TaskSpec ts = specs.get(i);
            if (!global && (ts.vcpu() < 0 || ts.vcpu() >= m)) {
                throw new IllegalArgumentException("domain " + domain.name() + ", task " + ts.name()
                        + ": partitioned placement needs a vcpu in [0, " + m + "), got " + ts.vcpu());
            }
            tasks[i] = new Task(ts, i, RandomStreams.stateOf(seed, "exec", domain.name(), ts.name()));
        }
        this.releases = new ReleaseCalendar(specs.stream().mapToLong(TaskSpec::periodNs).toArray());
        this.releaseTimer = queue.newTimer(EventClass.GUEST_WAKE, this);
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

    /** Allocates its tasks' histograms for a run {@code durationNs} long ({@link Task#allocateHistogram}). */
    void allocateHistograms(long durationNs) {
        for (Task t : tasks) t.allocateHistogram(durationNs);
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
        if (busy) {
            for (Slot slot : slots) {
                slot.blocked = false;
                framework.wake(slot.vcpu);
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

    /** The guest's VCPU at position {@code index} in its domain. */
    Slot slot(int index) {
        return slots[index];
    }

    /** Files the release of task {@code t}'s job {@link Task#job}, which is not before now. */
    private void fileRelease(Task t) {
        if (releases.add(t.index, t.releaseOf(t.job))) armReleaseTimer();
    }

    private void armReleaseTimer() {
        releaseTimer.set(releases.earliestTime());
    }

    /** The release timer: the earliest pending job is released now. */
    @Override
    public void fire(long now) {
        Task t = tasks[releases.poll()];
        if (!releases.isEmpty()) armReleaseTimer();
        t.releaseJob();
        enqueue(t);
        if (trace != null) trace.jobReleased(now, domain, t.spec.name(), t.job, t.releaseTime, t.absDeadline);
        dispatch(now);
    }

    /** {@code slot}'s timer: its job completes now, or its idle loop blocks. */
    private void onVcpuTimer(Slot slot, long now) {
        if (slot.assigned != null) {
            dispatch(now); // the job on this VCPU completes now
        } else if (!busy && slot.executing) {
            slot.blocked = true;
            framework.block(slot.vcpu);
        }
    }

    /** {@code slot}'s VCPU executes guest code from {@code from} on. */
    private void resumed(Slot slot, long from) {
        slot.executing = true;
        slot.execFrom = from;
        Task t = slot.assigned;
        if (t != null) {
            slot.timer.set(from + t.remaining);
        } else if (!busy) {
            slot.timer.set(from); // the idle loop blocks as soon as it runs
        }
    }

    /** {@code slot}'s VCPU stopped executing guest code at {@code now}. */
    private void stopped(Slot slot, long now) {
        boolean done = settle(slot, now);
        slot.executing = false;
        slot.timer.stop();
        if (done) dispatch(now);
    }

    // --------------------------------------------------------------------------------------- dispatch

    /** Charges the job on {@code slot} for the time it executed up to now; true if it has finished. */
    private boolean settle(Slot slot, long now) {
        Task t = slot.assigned;
        if (t == null || !slot.executing || now <= slot.execFrom) return t != null && t.remaining == 0;
        reportStart(slot, t);
        t.remaining -= now - slot.execFrom;
        slot.execFrom = now;
        return t.remaining == 0;
    }

    /** Tells the trace when job {@code t}, executing on {@code slot}, first executed, unless it progressed before. */
    private void reportStart(Slot slot, Task t) {
        if (trace != null && t.remaining == t.executionNs) trace.jobStarted(slot.execFrom, domain, t.spec.name(), t.job);
    }

    /** At the end of the run, {@code end}: tells the trace when each job still executing then first executed. */
    void finish(long end) {
        for (Slot slot : slots) {
            if (slot.assigned != null && slot.executing && slot.execFrom < end) reportStart(slot, slot.assigned);
        }
    }

    private void dispatch(long now) {
        for (Slot slot : slots) {
            if (settle(slot, now)) {
                Task t = slot.assigned;
                slot.assigned = null;
                t.lastSlot = slot.index;
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
        for (Slot slot : slots) {
            Task want = slot.desired;
            if (want == slot.assigned) continue;
            Task old = slot.assigned;
            if (old != null) {
                old.slot = -1;
                old.lastSlot = slot.index;
            }
            slot.assigned = want;
            if (want != null) {
                want.slot = slot.index;
                if (slot.executing) {
                    // The job starts now: time the VCPU spent before (e.g. in the busy hog) is not its progress.
                    slot.execFrom = Math.max(now, slot.execFrom);
                    slot.timer.set(slot.execFrom + want.remaining);
                }
                if (slot.blocked) {
                    slot.blocked = false;
                    framework.wake(slot.vcpu);
                }
            } else if (slot.executing) {
                slot.timer.stop();
            }
        }
        if (busy) return;
        for (Slot slot : slots) {
            if (slot.assigned == null && slot.executing && !slot.blocked) {
                slot.blocked = true; // the idle loop blocks (SCHEDOP_block)
                framework.block(slot.vcpu);
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
        for (int s = 0; s < slots.length; s++) slots[s].desired = ready[s].isEmpty() ? null : tasks[ready[s].first()];
    }

    private void chooseGlobal() {
        for (Slot slot : slots) slot.desired = null;
        // The top-m ready jobs in priority order; jobs already on a VCPU keep it.
        int chosen = ready[0].first(slots.length, top);
        for (int k = 0; k < chosen; k++) {
            Task t = tasks[top[k]];
            if (t.slot >= 0) slots[t.slot].desired = t;
        }
        // Place the newly chosen ones, in priority order, on free VCPUs.
        for (int k = 0; k < chosen; k++) {
            Task t = tasks[top[k]];
            if (t.slot < 0) slots[freeSlotFor(t)].desired = t;
        }
    }

    private int freeSlotFor(Task t) {
        if (t.lastSlot >= 0 && slots[t.lastSlot].desired == null) return t.lastSlot;
        for (Slot slot : slots) {
            if (slot.desired == null && slot.assigned == null) return slot.index;
        }
        for (Slot slot : slots) {
            if (slot.desired == null) return slot.index;
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

    /**
     * One VCPU of the guest as the guest sees it: the job on it, whether it executes guest code (since when) and
     * whether the guest has blocked it. Its timer, of which it is the callback, fires when the job completes or when
     * the idle loop blocks.
     */
    static final class Slot implements TimerCallback {
        private final GuestOs guest;
        private final Vcpu vcpu;
        /** Its position among the domain's VCPUs (the VCPU's {@link Vcpu#index}). */
        private final int index;
        private final Timer timer;
        private Task assigned;
        /** Scratch of a dispatch: the job it should run. */
        private Task desired;
        private boolean executing;
        private boolean blocked = true;
        private long execFrom;

        Slot(GuestOs guest, Vcpu vcpu, int index, EventQueue queue) {
            this.guest = guest;
            this.vcpu = vcpu;
            this.index = index;
            this.timer = queue.newTimer(EventClass.GUEST_BLOCK, this);
        }

        /** The guest it belongs to. */
        GuestOs guest() {
            return guest;
        }

        @Override
        public void fire(long now) {
            guest.onVcpuTimer(this, now);
        }

        /** The VCPU executes guest code from {@code from} on. */
        void resumed(long from) {
            guest.resumed(this, from);
        }

        /** The VCPU stopped executing guest code at {@code now}. */
        void stopped(long now) {
            guest.stopped(this, now);
        }
    }
}
