package org.rtxen.timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Host;
import org.rtxen.engine.machine.TraceSink;

/**
 * Writes one CSV row per job, as LITMUS^RT's {@code st_job_stats} does: {@code domain,task,job,release_ns,start_ns,
 * completion_ns,deadline_ns,response_ns,missed}. A row is written when its job completes; at the end of the run follow
 * the jobs released by then, or by their domain's destroy, that did not complete (the one in progress, and any whose
 * release fell while it overran), with empty completion and response, and an empty start if they never ran. So the
 * rows of a task are its released jobs, as the run's metrics count them. Times are integer nanoseconds of simulated
 * time; {@code response_ns} is completion minus release; {@code missed} is 1 for a completion after the deadline, an
 * unfinished job whose deadline is before the end, or an unfinished job of a destroyed domain (as the run's metrics
 * count them: a run stopped by a limit at a destroy's instant has that destroy past its end), else 0. Unfinished rows
 * are written at the end of the run, a destroyed domain's too: a job's start is reported once it stops running, which
 * may be after the destroy, or at the end if it still runs then.
 */
public final class JobCsvWriter implements TraceSink {
    /** The header line. */
    public static final String HEADER = "domain,task,job,release_ns,start_ns,completion_ns,deadline_ns,response_ns,missed";

    private final Writer out;
    private TaskIndex tasks;
    private long[] job;
    private long[] release;
    private long[] deadline;
    private long[] start;
    /** Per task: whether job {@link #job} is released and has no row yet. */
    private boolean[] open;
    /** Per task: when its domain was destroyed, or -1. */
    private long[] destroyedAt;

    /** Writes to {@code out} (buffer it; the caller closes it after the run). */
    public JobCsvWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void start(Host host) {
        tasks = new TaskIndex(host);
        int n = tasks.size();
        job = new long[n];
        release = new long[n];
        deadline = new long[n];
        start = new long[n];
        open = new boolean[n];
        destroyedAt = new long[n];
        Arrays.fill(start, -1);
        Arrays.fill(destroyedAt, -1);
        write(HEADER + "\n");
    }

    @Override
    public void jobReleased(long now, Domain d, String task, long job, long releaseNs, long deadlineNs) {
        int i = tasks.of(d, task);
        this.job[i] = job;
        release[i] = releaseNs;
        deadline[i] = deadlineNs;
        start[i] = -1;
        open[i] = true;
    }

    @Override
    public void jobStarted(long startNs, Domain d, String task, long job) {
        start[tasks.of(d, task)] = startNs;
    }

    @Override
    public void jobCompleted(long now, Domain d, String task, long job, long responseNs, boolean missed) {
        int i = tasks.of(d, task);
        open[i] = false;
        row(i, Long.toString(now), Long.toString(responseNs), missed);
    }

    @Override
    public void domainDestroyed(long now, Domain d) {
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.domain(i) == d) destroyedAt[i] = now;
        }
    }

    @Override
    public void end(long endNs) {
        for (int i = 0; i < tasks.size(); i++) {
            // A release at the destroy's instant comes before it; every unfinished job of a destroyed domain is missed.
            // A run stopped by a limit covers [0, end): a destroy at that instant is past it, as the metrics count it.
            if (destroyedAt[i] >= 0 && destroyedAt[i] < endNs) {
                unfinished(i, destroyedAt[i] + 1, Long.MAX_VALUE);
            } else {
                unfinished(i, endNs, endNs);
            }
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes task {@code i}'s unfinished jobs released before {@code releasedBefore}, each missed if its deadline is
     * before {@code dueBefore}: the open job, then those released while it overran, one period apart.
     */
    private void unfinished(int i, long releasedBefore, long dueBefore) {
        if (!open[i]) return; // a task with no job in progress has none pending: the next release is still ahead
        long period = tasks.spec(i).periodNs();
        long relative = deadline[i] - release[i];
        for (; release[i] < releasedBefore; job[i]++, release[i] += period, start[i] = -1) {
            deadline[i] = release[i] + relative;
            row(i, "", "", deadline[i] < dueBefore);
        }
    }

    private void row(int i, String completion, String response, boolean missed) {
        write(Csv.field(tasks.domain(i).name()) + ',' + Csv.field(tasks.name(i)) + ',' + job[i] + ',' + release[i] + ','
                + (start[i] < 0 ? "" : Long.toString(start[i])) + ',' + completion + ',' + deadline[i] + ',' + response
                + ',' + (missed ? '1' : '0') + '\n');
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
