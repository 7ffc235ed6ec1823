package org.rtxen.engine.machine;

import java.util.SplittableRandom;

/**
 * An index over a policy's run queue, a linked list of VCPU ids that the policy keeps itself, for Xen's ordered
 * insertion: it answers where the walk from the head would stop ({@link #firstAbove}) in O(log n) expected instead of
 * O(n). Each id carries a key (level, key), compared as a pair, that its owner keeps current with {@link #rekey}; a
 * treap over the list's positions (in-order = list order, heap-ordered by a fixed random weight per id) holds each
 * subtree's largest key. It answers by position, not by key, so it stays exact when keys change in place and the list
 * is no longer sorted. The owner reports every insertion with the new id's list neighbours and every removal; nothing
 * allocates after construction.
 */
public final class RunQueueIndex {
    private static final int NONE = -1;
    // A node's links sit side by side, and so do its key and its subtree's largest key (lexicographic), so that a step
    // through the tree reads two cache lines, not eight.
    private static final int LEFT = 0;
    private static final int RIGHT = 1;
    private static final int PARENT = 2;
    private static final int WEIGHT = 3;
    private static final int KEY_LEVEL = 0;
    private static final int KEY = 1;
    private static final int MAX_LEVEL = 2;
    private static final int MAX_KEY = 3;
    /** Each id's left child, right child, parent and weight, at {@code 4 * id}. */
    private final int[] links;
    /** Each id's key (level, key) and its subtree's largest key, at {@code 4 * id}. */
    private final long[] keys;
    private final boolean[] member;
    private int root = NONE;

    /** An empty index for ids {@code 0 .. capacity - 1}; every id's key starts at (0, 0). */
    public RunQueueIndex(int capacity) {
        links = new int[4 * capacity];
        keys = new long[4 * capacity];
        member = new boolean[capacity];
        SplittableRandom random = new SplittableRandom(capacity);
        for (int id = 0; id < capacity; id++) links[4 * id + WEIGHT] = random.nextInt(); // shape only, not order
    }

    /** Sets {@code id}'s key, in the list or not. */
    public void rekey(int id, int level, long key) {
        keys[4 * id + KEY_LEVEL] = level;
        keys[4 * id + KEY] = key;
        if (member[id]) pullToRoot(id);
    }

    /**
     * The first id in list order whose key is above (level, key), or at or above it when {@code orEqual}; -1 if there
     * is none.
     */
    public int firstAbove(int level, long key, boolean orEqual) {
        int x = root;
        while (x != NONE) {
            int l = links[4 * x + LEFT];
            if (subtreeAbove(l, level, key, orEqual)) {
                x = l;
            } else if (above((int) keys[4 * x + KEY_LEVEL], keys[4 * x + KEY], level, key, orEqual)) {
                return x;
            } else {
                int r = links[4 * x + RIGHT];
                x = subtreeAbove(r, level, key, orEqual) ? r : NONE;
            }
        }
        return NONE;
    }

    /** Records that {@code id} was linked into the list between {@code after} and {@code before} (either may be -1). */
    public void inserted(int id, int after, int before) {
        member[id] = true;
        links[4 * id + LEFT] = NONE;
        links[4 * id + RIGHT] = NONE;
        keys[4 * id + MAX_LEVEL] = keys[4 * id + KEY_LEVEL];
        keys[4 * id + MAX_KEY] = keys[4 * id + KEY];
        if (root == NONE) {
            links[4 * id + PARENT] = NONE;
            root = id;
            return;
        }
        // In order, id follows after and precedes before: it becomes before's left child if that is free, else after's
        // right child (after, before's in-order predecessor, is then the rightmost of before's left subtree).
        if (before != NONE && links[4 * before + LEFT] == NONE) {
            links[4 * before + LEFT] = id;
            links[4 * id + PARENT] = before;
        } else {
            links[4 * after + RIGHT] = id;
            links[4 * id + PARENT] = after;
        }
        pullToRoot(links[4 * id + PARENT]);
        while (links[4 * id + PARENT] != NONE
                && links[4 * id + WEIGHT] > links[4 * links[4 * id + PARENT] + WEIGHT]) {
            rotateUp(id);
        }
    }

    /** Records that {@code id} was unlinked from the list. */
    public void removed(int id) {
        member[id] = false;
        while (links[4 * id + LEFT] != NONE || links[4 * id + RIGHT] != NONE) {
            int l = links[4 * id + LEFT];
            int r = links[4 * id + RIGHT];
            rotateUp(l == NONE ? r : r == NONE ? l : links[4 * l + WEIGHT] > links[4 * r + WEIGHT] ? l : r);
        }
        int p = links[4 * id + PARENT];
        if (p == NONE) {
            root = NONE;
            return;
        }
        if (links[4 * p + LEFT] == id) links[4 * p + LEFT] = NONE; else links[4 * p + RIGHT] = NONE;
        pullToRoot(p);
    }

    /** Whether the subtree at {@code node} (none if -1) holds a key above (level, key), or at it if orEqual. */
    private boolean subtreeAbove(int node, int level, long key, boolean orEqual) {
        return node != NONE && above((int) keys[4 * node + MAX_LEVEL], keys[4 * node + MAX_KEY], level, key, orEqual);
    }

    private static boolean above(int level, long key, int refLevel, long refKey, boolean orEqual) {
        if (level != refLevel) return level > refLevel;
        return key > refKey || orEqual && key == refKey;
    }

    /** Lifts {@code x} above its parent, keeping the in-order sequence. */
    private void rotateUp(int x) {
        int p = links[4 * x + PARENT];
        int g = links[4 * p + PARENT];
        if (links[4 * p + LEFT] == x) {
            int b = links[4 * x + RIGHT];
            links[4 * p + LEFT] = b;
            if (b != NONE) links[4 * b + PARENT] = p;
            links[4 * x + RIGHT] = p;
        } else {
            int b = links[4 * x + LEFT];
            links[4 * p + RIGHT] = b;
            if (b != NONE) links[4 * b + PARENT] = p;
            links[4 * x + LEFT] = p;
        }
        links[4 * p + PARENT] = x;
        links[4 * x + PARENT] = g;
        if (g == NONE) {
            root = x;
        } else {
            links[4 * g + (links[4 * g + LEFT] == p ? LEFT : RIGHT)] = x;
        }
        pull(p);
        pull(x);
    }

    /** Recomputes the maxima from {@code x} up, as far as they change. */
    private void pullToRoot(int x) {
        while (x != NONE && pull(x)) x = links[4 * x + PARENT];
    }

    /** Recomputes {@code x}'s subtree maximum from its key and its children's maxima; true if it changed. */
    private boolean pull(int x) {
        int level = (int) keys[4 * x + KEY_LEVEL];
        long key = keys[4 * x + KEY];
        int l = links[4 * x + LEFT];
        if (subtreeAbove(l, level, key, false)) {
            level = (int) keys[4 * l + MAX_LEVEL];
            key = keys[4 * l + MAX_KEY];
        }
        int r = links[4 * x + RIGHT];
        if (subtreeAbove(r, level, key, false)) {
            level = (int) keys[4 * r + MAX_LEVEL];
            key = keys[4 * r + MAX_KEY];
        }
        boolean changed = level != (int) keys[4 * x + MAX_LEVEL] || key != keys[4 * x + MAX_KEY];
        keys[4 * x + MAX_LEVEL] = level;
        keys[4 * x + MAX_KEY] = key;
        return changed;
    }
}
