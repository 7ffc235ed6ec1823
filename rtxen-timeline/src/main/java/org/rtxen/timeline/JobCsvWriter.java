package org.rtxen.timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Host;
import org.rtxen.engine.machine.TraceSink;
import org.rtxen.model.guest.TaskSpec;

/**
 * Writes one CSV row per job, as LITMUS^RT's {@code st_job_stats} does: {@code domain,task,job,release_ns,start_ns,
 * completion_ns,deadline_ns,response_ns,missed}. A row is written when its job completes; at the end of the run
 * follow the jobs released before the end that did not complete (the one in progress, and any whose release fell
 * while an earlier job overran), with empty completion and response, and an empty start if they never ran. So the
 * rows of a task are its released jobs, as the run's metrics count them. Times are integer nanoseconds of simulated
 * time; {@code response_ns} is completion minus release; {@code missed} is 1 for a completion after the deadline, or
 * an unfinished job whose deadline is before the end (as the run's metrics count it), else 0.
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
    private boolean[] open;
    /** Per task: the first job without a row yet. */
    private long[] unwritten;

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
        unwritten = new long[n];
        Arrays.fill(start, -1);
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
        unwritten[i] = job + 1;
    }

    @Override
    public void end(long endNs) {
        for (int i = 0; i < tasks.size(); i++) {
            if (open[i]) {
                row(i, "", "", deadline[i] < endNs);
                unwritten[i] = job[i] + 1;
            }
            TaskSpec t = tasks.spec(i);
            long relative = t.deadlineNs() > 0 ? t.deadlineNs() : t.periodNs();
            for (long k = unwritten[i]; t.offsetNs() + k * t.periodNs() < endNs; k++) {
                job[i] = k;
                release[i] = t.offsetNs() + k * t.periodNs();
                deadline[i] = release[i] + relative;
                start[i] = -1;
                row(i, "", "", deadline[i] < endNs);
            }
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
