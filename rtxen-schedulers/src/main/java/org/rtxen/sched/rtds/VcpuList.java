package org.rtxen.sched.rtds;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An intrusive doubly linked list of VCPU ids (Xen's {@code struct list_head} threaded through {@code rt_unit}):
 * links live in arrays indexed by VCPU id, so insertion and removal never allocate. A VCPU is in a given list
 * at most once.
 *
 * <p>An {@linkplain #indexed indexed} list also finds where Xen's ordered insertion stops without walking: each id
 * carries a key (level, deadline) that its owner keeps current with {@link #rekey}, and a treap over the list's
 * positions holds each subtree's largest key, so {@link #firstAbove} descends to the first id whose key lies above
 * a given one in O(log n) expected. The index answers by position, not by key, so it stays exact when keys change
 * in place and the list is no longer sorted (a running VCPU's level rises while it waits on the replenishment
 * queue, E9). Keys compare as pairs; an owner whose keys may leave the range where that matches its own
 * comparison {@linkplain #dropIndex drops the index} and walks.
 */
final class VcpuList {
    private static final int NONE = -1;
    private final int[] next;
    private final int[] prev;
    private final boolean[] member;
    private int head = NONE;
    private int tail = NONE;
    private int size;
    private boolean indexed;
    // The treap (its arrays null when never indexed): in-order = list order, heap-ordered by a fixed random weight
    // per id. A node's links sit side by side, and so do its key and its subtree's largest key (lexicographic), so
    // that a step through the tree reads two cache lines, not eight.
    private static final int LEFT = 0;
    private static final int RIGHT = 1;
    private static final int PARENT = 2;
    private static final int WEIGHT = 3;
    private static final int KEY_LEVEL = 0;
    private static final int KEY_DEADLINE = 1;
    private static final int MAX_LEVEL = 2;
    private static final int MAX_DEADLINE = 3;
    /** Each id's left child, right child, parent and weight, at {@code 4 * id}. */
    private int[] links;
    /** Each id's key (level, deadline) and its subtree's largest key, at {@code 4 * id}. */
    private long[] keys;
    private int root = NONE;

    VcpuList(int capacity) {
        next = new int[capacity];
        prev = new int[capacity];
        member = new boolean[capacity];
        Arrays.fill(next, NONE);
        Arrays.fill(prev, NONE);
    }

    /** An empty list with an index for {@link #firstAbove}; every id's key starts at (0, 0). */
    static VcpuList indexed(int capacity) {
        VcpuList list = new VcpuList(capacity);
        list.indexed = true;
        list.links = new int[4 * capacity];
        list.keys = new long[4 * capacity];
        SplittableRandom random = new SplittableRandom(capacity);
        for (int id = 0; id < capacity; id++) list.links[4 * id + WEIGHT] = random.nextInt(); // shape only, not order
        return list;
    }

    boolean contains(int id) {
        return member[id];
    }

    boolean isEmpty() {
        return head == NONE;
    }

    int size() {
        return size;
    }

    /** The first id, or -1 when empty. */
    int first() {
        return head;
    }

    /** The id after {@code id}, or -1 at the end. */
    int next(int id) {
        return next[id];
    }

    /** Whether {@link #firstAbove} may be used. */
    boolean isIndexed() {
        return indexed;
    }

    /** Stops keeping the index, for good: the list is walked from now on. */
    void dropIndex() {
        indexed = false;
    }

    /** Inserts {@code id} before {@code before}, or at the end when {@code before} is -1. */
    void insertBefore(int id, int before) {
        int p = before == NONE ? tail : prev[before];
        if (indexed) treeInsert(id, before, p);
        member[id] = true;
        size++;
        next[id] = before;
        prev[id] = p;
        if (p == NONE) head = id; else next[p] = id;
        if (before == NONE) tail = id; else prev[before] = id;
    }

    /** Pushes {@code id} on the front ({@code list_add}). */
    void addFirst(int id) {
        insertBefore(id, head);
    }

    /** Unlinks {@code id}; returns true if it was the first element. */
    boolean remove(int id) {
        if (indexed) treeRemove(id);
        member[id] = false;
        size--;
        int p = prev[id];
        int n = next[id];
        if (p == NONE) head = n; else next[p] = n;
        if (n == NONE) tail = p; else prev[n] = p;
        next[id] = prev[id] = NONE;
        return p == NONE;
    }

    /** Sets {@code id}'s key, in the list or not; only an indexed list keeps it. */
    void rekey(int id, int level, long deadline) {
        if (!indexed) return;
        keys[4 * id + KEY_LEVEL] = level;
        keys[4 * id + KEY_DEADLINE] = deadline;
        if (member[id]) pullToRoot(id);
    }

    /**
     * The first id in list order whose key is above (level, deadline), or at or above it when {@code orEqual}; -1
     * if there is none. The list must be {@linkplain #isIndexed indexed}.
     */
    int firstAbove(int level, long deadline, boolean orEqual) {
        int x = root;
        while (x != NONE) {
            int l = links[4 * x + LEFT];
            if (subtreeAbove(l, level, deadline, orEqual)) {
                x = l;
            } else if (above((int) keys[4 * x + KEY_LEVEL], keys[4 * x + KEY_DEADLINE], level, deadline, orEqual)) {
                return x;
            } else {
                int r = links[4 * x + RIGHT];
                x = subtreeAbove(r, level, deadline, orEqual) ? r : NONE;
            }
        }
        return NONE;
    }

    /** Whether the subtree at {@code node} (none if -1) holds a key above (level, deadline), or at it if orEqual. */
    private boolean subtreeAbove(int node, int level, long deadline, boolean orEqual) {
        return node != NONE
                && above((int) keys[4 * node + MAX_LEVEL], keys[4 * node + MAX_DEADLINE], level, deadline, orEqual);
    }

    private static boolean above(int level, long deadline, int refLevel, long refDeadline, boolean orEqual) {
        if (level != refLevel) return level > refLevel;
        return deadline > refDeadline || orEqual && deadline == refDeadline;
    }

    /** Places {@code id} in the treap between {@code p} and {@code before} (list neighbours, either may be -1). */
    private void treeInsert(int id, int before, int p) {
        links[4 * id + LEFT] = NONE;
        links[4 * id + RIGHT] = NONE;
        keys[4 * id + MAX_LEVEL] = keys[4 * id + KEY_LEVEL];
        keys[4 * id + MAX_DEADLINE] = keys[4 * id + KEY_DEADLINE];
        if (root == NONE) {
            links[4 * id + PARENT] = NONE;
            root = id;
            return;
        }
        // In order, id follows p and precedes before: it becomes before's left child if that is free, else p's
        // right child (p, before's in-order predecessor, is then the rightmost of before's left subtree).
        if (before != NONE && links[4 * before + LEFT] == NONE) {
            links[4 * before + LEFT] = id;
            links[4 * id + PARENT] = before;
        } else {
            links[4 * p + RIGHT] = id;
            links[4 * id + PARENT] = p;
        }
        pullToRoot(links[4 * id + PARENT]);
        while (links[4 * id + PARENT] != NONE
                && links[4 * id + WEIGHT] > links[4 * links[4 * id + PARENT] + WEIGHT]) {
            rotateUp(id);
        }
    }

    private void treeRemove(int id) {
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
        long deadline = keys[4 * x + KEY_DEADLINE];
        int l = links[4 * x + LEFT];
        if (subtreeAbove(l, level, deadline, false)) {
            level = (int) keys[4 * l + MAX_LEVEL];
            deadline = keys[4 * l + MAX_DEADLINE];
        }
        int r = links[4 * x + RIGHT];
        if (subtreeAbove(r, level, deadline, false)) {
            level = (int) keys[4 * r + MAX_LEVEL];
            deadline = keys[4 * r + MAX_DEADLINE];
        }
        boolean changed = level != (int) keys[4 * x + MAX_LEVEL] || deadline != keys[4 * x + MAX_DEADLINE];
        keys[4 * x + MAX_LEVEL] = level;
        keys[4 * x + MAX_DEADLINE] = deadline;
        return changed;
    }
}
