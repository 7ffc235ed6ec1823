package org.rtxen.engine.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.TaskSpec;

/** The ready queues against a sorted copy of the queued tasks, on guests from one task to more than 64 × 64. */
class ReadyQueueTest {
    @Property(tries = 60)
    void randomAddsAndRemovals_firstJobsFollowThePriorityOrder(@ForAll long seed, @ForAll boolean edf,
            @ForAll @IntRange(min = 1, max = 9_000) int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Task[] tasks = tasks(n);
        int[] shuffled = shuffledRanks(n, rnd);
        for (Task t : tasks) {
            t.rank = shuffled[t.index];
            t.absDeadline = rnd.nextLong(5); // many ties, broken by task order
        }
        ReadyQueue queue = ReadyQueue.of(tasks, edf);
        Comparator<Task> order = edf
                ? Comparator.<Task>comparingLong(t -> t.absDeadline).thenComparingInt(t -> t.index)
                : Comparator.comparingInt(t -> t.rank);
        boolean[] queued = new boolean[n];
        for (int step = 0; step < 400; step++) {
            // Mostly among a few tasks (so some are queued and removed again), else anywhere (far words).
            Task t = tasks[rnd.nextInt(4) == 0 ? rnd.nextInt(n) : rnd.nextInt(Math.min(n, 70))];
            if (queued[t.index] || rnd.nextInt(3) == 0) {
                queue.remove(t.index);
                queued[t.index] = false;
            } else {
                queue.add(t);
                queued[t.index] = true;
            }
            int[] expected = Arrays.stream(tasks).filter(x -> queued[x.index]).sorted(order).mapToInt(x -> x.index)
                    .limit(4).toArray();
            assertEquals(expected.length == 0, queue.isEmpty());
            if (expected.length > 0) assertEquals(expected[0], queue.first());
            int m = 1 + rnd.nextInt(4);
            int[] out = new int[m];
            int got = queue.first(m, out);
            assertArrayEquals(Arrays.copyOf(expected, Math.min(m, expected.length)), Arrays.copyOf(out, got));
        }
    }

    @Test
    void fixedPriority_theFirstJobsAreTheLowestRanks_acrossWords() {
        Task[] tasks = tasks(200);
        for (Task t : tasks) t.rank = 199 - t.index; // task 199 runs first
        ReadyQueue queue = ReadyQueue.of(tasks, false);
        queue.add(tasks[3]); // rank 196, in the fourth word
        queue.add(tasks[150]); // rank 49, in the first
        queue.add(tasks[100]); // rank 99, in the second
        int[] out = new int[4];
        assertEquals(3, queue.first(4, out));
        assertArrayEquals(new int[] {150, 100, 3}, Arrays.copyOf(out, 3));
        queue.remove(150);
        queue.remove(150); // removing what is not queued changes nothing
        assertEquals(100, queue.first());
        queue.remove(100);
        queue.remove(3);
        assertTrue(queue.isEmpty());
    }

    @Test
    void fixedPriority_theLastRankOfALargeGuest_isInItsSummaryWord() {
        Task[] tasks = tasks(64 * 64 + 65); // two summary words, the second partly used
        for (Task t : tasks) t.rank = t.index;
        ReadyQueue queue = ReadyQueue.of(tasks, false);
        queue.add(tasks[tasks.length - 1]);
        assertEquals(tasks.length - 1, queue.first());
        queue.add(tasks[64 * 64]); // the first rank of the second summary word
        int[] out = new int[3];
        assertEquals(2, queue.first(3, out));
        assertArrayEquals(new int[] {64 * 64, tasks.length - 1}, Arrays.copyOf(out, 2));
    }

    private static Task[] tasks(int n) {
        Task[] tasks = new Task[n];
        for (int i = 0; i < n; i++) {
            TaskSpec spec = new TaskSpec("t" + i, 10, 1, 10, 0, 0, TaskSpec.ANY_VCPU, new ExecTimeModel.Wcet());
            tasks[i] = new Task(spec, i, i);
        }
        return tasks;
    }

    private static int[] shuffledRanks(int n, SplittableRandom rnd) {
        int[] ranks = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int r = ranks[i];
            ranks[i] = ranks[j];
            ranks[j] = r;
        }
        return ranks;
    }
}
