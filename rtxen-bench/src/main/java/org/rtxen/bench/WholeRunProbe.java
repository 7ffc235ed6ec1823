package org.rtxen.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rtxen.engine.event.EventClass;
import org.rtxen.engine.event.EventQueue;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.event.Timer;
import org.rtxen.model.Scenario;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Schedulers;

/**
 * A whole-run throughput and allocation probe (not JMH): runs standard workloads and a bare event-queue hold model
 * several times on one thread and prints events per CPU-second of the thread (from
 * {@code com.sun.management.ThreadMXBean}, robust on a loaded machine), events per wall-clock second and bytes
 * allocated per event (set-up included). Usage: {@code WholeRunProbe [simulated-seconds] [runs] [workload...]}; the
 * workloads (default {@code rtds4}) are named as {@link #scenario} reads them and run interleaved, one run of each
 * per round, so that a change in the machine's load affects them alike; the summary gives each one's best and median
 * rate over the rounds after the first (JIT warm-up).
 */
public final class WholeRunProbe {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private WholeRunProbe() {}

    /** Runs the probe and prints one line per run, then a summary per workload. */
    public static void main(String[] args) {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String[] workloads = args.length > 2 ? Arrays.copyOfRange(args, 2, args.length) : new String[] {"rtds4"};
        long tid = Thread.currentThread().getId();
        double[][] rates = new double[workloads.length + 1][runs];
        long[] eventCounts = new long[workloads.length + 1];
        double[] bytesPerEvent = new double[workloads.length + 1];
        System.out.printf(Locale.ROOT, "load average %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (int i = 0; i < runs; i++) {
            for (int w = 0; w < workloads.length; w++) {
                long bytes0 = MX.getThreadAllocatedBytes(tid);
                long cpu0 = MX.getCurrentThreadCpuTime();
                SimulationResult r = Simulation.of(scenario(workloads[w], seconds * 1_000_000_000L), Schedulers.factory()).run();
                long cpu = MX.getCurrentThreadCpuTime() - cpu0;
                long bytes = MX.getThreadAllocatedBytes(tid) - bytes0;
                rates[w][i] = r.events() * 1e3 / cpu;
                eventCounts[w] = r.events();
                bytesPerEvent[w] = (double) bytes / r.events();
                System.out.printf(Locale.ROOT, "%s run %d: %d events, %.2f M events/s wall, %.2f M events/CPU-s,"
                        + " %.3f bytes/event (incl. setup)%n", workloads[w], i, r.events(), r.events() * 1e3 / r.wallNs(),
                        rates[w][i], bytesPerEvent[w]);
            }
            long events = 20_000_000;
            long bytes0 = MX.getThreadAllocatedBytes(tid);
            long cpu0 = MX.getCurrentThreadCpuTime();
            holdModel(64, events);
            long cpu = MX.getCurrentThreadCpuTime() - cpu0;
            rates[workloads.length][i] = events * 1e3 / cpu;
            eventCounts[workloads.length] = events;
            bytesPerEvent[workloads.length] = (double) (MX.getThreadAllocatedBytes(tid) - bytes0) / events;
        }
        System.out.printf(Locale.ROOT, "load average %.2f; M events/CPU-s over rounds %s:%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), runs > 1 ? "2.." + runs : "1");
        for (int w = 0; w <= workloads.length; w++) {
            double[] r = Arrays.copyOfRange(rates[w], runs > 1 ? 1 : 0, runs);
            Arrays.sort(r);
            System.out.printf(Locale.ROOT, "  %-22s %10d events  best %6.2f  median %6.2f  %.3f bytes/event%n",
                    w < workloads.length ? workloads[w] : "hold model (64 timers)", eventCounts[w], r[r.length - 1],
                    r[r.length / 2], bytesPerEvent[w]);
        }
    }

    /**
     * A workload by name: {@code rtds4}, {@code credit4}, {@code sedf4}, {@code rtxen1_4-SERVER} (an RT-Xen 1.0 server
     * name, e.g. {@code rtxen1_4-deferrable}), {@code rtglobal4}, {@code rtpartition4}, or a registered policy's name
     * for the standard workload with its defaults.
     */
    static Scenario scenario(String name, long durationNs) {
        if (name.startsWith("rtxen1_4-")) return StandardScenarios.rtxen1_4(durationNs, name.substring("rtxen1_4-".length()));
        return switch (name) {
            case "rtds4" -> StandardScenarios.rtds4(durationNs);
            case "credit4" -> StandardScenarios.credit4(durationNs);
            case "sedf4" -> StandardScenarios.sedf4(durationNs);
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
