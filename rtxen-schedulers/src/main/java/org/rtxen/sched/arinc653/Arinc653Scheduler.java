package org.rtxen.sched.arinc653;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.Decision;
import org.rtxen.engine.machine.SchedContext;
import org.rtxen.engine.machine.VcpuScheduler;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * Xen's ARINC 653 cyclic executive, following {@code xen/common/sched/arinc653.c} of Xen 4.17.0 with the frame
 * anchoring and per-pool state of 4.21 and the control-domain slots of 4.22 (spec section 3, rules A3.x).
 *
 * <p>One table per pool lists (domain, VCPU, runtime) slots that run back to back from the start of every major
 * frame; time after the last slot is idle. A slot runs its VCPU only if that VCPU exists, is awake and runnable and
 * is assigned to the deciding pCPU; otherwise the pCPU idles for the whole slot and the time is never given to
 * anyone else (7.A1). Frames stay aligned to the instant the table was installed even when a decision comes late
 * (A3.4). The scheduler never migrates (A3.6, A3.7).
 */
public final class Arinc653Scheduler implements VcpuScheduler {
    /** Xen's {@code ARINC653_MAX_DOMAINS_PER_SCHEDULE}. */
    static final int MAX_SLOTS = 64;
    /** Xen's {@code DEFAULT_TIMESLICE}: default frame and control-domain slot length, 10 ms (A3.3). */
    static final long DEFAULT_TIMESLICE_NS = 10_000_000L;

    private SchedContext ctx;

    // The table (A3.1): entries bind to VCPUs late, by domain name and VCPU index (A3.2).
    private final String[] slotDomain = new String[MAX_SLOTS];
    private final int[] slotVcpuIndex = new int[MAX_SLOTS];
    private final long[] slotRuntime = new long[MAX_SLOTS];
    private final Vcpu[] slotVcpu = new Vcpu[MAX_SLOTS];
    private int slots;
    private long majorFrame = DEFAULT_TIMESLICE_NS;

    // Position in the table (per pool since 4.21).
    private long nextMajorFrame;
    private long nextSwitch;
    private int index;

    /** The VCPUs known to this pool, most recently inserted first (Xen's {@code unit_list}). */
    private final List<Vcpu> known = new ArrayList<>();
    /** Per VCPU id: marked awake by wake, cleared by sleep (A3.5). */
    private boolean[] awake;
    /** What every schedule call returns, refilled each time so that deciding never allocates. */
    private final Decision decision = new Decision();

    /** A scheduler with the empty default table until a table is installed (A3.3). */
    public Arinc653Scheduler() {
        slotRuntime[0] = DEFAULT_TIMESLICE_NS;
    }

    @Override
    public void init(SchedContext context) {
        this.ctx = context;
        awake = new boolean[context.host().vcpuCount()];
        nextMajorFrame = context.now();
    }

    /** Its pool may gain and lose pCPUs at run time. */
    @Override
    public boolean canResizePool() {
        return true;
    }

    /** A free pCPU joins the pool at run time: it gets its decision object (the schedule table is pool-wide). */
    @Override
    public void joinPool(Pcpu p) {
    }

    /** The pCPU leaves the pool at run time: ARINC653 keeps no other per-pCPU state. */
    @Override
    public void leavePool(Pcpu p) {}

    /**
     * Installs a schedule table (sysctl putinfo, A3.2). Rejects with {@link IllegalArgumentException} a frame that is
     * not positive, 0 or more than 64 slots, a runtime that is not positive, or slots longer than the frame.
     */
    @Override
    public void adjustGlobal(PoolParams p) {
        if (p instanceof PoolParams.None) return;
        if (!(p instanceof Arinc653Schedule table)) {
            throw new IllegalArgumentException("arinc653 pool takes a schedule table, not " + p);
        }
        List<Arinc653Slot> entries = table.slots();
        if (table.majorFrameNs() <= 0) {
            throw new IllegalArgumentException("major_frame must be positive, got " + table.majorFrameNs() + "ns");
        }
        if (entries.isEmpty() || entries.size() > MAX_SLOTS) {
            throw new IllegalArgumentException("schedule must have 1.." + MAX_SLOTS + " slots, got " + entries.size());
        }
        long total = 0;
        for (int i = 0; i < entries.size(); i++) {
            long runtime = entries.get(i).runtimeNs();
            if (runtime <= 0) {
                throw new IllegalArgumentException("slot " + i + ": runtime must be positive, got " + runtime + "ns");
            }
            total += runtime;
        }
        if (total > table.majorFrameNs()) {
            throw new IllegalArgumentException("slots total " + total + "ns, longer than major_frame "
                    + table.majorFrameNs() + "ns");
        }
        slots = entries.size();
        majorFrame = table.majorFrameNs();
        for (int i = 0; i < slots; i++) {
            Arinc653Slot s = entries.get(i);
            slotDomain[i] = s.domain();
            slotVcpuIndex[i] = s.vcpu();
            slotRuntime[i] = s.runtimeNs();
        }
        bindSlots();
        // The new table starts a frame now, but takes effect only at the next decision (7.A2).
        nextMajorFrame = ctx.now();
    }

