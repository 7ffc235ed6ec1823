package org.rtxen.engine.guest;

import org.rtxen.engine.event.RandomStreams;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.TaskSpec;

/**
 * A periodic task at run time. Like a real-time thread looping over "compute; sleep until the next release"
 * (clock_nanosleep with an absolute time), it has at most one job in progress: a job that overruns delays the
 * next one, which then starts at once. So its state is constant-size whatever the backlog.
 */
final class Task {
    final TaskSpec spec;
    final int index;
    final long deadlineNs;
    // Copied from the spec so that the per-job path reads only this object (one cache line fewer per job).
    private final long offsetNs;
    private final long periodNs;
    private final long wcetNs;
    /** Best-case execution time of a uniform execution-time model, or -1 when every job runs for its WCET. */
    private final long bcetNs;
    /**
     * The state of the task's execution-time stream ({@link RandomStreams#stateOf}), kept here rather than in a
     * SplittableRandom of its own: a job then reads one object fewer, a cache miss fewer on a large guest.
     */
    private long randomState;
    /** Fixed-priority rank inside the guest: 0 runs first. */
    int rank;
    /** Index of the job in progress, or of the next job to be released. */
    long job;
    long releaseTime;
    /**
     * When the guest started: releases are {@code start + offset + k * period}; -1 until then (a domain created after
     * the run's end never starts, and releases nothing).
     */
    long start = -1;
    /** When the guest stopped (its domain was destroyed): no release from then on; MAX_VALUE while it runs. */
    long stop = Long.MAX_VALUE;
    long absDeadline;
    long remaining;
    /** The execution time drawn for the job in progress ({@link #remaining} starts here). */
    long executionNs;
    boolean ready;
    /** VCPU index it is dispatched on, or -1. */
    int slot = -1;
    /** VCPU index it last ran on, or -1. */
    int lastSlot = -1;
    long completed;
    long missedLate;
    /** Its response times; allocated by {@link #allocateHistogram}, apart from the hot fields above. */
    ResponseTimes response;

    /** A task whose execution times are drawn from the stream in state {@code randomState}. */
    Task(TaskSpec spec, int index, long randomState) {
        this.spec = spec;
        this.index = index;
        this.deadlineNs = spec.deadlineNs() > 0 ? spec.deadlineNs() : spec.periodNs();
        this.offsetNs = spec.offsetNs();
        this.periodNs = spec.periodNs();
        this.wcetNs = spec.wcetNs();
        this.bcetNs = spec.exec() instanceof ExecTimeModel.Uniform u ? u.bcetNs() : -1;
        this.randomState = randomState;
    }

    /**
     * Allocates the histogram for a run {@code durationNs} long: no response exceeds the run, none is shorter than a
     * job's execution, and at most one job per period completes. It is allocated once every guest's tasks exist
     * ({@link Guests}), so that the histograms' kilobytes do not lie between the tasks of a guest.
     */
    void allocateHistogram(long durationNs) {
        long shortestJob = bcetNs >= 0 ? bcetNs : wcetNs;
        long maxJobs = durationNs / periodNs + 1; // releases at offset + k * period inside the run
        this.response = new ResponseTimes(Math.min(shortestJob, durationNs), durationNs, maxJobs);
    }

    /** Release time of job {@code k}. */
    long releaseOf(long k) {
        return start + offsetNs + k * periodNs;
    }

    /** Makes job {@link #job} ready, drawing its execution time. */
    void releaseJob() {
        releaseTime = releaseOf(job);
        absDeadline = releaseTime + deadlineNs;
        remaining = bcetNs >= 0 ? bcetNs + below(wcetNs - bcetNs + 1) : wcetNs;
        executionNs = remaining;
        ready = true;
    }

    /**
     * The stream's next draw in [0, bound), the one {@code new SplittableRandom(state).nextLong(bound)} makes (its
     * rejection of the top values that would bias it included; pinned to the JDK's by TaskRandomTest).
     */
    long below(long bound) {
        long m = bound - 1;
        long r = RandomStreams.value(randomState += RandomStreams.GAMMA);
        if ((bound & m) == 0) return r & m;
        for (long u = r >>> 1; u + m - (r = u % bound) < 0; ) {
            u = RandomStreams.value(randomState += RandomStreams.GAMMA) >>> 1;
        }
        return r;
    }

    /**
     * Records completion of the current job at {@code now} (its response time through {@code responses}), then
     * releases the next one if its time has come (else the guest files its release, {@link #releaseOf} of {@link #job}).
     */
    void complete(long now, ResponseBatch responses) {
        responses.add(response, now - releaseTime);
        completed++;
        if (now > absDeadline) missedLate++; // completing exactly at the deadline meets it
        ready = false;
        slot = -1;
        job++;
        if (releaseOf(job) <= now) releaseJob();
    }

    /**
     * Jobs released in [0, end), or in [0, stop] if the guest stopped: a release at the destroy's instant comes before
     * it, as commands run last at an instant (spec M2).
     */
    long releasedBefore(long runEnd) {
        if (start < 0) return 0;
        long end = stop < runEnd ? stop + 1 : runEnd;
        long first = start + spec.offsetNs();
        return first >= end ? 0 : (end - first - 1) / spec.periodNs() + 1;
    }

    /**
     * Deadline misses by {@code end}: late completions plus unfinished jobs whose deadline is before {@code end}, or,
     * if the guest stopped, plus every job it released and did not complete (missed at the destroy, whatever its
     * deadline: it will never complete).
     */
    long missedBy(long runEnd) {
        if (start < 0) return 0;
        if (stop < runEnd) return missedLate + releasedBefore(runEnd) - completed;
        long lastDue = runEnd - 1 - start - spec.offsetNs() - deadlineNs; // jobs k with releaseOf(k) + D < end
        long unfinishedDue = lastDue < 0 ? 0 : Math.max(0, lastDue / spec.periodNs() + 1 - job);
        return missedLate + unfinishedDue;
    }
}
