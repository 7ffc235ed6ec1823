package org.rtxen.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a real Xen trace shows: per-VCPU run-state times of every domain (the idle domain's VCPUs are reported as
 * pCPU idle time), per-pCPU busy and idle time, and the RTDS events; all times in ns at the given TSC rate.
 *
 * @param tscRate    the TSC rate used to convert cycles
 * @param accounting how the ends of the trace were accounted
 * @param spanNs     from the first to the last record
 * @param records    records read
 * @param domains    domains in id order, each with its VCPUs in id order
 * @param pcpus      pCPUs in id order
 * @param rtdsEvents RTDS picks, exhaustions and replenishments in trace order (the first
 *                   {@value SchedulerRecords#EVENTS_KEPT})
 * @param rtdsEventsNotKept RTDS events after those, counted only
 * @param warnings   oddities met while reading (contradicting records, lost records)
 */
public record TraceSummary(TscRate tscRate, Accounting accounting, long spanNs, long records, List<Domain> domains,
                           List<Pcpu> pcpus, List<RtdsEvent> rtdsEvents, long rtdsEventsNotKept,
                           TraceWarnings warnings) {
    /** Copies the lists. */
    public TraceSummary {
        domains = List.copyOf(domains);
        pcpus = List.copyOf(pcpus);
        rtdsEvents = List.copyOf(rtdsEvents);
    }

    /** One domain: its Xen domain id and VCPUs. */
    public record Domain(int id, List<Vcpu> vcpus) {
        /** Copies the list. */
        public Domain {
            vcpus = List.copyOf(vcpus);
        }

        /** Total running time of the domain's VCPUs. */
        public long runNs() {
            return vcpus.stream().mapToLong(Vcpu::runNs).sum();
        }
    }

    /**
     * One VCPU's times (ns) and counts.
     *
     * @param id                VCPU id
     * @param runNs             running
     * @param runnableNs        runnable (waiting for a pCPU)
     * @param blockedNs         blocked
     * @param offlineNs         offline (paused or down)
     * @param lostNs            unknown because records were lost (or, with {@link Accounting#XENALYZE}, cut at
     *                          the end)
     * @param wakeNs            part of runnableNs that followed a wake-up: the wake-up latency
     * @param preemptNs         part of runnableNs that followed a preemption
     * @param runIntervals      running intervals (dispatches plus continues, as xenalyze counts them)
     * @param wakeIntervals     runnable intervals after a wake-up
     * @param budgetExhaustions RTDS budget exhaustions
     * @param replenishments    RTDS replenishments
     * @param creditBoosts      Credit BOOST_STARTs
     */
    public record Vcpu(int id, long runNs, long runnableNs, long blockedNs, long offlineNs, long lostNs, long wakeNs,
                       long preemptNs, long runIntervals, long wakeIntervals, long budgetExhaustions,
                       long replenishments, long creditBoosts) {}

    /** One pCPU's busy time (a non-idle VCPU current) and idle time, ns, and its RTDS run-queue picks. */
    public record Pcpu(int id, long busyNs, long idleNs, long rtdsPicks) {}

    /**
     * Reads {@code file} and summarises it; {@code alsoVisit} see every record in the same pass (e.g. a
     * {@link GuestDispatches.Collector}), so the file is read and decoded once.
     */
    public static TraceSummary read(Path file, TscRate rate, Accounting accounting, RecordVisitor... alsoVisit)
            throws IOException {
        try {
            return summarise(pass -> XentraceReader.read(file, pass.visitor(), pass.warnings()), rate, accounting,
                    alsoVisit);
        } catch (ArithmeticException e) {
            throw beyondNanoseconds(file, rate);
        }
    }

    /** Summarises a trace held in memory; {@code name} is used in messages, as the file's name is by {@link #read}. */
    public static TraceSummary read(ByteBuffer bytes, String name, TscRate rate, Accounting accounting)
            throws TraceFormatException {
        try {
            return summarise(pass -> XentraceReader.read(bytes, name, pass.visitor(), pass.warnings()), rate,
                    accounting);
        } catch (ArithmeticException e) {
            throw beyondNanoseconds(name, rate);
        } catch (IOException e) {
            throw (TraceFormatException) e;
        }
    }

    private static TraceFormatException beyondNanoseconds(Object name, TscRate rate) {
        // A cycle count that no long holds in ns at this rate: a damaged time stamp or a wrong --cpu-hz.
        return new TraceFormatException(name + ": time stamps span more than 64-bit nanoseconds hold at " + rate.hz()
                + " Hz (a damaged time stamp, or the wrong CPU frequency)");
    }

    /** How a summary gets its records: one pass of a reader over the file or buffer. */
    private interface Source {
        /** Reads every record once, handing each to {@code pass}, and says what the read saw. */
        XentraceReader.Extent read(Pass pass) throws IOException;
    }

    /** What one pass hands the reader: the visitor of every record and the warnings. */
    private record Pass(RecordVisitor visitor, TraceWarnings warnings) {}

    private static TraceSummary summarise(Source source, TscRate rate, Accounting accounting,
                                          RecordVisitor... alsoVisit) throws IOException {
        TraceWarnings warnings = new TraceWarnings();
        RunstateAccounting runstates = new RunstateAccounting(accounting, warnings);
        SchedulerRecords scheduler = new SchedulerRecords(rate);
        XentraceReader.Extent extent = source.read(new Pass(new RecordVisitor() {
            @Override
            public void record(TraceRecord r) {
                runstates.record(r);
                scheduler.record(r);
                for (RecordVisitor v : alsoVisit) v.record(r);
            }

            @Override
            public void endOfPcpu(int pcpu, long lastTsc) {
                runstates.endOfPcpu(pcpu, lastTsc);
                for (RecordVisitor v : alsoVisit) v.endOfPcpu(pcpu, lastTsc);
            }

            @Override
            public void endOfTrace() {
                runstates.endOfTrace();
                for (RecordVisitor v : alsoVisit) v.endOfTrace();
            }
        }, warnings));
        return of(rate, accounting, extent, runstates, scheduler, warnings);
    }

    /**
     * The check before anything is printed: no VCPU's run states, and no pCPU's busy and idle time, add up to more than
     * the trace's span, whatever the trace's damage (the reader and the accounting exclude what they cannot place).
     *
     * @throws IllegalStateException if they do: a defect in rtxen, not in the trace
     */
    static void checkConsistent(long spanCycles, RunstateAccounting runstates) {
        for (VcpuRunstates v : runstates.vcpus()) {
            long sum = 0;
            for (Runstate state : Runstate.values()) sum = Math.addExact(sum, v.cycles(state));
            if (sum > spanCycles) {
                throw new IllegalStateException("d" + v.domain() + "v" + v.vcpu() + "'s run states add up to " + sum
                        + " cycles, more than the trace's span of " + spanCycles);
            }
        }
        for (RunstateAccounting.PcpuTime p : runstates.pcpus()) {
            if (Math.addExact(p.busyCycles(), p.idleCycles()) > spanCycles) {
                throw new IllegalStateException("pCPU " + p.pcpu() + "'s busy and idle time add up to "
                        + (p.busyCycles() + p.idleCycles()) + " cycles, more than the trace's span of " + spanCycles);
            }
        }
    }

    private static TraceSummary of(TscRate rate, Accounting accounting, XentraceReader.Extent extent,
                                   RunstateAccounting runstates, SchedulerRecords scheduler, TraceWarnings warnings) {
        checkConsistent(extent.lastTsc() - extent.firstTsc(), runstates);
        List<Domain> domains = new ArrayList<>();
        List<Vcpu> current = new ArrayList<>();
        int currentDomain = -1;
        for (VcpuRunstates v : runstates.vcpus()) {
            if (v.domain() == TraceEventIds.IDLE_DOMAIN) continue;
            if (v.domain() != currentDomain && !current.isEmpty()) {
                domains.add(new Domain(currentDomain, current));
                current = new ArrayList<>();
            }
            currentDomain = v.domain();
            current.add(new Vcpu(v.vcpu(), rate.toNs(v.cycles(Runstate.RUNNING)),
                    rate.toNs(v.cycles(Runstate.RUNNABLE)), rate.toNs(v.cycles(Runstate.BLOCKED)),
                    rate.toNs(v.cycles(Runstate.OFFLINE)), rate.toNs(v.cycles(Runstate.LOST)),
                    rate.toNs(v.wakeCycles()), rate.toNs(v.preemptCycles()), v.count(Runstate.RUNNING),
                    v.wakeCount(), scheduler.exhaustions(v.domain(), v.vcpu()),
                    scheduler.replenishments(v.domain(), v.vcpu()), scheduler.creditBoosts(v.domain(), v.vcpu())));
        }
        if (!current.isEmpty()) domains.add(new Domain(currentDomain, current));
        List<Pcpu> pcpus = new ArrayList<>();
        for (RunstateAccounting.PcpuTime p : runstates.pcpus()) {
            pcpus.add(new Pcpu(p.pcpu(), rate.toNs(p.busyCycles()), rate.toNs(p.idleCycles()),
                    scheduler.picks(p.pcpu())));
        }
        return new TraceSummary(rate, accounting, rate.toNs(extent.lastTsc() - extent.firstTsc()), extent.records(),
                domains, pcpus, scheduler.rtdsEvents(), scheduler.rtdsEventsNotKept(), warnings);
    }
}
