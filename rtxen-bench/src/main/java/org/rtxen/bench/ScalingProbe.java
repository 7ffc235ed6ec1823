package org.rtxen.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.rtxen.engine.Simulation;
import org.rtxen.model.Scenario;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Schedulers;

/**
 * How the cost of an event grows with the size of the simulated system (not JMH; robust on a loaded machine because
 * it reads the thread's CPU time): for each policy and each {@link Size} of {@link StandardScenarios#sized}, the
 * simulated duration is chosen so that a run processes about {@code events} events, the run is repeated
 * {@code runs} times in one JVM, and the best and median rates in events per CPU-second are printed with the bytes
 * allocated per event (set-up included), next to the bare event queue's rate ({@link WholeRunProbe#holdModel}). Each
 * round also runs the scenario for twice the duration, and the <em>marginal</em> rate is the second half's events over
 * the second half's CPU time (least of the rounds for each duration): the cost of an event without the set-up, the
 * result and the first touch of every structure, which grow with the size but are paid once per run.
 *
 * <p>Usage: {@code ScalingProbe [events] [runs] [policies|all] [sizes]}, e.g. {@code ScalingProbe 2000000 5 rtds,credit
 * p4,p256,t500} (policies as {@link StandardScenarios#sized} names them; default: every one in
 * {@link StandardScenarios#POLICIES}); with {@code threads=N} as the first argument it instead runs {@code N}
 * independent simulations of each
 * size at once, one per thread, and prints the total and per-thread rates. With {@code start} as the first argument
 * ({@code ScalingProbe start [runs] [policies|all] [sizes]}, default sizes p256 to p2048) it prints what starting a
 * simulation costs instead: the least CPU time, over the runs, of building the simulation and simulating its first
 * millisecond, in which every VCPU is created, placed and woken.
 */
public final class ScalingProbe {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A point of the family: pCPUs, domains (two VCPUs each) and tasks per guest. */
    public record Size(String name, int pcpus, int domains, int tasks) {
        /** The host series: 2 domains per pCPU, 5 tasks per guest. */
        static Size pcpus(int n) {
            return new Size("p" + n, n, 2 * n, 5);
        }

        /** The guest series: 4 pCPUs, 8 domains. */
        static Size tasks(int n) {
            return new Size("t" + n, 4, 8, n);
        }

        /** The scenario of this size under {@code kind}, {@code durationNs} long. */
        public Scenario scenario(String kind, long durationNs) {
            return StandardScenarios.sized(kind, pcpus, domains, tasks, durationNs);
        }
    }

    /**
     * Every size the probe knows: 4 to 2048 pCPUs, 5 to 500 tasks per guest (p8 and p32 on request only: around the
     * host size where RTDS switches from walking the busy pCPUs to ranking them; p512 to p2048 for the cost of
     * starting).
     */
    public static final List<Size> SIZES = List.of(Size.pcpus(4), Size.pcpus(8), Size.pcpus(16), Size.pcpus(32),
            Size.pcpus(64), Size.pcpus(256), Size.pcpus(512), Size.pcpus(1024), Size.pcpus(2048), Size.tasks(50),
            Size.tasks(500));
    private static final long ONE_MS = 1_000_000;

    private ScalingProbe() {}

