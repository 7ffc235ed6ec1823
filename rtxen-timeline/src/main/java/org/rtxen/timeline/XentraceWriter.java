package org.rtxen.timeline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.rtxen.engine.machine.Host;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.RunState;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.TraceSink;

/**
 * Writes the run as a Xen 4.17 xentrace file (spec/xentrace.md) with a 1 GHz TSC, {@link #TSC_BASE} plus the
 * simulated nanosecond, so that {@code xenalyze --cpu-hz 1G} and {@code rtxen trace summary --cpu-hz 1G} read it.
 *
 * <p>Records: the run-state changes of every VCPU, the idle VCPUs included (domain 32767, VCPU n on pCPU n, spec
 * 2.1), each in the stream of the pCPU it concerns (the one switching, or the one the VCPU is assigned to for a
 * wake, unless the VCPU's previous record is in another pCPU's stream at the same TSC: then there, after it, since
 * readers order equal TSCs of different pCPUs arbitrarily, pitfall 3); {@code TRC_SCHED_WAKE} before a wake and
 * {@code TRC_SCHED_SWITCH_INFPREV} and {@code TRC_SCHED_SWITCH} before a switch (spec 2.2; dump-only). At time 0
 * every guest VCPU gets a zero-length priming run in pCPU 0's stream so that xenalyze accounts it from the start
 * (2.4); at the end every VCPU goes offline (2.5). So xenalyze's per-VCPU running, runnable and blocked totals equal
 * the simulation's to the nanosecond.
 *
 * <p>One exception (spec pitfall 3): a VCPU can be dispatched on one pCPU at the instant of its last record in
 * another's stream (with zero context-switch cost it left that pCPU then; or its domain was created then, placing it
 * there), and xenalyze aborts unless the dispatch has a later TSC; such a dispatch is written 1 ns late (the pCPU's
 * later records follow it, and its idle VCPU runs until then), moving 1 ns from running to runnable for that VCPU
 * and from busy to idle for that pCPU.
 *
 * <p>Records are kept per pCPU in a 64 KiB buffer; when one fills, every pCPU's buffer is written as one window, so
 * the first round of windows names every pCPU (spec 1.3) and memory stays constant.
 */
public final class XentraceWriter implements TraceSink {
    /** The TSC of simulated time 0: positive, since xenalyze reads a TSC of 0 as unknown (spec 1.4). */
    public static final long TSC_BASE = 1_000_000_000L;
    /** Xen's idle domain id. */
    static final int IDLE_DOMAIN = 32767;
    /** The pCPUs a xentrace file can hold, 0..255: xenalyze's {@code MAX_CPUS} (spec 1.3). */
    public static final int MAX_PCPUS = 256;

    static final int CPU_CHANGE = 0x0001f003;
    static final int RUNSTATE_CHANGE = 0x00021001;
    static final int SCHED_WAKE = 0x00028004;
    static final int SCHED_SWITCH_INFPREV = 0x0002800e;
    static final int SCHED_SWITCH = 0x0002800a;

    private static final int WINDOW_BYTES = 64 * 1024;
    private static final int MAX_RECORD_BYTES = 40;
    private static final int RUNNING = RunState.RUNNING.ordinal();
    private static final int RUNNABLE = RunState.RUNNABLE.ordinal();
    private static final int OFFLINE = RunState.OFFLINE.ordinal();

    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    private ByteBuffer[] window;
    /** Per pCPU: the last TSC written (records never go back in time within a pCPU, pitfall 4). */
    private long[] lastTsc;
    /** Per pCPU: its current VCPU. */
    private Vcpu[] current;
    /** Per pCPU: since when its current VCPU has run (for INFPREV). */
    private long[] runningSince;
    /** Per pCPU: its idle VCPU is to be dispatched after the outgoing guest VCPU's record. */
    private boolean[] idleInPending;
    /** Per pCPU: the TSC until which its idle VCPU runs between the outgoing guest VCPU and a late dispatch, or 0. */
    private long[] idleUntil;
    /** Per VCPU id: TSC and stream (pCPU) of its last run-state record, to keep its records of one instant in order. */
    private long[] vcpuTsc;
    private int[] vcpuStream;
    /** Per VCPU id: TSC of a wake not yet written (-1: none), and the pCPU whose stream holds it. */
    private long[] wakeTsc;
    private int[] wakeCpu;
    private int[] wakeFrom;
    /** Per pCPU: the VCPUs whose wake waits to be written there. */
    private Vcpu[][] wakes;
    private int[] wakeCount;
    private Host host;

