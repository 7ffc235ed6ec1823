package org.rtxen.xenref;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtxen.io.InputException;
import org.rtxen.model.Quoted;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.result.ResponseStats;
import org.rtxen.model.result.TaskResult;

/**
 * What a reference guest's workload program ({@code fidelity/xen-qemu/load/rtxen-load.c}) printed on its console:
 * one {@code J NAME K RELEASE START COMPLETION} line per job it reached (ns from the load's start T0; completion -1
 * while running) and when dom0's trace began ({@code rtxen-load: mark T=NS}). Other console lines (the guest
 * kernel's, the per-task summaries) are skipped.
 *
 * @param calibrationPsPerIter picoseconds per busy-loop iteration the program measured, or 0 if absent
 * @param jobs                 per task name, its jobs' {release, completion} in the order they ran
 * @param complete             whether the program printed its final {@code rtxen-load: done}
 * @param markNs               when dom0's mark (written just before it started the trace) reached the program, ns
 *                             from T0, or {@link #NO_MARK} (logs of loads from before the mark)
 */
public record GuestLog(long calibrationPsPerIter, Map<String, List<long[]>> jobs, boolean complete, long markNs) {
    /** {@link #markNs} of a log without a mark line. */
    public static final long NO_MARK = -1;
    /** A guest that printed nothing. */
    public static final GuestLog EMPTY = new GuestLog(0, Map.of(), false, NO_MARK);

    /** Copies the map. */
    public GuestLog {
        jobs = Map.copyOf(jobs);
    }

    /** Parses a console log; {@code source} names it in error messages. */
    public static GuestLog parse(String text, String source) {
        long calibration = 0;
        long mark = NO_MARK;
        boolean complete = false;
        Map<String, List<long[]>> jobs = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String[] f = lines[i].trim().split(" +");
            try {
                if (f[0].equals("J") && f.length == 6) {
                    jobs.computeIfAbsent(f[1], k -> new ArrayList<>())
                            .add(new long[] {Long.parseLong(f[3]), Long.parseLong(f[5])});
                } else if (lines[i].startsWith("rtxen-load: calibration ")) {
                    calibration = Long.parseLong(f[2]);
                } else if (lines[i].startsWith("rtxen-load: mark T=")) {
                    mark = Long.parseLong(f[2].substring(2));
                } else if (lines[i].startsWith("rtxen-load: done")) {
                    complete = true;
                }
            } catch (NumberFormatException e) {
                throw new InputException(source, null, i + 1, "not a number in " + Quoted.of(lines[i].trim()));
            }
        }
        return new GuestLog(calibration, jobs, complete, mark);
    }

    /**
     * The task's jobs released in [fromNs, toNs) of the load's time: every release of its period in the window
     * counts (jobs the program never reached because the task fell behind count as missed), a job misses when it
     * completed after release + deadline or never completed; response times are over the completed jobs, p99 by
     * nearest rank.
     */
    public TaskResult stats(TaskSpec task, long fromNs, long toNs) {
        long first = Math.max(0, ceilDiv(fromNs - task.offsetNs(), task.periodNs()));
        long released = Math.max(0, ceilDiv(toNs - task.offsetNs(), task.periodNs()) - first);
        long[] responses = new long[(int) released];
        int completed = 0;
        long met = 0;
        for (long[] j : jobs.getOrDefault(task.name(), List.of())) {
            if (j[0] < fromNs || j[0] >= toNs || j[1] < 0) continue;
            long r = j[1] - j[0];
            responses[completed++] = r;
            if (r <= task.deadlineNs()) met++;
        }
        if (completed == 0) return new TaskResult(task.name(), released, 0, released - met, ResponseStats.EMPTY);
        long[] r = Arrays.copyOf(responses, completed);
        Arrays.sort(r);
        long sum = 0;
        for (long x : r) sum += x;
        int rank = (int) Math.ceil(0.99 * completed);
        return new TaskResult(task.name(), released, completed, released - met,
                new ResponseStats(completed, r[0], BigInteger.valueOf(sum), r[rank - 1], r[completed - 1]));
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
