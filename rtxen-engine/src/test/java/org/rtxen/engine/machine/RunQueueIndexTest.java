package org.rtxen.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The index against a walk of the list it indexes: the same answer, whatever the keys did while ids were queued. */
class RunQueueIndexTest {
    private static final int IDS = 40;
    /** Enough ids for a tree of three levels and more. */
    private static final int LARGE = 600;

    /**
     * Random insertions (where the walk stops, at the front, at the end, anywhere), removals and key changes of queued
     * and unqueued ids, with few distinct keys so that ties abound and changed keys leave the list unsorted: after
     * every step, each query answers what the walk from the head answers.
     */
    @Property(tries = 300)
    void firstAbove_anyHistory_isWhereTheWalkStops(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int steps) {
        replay(new SplittableRandom(seed), IDS, steps, 10, 10);
    }

    /**
     * The same on queues of hundreds that grow almost full and drain almost empty, so that nodes split, merge and the
     * tree gains and loses levels: each query still answers what the walk answers.
     */
    @Property(tries = 40)
    void firstAbove_queuesGrowingAndDraining_isWhereTheWalkStops(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RunQueueIndex index = new RunQueueIndex(LARGE);
        Replay replay = new Replay(index, LARGE);
        for (int round = 0; round < 3; round++) {
            replay.steps(random, 2 * LARGE, 9, 1); // nine insertions to a removal: the queue fills
            replay.steps(random, 2 * LARGE, 1, 9); // and drains
        }
    }

    /**
     * A queue filled at its tail and thinned to every eighth id, from the head in one round and from the tail in the
     * next, again and again: the ids left lie far apart in the list, so the index must merge what empties on either
     * side or it runs out of room; each query still answers what the walk answers.
     */
    @Example
    void firstAbove_queueRefilledAndThinned_isWhereTheWalkStops() {
        SplittableRandom random = new SplittableRandom(7);
        Replay replay = new Replay(new RunQueueIndex(LARGE), LARGE);
        for (int round = 0; round < 6; round++) {
            for (int id = 0; id < LARGE; id++) {
                if (replay.queued[id]) continue;
                replay.rekey(random, id);
                replay.insertAt(replay.list.size(), id);
                replay.check(random);
            }
            List<Integer> thinned = new ArrayList<>();
            for (int at = 0; at < replay.list.size(); at++) {
                if (at % 8 != 0) thinned.add(replay.list.get(at));
            }
            if (round % 2 == 1) Collections.reverse(thinned);
            for (int id : thinned) {
                replay.remove(id);
                replay.check(random);
            }
        }
    }

    private static void replay(SplittableRandom random, int ids, int steps, int insertWeight, int removeWeight) {
        new Replay(new RunQueueIndex(ids), ids).steps(random, steps, insertWeight, removeWeight);
    }

    /** A list, its keys and an index over it, changed at random and compared with the walk after every step. */
    private static final class Replay {
        private final RunQueueIndex index;
        private final List<Integer> list = new ArrayList<>();
        private final boolean[] queued;
        private final int[] level;
        private final long[] key;

        Replay(RunQueueIndex index, int ids) {
            this.index = index;
            queued = new boolean[ids];
            level = new int[ids];
            key = new long[ids];
        }

        /**
         * Makes {@code steps} random steps: a third change a key, the others insert an unqueued id or remove a queued
         * one, chosen among ids at random (weighted {@code insertWeight : removeWeight} between the two).
         */
        void steps(SplittableRandom random, int steps, int insertWeight, int removeWeight) {
            int ids = queued.length;
            for (int step = 0; step < steps; step++) {
                int id = random.nextInt(ids);
                int op = random.nextInt(10);
                if (op < 3) {
                    rekey(random, id);
                } else if (queued[id]) {
                    if (random.nextInt(insertWeight + removeWeight) < removeWeight) remove(id);
                } else if (random.nextInt(insertWeight + removeWeight) < insertWeight) {
                    insert(random, id, op);
                }
                check(random);
            }
        }

        /** Gives {@code id} a random key among few, so that ties abound. */
        void rekey(SplittableRandom random, int id) {
            level[id] = random.nextInt(3);
            key[id] = random.nextInt(6);
            index.rekey(id, level[id], key[id]);
        }

        /** Asks the index a random query and compares its answer with the walk's. */
        void check(SplittableRandom random) {
            int qLevel = random.nextInt(3);
            long qKey = random.nextInt(6);
            boolean orEqual = random.nextBoolean();
            assertEquals(walk(list, level, key, qLevel, qKey, orEqual), index.firstAbove(qLevel, qKey, orEqual),
                    () -> "first above (" + qLevel + ", " + qKey + ") in " + list);
        }

        void remove(int id) {
            list.remove(Integer.valueOf(id));
            queued[id] = false;
            index.removed(id);
        }

        private void insert(SplittableRandom random, int id, int op) {
            int at = switch (op) {
                case 3 -> 0;
                case 4 -> list.size();
                case 5 -> random.nextInt(list.size() + 1);
                default -> {
                    int stop = walk(list, level, key, level[id], key[id], true);
                    yield stop < 0 ? list.size() : list.indexOf(stop);
                }
            };
            insertAt(at, id);
        }

        /** Links {@code id} into the list at position {@code at} and reports it to the index. */
        void insertAt(int at, int id) {
            int after = at == 0 ? -1 : list.get(at - 1);
            int before = at == list.size() ? -1 : list.get(at);
            list.add(at, id);
            queued[id] = true;
            index.inserted(id, after, before);
        }
    }

    /** The first id in list order whose key is above (qLevel, qKey), or at it when orEqual; -1 if none. */
    private static int walk(List<Integer> list, int[] level, long[] key, int qLevel, long qKey, boolean orEqual) {
        for (int id : list) {
            int byLevel = Integer.compare(level[id], qLevel);
            int byKey = byLevel != 0 ? byLevel : Long.compare(key[id], qKey);
            if (orEqual ? byKey >= 0 : byKey > 0) return id;
        }
        return -1;
    }

    /**
     * Keys in list order 0:(0, 5), 1:(1, 2), 2:(0, 9): the first above (0, 7) is 1 (a higher level beats any key), the
     * first at or above (1, 2) is 1 and the first above it none; after id 1 drops to (0, 1) in place, the first above
     * (0, 7) is 2, and once 2 is removed there is none; once 0 and 1 are removed too, nothing is at or above (0, 0).
     */
    @Example
    void firstAbove_comparesLevelThenKey_andFollowsKeysChangedInPlace() {
        RunQueueIndex index = new RunQueueIndex(3);
        index.rekey(0, 0, 5);
        index.rekey(1, 1, 2);
        index.rekey(2, 0, 9);
        index.inserted(0, -1, -1);
        index.inserted(1, 0, -1);
        index.inserted(2, 1, -1);
        assertEquals(1, index.firstAbove(0, 7, false));
        assertEquals(1, index.firstAbove(1, 2, true));
        assertEquals(-1, index.firstAbove(1, 2, false));
        index.rekey(1, 0, 1);
        assertEquals(2, index.firstAbove(0, 7, false));
        assertEquals(0, index.firstAbove(0, 5, true));
        index.removed(2);
        assertEquals(-1, index.firstAbove(0, 7, false));
        index.removed(0);
        index.removed(1);
        assertEquals(-1, index.firstAbove(0, 0, true));
    }
}