    /** Runs the probe; see the class comment for the arguments. */
    public static void main(String[] args) throws InterruptedException {
        int threads = 1;
        if (args.length > 0 && args[0].startsWith("threads=")) {
            threads = Integer.parseInt(args[0].substring("threads=".length()));
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        boolean start = args.length > 0 && args[0].equals("start"); // in the place of the event count
        long events = start ? 0 : args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> kinds = new ArrayList<>();
        kinds.addAll(args.length > 2 && !args[2].equals("all") ? List.of(args[2].split(",")) : StandardScenarios.POLICIES);
        List<Size> sizes = new ArrayList<>();
        String defaultSizes = start ? "p256,p512,p1024,p2048" : "p4,p16,p64,p256,t50,t500";
        for (String name : (args.length > 3 ? args[3] : defaultSizes).split(",")) {
            sizes.add(SIZES.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no size " + name)));
        }
        System.out.printf(Locale.ROOT, "load average %.2f, %d threads%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), threads);
        for (String kind : kinds) {
            for (Size size : sizes) {
                if (start) {
                    measureStart(kind, size, runs);
                    continue;
                }
                Scenario s = size.scenario(kind, durationFor(size, kind, events));
                if (threads == 1) measure(kind, size, s, runs); else measureThreads(kind, size, s, runs, threads);
            }
        }
        if (start) return;
        double hold = 0;
        for (int i = 0; i < runs; i++) {
            long cpu0 = MX.getCurrentThreadCpuTime();
            WholeRunProbe.holdModel(64, 20_000_000);
            hold = Math.max(hold, 20_000_000 * 1e3 / (MX.getCurrentThreadCpuTime() - cpu0));
        }
        System.out.printf(Locale.ROOT, "bare queue (hold model, 64 timers): best %.2f M events/CPU-s%n", hold);
    }

    /** The simulated duration (ns) that makes a run of {@code size} process about {@code events} events. */
    static long durationFor(Size size, String kind, long events) {
        long probe = 200_000_000L;
        SimulationResult r = Simulation.of(size.scenario(kind, probe), Schedulers.factory()).run();
        return Math.max(probe, (long) (probe * ((double) events / Math.max(1, r.events()))));
    }

    /**
     * Measures {@code s} (of {@code size} under {@code kind}) {@code runs} times, prints its line and returns its
     * marginal rate.
     */
    static double measure(String kind, Size size, Scenario s, int runs) {
        Scenario twice = size.scenario(kind, 2 * s.durationNs());
        double[] rates = new double[runs];
        long tid = Thread.currentThread().getId();
        long events = 0;
        long twiceEvents = 0;
        long leastCpu = Long.MAX_VALUE;
        long leastTwiceCpu = Long.MAX_VALUE;
        double bytesPerEvent = 0;
        for (int i = 0; i < runs; i++) {
            long bytes0 = MX.getThreadAllocatedBytes(tid);
            long cpu0 = MX.getCurrentThreadCpuTime();
            SimulationResult r = Simulation.of(s, Schedulers.factory()).run();
            long cpu = MX.getCurrentThreadCpuTime() - cpu0;
            events = r.events();
            bytesPerEvent = (double) (MX.getThreadAllocatedBytes(tid) - bytes0) / events;
            rates[i] = events * 1e3 / cpu;
            leastCpu = Math.min(leastCpu, cpu);
            long twice0 = MX.getCurrentThreadCpuTime();
            twiceEvents = Simulation.of(twice, Schedulers.factory()).run().events();
            leastTwiceCpu = Math.min(leastTwiceCpu, MX.getCurrentThreadCpuTime() - twice0);
        }
        Arrays.sort(rates);
        double marginal = (twiceEvents - events) * 1e3 / Math.max(1, leastTwiceCpu - leastCpu);
        System.out.printf(Locale.ROOT, "%-8s %-5s %4d pCPUs %4d domains %4d tasks/guest: %9d events (%.2f s simulated),"
                + " best %6.2f, median %6.2f, marginal %6.2f M events/CPU-s, %.3f bytes/event%n", kind, size.name(),
                size.pcpus(), size.domains(), size.tasks(), events, s.durationNs() / 1e9, rates[runs - 1],
                rates[runs / 2], marginal, bytesPerEvent);
        return marginal;
    }

    private static void measureStart(String kind, Size size, int runs) {
        long least = Long.MAX_VALUE;
        long events = 0;
        for (int i = 0; i < runs; i++) {
            Scenario s = size.scenario(kind, ONE_MS);
            long cpu0 = MX.getCurrentThreadCpuTime();
            events = Simulation.of(s, Schedulers.factory()).run().events();
            least = Math.min(least, MX.getCurrentThreadCpuTime() - cpu0);
        }
        System.out.printf(Locale.ROOT, "%-8s %-5s %4d pCPUs %4d domains: start and first ms (%d events) %8.1f ms CPU%n",
                kind, size.name(), size.pcpus(), size.domains(), events, least / 1e6);
    }

    private static void measureThreads(String kind, Size size, Scenario s, int runs, int threads)
            throws InterruptedException {
        for (int i = 0; i < runs; i++) {
            long[] events = new long[threads];
            long[] cpu = new long[threads];
            long[] bytes = new long[threads];
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int slot = t;
                Thread w = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    long tid = Thread.currentThread().getId();
                    long b0 = MX.getThreadAllocatedBytes(tid);
                    long c0 = MX.getCurrentThreadCpuTime();
                    events[slot] = Simulation.of(s, Schedulers.factory()).run().events();
                    cpu[slot] = MX.getCurrentThreadCpuTime() - c0;
                    bytes[slot] = MX.getThreadAllocatedBytes(tid) - b0;
                });
                workers.add(w);
                w.start();
            }
            long t0 = System.nanoTime();
            start.countDown();
            for (Thread w : workers) w.join();
            long wall = System.nanoTime() - t0;
            long total = Arrays.stream(events).sum();
            System.out.printf(Locale.ROOT, "%-8s %-5s x%d threads, run %d: %.2f M events/wall-s in total, per thread %.2f M"
                    + " events/CPU-s, %.1f MB/s allocated in total%n", kind, size.name(), threads, i,
                    total * 1e3 / wall, total * 1e3 / Arrays.stream(cpu).sum(),
                    Arrays.stream(bytes).sum() * 1e3 / wall);
        }
    }
}
