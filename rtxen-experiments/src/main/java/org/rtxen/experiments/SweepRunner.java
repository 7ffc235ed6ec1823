package org.rtxen.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rtxen.experiments.run.RunOne;
import org.rtxen.experiments.run.RunResult;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.experiments.sweep.RunSpec;
import org.rtxen.experiments.sweep.Sweep;

/**
 * Runs a sweep in this JVM: the runs not yet in the store, on {@code workers} threads, each result stored by one
 * writer as soon as it is ready; then DIR/results.csv and DIR/results.parquet. Started again after a kill, it runs
 * only what is missing.
 */
public final class SweepRunner {
    /** The CSV export's file name. */
    public static final String CSV = "results.csv";
    /** The Parquet export's file name. */
    public static final String PARQUET = "results.parquet";

    private SweepRunner() {}

    /**
     * Runs what is missing of {@code sweep} with its store in {@code dir}.
     *
     * @return the summary of all the sweep's stored runs
     */
    public static Summary run(Sweep sweep, Path dir, int workers, Progress progress) {
        if (workers < 1) throw new IllegalArgumentException("needs at least one worker");
        List<RunSpec> all = sweep.runs();
        long start = System.nanoTime();
        try (ResultStore store = ResultStore.open(dir, sweep)) {
            Set<String> stored = store.keys();
            List<RunSpec> todo = new ArrayList<>();
            for (RunSpec r : all) if (!stored.contains(r.key())) todo.add(r);
            int done = all.size() - todo.size();
            progress.start(all.size(), done);
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "rtxen-sweep-worker");
                t.setDaemon(true);
                return t;
            });
            try {
                ExecutorCompletionService<RunResult> results = new ExecutorCompletionService<>(pool);
                List<Future<RunResult>> futures = new ArrayList<>();
                for (RunSpec r : todo) futures.add(results.submit(() -> RunOne.run(sweep, r)));
                for (int i = 0; i < todo.size(); i++) {
                    store.insert(results.take().get());
                    progress.stored(++done, all.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a run failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
            progress.finish();
            store.exportCsv(dir.resolve(CSV));
            store.exportParquet(dir.resolve(PARQUET));
            return Summary.of(sweep, store, todo.size(), System.nanoTime() - start);
        }
    }
}
