package org.rtxen.timeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Host;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.RunState;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.TraceSink;

/**
 * Writes the run as Chrome trace-event JSON, which the Perfetto UI (ui.perfetto.dev) and chrome://tracing open.
 * Process 1 "pCPUs" has a track per pCPU whose slices name the guest VCPU it runs (idle time is empty). Each domain
 * is a process (pid 2, 3, ... in scenario order) with a track per VCPU, whose slices are its states: {@code running},
 * {@code runnable} (waiting for a pCPU), {@code out of budget} (runnable but its budget is used up, as its policy
 * reports through {@code SchedContext.budgetExhausted}), {@code blocked}, {@code offline} and {@code parked} (offline
 * because its policy paused it until its budget is refilled: Credit and Credit2 caps; a VCPU paused with its domain,
 * or destroyed, is offline whatever its budget); and a track per task (tid 1000 + task number) with a slice per job
 * from the moment it is ready to its completion (an unfinished job's slice ends at the end of the run, or at its
 * domain's destroy, where it is missed), and instants {@code release}, {@code deadline} and {@code deadline miss}, also for
 * the jobs released while an earlier one overran that never became ready (they have no slice).
 *
 * <p>Timestamps are microseconds with three decimals, so every nanosecond is exact. Events are written as slices
 * end, not in time order (trace viewers sort them). The file is streamed: only constant state per pCPU, VCPU and
 * task is kept.
 */
public final class PerfettoTraceWriter implements TraceSink {
    /** The version of this file's layout, in {@code otherData.schema_version}. */
    public static final int SCHEMA_VERSION = 1;
    /** Process id of the pCPU tracks. */
    static final int PCPU_PID = 1;
    /** Thread id of a domain's first task track (VCPU tracks use the VCPU number). */
    static final int TASK_TID_BASE = 1000;

    private final JsonGenerator json;
    private Host host;
    private TaskIndex tasks;
    /** Per pCPU: when its current guest VCPU was dispatched. */
    private long[] pcpuSince;
    /** Per VCPU id: start of its current state slice, and whether it is out of budget. */
    private long[] vcpuSince;
    private boolean[] exhausted;
    private int[] pidOfVcpu;
    /** Per task: the job in progress, when it became ready, its release and deadline. */
    private long[] job;
    private long[] ready;
    private long[] release;
    private long[] deadline;
    private boolean[] open;
    /** When each task's domain was destroyed, or -1: its unfinished jobs are written at the end, as the run counts them. */
    private long[] destroyedAt;
    private int[] taskPid;

