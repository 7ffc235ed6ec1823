package org.rtxen.experiments.run;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.TraceSink;

/**
 * Keeps every response time of every task of a run (jobs are few: one per period), for exact percentiles and the
 * normalised response-time distribution of the response-time CDF figure.
 */
final class ResponseCollector implements TraceSink {
    /** The growing response times of one task. */
    static final class Samples {
        private long[] values = new long[64];
        private int size;

        void add(long v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }

        /** The sorted samples. */
        long[] sorted() {
            long[] s = Arrays.copyOf(values, size);
            Arrays.sort(s);
            return s;
        }
    }

    /** Per domain name, per task name: no key is built per job. */
    private final Map<String, Map<String, Samples>> byDomain = new HashMap<>();

    @Override
    public void jobCompleted(long now, Domain d, String task, long job, long responseNs, boolean missed) {
        byDomain.computeIfAbsent(d.name(), k -> new HashMap<>()).computeIfAbsent(task, k -> new Samples()).add(responseNs);
    }

    /** The sorted response times of task {@code task} of domain {@code domain} (empty when none completed). */
    long[] sorted(String domain, String task) {
        Samples s = byDomain.getOrDefault(domain, Map.of()).get(task);
        return s == null ? new long[0] : s.sorted();
    }

    /** The sorted union of sorted arrays (a domain's response times from its tasks'). */
    static long[] merge(long[][] sorted) {
        int n = 0;
        for (long[] a : sorted) n += a.length;
        long[] out = new long[n];
        int at = 0;
        for (long[] a : sorted) {
            System.arraycopy(a, 0, out, at, a.length);
            at += a.length;
        }
        Arrays.sort(out);
        return out;
    }

    /** The {@code q}-quantile (0..1) of sorted values, nearest rank; 0 when empty. */
    static long quantile(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