    /** Writes to {@code out} (buffer it; the caller closes it after the run). */
    public XentraceWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void start(Host host) {
        this.host = host;
        int n = host.pcpus().size();
        window = new ByteBuffer[n];
        lastTsc = new long[n];
        current = new Vcpu[n];
        runningSince = new long[n];
        idleInPending = new boolean[n];
        idleUntil = new long[n];
        vcpuTsc = new long[host.vcpuCount()];
        vcpuStream = new int[host.vcpuCount()];
        Arrays.fill(vcpuStream, -1);
        wakeTsc = new long[host.vcpuCount()];
        wakeCpu = new int[host.vcpuCount()];
        wakeFrom = new int[host.vcpuCount()];
        Arrays.fill(wakeTsc, -1);
        wakes = new Vcpu[n][host.vcpuCount()];
        wakeCount = new int[n];
        for (int p = 0; p < n; p++) window[p] = ByteBuffer.allocate(WINDOW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Vcpu v : host.vcpus()) {
            if (v.isIdle() || v.processor() == null) continue;
            // Spec 2.4: a zero-length run so that xenalyze leaves its INIT state for v at time 0. All in pCPU 0's
            // stream, which both readers take first of the streams' equal first TSCs: before every other record of v.
            record(0, 0, RUNSTATE_CHANGE | RUNNABLE << 8 | RUNNING << 4, domid(v) << 16 | vcpuid(v));
            record(0, 0, RUNSTATE_CHANGE | RUNNING << 8 | v.runState().ordinal() << 4, domid(v) << 16 | vcpuid(v));
        }
        for (Pcpu p : host.pcpus()) {
            current[p.id()] = p.current();
            runstate(p.id(), 0, p.current(), RUNNABLE, RUNNING);
        }
    }

    @Override
    public void contextSwitch(long now, Pcpu p, Vcpu prev, Vcpu next) {
        int cpu = p.id();
        long late = next.isIdle() ? 0 : lateDispatch(next, cpu, now);
        // Pitfall 3: until a late dispatch the pCPU is idle, from the start of the switch or after prev's record.
        if (prev.isIdle()) advance(cpu, late); else idleUntil[cpu] = late;
        long ranNs = now - runningSince[cpu];
        record(cpu, now, SCHED_SWITCH_INFPREV, domid(prev), vcpuid(prev),
                (int) Math.min(ranNs, 0xffff_ffffL));
        record(cpu, now, SCHED_SWITCH, domid(prev), vcpuid(prev), domid(next), vcpuid(next));
        current[cpu] = next;
        runningSince[cpu] = now;
        if (prev.isIdle()) runstate(cpu, now, prev, RUNNING, RUNNABLE);
        if (next.isIdle()) idleInPending[cpu] = true; // after prev's own record (spec 2.2: prev out before next in)
    }

    /**
     * Pitfall 3: the TSC at which {@code v}'s dispatch on {@code cpu} at {@code now} must be written to follow its
     * records of that TSC in other streams (a descheduling, a wake that stays after one), a tick after them; or 0
     * when none is in the way. A wake held back that cannot move to {@code cpu}'s stream is written first.
     */
    private long lateDispatch(Vcpu v, int cpu, long now) {
        int id = v.id();
        if (wakeTsc[id] >= 0 && (wakeTsc[id] != TSC_BASE + now || lastTsc[cpu] > wakeTsc[id]
                || lastElsewhere(v, cpu, wakeTsc[id]))) {
            flushWakes(wakeCpu[id], Long.MAX_VALUE);
        }
        return lastElsewhere(v, cpu, Math.max(TSC_BASE + now, lastTsc[cpu])) ? vcpuTsc[id] + 1 : 0;
    }

    /** A VCPU's run-state change; none before its domain is created (a later {@code start}), as Xen has no VCPU yet. */
    @Override
    public void runState(long now, Vcpu v, RunState from, RunState to) {
        if (v.processor() == null) return;
        int id = v.id();
        int cpu = v.processor().id();
        // A change while v runs nowhere goes after its record of this same TSC in another stream: in that stream.
        if (to != RunState.RUNNING && from != RunState.RUNNING
                && lastElsewhere(v, cpu, Math.max(TSC_BASE + now, lastTsc[cpu]))) {
            cpu = vcpuStream[id];
        }
        if (to == RunState.RUNNABLE && (from == RunState.BLOCKED || from == RunState.OFFLINE)) {
            // Held back: if a pCPU dispatches v at this same time, the wake goes in that pCPU's stream (pitfall 3).
            wakeTsc[id] = TSC_BASE + now;
            wakeCpu[id] = cpu;
            wakeFrom[id] = from.ordinal();
            wakes[cpu][wakeCount[cpu]++] = v;
            return;
        }
        if (wakeTsc[id] >= 0) {
            if (to == RunState.RUNNING) { // left pending by lateDispatch: it goes here, just before the dispatch
                unqueueWake(v);
                writeWake(cpu, v);
            } else {
                flushWakes(wakeCpu[id], Long.MAX_VALUE);
            }
        }
        runstate(cpu, now, v, from.ordinal(), to.ordinal());
        if (from == RunState.RUNNING) {
            Vcpu idle = v.processor().idleVcpu();
            if (idleInPending[cpu]) {
                idleInPending[cpu] = false;
                runstate(cpu, now, idle, RUNNABLE, RUNNING);
            } else if (idleUntil[cpu] > 0) {
                runstate(cpu, now, idle, RUNNABLE, RUNNING);
                advance(cpu, idleUntil[cpu]);
                runstate(cpu, now, idle, RUNNING, RUNNABLE);
            }
            idleUntil[cpu] = 0;
        }
    }

