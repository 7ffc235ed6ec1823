package org.rtxen.analysis.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Exact schedules in integer time, written apart from the analysis (no class of it is used): jobs released at given
 * instants, each running exactly its WCET, scheduled preemptively on m processors by a fixed job priority (a task's
 * jobs in order, never two at once), and whether any of them completes after its absolute deadline. Every decision instant (a release or a completion) is an integer, so an
 * event-driven run is exact.
 *
 * <p>The uniprocessor verdicts are exact for the synchronous periodic release: with utilization U ≤ 1, the work
 * released in [s, H) is at most U·(H − s) ≤ H − s for every s (ceilings only lower the releases counted from s), so no
 * work is left at the hyperperiod H, the schedule repeats from H, and the jobs released in [0, H) decide; with U &gt; 1
 * the backlog grows by (U − 1)·H every hyperperiod and some deadline is missed.
 */
final class ScheduleOracle {
    /** Jobs released in a run at most; a generator that exceeds it is a test defect. */
    static final int JOB_LIMIT = 2_000_000;

    private ScheduleOracle() {}

    /** How equal job priorities are ordered (any order is a legal schedule). */
    enum TieBreak {
        /** The task given first wins. */
        FIRST_TASK,
        /** The task given last wins. */
        LAST_TASK,
        /** The earlier release wins, then the task given first. */
        EARLIER_RELEASE
    }

    /** lcm of the periods, or −1 above {@code cap}. */
    static long hyperperiod(long[] period, long cap) {
        long h = 1;
        for (long p : period) {
            h = h / gcd(h, p) * p;
            if (h > cap) return -1;
        }
        return h;
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }

    /** Whether the synchronous periodic release meets every deadline under uniprocessor EDF (exact, any deadlines). */
    static boolean uniprocessorEdf(long[] period, long[] wcet, long[] deadline) {
        long h = hyperperiod(period, Long.MAX_VALUE / 4);
        if (overloaded(period, wcet, h)) return false;
        Jobs jobs = Jobs.synchronous(period, wcet, deadline, h);
        return !jobs.missesUnder(1, jobs.deadline, tieRanks(period.length, TieBreak.FIRST_TASK), h);
    }

