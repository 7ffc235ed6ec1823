package org.rtxen.engine.guest;

import org.rtxen.engine.event.IndexedHeap;

/**
 * A guest's ready jobs in the order its scheduler runs them, at most one per task, each named by its task's index:
 * by absolute deadline (EDF) or by the tasks' fixed ranks, ties by task order.
 */
abstract sealed class ReadyQueue {
    /** Queues task {@code t}'s ready job; the task must not be queued. */
    abstract void add(Task t);

    /** Removes task {@code index}'s job if it is queued. */
    abstract void remove(int index);

    /** Whether no job is queued. */
    abstract boolean isEmpty();

    /** The task index of the first job; the queue must not be empty. */
    abstract int first();

    /** Writes the task indexes of the up to {@code m} first jobs into {@code out} in order; returns how many. */
    abstract int first(int m, int[] out);

    /**
     * Fixed-priority guests of more tasks than this keep a bit per rank; smaller ones a heap, as EDF guests do: one
     * kind of queue on small hosts costs less than choosing between two at every job (3-6 % of an event on 4 pCPUs).
     */
    static final int BITS_ABOVE = 64;

    /** The queue of a guest running {@code tasks} (their ranks set) by EDF if {@code edf}, else by fixed priority. */
    static ReadyQueue of(Task[] tasks, boolean edf) {
        return edf || tasks.length <= BITS_ABOVE ? new ByKey(tasks.length, edf) : new ByRank(tasks);
    }

    /** A heap keyed by (absolute deadline or rank, task index). */
    private static final class ByKey extends ReadyQueue {
        private final IndexedHeap heap;
        private final boolean edf;
        private int[] scratch = new int[0];

        ByKey(int tasks, boolean edf) {
            heap = new IndexedHeap(tasks);
            this.edf = edf;
        }

        @Override
        void add(Task t) {
            heap.set(t.index, edf ? t.absDeadline : t.rank, t.index);
        }

        @Override
        void remove(int index) {
            heap.remove(index);
        }

        @Override
        boolean isEmpty() {
            return heap.isEmpty();
        }

        @Override
        int first() {
            return heap.peek();
        }

        @Override
        int first(int m, int[] out) {
            if (scratch.length <= m) scratch = new int[m + 1]; // once per guest: m is its VCPU count
            return heap.smallest(m, out, scratch);
        }
    }

    /**
     * Fixed priority: one bit per rank, and one summary bit per word of ranks, so that adding, removing and finding the
     * first jobs cost a few word operations instead of a heap's sift; ranks are unique, so their order is total.
     */
    private static final class ByRank extends ReadyQueue {
        private final int[] taskOfRank;
        private final int[] rankOfTask;
        private final long[] words;
        /** Bit {@code w % 64} of {@code summary[w / 64]} is set when {@code words[w]} is not zero. */
        private final long[] summary;
        private int size;

        ByRank(Task[] tasks) {
            taskOfRank = new int[tasks.length];
            rankOfTask = new int[tasks.length];
            for (Task t : tasks) {
                taskOfRank[t.rank] = t.index;
                rankOfTask[t.index] = t.rank;
            }
            words = new long[Math.max(1, (tasks.length + 63) >>> 6)];
            summary = new long[(words.length + 63) >>> 6];
        }

        @Override
        void add(Task t) {
            int rank = t.rank;
            int w = rank >>> 6;
            long bit = 1L << rank;
            if ((words[w] & bit) != 0) return;
            words[w] |= bit;
            summary[w >>> 6] |= 1L << w;
            size++;
        }

        @Override
        void remove(int index) {
            int rank = rankOfTask[index];
            int w = rank >>> 6;
            long bit = 1L << rank;
            if ((words[w] & bit) == 0) return;
            words[w] &= ~bit;
            if (words[w] == 0) summary[w >>> 6] &= ~(1L << w);
            size--;
        }

        @Override
        boolean isEmpty() {
            return size == 0;
        }

        @Override
        int first() {
            for (int s = 0; ; s++) {
                if (summary[s] != 0) {
                    int w = (s << 6) + Long.numberOfTrailingZeros(summary[s]);
                    return taskOfRank[(w << 6) + Long.numberOfTrailingZeros(words[w])];
                }
            }
        }

        @Override
        int first(int m, int[] out) {
            int count = 0;
            for (int s = 0; s < summary.length && count < m; s++) {
                for (long used = summary[s]; used != 0 && count < m; used &= used - 1) {
                    int w = (s << 6) + Long.numberOfTrailingZeros(used);
                    for (long bits = words[w]; bits != 0 && count < m; bits &= bits - 1) {
                        out[count++] = taskOfRank[(w << 6) + Long.numberOfTrailingZeros(bits)];
                    }
                }
            }
            return count;
        }
    }
}
