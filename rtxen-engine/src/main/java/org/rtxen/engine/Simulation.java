package org.rtxen.engine;

import org.rtxen.engine.event.EventClass;
import org.rtxen.engine.event.EventQueue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rtxen.engine.guest.Guests;
import org.rtxen.engine.machine.CpuMask;
import org.rtxen.engine.machine.CpuPool;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Host;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.RunState;
import org.rtxen.engine.machine.SchedulingFramework;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.SchedulerFactory;
import org.rtxen.engine.machine.TraceSink;
import org.rtxen.model.Scenario;
import org.rtxen.model.command.Command;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.PcpuResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.VcpuResult;

/**
 * One deterministic simulation of a Xen host over [0, duration): build with {@link #of}, optionally attach
 * observers, then {@link #run()} once. A run is single-threaded and holds no static state, so many runs may
 * proceed in parallel in one JVM. The scenario must already be validated (rtxen-io does that).
 */
public final class Simulation {
    /**
     * Events between two looks at the run's limits, the wall clock and the progress listener: often enough to stop
     * within milliseconds, rare enough that the hot loop pays one comparison per event.
     */
    public static final int CHECK_EVERY = 4096;
    /** {@link SimulationResult#stoppedBy()} of a run stopped by {@link #limit}'s event count. */
    public static final String STOPPED_BY_EVENTS = "max-events";
    /** {@link SimulationResult#stoppedBy()} of a run stopped by {@link #limit}'s wall-clock timeout. */
    public static final String STOPPED_BY_TIMEOUT = "timeout";

    private final Scenario scenario;
    private final EventQueue queue = new EventQueue();
    private final SchedulingFramework framework;
    private final Guests guests;
    private SimulationObserver[] observers = new SimulationObserver[0];
    private TraceSink trace;
    private long events;
    private boolean ran;
    private long maxEvents = Long.MAX_VALUE;
    private long timeoutNs = Long.MAX_VALUE;
    private RunProgress progress = (now, duration, events) -> { };

    private Simulation(Scenario scenario, SchedulerFactory factory) {
        this.scenario = scenario;
        this.framework = new SchedulingFramework(scenario, factory, queue);
        this.guests = new Guests(framework, queue, scenario.seed(), scenario.durationNs());
        framework.attachGuests(guests);
        for (Command c : scenario.commands()) at(c.atNs(), action(c));
    }

    /** What run-time command {@code c} does, as framework operations (the names were checked by the reader). */
    private Runnable action(Command c) {
        Host host = framework.host();
        if (c instanceof Command.AdjustDomain a) return () -> framework.adjust(domain(a.domain()), a.params());
        if (c instanceof Command.AdjustPool a) return () -> framework.adjustGlobal(pool(a.pool()), a.params());
        if (c instanceof Command.PinVcpu p) {
            CpuMask mask = p.cpus().isEmpty() ? CpuMask.of(allPcpus(host)) : CpuMask.of(p.cpus());
            return () -> {
                for (Vcpu v : domain(p.domain()).vcpus()) {
                    if (p.vcpu() < 0 || v.index() == p.vcpu()) framework.setAffinity(v, mask);
                }
            };
        }
        if (c instanceof Command.MigrateDomain m) return () -> framework.moveDomain(domain(m.domain()), pool(m.pool()));
        if (c instanceof Command.AddCpu a) return () -> framework.addPcpu(pool(a.pool()), host.pcpu(a.cpu()));
        if (c instanceof Command.RemoveCpu r) return () -> framework.removePcpu(host.pcpu(r.cpu()));
        if (c instanceof Command.Pause p) return () -> framework.pauseDomain(domain(p.domain()));
        if (c instanceof Command.Unpause u) return () -> framework.unpauseDomain(domain(u.domain()));
        Command.Destroy d = (Command.Destroy) c;
        return () -> framework.destroy(domain(d.domain()));
    }

    private static List<Integer> allPcpus(Host host) {
        List<Integer> all = new ArrayList<>();
        for (Pcpu p : host.pcpus()) all.add(p.id());
        return all;
    }

    private Domain domain(String name) {
        for (Domain d : framework.host().domains()) {
            if (d.name().equals(name)) return d;
        }
        throw new IllegalArgumentException("no domain " + name);
    }

    private CpuPool pool(String name) {
        for (CpuPool p : framework.host().pools()) {
            if (p.name().equals(name)) return p;
        }
        throw new IllegalArgumentException("no pool " + name);
    }

    /** Builds the host, pools (one policy instance each from {@code factory}), domains and guests of {@code scenario}. */
    public static Simulation of(Scenario scenario, SchedulerFactory factory) {
        return new Simulation(scenario, factory);
    }

    /** Adds an observer called after every event; returns this simulation. */
    public Simulation observe(SimulationObserver observer) {
        observers = Arrays.copyOf(observers, observers.length + 1);
        observers[observers.length - 1] = observer;
        return this;
    }

