package org.rtxen.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Derives per-VCPU run-state times and per-pCPU busy/idle time from the runstate records, the way xenalyze's
 * {@code sched_runstate_process} does (spec/xentrace.md 2.3-2.5; tools/xentrace/xenalyze.c of Xen 4.17.7, which
 * Debian's 4.17.5+ package ships: it includes the start-of-day rework of commit f04295dd80).
 *
 * <p>Only two record kinds matter: RUNSTATE_CHANGE (old and new state in the event id, ids in word 0) and
 * CONTINUE_RUNNING. A lost-records record puts the pCPU's current VCPU and every non-running VCPU into LOST
 * until each is next seen running, as xenalyze does. The {@link Accounting} mode chooses how the trace's two ends
 * are treated. Where the records contradict each other, this class follows xenalyze's choice of which interval
 * to drop but does not shift TSCs for suspected skew (xenalyze's tsc_skew offsets): a real trace from one host
 * has one TSC, and the shift only hides the contradiction. Each contradiction is reported as a warning.
 */
public final class RunstateAccounting implements RecordVisitor {
    private static final int RUNNING = Runstate.RUNNING.ordinal();
    private static final int LOST = Runstate.LOST.ordinal();
    private static final int MAX_VCPUS = 256;

    private final Accounting mode;
    private final TraceWarnings warnings;
    private final VcpuRunstates[][] byDomain = new VcpuRunstates[1 << 16][];
    private final List<VcpuRunstates> vcpus = new ArrayList<>();
    private final PcpuState[] pcpus = new PcpuState[MAX_VCPUS];
    private long traceFirstTsc;
    private long traceLastTsc;
    private int lostPcpus;

    /** Accounts in the given mode, reporting contradictions to {@code warnings}. */
    public RunstateAccounting(Accounting mode, TraceWarnings warnings) {
        this.mode = mode;
        this.warnings = warnings;
    }

    /** Every VCPU seen, idle VCPUs included, ordered by domain then VCPU id. */
    public List<VcpuRunstates> vcpus() {
        List<VcpuRunstates> sorted = new ArrayList<>(vcpus);
        sorted.sort(Comparator.comparingInt(VcpuRunstates::domain).thenComparingInt(VcpuRunstates::vcpu));
        return sorted;
    }

    /** Per-pCPU busy and idle cycles, ordered by pCPU. */
    public List<PcpuTime> pcpus() {
        List<PcpuTime> out = new ArrayList<>();
        for (PcpuState p : pcpus) {
            if (p != null) out.add(new PcpuTime(p.id, p.busyCycles, p.idleCycles));
        }
        return out;
    }

    /** Busy (a guest or dom0 VCPU current) and idle (the idle VCPU current) cycles of one pCPU. */
    public record PcpuTime(int pcpu, long busyCycles, long idleCycles) {}

    @Override
    public void record(TraceRecord r) {
        PcpuState p = pcpu(r.pcpu());
        if (r.hasTsc()) {
            if (p.firstTsc == 0) p.firstTsc = r.tsc();
            if (traceFirstTsc == 0) traceFirstTsc = r.tsc();
            traceLastTsc = Math.max(traceLastTsc, r.tsc());
        }
        int event = r.event();
        if (event == TraceEventIds.LOST_RECORDS_END) {
            if (p.lostActive && r.tsc() > p.lostTsc) endLoss(p, r.tsc());
            return;
        }
        if (event == TraceEventIds.CONTINUE_RUNNING || (event & TraceEventIds.RUNSTATE_CHANGE_MASK) == TraceEventIds.RUNSTATE_CHANGE) {
            runstate(p, r);
        } else if (event == TraceEventIds.LOST_RECORDS && r.extraWords() == 4) {
            lost(p, r);
        }
    }

    private void runstate(PcpuState p, TraceRecord r) {
        if (r.extraWords() < 1) {
            warnings.add("byte " + r.fileOffset() + ": runstate record without its VCPU word; ignored");
            return;
        }
        int ids = r.word(0);
        int vcpuId = ids & 0xffff;
        int domain = ids >>> 16;
        if (vcpuId >= MAX_VCPUS) {
            warnings.add("byte " + r.fileOffset() + ": VCPU id " + vcpuId + " over " + (MAX_VCPUS - 1) + "; ignored");
            return;
        }
        VcpuRunstates v = vcpu(domain, vcpuId);
        long tsc = r.tsc();
        if (r.event() == TraceEventIds.CONTINUE_RUNNING) {
            continueRunning(p, v, tsc);
            return;
        }
        Runstate oldState = Runstate.ofXenCode((r.event() >>> 8) & 0xf);
        Runstate newState = Runstate.ofXenCode((r.event() >>> 4) & 0xf);
        if (oldState == null || newState == null) {
            warnings.add("byte " + r.fileOffset() + ": runstate change with unknown state code; ignored");
            return;
        }
        int old = oldState.ordinal();
        int next = newState.ordinal();
        if (v.state == VcpuRunstates.INIT) {
            if (mode == Accounting.XENALYZE) {
                startLikeXenalyze(p, v, old, next, tsc);
                return;
            }
            // Not seen before: it has been in `old` since the trace began (it would have a record otherwise).
            if (old == RUNNING) {
                start(p, v, traceFirstTsc);
            } else {
                v.enter(old, traceFirstTsc);
            }
        } else if (v.state != old) {
            if (v.state == LOST) {
                if (next != RUNNING) return;
            } else {
                warnings.add("d" + domain + "v" + vcpuId + ": record says " + oldState + "->" + newState + " at TSC "
                        + tsc + " but it was " + Runstate.values()[v.state]);
                if (v.state == RUNNING) return;
            }
        }
        if (old == RUNNING) {
            deschedule(p, v, next, tsc);
            if (lostPcpus > 0 && domain != TraceEventIds.IDLE_DOMAIN) v.enter(LOST, tsc);
        } else if (next == RUNNING) {
            dispatch(p, v, tsc);
        } else {
            v.enter(next, tsc);
        }
    }

    private void continueRunning(PcpuState p, VcpuRunstates v, long tsc) {
        if (v.state == VcpuRunstates.INIT) {
            if (mode == Accounting.XENALYZE) startLikeXenalyze(p, v, RUNNING, RUNNING, tsc);
            else start(p, v, traceFirstTsc);
        } else if (v.state == LOST) {
            if (p.current != null) deschedule(p, p.current, LOST, tsc);
            dispatch(p, v, tsc);
        } else if (v.state != RUNNING || v.pcpu != p.id) {
            warnings.add("d" + v.domain() + "v" + v.vcpu() + ": continues running on pCPU " + p.id + " at TSC " + tsc
                    + " but it was " + Runstate.values()[v.state] + " on pCPU " + v.pcpu + "; ignored");
        } else {
            v.enter(RUNNING, tsc);
        }
    }

    /**
     * The first record of {@code v}, as xenalyze 4.17.5+ handles it (vcpu_start, after Xen commit f04295dd80): a
     * VCPU leaves INIT only by a record that puts it into running: running-to-running (a continue) counts from
     * its pCPU's first TSC, a dispatch from the record's TSC. A record taking it out of running tells only that
     * the pCPU's unknown start-of-trace VCPU has left, and is otherwise ignored, as are the records that leave it
     * runnable or blocked.
     */
    private void startLikeXenalyze(PcpuState p, VcpuRunstates v, int old, int next, long tsc) {
        if (old == RUNNING) {
            if (!p.startOfTraceCurrent) {
                warnings.add("d" + v.domain() + "v" + v.vcpu() + ": first seen leaving running on pCPU " + p.id
                        + " at TSC " + tsc + ", after another VCPU was scheduled there; ignored (xenalyze stops"
                        + " here)");
                return;
            }
            p.startOfTraceCurrent = false;
            p.current = null;
        }
        if (next != RUNNING) return;
        long since = old == RUNNING ? p.firstTsc : tsc;
        v.enter(RUNNING, since);
        v.pcpu = p.id;
        p.current = v;
        p.open(since);
        p.startOfTraceCurrent = false;
    }

    /** {@code v} is taken to have been running on {@code p} since {@code since}. */
    private void start(PcpuState p, VcpuRunstates v, long since) {
        if (p.current != null && p.current != v) {
            warnings.add("d" + v.domain() + "v" + v.vcpu() + ": first seen running on pCPU " + p.id + ", whose"
                    + " current VCPU is d" + p.current.domain() + "v" + p.current.vcpu() + "; its time before is"
                    + " not counted");
            since = 0;
        }
        v.enter(RUNNING, since);
        v.pcpu = p.id;
        p.current = v;
        p.open(since);
        p.startOfTraceCurrent = false;
    }

    /** {@code v} leaves running on {@code p} for {@code next} (xenalyze's vcpu_prev_update). */
    private void deschedule(PcpuState p, VcpuRunstates v, int next, long tsc) {
        if (v.pcpu != p.id || p.current != v || v.state != RUNNING) {
            warnings.add("d" + v.domain() + "v" + v.vcpu() + ": leaves running at TSC " + tsc + " but was not"
                    + " running there; that interval is not counted");
            v.since = 0;
        }
        closePcpu(p, tsc);
        p.current = null;
        p.startOfTraceCurrent = false;
        v.enter(next, tsc);
    }

    /** {@code v} starts running on {@code p} (xenalyze's vcpu_next_update). */
    private void dispatch(PcpuState p, VcpuRunstates v, long tsc) {
        if (p.current != null) {
            VcpuRunstates stale = p.current;
            if (p.seenValidSchedule) {
                warnings.add("d" + v.domain() + "v" + v.vcpu() + " dispatched on pCPU " + p.id + " at TSC " + tsc
                        + " while d" + stale.domain() + "v" + stale.vcpu() + " was still current there");
            }
            closePcpu(p, tsc);
            stale.enter(LOST, tsc);
            p.current = null;
        }
        if (v.state == RUNNING) {
            warnings.add("d" + v.domain() + "v" + v.vcpu() + " dispatched on pCPU " + p.id + " at TSC " + tsc
                    + " while already running on pCPU " + v.pcpu);
            v.since = 0;
        }
        v.enter(RUNNING, tsc);
        v.pcpu = p.id;
        p.current = v;
        p.open(tsc);
        p.seenValidSchedule = true;
        p.startOfTraceCurrent = false;
    }

    private void closePcpu(PcpuState p, long tsc) {
        if (p.since > 0 && p.current != null && tsc > p.since) {
            if (p.current.domain() == TraceEventIds.IDLE_DOMAIN) p.idleCycles += tsc - p.since;
            else p.busyCycles += tsc - p.since;
            p.accountedTo = tsc;
        }
        p.since = 0;
    }

    /** Lost records (xenalyze's process_lost_records): everything not running may have moved unseen. */
    private void lost(PcpuState p, TraceRecord r) {
        long firstLost = r.lostFromTsc();
        warnings.add("pCPU " + p.id + ": " + (r.word(0) & 0xffff_ffffL) + " records lost from TSC " + firstLost);
        if (p.current != null) deschedule(p, p.current, LOST, firstLost);
        if (!p.lostActive) lostPcpus++;
        p.lostActive = true;
        p.lostTsc = firstLost;
        p.lostCurrent = r.word(1);
        for (VcpuRunstates v : vcpus) {
            if (v.state != RUNNING) v.enter(LOST, firstLost);
        }
    }

    /** The first record after a loss: the VCPU the lost-records record named is current again. */
    private void endLoss(PcpuState p, long tsc) {
        p.lostActive = false;
        lostPcpus--;
        int domain = p.lostCurrent & 0xffff; // struct { did:16, vid:16 }: the domain is the low half here
        int vcpuId = p.lostCurrent >>> 16;
        if (vcpuId < MAX_VCPUS && p.current == null) {
            dispatch(p, vcpu(domain, vcpuId), tsc);
            p.seenValidSchedule = false;
        }
    }

    @Override
    public void endOfPcpu(int pcpu, long lastTsc) {
        PcpuState p = pcpu(pcpu);
        if (mode == Accounting.XENALYZE && p.current != null) {
            // xenalyze's deactivate_pcpu: the current VCPU is cut at this pCPU's last record, as LOST.
            closePcpu(p, lastTsc);
            p.current.enter(LOST, lastTsc);
            p.current = null;
        }
    }

    @Override
    public void endOfTrace() {
        if (mode != Accounting.WHOLE_TRACE) return;
        for (PcpuState p : pcpus) {
            if (p != null && p.current != null) closePcpu(p, traceLastTsc);
        }
        for (VcpuRunstates v : vcpus) {
            if (v.state != VcpuRunstates.INIT) v.enter(v.state, traceLastTsc);
        }
    }

    private VcpuRunstates vcpu(int domain, int vcpuId) {
        VcpuRunstates[] ofDomain = byDomain[domain];
        if (ofDomain == null) ofDomain = byDomain[domain] = new VcpuRunstates[MAX_VCPUS];
        VcpuRunstates v = ofDomain[vcpuId];
        if (v == null) {
            v = ofDomain[vcpuId] = new VcpuRunstates(domain, vcpuId);
            vcpus.add(v);
        }
        return v;
    }

    private PcpuState pcpu(int id) {
        PcpuState p = pcpus[id];
        if (p == null) p = pcpus[id] = new PcpuState(id);
        return p;
    }

    /** What the accounting tracks per pCPU. */
    private static final class PcpuState {
        final int id;
        /** The VCPU current here, if known. */
        VcpuRunstates current;
        /** Nothing is known yet about what runs here (xenalyze's "default domain" is current). */
        boolean startOfTraceCurrent = true;
        long since;
        long firstTsc;
        long busyCycles;
        long idleCycles;
        boolean seenValidSchedule;
        boolean lostActive;
        long lostTsc;
        int lostCurrent;
        /** The TSC up to which busy and idle time are counted: no later interval starts before it. */
        long accountedTo;

        PcpuState(int id) {
            this.id = id;
        }

        /** Opens the current VCPU's interval at {@code tsc} (0: unknown, not counted), never before {@link #accountedTo}. */
        void open(long tsc) {
            since = tsc == 0 ? 0 : Math.max(tsc, accountedTo);
        }
    }
}
