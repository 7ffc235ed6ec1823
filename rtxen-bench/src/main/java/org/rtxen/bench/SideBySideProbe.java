package org.rtxen.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two builds of rtxen compared on the size family in one JVM, so that the machine's drift and noise (a shared host
 * moves single rates by 20 % and more) hit both alike: each build's classes are loaded by a class loader of their own,
 * each size's runs alternate between the builds (order swapped every round), and the median of the per-round rate
 * ratios is printed with each build's best and median rate (thread CPU time, events per CPU-second), after dropping
 * the first quarter of the rounds as warm-up.
 *
 * <p>Usage: {@code SideBySideProbe A B rounds events policies sizes}, where A and B are class paths (the module
 * class directories of two checkouts, joined by the path separator), e.g. {@code SideBySideProbe "$BEFORE" "$AFTER"
 * 24 300000 rtds,credit p4,p256,t500} ({@code all}: every policy). Neither build needs anything outside rtxen on its class path.
 */
public final class SideBySideProbe {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private SideBySideProbe() {}

    /** Runs the comparison; see the class comment for the arguments. */
    public static void main(String[] args) throws ReflectiveOperationException, MalformedURLException {
        int rounds = Integer.parseInt(args[2]);
        long events = Long.parseLong(args[3]);
        int warmUp = rounds / 4;
        List<String> kinds = args[4].equals("all") ? StandardScenarios.POLICIES : List.of(args[4].split(","));
        for (String kind : kinds) {
            for (String size : args[5].split(",")) {
                Build a = new Build(args[0], kind, size, events);
                Build b = new Build(args[1], kind, size, events);
                double[] rateA = new double[rounds - warmUp];
                double[] rateB = new double[rounds - warmUp];
                double[] ratio = new double[rounds - warmUp];
                for (int i = 0; i < rounds; i++) {
                    double ra;
                    double rb;
                    if (i % 2 == 0) {
                        ra = a.run();
                        rb = b.run();
                    } else {
                        rb = b.run();
                        ra = a.run();
                    }
                    if (i < warmUp) continue;
                    rateA[i - warmUp] = ra;
                    rateB[i - warmUp] = rb;
                    ratio[i - warmUp] = rb / ra;
                }
                System.out.printf(Locale.ROOT, "%-18s %-5s A best %6.2f median %6.2f | B best %6.2f median %6.2f"
                        + " M events/CPU-s | B/A median %.3f%n", kind, size, best(rateA), median(rateA), best(rateB),
                        median(rateB), median(ratio));
            }
        }
    }

    private static double best(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** One build's scenario of a size, run through its own classes. */
    private static final class Build {
        private final Object scenario;
        private final Object factory;
        private final Method of;
        private final Method run;
        private final Method events;

        Build(String classPath, String kind, String size, long eventsPerRun)
                throws ReflectiveOperationException, MalformedURLException {
            List<URL> urls = new ArrayList<>();
            for (String dir : classPath.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) urls.add(Path.of(dir).toUri().toURL());
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            Class<?> probe = loader.loadClass(ScalingProbe.class.getName());
            Object found = null;
            for (Object s : (List<?>) probe.getField("SIZES").get(null)) {
                if (s.getClass().getMethod("name").invoke(s).equals(size)) found = s;
            }
            if (found == null) throw new IllegalArgumentException("no size " + size);
            Method durationFor = probe.getDeclaredMethod("durationFor", found.getClass(), String.class, long.class);
            durationFor.setAccessible(true); // package-private, and so in every older build to compare with
            long duration = (long) durationFor.invoke(null, found, kind, eventsPerRun);
            scenario = found.getClass().getMethod("scenario", String.class, long.class).invoke(found, kind, duration);
            Class<?> simulation = loader.loadClass("org.rtxen.engine.Simulation");
            factory = loader.loadClass("org.rtxen.sched.Schedulers").getMethod("factory").invoke(null);
            of = Arrays.stream(simulation.getMethods())
                    .filter(m -> m.getName().equals("of") && m.getParameterCount() == 2).findFirst().orElseThrow();
            run = simulation.getMethod("run");
            events = loader.loadClass("org.rtxen.model.result.SimulationResult").getMethod("events");
        }

        /** One run's rate in M events per CPU-second. */
        double run() throws ReflectiveOperationException {
            Object simulation = of.invoke(null, scenario, factory);
            long cpu0 = MX.getCurrentThreadCpuTime();
            Object result = run.invoke(simulation);
            long cpu = MX.getCurrentThreadCpuTime() - cpu0;
            return (long) events.invoke(result) * 1e3 / cpu;
        }
    }
}
