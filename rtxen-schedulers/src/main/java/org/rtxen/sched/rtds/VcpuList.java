package org.rtxen.sched.rtds;

import java.util.Arrays;

/**
 * An intrusive doubly linked list of VCPU ids (Xen's {@code struct list_head} threaded through {@code rt_unit}):
 * links live in arrays indexed by VCPU id, so insertion and removal never allocate. A VCPU is in a given list
 * at most once.
 */
final class VcpuList {
    private static final int NONE = -1;
    private final int[] next;
    private final int[] prev;
    private final boolean[] member;
    private int head = NONE;
    private int tail = NONE;
    private int size;

    VcpuList(int capacity) {
        next = new int[capacity];
        prev = new int[capacity];
        member = new boolean[capacity];
        Arrays.fill(next, NONE);
        Arrays.fill(prev, NONE);
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

    /** Inserts {@code id} before {@code before}, or at the end when {@code before} is -1. */
    void insertBefore(int id, int before) {
        member[id] = true;
        size++;
        int p = before == NONE ? tail : prev[before];
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
        member[id] = false;
        size--;
        int p = prev[id];
        int n = next[id];
        if (p == NONE) head = n; else next[p] = n;
        if (n == NONE) tail = p; else prev[n] = p;
        next[id] = prev[id] = NONE;
        return p == NONE;
    }
}