    /**
     * Sends run-state changes, context switches, budget and job events to {@code sink} from the moment the host is
     * built (time 0) to the end; call before {@link #run()}.
     */
    public Simulation trace(TraceSink sink) {
        this.trace = sink;
        return this;
    }

    /**
     * Bounds the run: it stops cleanly after {@code maxEvents} events or once {@code timeoutNs} of wall-clock time
     * have passed (looked at every {@link #CHECK_EVERY} events), and its result then covers the simulated time
     * reached, marked {@link SimulationResult#partial()}. {@code Long.MAX_VALUE} means no bound. An interrupt of the
     * running thread stops it the same way, as a timeout. Call before {@link #run()}.
     */
    public Simulation limit(long maxEvents, long timeoutNs) {
        if (maxEvents <= 0 || timeoutNs <= 0) throw new IllegalArgumentException("limits must be positive");
        this.maxEvents = maxEvents;
        this.timeoutNs = timeoutNs;
        return this;
    }

    /** Reports progress to {@code listener} every {@link #CHECK_EVERY} events; call before {@link #run()}. */
    public Simulation progress(RunProgress listener) {
        this.progress = listener;
        return this;
    }

    /**
     * Schedules an administrative action (e.g. {@code framework().pause(v)} or {@code setAffinity}) at simulated
     * time {@code timeNs}; actions at the same time as other events run last (spec M2). Call before {@link #run()}.
     */
    public Simulation at(long timeNs, Runnable action) {
        queue.newTimer(EventClass.ADMIN, now -> framework.runOnToolstackCpu(action)).set(timeNs);
        return this;
    }

    /** The simulated host (read-only use: its state changes as the run proceeds). */
    public Host host() {
        return framework.host();
    }

    /** The framework, for administrative operations (pause, affinity changes) from observers or tests. */
    public SchedulingFramework framework() {
        return framework;
    }

    /** The current simulated time. */
    public long now() {
        return queue.now();
    }

    /** Events processed so far. */
    public long events() {
        return events;
    }

    /** Runs the whole simulation and returns what it measured; may be called once. */
    public SimulationResult run() {
        if (ran) throw new IllegalStateException("a Simulation runs once");
        ran = true;
        long wallStart = System.nanoTime();
        long end = scenario.durationNs();
        framework.start();
        if (trace != null) {
            // Attached after start-up, so the sink sees the placed host first (TraceSink.start).
            framework.attachTrace(trace);
            guests.attachTrace(trace);
            trace.start(framework.host());
        }
        guests.start();
        SimulationObserver[] obs = observers;
        String stoppedBy = "";
        long nextCheck = Math.min(CHECK_EVERY, maxEvents);
        while (!queue.isEmpty() && queue.peekTime() < end) {
            if (events == nextCheck) {
                stoppedBy = checkLimits(wallStart, end);
                if (!stoppedBy.isEmpty()) break;
                nextCheck = events + Math.min(CHECK_EVERY, maxEvents - events);
            }
            queue.fireNext();
            events++;
            for (SimulationObserver o : obs) o.afterEvent(this);
        }
        // A stopped run has processed every event before now (some at now may remain): its span is [0, now).
        long reached = stoppedBy.isEmpty() ? end : queue.now();
        framework.finish(reached);
        if (trace != null) {
            guests.end(reached);
            trace.end(reached);
        }
        long wall = System.nanoTime() - wallStart;
        return result(reached, wall, stoppedBy);
    }

    /** At a check point: the limit reached ("" for none), after telling the progress listener. */
    private String checkLimits(long wallStart, long end) {
        if (events >= maxEvents) return STOPPED_BY_EVENTS;
        // An interrupt is how a caller's own timeout (around a plan or a report) reaches a run in progress.
        if (System.nanoTime() - wallStart >= timeoutNs || Thread.currentThread().isInterrupted()) {
            return STOPPED_BY_TIMEOUT;
        }
        progress.update(queue.now(), end, events);
        return "";
    }

    private SimulationResult result(long end, long wallNs, String stoppedBy) {
        Host host = framework.host();
        List<DomainResult> domains = new ArrayList<>();
        for (int i = 0; i < host.domains().size(); i++) {
            Domain d = host.domains().get(i);
            List<VcpuResult> vcpus = new ArrayList<>();
            long run = 0;
            for (Vcpu v : d.vcpus()) {
                run += v.timeIn(RunState.RUNNING);
                vcpus.add(new VcpuResult(v.index(), v.timeIn(RunState.RUNNING), v.timeIn(RunState.RUNNABLE),
                        v.timeIn(RunState.BLOCKED), v.timeIn(RunState.OFFLINE)));
            }
            domains.add(new DomainResult(d.id(), d.name(), run, vcpus, guests.taskResults(i, end)));
        }
        List<PcpuResult> pcpus = new ArrayList<>();
        for (Pcpu p : host.pcpus()) {
            pcpus.add(new PcpuResult(p.id(), p.busyNs(), p.contextSwitches(), p.migrations()));
        }
        return new SimulationResult(end, scenario.seed(), events, wallNs, domains, pcpus, stoppedBy);
    }
}