    @Override
    public void insert(Vcpu v) {
        // alloc_udata: control-domain VCPUs get a 10 ms slot while slots remain; each after the first adds 10 ms to
        // the frame (A3.3, 7.A6).
        if (v.domain().spec().control() && slots < MAX_SLOTS) {
            slotDomain[slots] = v.domain().name();
            slotVcpuIndex[slots] = v.index();
            slotRuntime[slots] = DEFAULT_TIMESLICE_NS;
            if (slots > 0) majorFrame += DEFAULT_TIMESLICE_NS;
            slots++;
        }
        awake[v.id()] = false;
        known.add(0, v);
        bindSlots();
    }

    @Override
    public void remove(Vcpu v) {
        known.remove(v);
        bindSlots();
    }

    /** {@code update_schedule_units}: resolves every slot to a known VCPU, or none. */
    private void bindSlots() {
        for (int i = 0; i < slots; i++) {
            slotVcpu[i] = null;
            for (Vcpu v : known) {
                if (v.domain().name().equals(slotDomain[i]) && v.index() == slotVcpuIndex[i]) {
                    slotVcpu[i] = v;
                    break;
                }
            }
        }
    }

    @Override
    public void wake(Vcpu v) {
        awake[v.id()] = true;
        ctx.tickle(v.processor());
    }

    @Override
    public void sleep(Vcpu v) {
        awake[v.id()] = false;
        if (v.isCurrent()) ctx.tickle(v.processor());
    }

    /**
     * The VCPU's current pCPU if it may run there, else the first pCPU it may run on (A3.6; Xen looks only at the
     * pool, the SPI also requires hard affinity).
     */
    @Override
    public Pcpu pickCpu(Vcpu v) {
        Pcpu p = v.processor();
        if (v.affinityInPool().contains(p.id())) return p;
        return ctx.host().pcpu(v.affinityInPool().first());
    }

    /** ARINC653 has no per-domain parameters; the call is accepted and ignored, as Xen's is (A3.8). */
    @Override
    public void adjust(Domain d, SchedParams p) {
        if (p != null && !(p instanceof Arinc653Params)) { // null: the defaults, after cpupool-migrate
            throw new IllegalArgumentException("domain " + d.name() + ": arinc653 pool takes no parameters, got " + p);
        }
    }

    @Override
    public Decision schedule(Pcpu pcpu, long now) {
        if (now >= nextMajorFrame) {
            // Start the frame at the planned boundary even if this decision is late (A3.4.1, since 4.21).
            long late = (now - nextMajorFrame) % majorFrame;
            index = 0;
            nextMajorFrame = now - late + majorFrame;
            nextSwitch = now - late + slotRuntime[0];
        }
        while (now >= nextSwitch && ++index < slots) {
            nextSwitch += slotRuntime[index];
        }
        if (index >= slots) nextSwitch = nextMajorFrame;

        Vcpu next = index < slots ? slotVcpu[index] : null;
        if (next != null && !(awake[next.id()] && next.isRunnable())) next = null;
        if (next != null && next.processor() != pcpu) next = null; // the scheduler never migrates (A3.4.7)
        return decision.set(next != null ? next : pcpu.idleVcpu(), nextSwitch - now, false);
    }

    /** Not work conserving: a slot whose VCPU cannot run idles, and slack is never given to anyone (A3.4, 7.A1). */
    @Override
    public boolean isWorkConserving() {
        return false;
    }
}
