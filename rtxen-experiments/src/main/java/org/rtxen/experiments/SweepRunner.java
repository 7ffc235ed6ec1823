package org.rtxen.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rtxen.experiments.run.RunOne;
import org.rtxen.experiments.run.RunResult;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.experiments.sweep.RunSpec;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.io.InputException;

/**
 * Runs a sweep in this JVM: the runs not yet in the store, on {@code workers} threads; then DIR/results.csv and
 * DIR/results.parquet ({@link ResultStore#export}). Each worker records its finished run in the store's journal before it takes the next one,
 * and this thread commits the recorded runs to the database every {@link #COMMIT_INTERVAL_NS} (one transaction
 * costs milliseconds of CPU, a run tens of them). Started again after a kill, it runs only what is missing: the
 * runs that were in flight, at most one per worker.
 */
public final class SweepRunner {
    /** How often the recorded runs are committed to the database, in nanoseconds. */
    static final long COMMIT_INTERVAL_NS = 2_000_000_000L;
    /** Runs submitted at a time per worker: each has the next queued behind its current one. */
    private static final int IN_FLIGHT_PER_WORKER = 2;

    private SweepRunner() {}

    /**
     * Runs what is missing of {@code sweep} with its store in {@code dir}.
     *
     * @return the summary of all the sweep's stored runs
     */
    public static Summary run(Sweep sweep, Path dir, int workers, Progress progress) {
        return run(sweep, dir, workers, progress, Long.MAX_VALUE, ResultStore.Delivery.UNBOUNDED);
    }

    /**
     * {@link #run(Sweep, Path, int, Progress)} that stops taking new runs once {@code timeoutNs} of wall-clock time
     * have passed: the runs in flight finish and are stored (a run is never cut short, so none is stored as failed),
     * the rest wait for the next start, and nothing is exported unless those were the last runs; the summary then
     * counts fewer runs than the sweep has. An export written in place (a FIFO) gets its content through
     * {@code delivery}, which may bound its wait.
     */
    public static Summary run(Sweep sweep, Path dir, int workers, Progress progress, long timeoutNs,
                              ResultStore.Delivery delivery) {
        if (workers < 1) throw new IllegalArgumentException("needs at least one worker");
        List<RunSpec> all = sweep.runs();
        long start = System.nanoTime();
        try (ResultStore store = ResultStore.open(dir, sweep)) {
            Set<String> stored = store.keys();
            refuseDropped(stored, all, dir, sweep.name());
            List<RunSpec> todo = new ArrayList<>();
            for (RunSpec r : all) if (!stored.contains(r.key())) todo.add(r);
            int done = all.size() - todo.size();
            progress.start(all.size(), done);
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "rtxen-sweep-worker");
                t.setDaemon(true);
                return t;
            });
            AtomicBoolean stopping = new AtomicBoolean();
            int ran = 0;
            try {
                ExecutorCompletionService<RunResult> results = new ExecutorCompletionService<>(pool);
                Iterator<RunSpec> next = todo.iterator();
                int inFlight = 0;
                // A bounded window of runs submitted, in order: a queued task costs memory, and millions of them
                // filled the heap before the first one ran.
                for (; inFlight < IN_FLIGHT_PER_WORKER * workers && next.hasNext(); inFlight++) {
                    submit(results, sweep, next.next(), store, stopping);
                }
                long lastCommit = System.nanoTime();
                while (inFlight > 0) {
                    long now = System.nanoTime();
                    if (now - start >= timeoutNs) stopping.set(true);
                    long wait = Math.min(lastCommit + COMMIT_INTERVAL_NS - now, timeoutNs - (now - start));
                    Future<RunResult> f = results.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
                    if (f != null) {
                        inFlight--;
                        if (f.get() != null) {
                            ran++;
                            progress.stored(++done, all.size());
                        }
                        if (!stopping.get() && next.hasNext()) {
                            submit(results, sweep, next.next(), store, stopping);
                            inFlight++;
                        }
                    }
                    if (System.nanoTime() - lastCommit >= COMMIT_INTERVAL_NS) {
                        store.commit();
                        lastCommit = System.nanoTime();
                    }
                }
                store.commit();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof InputException stop) throw stop; // the store could not take the run
                throw new IllegalStateException("a run failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
            progress.finish();
            // Complete, even when a timeout came while its last runs were in flight.
            if (done == all.size()) store.export(delivery);
            return Summary.of(sweep, store, ran, System.nanoTime() - start);
        }
    }

    /** Submits run {@code r}, which records its result in {@code store}, or is skipped once {@code stopping} is set. */
    private static void submit(ExecutorCompletionService<RunResult> results, Sweep sweep, RunSpec r, ResultStore store,
                               AtomicBoolean stopping) {
        results.submit(() -> {
            if (stopping.get()) return null; // the time is up: left for the next start
            RunResult result = RunOne.run(sweep, r);
            store.record(result);
            return result;
        });
    }

    /**
     * Refuses a store that holds runs the sweep no longer has (a utilisation point or replication removed from its
     * file), which its export and summary would otherwise count as its own.
     */
    private static void refuseDropped(Set<String> stored, List<RunSpec> all, Path dir, String name) {
        Set<String> dropped = new TreeSet<>(stored);
        for (RunSpec r : all) dropped.remove(r.key());
        if (dropped.isEmpty()) return;
        throw new InputException(dir.toString(), null, 0, "holds " + dropped.size() + " runs that sweep '" + name
                + "' no longer has (e.g. " + dropped.iterator().next() + "): a utilisation point or replication was"
                + " removed; put it back or use another --out");
    }
}
