package org.rtxen.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.Decision;
import org.rtxen.engine.machine.Host;
import org.rtxen.engine.machine.SchedContext;
import org.rtxen.engine.machine.VcpuScheduler;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * A minimal non-preemptive FIFO policy for framework tests; it records every hook call as "hook:vcpu" (pickCpu as
 * "pickCpu:vcpu@processor", the pCPU proposed to it). It places a VCPU on the first pCPU of its affinity at or after
 * the pool's first one. A VCPU it runs gets the slice given at construction (none by default), after which it keeps
 * running. Its pool may gain and lose pCPUs at run time.
 */
public final class RecordingFifoPolicy implements VcpuScheduler {
    public final List<String> calls = new ArrayList<>();
    private final ArrayDeque<Vcpu> queue = new ArrayDeque<>();
    private final List<Vcpu> requeueAtSave = new ArrayList<>();
    private final long sliceNs;
    private boolean sleepTickles = true;
    private boolean keepsBlocked;
    private SchedContext ctx;

    /** A policy that arms no slice timer. */
    public RecordingFifoPolicy() {
        this(Decision.NO_TIMER);
    }

    /** A policy that gives every guest VCPU it runs a slice of {@code sliceNs}. */
    public RecordingFifoPolicy(long sliceNs) {
        this.sliceNs = sliceNs;
    }

    @Override
    public void init(SchedContext ctx) {
        this.ctx = ctx;
    }

    /** From now on, a running VCPU put to sleep is not switched out by this policy: only the framework can do it. */
    public void sleepWithoutTickle() {
        sleepTickles = false;
    }

    /** From now on, a schedule keeps the current guest VCPU even when it blocked: a broken policy. */
    public void keepBlockedVcpus() {
        keepsBlocked = true;
    }

    /** The host the policy was initialised on. */
    public Host host() {
        return ctx.host();
    }

    @Override
    public void insert(Vcpu v) {
        calls.add("insert:" + v);
    }

    @Override
    public void remove(Vcpu v) {
        calls.add("remove:" + v);
        queue.remove(v);
    }

    @Override
    public void wake(Vcpu v) {
        calls.add("wake:" + v);
        if (v.isCurrent() || queue.contains(v)) return;
        if (v.isRunning()) {
            requeueAtSave.add(v);
            return;
        }
        queue.add(v);
        ctx.tickle(v.processor());
    }

    @Override
    public void sleep(Vcpu v) {
        calls.add("sleep:" + v);
        queue.remove(v);
        requeueAtSave.remove(v);
        if (sleepTickles && v.isCurrent()) ctx.tickle(v.processor());
    }

    @Override
    public void resumedWhileBlocked(Vcpu v) {
        calls.add("resumedWhileBlocked:" + v);
    }

    @Override
    public Pcpu pickCpu(Vcpu v) {
        calls.add("pickCpu:" + v + "@" + v.processor());
        return ctx.host().pcpu(v.affinityInPool().atOrAfter(ctx.pool().pcpus().get(0).id()));
    }

    @Override
    public Decision schedule(Pcpu pcpu, long now) {
        Vcpu cur = pcpu.current();
        calls.add("schedule:" + cur);
        if (!cur.isIdle() && (cur.isRunnable() || keepsBlocked)) return new Decision(cur, sliceNs, false);
        for (Vcpu v : queue) {
            if (v.affinityInPool().contains(pcpu.id())) {
                queue.remove(v);
                return new Decision(v, sliceNs, v.processor() != pcpu);
            }
        }
        return new Decision(pcpu.idleVcpu(), Decision.NO_TIMER, false);
    }

    @Override
    public void contextSaved(Vcpu v) {
        calls.add("contextSaved:" + v + (v.isRunning() ? ":still-running" : ""));
        if (requeueAtSave.remove(v) && v.isRunnable()) {
            queue.add(v);
            ctx.tickle(v.processor());
        }
    }

    @Override
    public void adjust(Domain d, SchedParams p) {
        calls.add("adjust:" + d);
    }

    @Override
    public void adjustAffinity(Vcpu v, CpuMask hard) {
        calls.add("adjustAffinity:" + v + "@" + hard);
    }

    @Override
    public void pcpuLeaving(Pcpu p) {
        calls.add("pcpuLeaving:" + p);
    }

    @Override
    public boolean canResizePool() {
        return true;
    }

    @Override
    public void joinPool(Pcpu p) {
        calls.add("joinPool:" + p);
    }

    @Override
    public void leavePool(Pcpu p) {
        calls.add("leavePool:" + p);
    }

    @Override
    public void adjustGlobal(PoolParams p) {
        calls.add("adjustGlobal");
    }
}
