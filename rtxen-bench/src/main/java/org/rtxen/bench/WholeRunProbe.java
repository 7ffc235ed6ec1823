package org.rtxen.bench;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.rtxen.engine.event.EventClass;
import org.rtxen.engine.event.EventQueue;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.event.Timer;
import org.rtxen.model.Scenario;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Schedulers;

/**
 * A whole-run throughput and allocation probe (not JMH): runs the standard RTDS scenario and a bare
 * event-queue hold model several times on one thread and prints events per second and bytes allocated per
 * event (from {@code com.sun.management.ThreadMXBean}). Usage: {@code WholeRunProbe [simulated-seconds] [runs]
 * [workload...]}; each named workload also runs: a policy name (e.g. {@code credit2 null}) runs the standard
 * workload with that policy's defaults ({@link StandardScenarios#withDefaults}); {@code rtxen1_4-SERVER},
 * {@code rtglobal4} and {@code rtpartition4} run the RT-Xen versions of it ({@link #scenario}).
 */
public final class WholeRunProbe {
    private WholeRunProbe() {}

    /** Runs the probe and prints one line per run. */
    public static void main(String[] args) {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String workload = args.length > 2 ? args[2] : "rtds4";
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < runs; i++) {
            long bytes0 = mx.getThreadAllocatedBytes(tid);
            long cpu0 = mx.getCurrentThreadCpuTime();
            long ns = seconds * 1_000_000_000L;
            Scenario s = switch (workload) {
                case "rtds4" -> StandardScenarios.rtds4(ns);
                case "credit4" -> StandardScenarios.credit4(ns);
                case "sedf4" -> StandardScenarios.sedf4(ns);
                default -> throw new IllegalArgumentException("workloads: rtds4, credit4, sedf4");
            };
            SimulationResult r = Simulation.of(s, Schedulers.factory()).run();
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            long bytes = mx.getThreadAllocatedBytes(tid) - bytes0;
            System.out.printf(workload + " run %d: %d events, wall %.3f s = %.2f M events/s, thread CPU %.3f s = %.2f M events/CPU-s,"
                    + " %.3f bytes/event (incl. setup)%n", i, r.events(), r.wallNs() / 1e9, r.events() * 1e3 / r.wallNs(),
                    cpu / 1e9, r.events() * 1e3 / cpu, (double) bytes / r.events());
        }
        for (int a = 2; a < args.length; a++) {
            for (int i = 0; i < runs; i++) {
                long cpu0 = mx.getCurrentThreadCpuTime();
                long bytes0 = mx.getThreadAllocatedBytes(tid);
                SimulationResult r = Simulation.of(scenario(args[a], seconds * 1_000_000_000L), Schedulers.factory()).run();
                long cpu = mx.getCurrentThreadCpuTime() - cpu0;
                long bytes = mx.getThreadAllocatedBytes(tid) - bytes0;
                System.out.printf("%s (standard workload) run %d: %d events, %.2f M events/s wall, %.2f M events/CPU-s,"
                        + " %.3f bytes/event (incl. setup)%n", args[a], i, r.events(), r.events() * 1e3 / r.wallNs(),
                        r.events() * 1e3 / cpu, (double) bytes / r.events());
            }
        }
        for (int i = 0; i < runs; i++) {
            long events = 50_000_000;
            long bytes0 = mx.getThreadAllocatedBytes(tid);
            long cpu0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            holdModel(64, events);
            long wall = System.nanoTime() - t0;
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            long bytes = mx.getThreadAllocatedBytes(tid) - bytes0;
            System.out.printf("hold model (64 timers) run %d: %.2f M events/s wall, %.2f M events/CPU-s, %.3f bytes/event%n",
                    i, events * 1e3 / wall, events * 1e3 / cpu, (double) bytes / events);
        }
    }

    /**
     * A workload by name: {@code rtxen1_4-SERVER} (an RT-Xen 1.0 server name, e.g. {@code rtxen1_4-deferrable}),
     * {@code rtglobal4}, {@code rtpartition4}, or a registered policy's name for the standard workload with its
     * defaults.
     */
    static Scenario scenario(String name, long durationNs) {
        if (name.startsWith("rtxen1_4-")) return StandardScenarios.rtxen1_4(durationNs, name.substring("rtxen1_4-".length()));
        return switch (name) {
            case "rtglobal4" -> StandardScenarios.rtglobal4(durationNs);
            case "rtpartition4" -> StandardScenarios.rtpartition4(durationNs);
            default -> StandardScenarios.withDefaults(name, durationNs);
        };
    }

    /** The classic hold model: n timers, each re-arming itself at now + a pseudo-random increment when it fires. */
    static void holdModel(int n, long events) {
        EventQueue q = new EventQueue();
        SplittableRandom rnd = new SplittableRandom(1);
        long[] increments = new long[4096];
        for (int i = 0; i < increments.length; i++) increments[i] = 1 + rnd.nextLong(1_000_000);
        Timer[] timers = new Timer[n];
        int[] cursor = {0};
        for (int i = 0; i < n; i++) {
            int id = i;
            timers[i] = q.newTimer(EventClass.POLICY_TIMER,
                    now -> timers[id].set(now + increments[cursor[0]++ & (increments.length - 1)]));
            timers[i].set(increments[i]);
        }
        for (long e = 0; e < events; e++) q.fireNext();
    }
}
