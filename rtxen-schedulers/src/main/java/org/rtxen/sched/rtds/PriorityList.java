package org.rtxen.sched.rtds;

import java.util.SplittableRandom;

/**
 * A list of small int ids with Xen's ordered insertion ({@code list_add} before the first element the new one
 * strictly beats, R5) in O(log n) instead of a walk: a treap whose in-order sequence is the list, each node
 * knowing the lowest-priority key of its subtree. Keys are read live from the owner's arrays, (level, deadline)
 * and optionally the id itself as a last tie-breaker; a larger key is a lower priority.
 *
 * <p>Because the search compares against each element's <em>current</em> key, exactly as Xen's walk does, the
 * result is the walk's even when an element's key changed after it was inserted and the list is no longer sorted
 * (RTDS's replq after a running extratime VCPU drops a level, E9): it is the first element in list order whose key
 * is larger. The owner calls {@link #rekey} after changing a listed element's key so that the subtree summaries
 * stay true. Insertion, removal and re-keying are O(log n) expected and allocate nothing; the shape of the tree
 * (drawn from a fixed seed) never shows in the order. Key differences are assumed not to overflow (levels below
 * 2^31, deadlines within the simulated span), as in Xen's subtraction-based comparison.
 */
final class PriorityList {
    private static final int NONE = -1;
    private final int[] level;
    private final long[] deadline;
    private final boolean tieById;
    private final int[] left;
    private final int[] right;
    private final int[] parent;
    private final int[] heapPrio;
    private final int[] maxOf; // id of the largest key in the subtree
    private final boolean[] member;
    private final SplittableRandom shape = new SplittableRandom(0x5eed);
    private int root = NONE;
    private int head = NONE;

    /** A list of ids in [0, capacity) keyed by {@code level[id]}, {@code deadline[id]} and, if {@code tieById}, id. */
    PriorityList(int capacity, int[] level, long[] deadline, boolean tieById) {
        this.level = level;
        this.deadline = deadline;
        this.tieById = tieById;
        left = new int[capacity];
        right = new int[capacity];
        parent = new int[capacity];
        heapPrio = new int[capacity];
        maxOf = new int[capacity];
        member = new boolean[capacity];
    }

    boolean contains(int id) {
        return member[id];
    }

    boolean isEmpty() {
        return root == NONE;
    }

    /** The first id, or -1 when empty. */
    int first() {
        return head;
    }

    /** The last id, or -1 when empty. */
    int last() {
        return root == NONE ? NONE : rightmost(root);
    }

    /** The id after {@code id}, or -1 at the end. */
    int next(int id) {
        if (right[id] != NONE) return leftmost(right[id]);
        int n = id;
        int p = parent[n];
        while (p != NONE && right[p] == n) {
            n = p;
            p = parent[p];
        }
        return p;
    }

    /** The id before {@code id}, or -1 at the start. */
    int prev(int id) {
        if (left[id] != NONE) return rightmost(left[id]);
        int n = id;
        int p = parent[n];
        while (p != NONE && left[p] == n) {
            n = p;
            p = parent[p];
        }
        return p;
    }

    /** Whether id {@code a}'s key is larger (lower priority) than the key (l, d, t). */
    private boolean above(int a, int l, long d, int t) {
        if (level[a] != l) return level[a] > l;
        if (deadline[a] != d) return deadline[a] > d;
        return tieById && a > t;
    }

    /** The first id in list order whose key is larger than (l, d, t), or -1 (t counts only with ties by id). */
    int firstAbove(int l, long d, int t) {
        int n = root;
        while (n != NONE) {
            int a = left[n];
            if (a != NONE && above(maxOf[a], l, d, t)) {
                n = a;
            } else if (above(n, l, d, t)) {
                return n;
            } else {
                a = right[n];
                n = a != NONE && above(maxOf[a], l, d, t) ? a : NONE;
            }
        }
        return NONE;
    }

    /** Xen's ordered insertion (R5): before the first element {@code id} strictly beats; true when it lands first. */
    boolean insertOrdered(int id) {
        int before = firstAbove(level[id], deadline[id], id);
        insertBefore(id, before);
        return head == id;
    }

    /**
     * Xen 4.5-4.9's ordered insertion (R45): before the first element whose key is not smaller, so ties are LIFO;
     * true when it lands first. With integer deadlines "not smaller than (l, d)" is "larger than (l, d - 1)".
     */
    boolean insertOrderedLifo(int id) {
        insertBefore(id, firstAbove(level[id], deadline[id] - 1, id));
        return head == id;
    }

    /** Inserts {@code id} before {@code before}, or at the end when {@code before} is -1. */
    private void insertBefore(int id, int before) {
        member[id] = true;
        left[id] = right[id] = NONE;
        maxOf[id] = id;
        heapPrio[id] = shape.nextInt();
        if (root == NONE) {
            parent[id] = NONE;
            root = head = id;
            return;
        }
        if (before == NONE) {
            attach(id, rightmost(root), false);
        } else if (left[before] == NONE) {
            attach(id, before, true);
        } else {
            attach(id, rightmost(left[before]), false);
        }
        if (before == head) head = id;
        while (parent[id] != NONE && heapPrio[id] > heapPrio[parent[id]]) rotateUp(id);
        pullUpWhileChanged(parent[id]);
    }

    private void attach(int id, int to, boolean asLeft) {
        parent[id] = to;
        if (asLeft) left[to] = id; else right[to] = id;
    }

    /** Unlinks {@code id}; returns true if it was the first element. */
    boolean remove(int id) {
        boolean wasFirst = id == head;
        if (wasFirst) head = next(id);
        while (left[id] != NONE || right[id] != NONE) {
            int l = left[id];
            int r = right[id];
            rotateUp(r == NONE || (l != NONE && heapPrio[l] > heapPrio[r]) ? l : r);
        }
        int p = parent[id];
        if (p == NONE) root = NONE; else if (left[p] == id) left[p] = NONE; else right[p] = NONE;
        parent[id] = NONE;
        member[id] = false;
        pullUp(p); // all the way: an ancestor may name id for a key it shares with the summary below it

        return wasFirst;
    }

    /** Refreshes the summaries after the key of listed {@code id} changed. */
    void rekey(int id) {
        pullUp(id);
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
        if (a != NONE && above(maxOf[a], level[m], deadline[m], m)) m = maxOf[a];
        a = right[n];
        if (a != NONE && above(maxOf[a], level[m], deadline[m], m)) m = maxOf[a];
        maxOf[n] = m;
    }

    private int leftmost(int n) {
        while (left[n] != NONE) n = left[n];
        return n;
    }

    private int rightmost(int n) {
        while (right[n] != NONE) n = right[n];
        return n;
    }
}
