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
    // The treap (null when never indexed): in-order = list order, heap-ordered by a fixed random weight per id.
    private int[] left;
    private int[] right;
    private int[] parent;
    private int[] weight;
    private int[] keyLevel;
    private long[] keyDeadline;
    /** The largest key (lexicographic) in each id's subtree. */
    private int[] maxLevel;
    private long[] maxDeadline;
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
        list.left = new int[capacity];
        list.right = new int[capacity];
        list.parent = new int[capacity];
        list.keyLevel = new int[capacity];
        list.keyDeadline = new long[capacity];
        list.maxLevel = new int[capacity];
        list.maxDeadline = new long[capacity];
        list.weight = new SplittableRandom(capacity).ints(capacity).toArray(); // shape only: no effect on order
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
        keyLevel[id] = level;
        keyDeadline[id] = deadline;
        if (member[id]) pullToRoot(id);
    }

    /**
     * The first id in list order whose key is above (level, deadline), or at or above it when {@code orEqual}; -1
     * if there is none. The list must be {@linkplain #isIndexed indexed}.
     */
    int firstAbove(int level, long deadline, boolean orEqual) {
        int x = root;
        while (x != NONE) {
            int l = left[x];
            if (l != NONE && above(maxLevel[l], maxDeadline[l], level, deadline, orEqual)) {
                x = l;
            } else if (above(keyLevel[x], keyDeadline[x], level, deadline, orEqual)) {
                return x;
            } else {
                int r = right[x];
                x = r != NONE && above(maxLevel[r], maxDeadline[r], level, deadline, orEqual) ? r : NONE;
            }
        }
        return NONE;
    }

    private static boolean above(int level, long deadline, int refLevel, long refDeadline, boolean orEqual) {
        if (level != refLevel) return level > refLevel;
        return deadline > refDeadline || orEqual && deadline == refDeadline;
    }

    /** Places {@code id} in the treap between {@code p} and {@code before} (list neighbours, either may be -1). */
    private void treeInsert(int id, int before, int p) {
        left[id] = NONE;
        right[id] = NONE;
        maxLevel[id] = keyLevel[id];
        maxDeadline[id] = keyDeadline[id];
        if (root == NONE) {
            parent[id] = NONE;
            root = id;
            return;
        }
        // In order, id follows p and precedes before: it becomes before's left child if that is free, else p's
        // right child (p, before's in-order predecessor, is then the rightmost of before's left subtree).
        if (before != NONE && left[before] == NONE) {
            left[before] = id;
            parent[id] = before;
        } else {
            right[p] = id;
            parent[id] = p;
        }
        pullToRoot(parent[id]);
        while (parent[id] != NONE && weight[id] > weight[parent[id]]) rotateUp(id);
    }

    private void treeRemove(int id) {
        while (left[id] != NONE || right[id] != NONE) {
            int l = left[id];
            int r = right[id];
            rotateUp(l == NONE ? r : r == NONE ? l : weight[l] > weight[r] ? l : r);
        }
        int p = parent[id];
        if (p == NONE) {
            root = NONE;
            return;
        }
        if (left[p] == id) left[p] = NONE; else right[p] = NONE;
        pullToRoot(p);
    }

    /** Lifts {@code x} above its parent, keeping the in-order sequence. */
    private void rotateUp(int x) {
        int p = parent[x];
        int g = parent[p];
        if (left[p] == x) {
            int b = right[x];
            left[p] = b;
            if (b != NONE) parent[b] = p;
            right[x] = p;
        } else {
            int b = left[x];
            right[p] = b;
            if (b != NONE) parent[b] = p;
            left[x] = p;
        }
        parent[p] = x;
        parent[x] = g;
        if (g == NONE) root = x; else if (left[g] == p) left[g] = x; else right[g] = x;
        pull(p);
        pull(x);
    }

    /** Recomputes the maxima from {@code x} up, as far as they change. */
    private void pullToRoot(int x) {
        while (x != NONE && pull(x)) x = parent[x];
    }

    /** Recomputes {@code x}'s subtree maximum from its key and its children's maxima; true if it changed. */
    private boolean pull(int x) {
        int level = keyLevel[x];
        long deadline = keyDeadline[x];
        int l = left[x];
        if (l != NONE && above(maxLevel[l], maxDeadline[l], level, deadline, false)) {
            level = maxLevel[l];
            deadline = maxDeadline[l];
        }
        int r = right[x];
        if (r != NONE && above(maxLevel[r], maxDeadline[r], level, deadline, false)) {
            level = maxLevel[r];
            deadline = maxDeadline[r];
        }
        boolean changed = level != maxLevel[x] || deadline != maxDeadline[x];
        maxLevel[x] = level;
        maxDeadline[x] = deadline;
        return changed;
    }
}
