package org.rtxen.experiments;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.rtxen.experiments.run.RunOne;
import org.rtxen.experiments.run.RunResult;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.experiments.sweep.RunKeys;
import org.rtxen.experiments.sweep.RunSpec;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.io.InputException;
import org.rtxen.model.Quoted;

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
     * counts fewer runs than the sweep has, and has no figures ({@link Summary#stopped}). An export written in place (a
     * FIFO) gets its content through {@code delivery}, which may bound its wait.
     */
    public static Summary run(Sweep sweep, Path dir, int workers, Progress progress, long timeoutNs,
                              ResultStore.Delivery delivery) {
        long start = System.nanoTime();
        if (workers < 1) throw new IllegalArgumentException("needs at least one worker");
        List<RunSpec> all = sweep.runs();
        try (ResultStore store = ResultStore.open(dir, sweep)) {
            BitSet stored = stored(store, sweep, dir);
            int done = stored.cardinality();
            progress.start(all.size(), done);
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "rtxen-sweep-worker");
                t.setDaemon(true);
                return t;
            });
            // A bound already spent (the caller's clock may have started before the sweep was read) starts no run.
            AtomicBoolean stopping = new AtomicBoolean(System.nanoTime() - start >= timeoutNs);
            int ran = 0;
            try {
                ExecutorCompletionService<RunResult> results = new ExecutorCompletionService<>(pool);
                // The runs not stored yet, in the sweep's order, each computed when its turn comes.
                Iterator<RunSpec> next = IntStream.range(0, all.size()).filter(i -> !stored.get(i)).mapToObj(all::get)
                        .iterator();
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
            // Stopped: no figures, which would read every stored run (a minute for millions) past the timeout.
            if (done < all.size()) return Summary.stopped(done, ran, System.nanoTime() - start);
            store.export(delivery); // complete, even when a timeout came while its last runs were in flight
            return Summary.of(store, ran, System.nanoTime() - start);
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
     * The indices of the runs of {@code sweep} that {@code store} holds; refuses a store that holds runs the sweep no
     * longer has (a utilisation point or replication removed from its file), which its export and summary would
     * otherwise count as its own.
     */
    private static BitSet stored(ResultStore store, Sweep sweep, Path dir) {
        RunKeys keys = new RunKeys(sweep);
        BitSet stored = new BitSet(sweep.runCount());
        var dropped = new Object() {
            int count;
            String first; // in the keys' order
        };
        store.forEachKey(key -> {
            int i = keys.indexOf(key);
            if (i >= 0) {
                stored.set(i);
            } else {
                dropped.count++;
                if (dropped.first == null || key.compareTo(dropped.first) < 0) dropped.first = key;
            }
        });
        if (dropped.count == 0) return stored;
        throw new InputException(dir.toString(), null, 0, "holds " + dropped.count + " runs that sweep "
                + Quoted.of(sweep.name()) + " no longer has (e.g. " + dropped.first + "): a utilisation point or replication was"
                + " removed; put it back or use another --out");
    }
}
