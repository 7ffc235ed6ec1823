package org.rtxen.sched.credit;

/**
 * One pCPU's Credit run queue (Xen's {@code csched_pcpu.runq}): an intrusive doubly linked list ordered by
 * priority from high to low, FIFO among equals. The pCPU's idle VCPU sits at the tail, priority IDLE, whenever it
 * is not running, so it acts as a sentinel (C1.8). Linking and unlinking never allocate.
 */
final class RunQueue {
    /** The list head; {@code head.next} is the first element, {@code head.prev} the last. */
    private final CreditVcpu head = CreditVcpu.listHead();

    /** The first element, or null when the queue is empty. */
    CreditVcpu first() {
        return head.next == head ? null : head.next;
    }

    /** Whether the queue is empty or starts with the idle VCPU ({@code is_runq_idle}). */
    boolean isIdleAtHead() {
        CreditVcpu f = first();
        return f == null || f.isIdle();
    }

    /** The element after {@code v}, or null if {@code v} is the last. */
    CreditVcpu after(CreditVcpu v) {
        return v.next == head ? null : v.next;
    }

    /**
     * Inserts {@code v} before the first element of lower priority (C1.9, {@code __runq_insert}). A yielding VCPU
     * goes one element further when that element is not the idle VCPU (Xen 4.17: the idle sentinel guarantees a
     * next element exists).
     */
    void insert(CreditVcpu v) {
        CreditVcpu at = head.next;
        while (at != head && v.pri <= at.pri) {
            at = at.next;
        }
        if (v.yield && at != head && at.pri > CreditVcpu.PRI_IDLE) {
            at = at.next;
        }
        linkBefore(v, at);
    }

    /** Unlinks {@code v}, which must be queued here ({@code __runq_remove}). */
    void remove(CreditVcpu v) {
        v.prev.next = v.next;
        v.next.prev = v.prev;
        v.next = null;
        v.prev = null;
    }

    /**
     * Moves every BOOST and UNDER element in front of all OVER and IDLE elements, keeping the relative order inside
     * each group ({@code csched_runq_sort}, C1.11).
     */
    void sortUnderFirst() {
        CreditVcpu lastUnder = head;
        CreditVcpu e = head.next;
        while (e != head) {
            CreditVcpu following = e.next;
            if (e.pri >= CreditVcpu.PRI_UNDER) {
                if (e.prev != lastUnder) {
                    remove(e);
                    linkBefore(e, lastUnder.next);
                }
                lastUnder = e;
            }
            e = following;
        }
    }

    private void linkBefore(CreditVcpu v, CreditVcpu at) {
        v.next = at;
        v.prev = at.prev;
        at.prev.next = v;
        at.prev = v;
    }
}