    @Override
    public void end(long endNs) {
        for (int cpu = 0; cpu < wakes.length; cpu++) flushWakes(cpu, Long.MAX_VALUE);
        for (Pcpu p : host.pcpus()) runstate(p.id(), endNs, current[p.id()], RUNNING, OFFLINE);
        for (Vcpu v : host.vcpus()) {
            if (!v.isIdle() && v.runState() != RunState.RUNNING && v.processor() != null) { // created before the end
                // After its record of this same TSC in another stream (a run stopped by a limit mid-instant), there.
                int cpu = v.processor().id();
                if (lastElsewhere(v, cpu, Math.max(TSC_BASE + endNs, lastTsc[cpu]))) cpu = vcpuStream[v.id()];
                runstate(cpu, endNs, v, v.runState().ordinal(), OFFLINE);
            }
        }
        flushWindows();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void runstate(int cpu, long now, Vcpu v, int from, int to) {
        record(cpu, now, RUNSTATE_CHANGE | from << 8 | to << 4, domid(v) << 16 | vcpuid(v));
        written(v, cpu);
    }

    /** Notes that {@code v}'s latest run-state record is the last one in {@code cpu}'s stream. */
    private void written(Vcpu v, int cpu) {
        vcpuTsc[v.id()] = lastTsc[cpu];
        vcpuStream[v.id()] = cpu;
    }

    /** Whether {@code v}'s last record is in another stream than {@code cpu}'s, at {@code tsc} or later. */
    private boolean lastElsewhere(Vcpu v, int cpu, long tsc) {
        int stream = vcpuStream[v.id()];
        return stream >= 0 && stream != cpu && vcpuTsc[v.id()] >= tsc;
    }

    private static int domid(Vcpu v) {
        return v.isIdle() ? IDLE_DOMAIN : v.domain().id();
    }

    /** The VCPU number in its domain; an idle VCPU's index is its pCPU's id. */
    private static int vcpuid(Vcpu v) {
        return v.index();
    }

    /** Writes {@code v}'s held-back wake (TSC_SCHED_WAKE, then blocked or offline to runnable) in {@code cpu}'s stream. */
    private void writeWake(int cpu, Vcpu v) {
        long tsc = Math.max(wakeTsc[v.id()], lastTsc[cpu]);
        wakeTsc[v.id()] = -1;
        int from = wakeFrom[v.id()];
        put(cpu, tsc, SCHED_WAKE, domid(v), vcpuid(v));
        put(cpu, tsc, RUNSTATE_CHANGE | from << 8 | RUNNABLE << 4, domid(v) << 16 | vcpuid(v));
        written(v, cpu);
    }

    /** Writes the wakes held back for {@code cpu}'s stream whose TSC is below {@code beforeTsc}, in wake order. */
    private void flushWakes(int cpu, long beforeTsc) {
        int kept = 0;
        Vcpu[] list = wakes[cpu];
        for (int k = 0; k < wakeCount[cpu]; k++) {
            Vcpu v = list[k];
            if (wakeTsc[v.id()] < beforeTsc) writeWake(cpu, v); else list[kept++] = v;
        }
        wakeCount[cpu] = kept;
    }

    private void unqueueWake(Vcpu v) {
        int cpu = wakeCpu[v.id()];
        Vcpu[] list = wakes[cpu];
        int kept = 0;
        for (int k = 0; k < wakeCount[cpu]; k++) if (list[k] != v) list[kept++] = list[k];
        wakeCount[cpu] = kept;
    }

    /**
     * Moves {@code cpu}'s stream on to {@code tsc} (a late dispatch's): the wakes held back for it from before then are
     * written first, at their own TSCs, not at the late one.
     */
    private void advance(int cpu, long tsc) {
        if (wakeCount[cpu] > 0) flushWakes(cpu, tsc);
        lastTsc[cpu] = Math.max(lastTsc[cpu], tsc);
    }

    /** One record with a TSC and {@code words.length} payload words in pCPU {@code cpu}'s stream. */
    private void record(int cpu, long now, int event, int... words) {
        long tsc = Math.max(TSC_BASE + now, lastTsc[cpu]);
        if (wakeCount[cpu] > 0) flushWakes(cpu, tsc);
        put(cpu, tsc, event, words);
    }

    private void put(int cpu, long tsc, int event, int... words) {
        ByteBuffer b = window[cpu];
        if (b.remaining() < MAX_RECORD_BYTES) flushWindows();
        lastTsc[cpu] = Math.max(tsc, lastTsc[cpu]);
        b.putInt(event | words.length << 28 | 1 << 31);
        b.putLong(tsc);
        for (int w : words) b.putInt(w);
    }

    /** Writes every pCPU's buffered records as one window each, in pCPU order (spec 1.2). */
    private void flushWindows() {
        try {
            for (int cpu = 0; cpu < window.length; cpu++) {
                ByteBuffer b = window[cpu];
                header.clear();
                header.putInt(CPU_CHANGE | 2 << 28).putInt(cpu).putInt(b.position());
                out.write(header.array(), 0, 12);
                out.write(b.array(), 0, b.position());
                b.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
