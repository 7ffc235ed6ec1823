package org.rtxen.sched.rtds;

import java.util.SplittableRandom;

/**
 * An index over a {@link VcpuList} that finds Xen's insertion point (R5: before the first element whose key is larger
 * than the newcomer's) in O(log n) instead of a walk: a treap whose in-order sequence is the list, each node knowing
 * the largest key of its subtree. Keys are read live from the owner's arrays, (level, deadline); a larger key is a
 * lower priority.
 *
 * <p>Because the search compares against each element's <em>current</em> key, exactly as the walk does, the result is
 * the walk's even when an element's key changed after it was inserted and the list is no longer sorted (replq after a
 * running extratime VCPU drops a level, E9): the first element in list order whose key is larger. The owner calls
 * {@link #rekey} after changing a listed element's key, and mirrors every insertion and removal of the list here.
 * Insertion, removal and re-keying are O(log n) expected and allocate nothing; the tree's shape (drawn from a fixed
 * seed) never shows in the order. Key differences are assumed not to overflow (levels below 2^31, deadlines not
 * negative), as in the walk's subtraction.
 */
final class PriorityIndex {
    private static final int NONE = -1;
    private final int[] level;
    private final long[] deadline;
    private final int[] left;
    private final int[] right;
    private final int[] parent;
    private final int[] heapPrio;
    private final int[] maxOf; // an element with the largest key in the subtree
    private final SplittableRandom shape = new SplittableRandom(0x5eed);
    private int root = NONE;

    /** An empty index of ids in [0, capacity) keyed by {@code level[id]}, then {@code deadline[id]}. */
    PriorityIndex(int capacity, int[] level, long[] deadline) {
        this.level = level;
        this.deadline = deadline;
        left = new int[capacity];
        right = new int[capacity];
        parent = new int[capacity];
        heapPrio = new int[capacity];
        maxOf = new int[capacity];
    }

    /** Whether {@code a}'s key is larger (lower priority) than the key (l, d). */
    private boolean above(int a, int l, long d) {
        return level[a] != l ? level[a] > l : deadline[a] > d;
    }

    /** The first id in list order whose key is larger than (l, d), or -1. */
    int firstAbove(int l, long d) {
        int n = root;
        while (n != NONE) {
            int a = left[n];
            if (a != NONE && above(maxOf[a], l, d)) {
                n = a;
            } else if (above(n, l, d)) {
                return n;
            } else {
                a = right[n];
                n = a != NONE && above(maxOf[a], l, d) ? a : NONE;
            }
        }
        return NONE;
    }

    /** Mirrors the list's insertion of {@code id} before {@code before}, or at the end when {@code before} is -1. */
    void insertBefore(int id, int before) {
        left[id] = right[id] = NONE;
        maxOf[id] = id;
        heapPrio[id] = shape.nextInt();
        if (root == NONE) {
            parent[id] = NONE;
            root = id;
            return;
        }
        if (before == NONE) {
            attach(id, rightmost(root), false);
        } else if (left[before] == NONE) {
            attach(id, before, true);
        } else {
            attach(id, rightmost(left[before]), false);
        }
        while (parent[id] != NONE && heapPrio[id] > heapPrio[parent[id]]) rotateUp(id);
        pullUpWhileChanged(parent[id]);
    }

    private void attach(int id, int to, boolean asLeft) {
        parent[id] = to;
        if (asLeft) left[to] = id; else right[to] = id;
    }

    /** Mirrors the list's removal of {@code id}. */
    void remove(int id) {
        while (left[id] != NONE || right[id] != NONE) {
            int l = left[id];
            int r = right[id];
            rotateUp(r == NONE || (l != NONE && heapPrio[l] > heapPrio[r]) ? l : r);
        }
        int p = parent[id];
        if (p == NONE) root = NONE; else if (left[p] == id) left[p] = NONE; else right[p] = NONE;
        parent[id] = NONE;
        pullUp(p); // all the way: an ancestor may name id for a key it shares with the summary below it
    }

    /** Refreshes the summaries after the key of listed {@code id} changed. */
    void rekey(int id) {
        pullUp(id);
    }

    /**
     * The list as this index holds it, in order, followed by -1, into {@code out} (at least one longer than the list);
     * false if a summary is not the largest key of its subtree. For invariant checks.
     */
    boolean inOrder(int[] out) {
        int count = 0;
        int n = root;
        while (n != NONE && left[n] != NONE) n = left[n];
        while (n != NONE) {
            out[count++] = n;
            n = successor(n);
        }
        out[count] = NONE;
        return root == NONE || summaryHolds(root);
    }

    /** Whether the summaries of {@code n}'s subtree are true, recomputed from the live keys. */
    private boolean summaryHolds(int n) {
        int m = n;
        for (int c = left[n], side = 0; side < 2; c = right[n], side++) {
            if (c == NONE) continue;
            if (!summaryHolds(c)) return false;
            if (above(maxOf[c], level[m], deadline[m])) m = maxOf[c];
        }
        return level[maxOf[n]] == level[m] && deadline[maxOf[n]] == deadline[m];
    }

    private int successor(int n) {
        if (right[n] != NONE) {
            n = right[n];
            while (left[n] != NONE) n = left[n];
            return n;
        }
        int p = parent[n];
        while (p != NONE && right[p] == n) {
            n = p;
            p = parent[p];
        }
        return p;
    }

    private void rotateUp(int x) {
        int p = parent[x];
        int g = parent[p];
        if (left[p] == x) {
            left[p] = right[x];
            if (right[x] != NONE) parent[right[x]] = p;
            right[x] = p;
        } else {
            right[p] = left[x];
            if (left[x] != NONE) parent[left[x]] = p;
            left[x] = p;
        }
        parent[p] = x;
        parent[x] = g;
        if (g == NONE) root = x; else if (left[g] == p) left[g] = x; else right[g] = x;
        pull(p);
        pull(x);
    }

    private void pullUp(int n) {
        for (; n != NONE; n = parent[n]) pull(n);
    }

    /** After an insertion (no key changed): once a summary stays the same, those above it do too. */
    private void pullUpWhileChanged(int n) {
        for (; n != NONE; n = parent[n]) {
            int old = maxOf[n];
            pull(n);
            if (maxOf[n] == old) return;
        }
    }

    private void pull(int n) {
        int m = n;
        int a = left[n];
        if (a != NONE && above(maxOf[a], level[m], deadline[m])) m = maxOf[a];
        a = right[n];
        if (a != NONE && above(maxOf[a], level[m], deadline[m])) m = maxOf[a];
        maxOf[n] = m;
    }

    private int rightmost(int n) {
        while (right[n] != NONE) n = right[n];
        return n;
    }
}
