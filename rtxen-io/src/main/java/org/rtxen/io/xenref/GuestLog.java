package org.rtxen.io.xenref;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtxen.io.InputException;
import org.rtxen.model.result.ResponseStats;
import org.rtxen.model.result.TaskResult;

/**
 * What a reference guest's workload program ({@code fidelity/xen-qemu/load/rtxen-load.c}) printed on its console:
 * one {@code J NAME K RELEASE START COMPLETION} line per job (ns from the load's start, completion -1 while running)
 * and one {@code T NAME ... misses=N ...} line per task. Other console lines (the guest kernel's) are skipped.
 *
 * @param calibrationPsPerIter picoseconds per busy-loop iteration the program measured, or 0 if absent
 * @param tasks                per task, in the order the program printed them
 * @param complete             whether the program printed its final {@code rtxen-load: done}
 */
public record GuestLog(long calibrationPsPerIter, List<TaskResult> tasks, boolean complete) {
    /** Copies the task list. */
    public GuestLog {
        tasks = List.copyOf(tasks);
    }

    /** Parses a console log; {@code source} names it in error messages. */
    public static GuestLog parse(String text, String source) {
        long calibration = 0;
        boolean complete = false;
        Map<String, List<long[]>> jobs = new LinkedHashMap<>();   // name -> {release, completion}
        Map<String, Long> misses = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String[] f = lines[i].trim().split(" +");
            try {
                if (f[0].equals("J") && f.length == 6) {
                    jobs.computeIfAbsent(f[1], k -> new ArrayList<>())
                            .add(new long[] {Long.parseLong(f[3]), Long.parseLong(f[5])});
                } else if (f[0].equals("T") && f.length >= 5 && f[4].startsWith("misses=")) {
                    misses.put(f[1], Long.parseLong(f[4].substring("misses=".length())));
                } else if (lines[i].startsWith("rtxen-load: calibration ")) {
                    calibration = Long.parseLong(f[2]);
                } else if (lines[i].startsWith("rtxen-load: done")) {
                    complete = true;
                }
            } catch (NumberFormatException e) {
                throw new InputException(source, null, i + 1, "not a number in '" + lines[i].trim() + "'");
            }
        }
        List<TaskResult> tasks = new ArrayList<>();
        for (Map.Entry<String, List<long[]>> e : jobs.entrySet()) {
            Long missed = misses.get(e.getKey());
            if (missed == null) throw new InputException(source, null, 0, "no summary line for task " + e.getKey());
            tasks.add(task(e.getKey(), e.getValue(), missed));
        }
        return new GuestLog(calibration, tasks, complete);
    }

    /** Counts and response times of one task; p99 is the nearest-rank 99th percentile of the completed jobs. */
    private static TaskResult task(String name, List<long[]> jobs, long missed) {
        long[] responses = new long[jobs.size()];
        int n = 0;
        for (long[] j : jobs) {
            if (j[1] >= 0) responses[n++] = j[1] - j[0];
        }
        if (n == 0) return new TaskResult(name, jobs.size(), 0, missed, ResponseStats.EMPTY);
        long[] r = Arrays.copyOf(responses, n);
        Arrays.sort(r);
        long sum = 0;
        for (long x : r) sum += x;
        int rank = (int) Math.ceil(0.99 * n);
        return new TaskResult(name, jobs.size(), n, missed,
                new ResponseStats(n, r[0], (double) sum / n, r[rank - 1], r[n - 1]));
    }
}
