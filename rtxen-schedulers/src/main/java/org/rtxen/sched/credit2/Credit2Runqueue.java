package org.rtxen.sched.credit2;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * One Credit2 run queue ({@code struct csched2_runqueue_data}, C2.4): the runnable VCPUs waiting to run sorted by
 * credit, every VCPU assigned to it, its pCPU masks and its load.
 */
final class Credit2Runqueue {
    final int id;
    /** {@code active}: the pCPUs of this run queue. */
    final BitSet active = new BitSet();
    final BitSet idle = new BitSet();
    final BitSet tickled = new BitSet();
    final BitSet smtIdle = new BitSet();
    /** {@code svc}: every VCPU assigned here, running, queued or blocked, in assignment order. */
    final List<Credit2Vcpu> svc = new ArrayList<>();
    int maxWeight = 1;
    /** Instantaneous load: runnable or running VCPUs assigned here. */
    int load;
    /** The load's exponential average that balancing reads ({@code b_avgload}; Xen's {@code avgload} is only traced). */
    long bAvgload;
    long loadLastUpdate;
    int pickBias;
    int nrCpus;
    int refcnt;
    private Credit2Vcpu head;
    private Credit2Vcpu tail;

    Credit2Runqueue(int id, int firstCpu) {
        this.id = id;
        this.pickBias = firstCpu;
    }

    /** The VCPU at the head of the queue (most credit), or null. */
    Credit2Vcpu first() {
        return head;
    }

    boolean isEmpty() {
        return head == null;
    }

    /**
     * {@code runq_insert} (C2.12): before the first element with strictly less credit, so ties queue behind the
     * entries already there.
     */
    void insert(Credit2Vcpu v) {
        Credit2Vcpu at = head;
        while (at != null && v.credit <= at.credit) at = at.next;
        v.onRunq = true;
        v.next = at;
        v.prev = at == null ? tail : at.prev;
        if (v.prev == null) head = v; else v.prev.next = v;
        if (at == null) tail = v; else at.prev = v;
    }

    /** {@code runq_remove}. */
    void remove(Credit2Vcpu v) {
        if (v.prev == null) head = v.next; else v.prev.next = v.next;
        if (v.next == null) tail = v.prev; else v.next.prev = v.prev;
        v.prev = v.next = null;
        v.onRunq = false;
    }

    @Override
    public String toString() {
        return "runq" + id + active;
    }
}
