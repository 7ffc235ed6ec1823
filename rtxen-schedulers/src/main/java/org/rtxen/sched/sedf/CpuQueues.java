package org.rtxen.sched.sedf;

import java.util.Arrays;

/**
 * One kind of SEDF queue (runq, waitq or an extra queue) for every pCPU: intrusive doubly linked lists of VCPU ids
 * sharing link arrays, since a VCPU is on at most one pCPU's queue of a kind. Nothing allocates after construction.
 */
final class CpuQueues {
    private final int[] head;
    private final int[] tail;
    private final int[] next;
    private final int[] prev;
    private final int[] owner;

    CpuQueues(int vcpus, int pcpus) {
        head = new int[pcpus];
        tail = new int[pcpus];
        next = new int[vcpus];
        prev = new int[vcpus];
        owner = new int[vcpus];
        Arrays.fill(head, -1);
        Arrays.fill(tail, -1);
        Arrays.fill(owner, -1);
    }

    /** The first VCPU of {@code cpu}'s queue, or -1. */
    int first(int cpu) {
        return head[cpu];
    }

    /** The VCPU after {@code id} in its queue, or -1. */
    int next(int id) {
        return next[id];
    }

    /** Whether {@code id} is on some pCPU's queue. */
    boolean contains(int id) {
        return owner[id] >= 0;
    }

    /** Whether {@code cpu}'s queue is empty. */
    boolean isEmpty(int cpu) {
        return head[cpu] < 0;
    }

    /** Inserts {@code id} into {@code cpu}'s queue before {@code before} (-1: at the end). */
    void insertBefore(int cpu, int id, int before) {
        owner[id] = cpu;
        next[id] = before;
        int p = before < 0 ? tail[cpu] : prev[before];
        prev[id] = p;
        if (p < 0) head[cpu] = id; else next[p] = id;
        if (before < 0) tail[cpu] = id; else prev[before] = id;
    }

    /** Removes {@code id} if it is queued; true if it was. */
    boolean remove(int id) {
        int cpu = owner[id];
        if (cpu < 0) return false;
        int p = prev[id];
        int n = next[id];
        if (p < 0) head[cpu] = n; else next[p] = n;
        if (n < 0) tail[cpu] = p; else prev[n] = p;
        owner[id] = -1;
        return true;
    }
}
