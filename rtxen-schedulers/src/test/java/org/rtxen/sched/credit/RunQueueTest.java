package org.rtxen.sched.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Credit run queue: insertion by priority, first in first out among equals (C1.9), a yielding VCPU placed behind
 * one lower-priority element but never behind the idle VCPU, the re-sort that moves BOOST and UNDER VCPUs before OVER
 * ones keeping their order (C1.11), and removal.
 */
class RunQueueTest {
    private final CreditDomain dom = new CreditDomain(256, 0);

    private CreditVcpu vcpu(int pri) {
        return new CreditVcpu(null, dom, pri);
    }

    private static CreditVcpu idle() {
        return new CreditVcpu(null, null, CreditVcpu.PRI_IDLE);
    }

    private static List<CreditVcpu> contents(RunQueue q) {
        List<CreditVcpu> out = new ArrayList<>();
        for (CreditVcpu s = q.first(); s != null; s = q.after(s)) out.add(s);
        return out;
    }

    @Test
    void insert_mixedPriorities_ordersHighToLowFifoAmongEquals() {
        // C1.9: stop at the first element of lower priority, so equal priorities queue FIFO.
        RunQueue q = new RunQueue();
        CreditVcpu idle = idle(), over = vcpu(CreditVcpu.PRI_OVER), under1 = vcpu(CreditVcpu.PRI_UNDER),
                under2 = vcpu(CreditVcpu.PRI_UNDER), boost = vcpu(CreditVcpu.PRI_BOOST);
        q.insert(idle);
        q.insert(over);
        q.insert(under1);
        q.insert(under2);
        q.insert(boost);
        assertEquals(List.of(boost, under1, under2, over, idle), contents(q));
    }

    @Test
    void insert_yieldingVcpu_goesBehindOneLowerPriorityElement() {
        // C1.9 yield variant: [UNDER a, OVER b, OVER c, idle]; a yielding UNDER y stops at b and steps once: behind b.
        RunQueue q = new RunQueue();
        CreditVcpu a = vcpu(CreditVcpu.PRI_UNDER), b = vcpu(CreditVcpu.PRI_OVER), c = vcpu(CreditVcpu.PRI_OVER),
                idle = idle(), y = vcpu(CreditVcpu.PRI_UNDER);
        q.insert(idle);
        q.insert(a);
        q.insert(b);
        q.insert(c);
        y.yield = true;
        q.insert(y);
        assertEquals(List.of(a, b, y, c, idle), contents(q));
    }

    @Test
    void insert_yieldingVcpuBeforeIdle_staysInFrontOfIdle() {
        // The step is skipped when the element found is the idle VCPU.
        RunQueue q = new RunQueue();
        CreditVcpu idle = idle(), y = vcpu(CreditVcpu.PRI_UNDER);
        q.insert(idle);
        y.yield = true;
        q.insert(y);
        assertEquals(List.of(y, idle), contents(q));
    }

    @Test
    void sortUnderFirst_staleOrder_movesBoostAndUnderBeforeOverKeepingOrder() {
        // C1.11: after accounting changed priorities in place, [OVER o1, UNDER u1, OVER o2, BOOST b, idle]
        // becomes [u1, b, o1, o2, idle]; BOOST is not moved ahead of UNDER.
        RunQueue q = new RunQueue();
        CreditVcpu o1 = vcpu(CreditVcpu.PRI_UNDER), u1 = vcpu(CreditVcpu.PRI_UNDER), o2 = vcpu(CreditVcpu.PRI_UNDER),
                b = vcpu(CreditVcpu.PRI_UNDER), idle = idle();
        for (CreditVcpu s : List.of(o1, u1, o2, b, idle)) q.insert(s);
        o1.pri = CreditVcpu.PRI_OVER;
        o2.pri = CreditVcpu.PRI_OVER;
        b.pri = CreditVcpu.PRI_BOOST;
        q.sortUnderFirst();
        assertEquals(List.of(u1, b, o1, o2, idle), contents(q));
    }

    @Test
    void remove_queuedElement_unlinksIt() {
        RunQueue q = new RunQueue();
        CreditVcpu a = vcpu(CreditVcpu.PRI_UNDER), idle = idle();
        q.insert(a);
        q.insert(idle);
        assertFalse(q.isIdleAtHead());
        q.remove(a);
        assertFalse(a.isQueued());
        assertTrue(q.isIdleAtHead());
        assertEquals(List.of(idle), contents(q));
    }
}