    /** Writes to {@code out} (the caller closes it after the run). */
    public PerfettoTraceWriter(OutputStream out) {
        try {
            // One event per line: readable and diffable, and still one JSON document.
            this.json = new JsonFactory().createGenerator(out).setPrettyPrinter(new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.NONE))
                    .withObjectIndenter(new DefaultPrettyPrinter.NopIndenter())
                    .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withIndent("")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start(Host host) {
        this.host = host;
        this.tasks = new TaskIndex(host);
        int nv = host.vcpuCount();
        pcpuSince = new long[host.pcpus().size()];
        vcpuSince = new long[nv];
        exhausted = new boolean[nv];
        pidOfVcpu = new int[nv];
        int nt = tasks.size();
        job = new long[nt];
        ready = new long[nt];
        release = new long[nt];
        deadline = new long[nt];
        open = new boolean[nt];
        destroyedAt = new long[nt];
        Arrays.fill(destroyedAt, -1);
        taskPid = new int[nt];
        for (int t = 0; t < nt; t++) taskPid[t] = host.domains().indexOf(tasks.domain(t)) + 2;
        try {
            json.writeStartObject();
            json.writeStringField("displayTimeUnit", "ns");
            json.writeObjectFieldStart("otherData");
            json.writeNumberField("schema_version", SCHEMA_VERSION);
            json.writeStringField("generator", "rtxen simulate --trace");
            json.writeEndObject();
            json.writeArrayFieldStart("traceEvents");
            metadata("process_name", PCPU_PID, 0, "pCPUs");
            metadata("process_sort_index", PCPU_PID, 0, 0);
            for (Pcpu p : host.pcpus()) {
                // A pCPU in no pool stays unused (scenario.md) and has no pool to name.
                String pool = p.pool() == null ? "no pool" : p.pool().name();
                metadata("thread_name", PCPU_PID, p.id(), "pCPU " + p.id() + " (" + pool + ")");
                metadata("thread_sort_index", PCPU_PID, p.id(), p.id());
            }
            for (int d = 0; d < host.domains().size(); d++) {
                Domain dom = host.domains().get(d);
                int pid = d + 2;
                metadata("process_name", pid, 0, dom.name() + " (domain " + dom.id() + ")");
                metadata("process_sort_index", pid, 0, pid);
                for (Vcpu v : dom.vcpus()) {
                    pidOfVcpu[v.id()] = pid;
                    metadata("thread_name", pid, v.index(), "v" + v.index());
                    metadata("thread_sort_index", pid, v.index(), v.index());
                }
            }
            for (int t = 0; t < nt; t++) {
                int pid = taskPid[t];
                int tid = TASK_TID_BASE + tasks.localIndex(t);
                metadata("thread_name", pid, tid, "task " + tasks.name(t));
                metadata("thread_sort_index", pid, tid, tid);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void contextSwitch(long now, Pcpu p, Vcpu prev, Vcpu next) {
        if (!prev.isIdle()) {
            slice(PCPU_PID, p.id(), prev.domain().name() + " v" + prev.index(), "pcpu", pcpuSince[p.id()], now);
        }
        pcpuSince[p.id()] = now;
    }

    @Override
    public void runState(long now, Vcpu v, RunState from, RunState to) {
        closeState(now, v, from);
    }

    @Override
    public void budgetExhausted(long now, Vcpu v) {
        if (exhausted[v.id()]) return;
        closeBudgetDependentState(now, v);
        exhausted[v.id()] = true;
    }

    @Override
    public void budgetReplenished(long now, Vcpu v) {
        if (!exhausted[v.id()]) return;
        closeBudgetDependentState(now, v);
        exhausted[v.id()] = false;
    }

    /**
     * Ends the current slice when its name depends on the budget (runnable; offline while paused on its own), so the
     * next one is named anew.
     */
    private void closeBudgetDependentState(long now, Vcpu v) {
        RunState s = v.runState();
        if (s == RunState.RUNNABLE || s == RunState.OFFLINE && v.isPaused()) closeState(now, v, s);
    }

    @Override
    public void jobReleased(long now, Domain d, String task, long job, long releaseNs, long deadlineNs) {
        int t = tasks.of(d, task);
        this.job[t] = job;
        ready[t] = now;
        release[t] = releaseNs;
        deadline[t] = deadlineNs;
        open[t] = true;
    }

    @Override
    public void jobCompleted(long now, Domain d, String task, long job, long responseNs, boolean missed) {
        int t = tasks.of(d, task);
        open[t] = false;
        jobSlice(t, now, missed, true);
    }

    @Override
    public void domainDestroyed(long now, Domain d) {
        // Its VCPUs leave their policy: no budget of theirs matters any more (a parked one is offline from now on).
        for (Vcpu v : d.vcpus()) budgetReplenished(now, v);
        for (int t = 0; t < tasks.size(); t++) {
            if (tasks.domain(t) == d) destroyedAt[t] = now;
        }
    }

    @Override
    public void end(long endNs) {
        for (Pcpu p : host.pcpus()) contextSwitch(endNs, p, p.current(), p.idleVcpu());
        for (Vcpu v : host.vcpus()) {
            if (!v.isIdle()) closeState(endNs, v, v.runState());
        }
        for (int t = 0; t < tasks.size(); t++) {
            if (!open[t]) continue;
            // A run stopped by a limit covers [0, end): a destroy at that instant is past it, as the metrics count it.
            if (destroyedAt[t] >= 0 && destroyedAt[t] < endNs) {
                jobSlice(t, destroyedAt[t], true, false);
                // A release at the destroy's instant comes before it; every unfinished job is missed at the destroy.
                backlog(t, destroyedAt[t] + 1, Long.MAX_VALUE, destroyedAt[t]);
            } else if (release[t] < endNs) { // a stopped run's instant: releases made there are not counted
                jobSlice(t, endNs, deadline[t] < endNs, false);
                backlog(t, endNs, endNs, endNs);
            }
        }
        try {
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int pidOf(int task) {
        return taskPid[task];
    }

    /** Writes {@code v}'s slice in state {@code state} up to {@code now} and starts the next one there. */
    private void closeState(long now, Vcpu v, RunState state) {
        int id = v.id();
        slice(pidOfVcpu[id], v.index(), stateName(state, exhausted[id], v.isPaused()), "vcpu", vcpuSince[id], now);
        vcpuSince[id] = now;
    }

    /** The slice name of state {@code s}: offline is "parked" when its policy paused it, out of budget (a cap). */
    private static String stateName(RunState s, boolean outOfBudget, boolean paused) {
        return switch (s) {
            case RUNNING -> "running";
            case RUNNABLE -> outOfBudget ? "out of budget" : "runnable";
            case BLOCKED -> "blocked";
            case OFFLINE -> outOfBudget && paused ? "parked" : "offline";
        };
    }

    /** Writes task {@code t}'s job in progress, ending at {@code until}: its release and deadline, slice and miss. */
    private void jobSlice(int t, long until, boolean missed, boolean completed) {
        int pid = pidOf(t);
        int tid = TASK_TID_BASE + tasks.localIndex(t);
        instant(pid, tid, "release", release[t], job[t]);
        instant(pid, tid, "deadline", deadline[t], job[t]);
        try {
            if (until > ready[t]) {
                event("X", pid, tid, "job " + job[t] + (completed ? "" : " (unfinished)"), missed ? "job,miss" : "job",
                        ready[t]);
                json.writeFieldName("dur");
                json.writeNumber(micros(until - ready[t]));
                json.writeObjectFieldStart("args");
                json.writeNumberField("job", job[t]);
                json.writeNumberField("release_ns", release[t]);
                json.writeNumberField("deadline_ns", deadline[t]);
                if (completed) json.writeNumberField("response_ns", until - release[t]);
                json.writeBooleanField("missed", missed);
                json.writeEndObject();
                json.writeEndObject();
            }
            // At the deadline, or at the destroy when that ended the job before its deadline.
            if (missed) instant(pid, tid, "deadline miss", Math.min(deadline[t], until), job[t]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the instants of task {@code t}'s jobs released while its open job overran, before {@code releasedBefore}:
     * they never became ready, so they have no slice, but each has its release and deadline, and a deadline miss (at
     * the deadline, or at {@code missAt} if earlier) when the deadline is before {@code dueBefore}.
     */
    private void backlog(int t, long releasedBefore, long dueBefore, long missAt) {
        long period = tasks.spec(t).periodNs();
        long relative = deadline[t] - release[t];
        int tid = TASK_TID_BASE + tasks.localIndex(t);
        for (long n = job[t] + 1, r = release[t] + period; r < releasedBefore; n++, r += period) {
            instant(pidOf(t), tid, "release", r, n);
            instant(pidOf(t), tid, "deadline", r + relative, n);
            if (r + relative < dueBefore) instant(pidOf(t), tid, "deadline miss", Math.min(r + relative, missAt), n);
        }
    }

    private void slice(int pid, int tid, String name, String category, long from, long to) {
        if (to <= from) return;
        try {
            event("X", pid, tid, name, category, from);
            json.writeFieldName("dur");
            json.writeNumber(micros(to - from));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void instant(int pid, int tid, String name, long at, long jobNumber) {
        try {
            event("i", pid, tid, name, "job", at);
            json.writeStringField("s", "t");
            json.writeObjectFieldStart("args");
            json.writeNumberField("job", jobNumber);
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens an event object with its common fields; the caller adds the rest and closes it. */
    private void event(String phase, int pid, int tid, String name, String category, long at) throws IOException {
        json.writeStartObject();
        json.writeStringField("ph", phase);
        json.writeNumberField("pid", pid);
        json.writeNumberField("tid", tid);
        json.writeStringField("name", name);
        json.writeStringField("cat", category);
        json.writeFieldName("ts");
        json.writeNumber(micros(at));
    }

    private void metadata(String kind, int pid, int tid, Object value) throws IOException {
        json.writeStartObject();
        json.writeStringField("ph", "M");
        json.writeNumberField("pid", pid);
        json.writeNumberField("tid", tid);
        json.writeStringField("name", kind);
        json.writeObjectFieldStart("args");
        if (value instanceof Integer i) json.writeNumberField(kind.endsWith("sort_index") ? "sort_index" : "name", i);
        else json.writeStringField("name", value.toString());
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Nanoseconds as microseconds with exactly three decimals ({@code 1234567} becomes {@code 1234.567}). */
    static String micros(long ns) {
        long whole = ns / 1000;
        long frac = ns % 1000;
        return whole + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac;
    }
}