    /**
     * Whether the synchronous periodic release meets every deadline under uniprocessor fixed priority,
     * deadline-monotonic as rtxen's {@code fp} defines it: the shorter deadline first, then the shorter period, then
     * the task given first (exact for D ≤ T).
     */
    static boolean uniprocessorDm(long[] period, long[] wcet, long[] deadline) {
        long h = hyperperiod(period, Long.MAX_VALUE / 4);
        if (overloaded(period, wcet, h)) return false;
        int n = period.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> deadline[a] != deadline[b] ? Long.compare(deadline[a], deadline[b])
                : period[a] != period[b] ? Long.compare(period[a], period[b]) : Integer.compare(a, b));
        int[] rank = new int[n];
        for (int r = 0; r < n; r++) rank[order[r]] = r;
        Jobs jobs = Jobs.synchronous(period, wcet, deadline, h);
        long[] key = new long[jobs.count];
        for (int j = 0; j < jobs.count; j++) key[j] = rank[jobs.task[j]];
        return !jobs.missesUnder(1, key, tieRanks(n, TieBreak.EARLIER_RELEASE), h);
    }

    /**
     * Whether global EDF on {@code m} processors misses a deadline when every task releases a job every period from 0
     * up to {@code horizon} (a legal sporadic pattern: a sporadic task may stop releasing).
     */
    static boolean globalEdfMissesSynchronous(long[] period, long[] wcet, long[] deadline, int m, long horizon,
                                               TieBreak tie) {
        Jobs jobs = Jobs.synchronous(period, wcet, deadline, horizon);
        return jobs.missesUnder(m, jobs.deadline, tieRanks(period.length, tie), Long.MAX_VALUE);
    }

    /**
     * Whether global EDF on {@code m} processors misses a deadline for a random sporadic pattern up to
     * {@code horizon}: each task's first release in [0, T), then gaps of T, now and then longer.
     */
    static boolean globalEdfMissesSporadic(long[] period, long[] wcet, long[] deadline, int m, long horizon,
                                            Random random) {
        Jobs jobs = Jobs.sporadic(period, wcet, deadline, horizon, random);
        return jobs.missesUnder(m, jobs.deadline, tieRanks(period.length, TieBreak.FIRST_TASK), Long.MAX_VALUE);
    }

    /** Σ C_i·(H/T_i) &gt; H, i.e. U &gt; 1. */
    private static boolean overloaded(long[] period, long[] wcet, long h) {
        long work = 0;
        for (int i = 0; i < period.length; i++) work = Math.addExact(work, Math.multiplyExact(wcet[i], h / period[i]));
        return work > h;
    }

    private static int[] tieRanks(int n, TieBreak tie) {
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) rank[i] = tie == TieBreak.LAST_TASK ? n - 1 - i : i;
        return rank;
    }

    /** The jobs of one release pattern, in release order (jobs of WCET 0 are left out: done at their release). */
    private static final class Jobs {
        final int count;
        final int[] task;
        final long[] release;
        final long[] deadline;
        final long[] work;

        private Jobs(List<long[]> rows) {
            rows.sort((a, b) -> a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[0], b[0]));
            count = rows.size();
            task = new int[count];
            release = new long[count];
            deadline = new long[count];
            work = new long[count];
            for (int j = 0; j < count; j++) {
                long[] r = rows.get(j);
                task[j] = (int) r[0];
                release[j] = r[1];
                deadline[j] = r[2];
                work[j] = r[3];
            }
        }

        static Jobs synchronous(long[] period, long[] wcet, long[] deadline, long horizon) {
            List<long[]> rows = new ArrayList<>();
            for (int i = 0; i < period.length; i++) {
                if (wcet[i] == 0) continue;
                for (long r = 0; r < horizon; r += period[i]) add(rows, i, r, deadline[i], wcet[i]);
            }
            return new Jobs(rows);
        }

        static Jobs sporadic(long[] period, long[] wcet, long[] deadline, long horizon, Random random) {
            List<long[]> rows = new ArrayList<>();
            for (int i = 0; i < period.length; i++) {
                if (wcet[i] == 0) continue;
                long r = random.nextInt(4) == 0 ? 0 : (long) (random.nextDouble() * period[i]);
                for (; r < horizon; r += period[i] + (random.nextInt(5) == 0 ? (long) (random.nextDouble() * period[i]) : 0)) {
                    add(rows, i, r, deadline[i], wcet[i]);
                }
            }
            return new Jobs(rows);
        }

        private static void add(List<long[]> rows, int task, long release, long relativeDeadline, long wcet) {
            if (rows.size() >= JOB_LIMIT) throw new IllegalStateException("more than " + JOB_LIMIT + " jobs");
            rows.add(new long[] {task, release, release + relativeDeadline, wcet});
        }

        /**
         * Runs the jobs on {@code m} processors, the {@code m} pending jobs of least (key, tie rank of the task,
         * release) running, a task's jobs one at a time, until every job is done; whether one completes after its deadline. A job done after
         * {@code finishBy} is a broken premise (U ≤ 1 leaves no work at the hyperperiod) and raises an error.
         */
        boolean missesUnder(int m, long[] key, int[] tieRank, long finishBy) {
            long[] left = work.clone();
            int[] pending = new int[count];
            int size = 0;
            int next = 0;
            long now = 0;
            int[] running = new int[m];
            while (next < count || size > 0) {
                if (size == 0) now = Math.max(now, release[next]);
                while (next < count && release[next] <= now) pending[size++] = next++;
                // The m best pending jobs, by selection (pending sets stay small), a task's jobs one at a time: its
                // earlier job comes first in either order (an earlier deadline, or the same priority and an earlier
                // release), so a later one waits while it runs.
                int chosen = 0;
                for (int c = 0; chosen < m && c < size; c++) {
                    int best = c;
                    for (int p = c + 1; p < size; p++) {
                        if (before(pending[p], pending[best], key, tieRank)) best = p;
                    }
                    int swap = pending[c];
                    pending[c] = pending[best];
                    pending[best] = swap;
                    boolean taskRuns = false;
                    for (int r = 0; r < chosen; r++) taskRuns |= task[running[r]] == task[pending[c]];
                    if (!taskRuns) running[chosen++] = pending[c];
                }
                long until = next < count ? release[next] : Long.MAX_VALUE;
                for (int c = 0; c < chosen; c++) until = Math.min(until, now + left[running[c]]);
                long step = until - now;
                now = until;
                for (int c = 0; c < chosen; c++) left[running[c]] -= step;
                int kept = 0;
                for (int p = 0; p < size; p++) {
                    int j = pending[p];
                    if (left[j] == 0) {
                        if (now > deadline[j]) return true;
                        continue;
                    }
                    pending[kept++] = j;
                }
                size = kept;
            }
            if (now > finishBy) throw new IllegalStateException("work left past the hyperperiod at U ≤ 1, until " + now);
            return false;
        }

        private boolean before(int a, int b, long[] key, int[] tieRank) {
            if (key[a] != key[b]) return key[a] < key[b];
            if (tieRank[task[a]] != tieRank[task[b]]) return tieRank[task[a]] < tieRank[task[b]];
            return release[a] < release[b];
        }
    }
}
