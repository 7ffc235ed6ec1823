package org.rtxen.sched.rtds;

import java.util.Arrays;
import org.rtxen.engine.machine.RunQueueIndex;

/**
 * An intrusive doubly linked list of VCPU ids (Xen's {@code struct list_head} threaded through {@code rt_unit}):
 * links live in arrays indexed by VCPU id, so insertion and removal never allocate. A VCPU is in a given list
 * at most once.
 *
 * <p>An {@linkplain #indexed indexed} list also finds where Xen's ordered insertion stops without walking, through a
 * {@link RunQueueIndex}: each id carries a key (level, deadline) that its owner keeps current with {@link #rekey}, and
 * {@link #firstAbove} answers the first id whose key lies above a given one. The index answers by
 * position, not by key, so it stays exact when keys change in place and the list is no longer sorted (a running
 * VCPU's level rises while it waits on the replenishment queue, E9). Keys compare as pairs; an owner whose keys may
 * leave the range where that matches its own comparison {@linkplain #dropIndex drops the index} and walks.
 */
final class VcpuList {
    private static final int NONE = -1;
    private final int[] next;
    private final int[] prev;
    private final boolean[] member;
    private int head = NONE;
    private int tail = NONE;
    private int size;
    /** Null when never indexed or dropped. */
    private RunQueueIndex index;

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
        list.index = new RunQueueIndex(capacity);
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
        return index != null;
    }

    /** Stops keeping the index, for good: the list is walked from now on. */
    void dropIndex() {
        index = null;
    }

    /** Inserts {@code id} before {@code before}, or at the end when {@code before} is -1. */
    void insertBefore(int id, int before) {
        int p = before == NONE ? tail : prev[before];
        if (index != null) index.inserted(id, p, before);
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
        if (index != null) index.removed(id);
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
        if (index != null) index.rekey(id, level, deadline);
    }

    /**
     * The first id in list order whose key is above (level, deadline), or at or above it when {@code orEqual}; -1
     * if there is none. The list must be {@linkplain #isIndexed indexed}.
     */
    int firstAbove(int level, long deadline, boolean orEqual) {
        return index.firstAbove(level, deadline, orEqual);
    }
}
